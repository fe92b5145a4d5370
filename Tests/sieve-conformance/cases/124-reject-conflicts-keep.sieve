require "reject"; reject "non"; keep;
