module leakscope/patterns-closure

go 1.19
