require "vacation"; vacation :days 0 "x";
