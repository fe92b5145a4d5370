reject "non";
