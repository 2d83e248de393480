module leakscope/patterns-slice

go 1.19
