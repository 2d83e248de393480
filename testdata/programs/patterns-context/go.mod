module leakscope/patterns-context

go 1.19
