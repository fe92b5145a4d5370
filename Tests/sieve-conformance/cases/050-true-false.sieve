if false { discard; } elsif true { stop; }
