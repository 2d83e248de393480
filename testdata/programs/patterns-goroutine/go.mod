module leakscope/patterns-goroutine

go 1.19
