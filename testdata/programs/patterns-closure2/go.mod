module leakscope/patterns-closure2

go 1.19
