require "copy"; redirect :copy "archive@college-exemple.fr";
