module leakscope/programs

go 1.19
