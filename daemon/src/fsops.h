// SPDX-License-Identifier: MIT
// fsops.h: what file operations say to a board's raw REPL (pure: no I/O).
//
// Board paths are checked and normalised here; each operation is a short Python program built
// here with its paths as Python string literals, using only what stock MicroPython has (os,
// sys.stdin.buffer / sys.stdout.buffer, json, hashlib where present). Transfers are binary:
//
// Upload: the program reads chunks from stdin, each a length byte N+4 (5..255) and N bytes in
// which 0x01..0x04 and ESC are sent as ESC, byte+0x40: a board never delivers its interrupt
// character (0x03) as data, and chunk bytes left in its RX buffer by a cancelled upload must
// mean nothing to the raw REPL that reads them next (0x01, 0x02 and 0x04 are its keys, as the
// length bytes 1..4 would be). The program writes one ACK byte per chunk it has stored, so the
// host keeps at most two chunks (two raw-paste windows) in the board's RX buffer. A length byte
// 0 ends the data; then come the 64 hex digits of the SHA-256 the host saw.
//
// Download: the program writes frames on stdout: 0x01, a u16 big-endian length, that many
// bytes; 0x02 ends the data, followed by a text line (the SHA-256 in hex, or empty). A 0x04
// where a frame should start ends the output section (an exception follows).
#ifndef REPLHUB_FSOPS_H
#define REPLHUB_FSOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"

#define FSOPS_PATH_MAX       (1024)      // bytes of a board path
#define FSOPS_NAME_MAX       (255)       // bytes of one name in it
#define FSOPS_SCRIPT_MAX     (16u << 10) // a generated program
#define FSOPS_TEXT_MAX       (1u << 20)  // text a program prints for us (a listing, say)
#define FSOPS_FRAME_MAX      (4096)      // download frame payload
#define FSOPS_READ_CHUNK     (512)       // bytes the board reads from a file per frame
#define FSOPS_CHUNK_MAX      (255)       // upload chunk, length byte included
#define FSOPS_TMP_NAME       ".replhub.tmp"
#define FSOPS_ESC            (0x1b)
#define FSOPS_ESC_OFFSET     (0x40) // an escaped byte is sent as ESC, byte + 0x40
#define FSOPS_LEN_OFFSET     (4)    // a chunk's length byte is its data length + 4
#define FSOPS_CHUNK_DATA_MAX (255 - FSOPS_LEN_OFFSET) // encoded bytes in one chunk
#define FSOPS_ACK            (0x06)
#define FSOPS_SHA256_HEX     (64)
// The directory part of a path leaves room for the temporary file an upload writes there.
#define FSOPS_DIR_MAX (FSOPS_PATH_MAX - (int)sizeof("/" FSOPS_TMP_NAME) + 1)

// Normalises [in] (percent-decoded, [in_len] bytes) into [out] ([out_len] >= FSOPS_PATH_MAX+1):
// absolute, no empty or "." segments, no trailing '/' ("/" for the root). Returns 0, or ERR_INVAL
// with the reason in [err] for "..", control characters, bad UTF-8, over-long names or paths, or a
// directory part over FSOPS_DIR_MAX bytes.
int fsops_path_normalize(const char *in, size_t in_len, char *out, size_t out_len, char *err,
                         size_t err_len);

// The directory part of normalised [path] ("/" for "/a"), into [out] of [out_len] bytes.
void fsops_path_dir(const char *path, char *out, size_t out_len);

// The temporary file an upload to [path] is written to (".replhub.tmp" in its directory).
void fsops_tmp_path(const char *path, char *out, size_t out_len);

// The helper functions the programs below call (_rh_*), defined in the board's globals by
// running this once per board session; it also sets _rh_v to FSOPS_HELPERS_VERSION. A program
// run without them fails with a NameError naming an _rh_ function.
#define FSOPS_HELPERS_VERSION "2"
char *fsops_script_helpers(void);

// The programs. Each returns a malloc'd NUL-terminated text, or NULL when out of memory.
char *fsops_script_stat(const char *path); // prints "ISDIR SIZE"
char *fsops_script_list(const char *path); // prints JSON [[[name,isdir,size]...],total,free]
char *fsops_script_read(const char *path); // download frames, then the hash line
char *fsops_script_write(const char *path,
                         const char *tmp); // upload protocol; prints "ok SIZE" | "unverified SIZE"
char *fsops_script_commit(const char *tmp, const char *path); // rename over the target; prints SIZE
char *fsops_script_delete(const char *path, bool recursive);
char *fsops_script_mkdir(const char *path); // with parents; EEXIST for the last
char *fsops_script_rename(const char *from, const char *to);
char *fsops_script_hash(const char *path);         // prints "SIZE HEX" ("SIZE -" without hashlib)
char *fsops_script_remove_quiet(const char *path); // removes a stray file, errors ignored
// The line typed at the friendly prompt to run [path]: exec(open(P).read()) and "\r".
char *fsops_run_line(const char *path);

// Encodes the next upload chunk from [in] ([in_len] > 0 bytes) into [out] ([room] bytes, 3..
// FSOPS_CHUNK_MAX, the length byte included: an escaped byte needs 2). Returns the bytes written;
// [used] receives the input bytes it carries (at least 1).
size_t fsops_encode_chunk(const uint8_t *in, size_t in_len, size_t *used, uint8_t *out,
                          size_t room);

// The end of upload data: a 0 length byte, then [hex] (FSOPS_SHA256_HEX digits).
size_t fsops_encode_end(const char *hex, uint8_t *out, size_t room);

// Follows download frames inside a program's output.
struct fsops_frames {
    enum { FRAMES_MARK, FRAMES_LEN_HI, FRAMES_LEN_LO, FRAMES_DATA, FRAMES_TEXT } st;
    size_t left;    // payload bytes still due in this frame
    bool ended;     // 0x02 seen: the data is complete
    bool malformed; // a byte that starts no frame: the rest is text
    void (*data)(void *ctx, const uint8_t *data, size_t len);
    void *ctx;
    char text[256]; // the line after the data (or what followed a malformed byte)
    size_t text_len;
};

void fsops_frames_init(struct fsops_frames *f, void (*data)(void *, const uint8_t *, size_t),
                       void *ctx);

// Consumes [len] bytes; returns how many belong to the output section (stopping short at the
// 0x04 that ends it, found only where a frame may start), as struct rawrepl_io.out wants.
size_t fsops_frames_feed(struct fsops_frames *f, const uint8_t *data, size_t len);

// An uncaught exception from the error section of a program.
struct fsops_error {
    enum api_error code; // API_ERR_FILE_NOT_FOUND for ENOENT, ..., API_ERR_BOARD_ERROR
    char type[48];       // "OSError"
    char message[160];   // "[Errno 2] ENOENT"
    char errname[16];    // "ENOENT", or "" when not an OSError with a known errno
};

// Reads the last line of a traceback ([len] bytes) into [out]. KeyboardInterrupt is
// API_ERR_CANCELLED.
void fsops_parse_error(const char *text, size_t len, struct fsops_error *out);

// [len] bytes of program output as a NUL-terminated UTF-8 text for JSON: every byte that does not
// start a valid sequence (and NUL) becomes U+FFFD. malloc'd; NULL when out of memory.
char *fsops_utf8_text(const uint8_t *data, size_t len);

// Lowercase hex of [len] bytes into [out] (2*len+1 bytes).
void fsops_hex(const uint8_t *data, size_t len, char *out);

#endif
