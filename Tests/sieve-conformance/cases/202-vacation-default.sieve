require "vacation"; vacation "Je suis absente jusqu'au 3 janvier.";
