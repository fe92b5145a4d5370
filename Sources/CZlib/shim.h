// zlib from Debian's zlib1g-dev: CRC-32 of archive blocks, gzip decoding of imported mbox.gz files, and
// IMAP COMPRESS=DEFLATE.
// inflateInit2 is a macro in zlib.h; Swift cannot call macros, so it is wrapped as a function.
#include <zlib.h>

static inline int mailsift_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: accept a gzip or a zlib header, detected automatically.
    return inflateInit2(stream, 15 + 32);
}

// Raw deflate (no header, 15 window bits) as IMAP COMPRESS=DEFLATE (RFC 4978) requires, both ways.
static inline int mailsift_deflate_init_raw(z_stream *stream) {
    return deflateInit2(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}

static inline int mailsift_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
