module leakscope/patterns-slice3

go 1.19
