vacation "x";
