require "vacation"; vacation :from "pas une adresse" "x";
