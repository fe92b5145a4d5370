keep if true { }
