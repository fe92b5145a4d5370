require "reject"; reject "Message refuse";
