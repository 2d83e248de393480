module leakscope/patterns-timer

go 1.19
