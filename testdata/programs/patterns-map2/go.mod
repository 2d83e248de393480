module leakscope/patterns-map2

go 1.19
