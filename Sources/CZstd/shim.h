// The Zstandard library from Debian's libzstd-dev: the archive's block compressor.
#include <zstd.h>
