module leakscope/patterns-httpbody

go 1.19
