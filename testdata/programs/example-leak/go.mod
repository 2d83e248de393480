module leakyservice

go 1.19
