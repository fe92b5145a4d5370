require "fileinto"; fileinto "inbox";
