require "fileinto"; fileinto "${x}";
