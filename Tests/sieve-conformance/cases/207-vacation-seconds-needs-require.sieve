require "vacation"; vacation :seconds 172800 "x";
