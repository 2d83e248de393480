module churnsessions

go 1.19
