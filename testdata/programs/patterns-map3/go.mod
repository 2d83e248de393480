module leakscope/patterns-map3

go 1.19
