require "vacation-seconds"; vacation :days 1 :seconds 86400 "x";
