module leakscope/patterns-timer2

go 1.19
