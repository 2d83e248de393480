module leakscope/patterns-slice2

go 1.19
