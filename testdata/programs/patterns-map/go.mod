module leakscope/patterns-map

go 1.19
