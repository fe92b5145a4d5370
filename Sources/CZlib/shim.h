// zlib from Debian's zlib1g-dev: CRC-32 of archive blocks and gzip decoding of imported mbox.gz files.
// inflateInit2 is a macro in zlib.h; Swift cannot call macros, so it is wrapped as a function.
#include <zlib.h>

static inline int mailsift_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: accept a gzip or a zlib header, detected automatically.
    return inflateInit2(stream, 15 + 32);
}
