require "fileinto"; fileinto text:
Archive
.
;
