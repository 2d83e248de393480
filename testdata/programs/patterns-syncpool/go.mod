module leakscope/patterns-syncpool

go 1.19
