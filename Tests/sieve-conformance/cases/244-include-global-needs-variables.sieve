require "include"; global "x";
