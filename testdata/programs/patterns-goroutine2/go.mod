module leakscope/patterns-goroutine2

go 1.19
