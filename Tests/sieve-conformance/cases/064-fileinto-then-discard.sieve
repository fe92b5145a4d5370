require "fileinto"; fileinto "Spam"; discard;
