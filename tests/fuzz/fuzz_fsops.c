// SPDX-License-Identifier: MIT
// fuzz_fsops.c: libFuzzer target: the parsers and encoders of daemon/src/fsops.c.
//
// The first input byte picks what the rest is given to:
// - download frames (fsops_frames_feed), fed whole, one byte at a time and in random splits:
//   all three agree with each other and with a model written from fsops.h (payload, where the
//   output section ends, the text line), payload arrives in non-empty pieces inside the bytes
//   fed, and nothing is read past them;
// - a traceback (fsops_parse_error): every field NUL-terminated and trimmed, the code in range
//   and consistent with the exception type; the same bytes as JSON text (fsops_utf8_text) are
//   valid UTF-8, unchanged when they already were;
// - a board path (fsops_path_normalize): accepted exactly when fsops.h says it is; the result
//   absolute, without empty, "." or ".." names, valid UTF-8, within the limits, naming the
//   same segments, a fixed point; its directory and temporary file path fit without being
//   cut; the programs built for it carry it as a Python literal that reads back the same;
// - upload data (fsops_encode_chunk): chunk by chunk, no byte 0x01..0x04 (raw REPL keys, the
//   length byte included), within the room, as full as the room allows, and decoded as the
//   board program does it gives back the input.

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fsops.h"
#include "fuzz_check.h"

#define PAYLOAD_MAX (1u << 20) // payload kept for comparison (the input is smaller)

// ---- download frames ----

struct result {
    uint8_t *payload;
    size_t payload_len;
    size_t stop; // offset of the 0x04 that ended the output section, or the input length
    bool ended, malformed;
    char text[sizeof(((struct fsops_frames *)0)->text)];
    const uint8_t *chunk; // the bytes being fed
    size_t chunk_len;
};

static void on_data(void *ctx, const uint8_t *data, size_t len) {
    struct result *r = ctx;
    CHECK(len > 0);
    CHECK(data >= r->chunk && data + len <= r->chunk + r->chunk_len);
    CHECK(r->payload_len + len <= PAYLOAD_MAX);
    memcpy(r->payload + r->payload_len, data, len);
    r->payload_len += len;
}

static uint32_t next_rand(uint32_t *state) {
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

// mode 0: whole; 1: byte by byte; else random splits seeded by [mode].
static void run_frames(const uint8_t *data, size_t len, uint32_t mode, struct result *r) {
    struct fsops_frames f;
    fsops_frames_init(&f, on_data, r);
    r->payload_len = 0;
    r->stop = len;
    size_t off = 0;
    uint32_t rng = mode | 1;
    while (off < len) {
        size_t n = len - off;
        if (mode == 1) {
            n = 1;
        } else if (mode > 1) {
            size_t pick = next_rand(&rng) % 300 + 1;
            n = pick < n ? pick : n;
        }
        // Exactly [n] bytes of their own, so ASan sees any read past them.
        uint8_t *piece = malloc(n);
        CHECK(piece != NULL);
        memcpy(piece, data + off, n);
        r->chunk = piece;
        r->chunk_len = n;
        size_t used = fsops_frames_feed(&f, piece, n);
        free(piece);
        CHECK(used <= n);
        if (used < n) {
            CHECK(data[off + used] == 0x04);
            r->stop = off + used;
            break;
        }
        off += n;
    }
    CHECK(f.text_len < sizeof(f.text) && f.text[f.text_len] == '\0');
    r->ended = f.ended;
    r->malformed = f.malformed;
    memcpy(r->text, f.text, sizeof(r->text));
}

// The frame format of fsops.h, byte by byte.
static void model_frames(const uint8_t *data, size_t len, struct result *r) {
    size_t i = 0;
    r->payload_len = 0;
    r->ended = r->malformed = false;
    r->stop = len;
    size_t text_start = len;
    while (i < len) {
        if (data[i] == 0x04) {
            r->stop = i;
            break;
        }
        if (data[i] == 0x02) {
            r->ended = true;
            text_start = i + 1;
            break;
        }
        if (data[i] != 0x01 || i + 2 >= len) {
            if (data[i] != 0x01) {
                r->malformed = true;
                text_start = i;
            }
            break; // an unfinished header at the end is still pending
        }
        size_t n = (size_t)data[i + 1] << 8 | data[i + 2];
        if (n == 0 || n > FSOPS_FRAME_MAX) {
            r->malformed = true;
            text_start = i + 3;
            break;
        }
        size_t have = len - (i + 3) < n ? len - (i + 3) : n;
        memcpy(r->payload + r->payload_len, data + i + 3, have);
        r->payload_len += have;
        i += 3 + have;
    }
    memset(r->text, 0, sizeof(r->text));
    if (text_start < len) {
        const uint8_t *end = memchr(data + text_start, 0x04, len - text_start);
        size_t n = end != NULL ? (size_t)(end - (data + text_start)) : len - text_start;
        if (end != NULL) {
            r->stop = (size_t)(end - data);
        }
        size_t keep = n < sizeof(r->text) - 1 ? n : sizeof(r->text) - 1;
        memcpy(r->text, data + text_start, keep);
    }
}

static void same(const struct result *a, const struct result *b) {
    CHECK(a->payload_len == b->payload_len);
    CHECK(memcmp(a->payload, b->payload, a->payload_len) == 0);
    CHECK(a->stop == b->stop);
    CHECK(a->ended == b->ended && a->malformed == b->malformed);
    CHECK(memcmp(a->text, b->text, sizeof(a->text)) == 0);
}

static void fuzz_frames(const uint8_t *data, size_t len) {
    if (len == 0) {
        return;
    }
    uint32_t seed = data[0] | 2u;
    data++, len--;
    static uint8_t bufs[4][PAYLOAD_MAX];
    struct result r[4] = {
        {.payload = bufs[0]}, {.payload = bufs[1]}, {.payload = bufs[2]}, {.payload = bufs[3]}};
    run_frames(data, len, 0, &r[0]);
    run_frames(data, len, 1, &r[1]);
    run_frames(data, len, seed, &r[2]);
    model_frames(data, len, &r[3]);
    same(&r[0], &r[1]);
    same(&r[0], &r[2]);
    same(&r[0], &r[3]);
}

// ---- UTF-8 ----

// Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF), written apart from
// fsops.c's.
static bool is_utf8(const uint8_t *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i];
        size_t n = c < 0x80                 ? 1
                   : c >= 0xc2 && c <= 0xdf ? 2
                   : c >= 0xe0 && c <= 0xef ? 3
                   : c >= 0xf0 && c <= 0xf4 ? 4
                                            : 0;
        if (n == 0 || i + n > len) {
            return false;
        }
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        if ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0) ||
            (c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90)) {
            return false;
        }
        i += n;
    }
    return true;
}

// Program output made JSON text (fsops_utf8_text): valid UTF-8 without NUL, the input itself
// when that already was, and never more than three bytes per input byte.
static void check_utf8_text(const uint8_t *data, size_t len) {
    uint8_t *in = malloc(len > 0 ? len : 1); // exact size: ASan sees any read past it
    CHECK(in != NULL);
    memcpy(in, data, len);
    char *t = fsops_utf8_text(in, len);
    CHECK(t != NULL);
    size_t n = strlen(t);
    CHECK(n <= 3 * len && is_utf8((const uint8_t *)t, n));
    if (is_utf8(data, len) && memchr(data, 0, len) == NULL) {
        CHECK(n == len && memcmp(t, data, len) == 0);
    }
    free(t);
    free(in);
}

// ---- tracebacks ----

static bool is_terminated(const char *s, size_t size) {
    return memchr(s, '\0', size) != NULL;
}

// No leading space, and no trailing whitespace unless the field was cut at its size.
static bool is_trimmed(const char *s, size_t size) {
    size_t n = strlen(s);
    if (n == 0) {
        return true;
    }
    bool cut = n == size - 1;
    return s[0] != ' ' && (cut || (s[n - 1] != ' ' && s[n - 1] != '\r'));
}

static void fuzz_error(const uint8_t *data, size_t len) {
    char *text = malloc(len > 0 ? len : 1);
    CHECK(text != NULL);
    memcpy(text, data, len);
    struct fsops_error e;
    fsops_parse_error(text, len, &e);
    free(text);
    check_utf8_text(data, len);
    CHECK(is_terminated(e.type, sizeof(e.type)) && is_terminated(e.message, sizeof(e.message)));
    CHECK(is_terminated(e.errname, sizeof(e.errname)));
    CHECK(is_trimmed(e.type, sizeof(e.type)) && is_trimmed(e.message, sizeof(e.message)));
    CHECK(strchr(e.type, '\n') == NULL && strchr(e.message, '\n') == NULL);
    CHECK((unsigned)e.code < API_ERR_COUNT);
    CHECK((e.code == API_ERR_CANCELLED) == (strcmp(e.type, "KeyboardInterrupt") == 0));
    if (e.errname[0] != '\0') {
        CHECK(strcmp(e.type, "OSError") == 0);
    }
    if (strcmp(e.type, "OSError") != 0 && e.code != API_ERR_CANCELLED) {
        CHECK(e.code == API_ERR_BOARD_ERROR);
    }
}

// ---- paths ----

// The names of [p] that matter: not empty, not ".". Returns how many, -1 for "..", or -2 for
// more than [max] (too many for any path within the limits).
static int segments(const char *p, size_t len, const char **seg, size_t *seg_len, size_t max) {
    int count = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && p[i] == '/') {
            i++;
        }
        size_t start = i;
        while (i < len && p[i] != '/') {
            i++;
        }
        size_t n = i - start;
        if (n == 0 || (n == 1 && p[start] == '.')) {
            continue;
        }
        if (n == 2 && p[start] == '.' && p[start + 1] == '.') {
            return -1;
        }
        if ((size_t)count == max) {
            return -2;
        }
        seg[count] = p + start;
        seg_len[count] = n;
        count++;
    }
    return count;
}

// Reads the Python string literal at [s] (as add_repr writes it) into [out]; false when [s]
// holds no such literal.
static bool read_literal(const char *s, char *out, size_t out_len) {
    if (*s++ != '\'') {
        return false;
    }
    size_t o = 0;
    while (*s != '\'') {
        if (*s == '\0' || (uint8_t)*s < 0x20 || *s == 0x7f || o + 1 >= out_len) {
            return false;
        }
        char c = *s++;
        if (c == '\\') {
            c = *s++;
            unsigned v;
            if (c == 'x' && sscanf(s, "%2x", &v) == 1) {
                c = (char)v;
                s += 2;
            } else if (c != '\\' && c != '\'') {
                return false;
            }
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return true;
}

// [script] holds [path] as a literal right after one of the places [before] occurs (the path
// itself may hold [before] too).
static void check_literal(char *script, const char *before, const char *path) {
    CHECK(script != NULL);
    bool found = false;
    char back[FSOPS_PATH_MAX * 2];
    for (const char *at = strstr(script, before); at != NULL && !found;
         at = strstr(at + 1, before)) {
        found = read_literal(at + strlen(before), back, sizeof(back)) && strcmp(back, path) == 0;
    }
    CHECK(found);
    free(script);
}

static void fuzz_path(const uint8_t *data, size_t len) {
    char *in = malloc(len > 0 ? len : 1); // exact size: ASan sees any read past it
    char *out = malloc(FSOPS_PATH_MAX + 1);
    char *err = malloc(ERR_LEN);
    CHECK(in != NULL && out != NULL && err != NULL);
    memcpy(in, data, len);
    err[0] = '\0';
    int rc = fsops_path_normalize(in, len, out, FSOPS_PATH_MAX + 1, err, ERR_LEN);

    // What fsops.h promises, decided apart from fsops.c.
    static const char *seg[FSOPS_PATH_MAX], *out_seg[FSOPS_PATH_MAX];
    static size_t seg_len[FSOPS_PATH_MAX], out_seg_len[FSOPS_PATH_MAX];
    bool valid = is_utf8(data, len);
    for (size_t i = 0; i < len; i++) {
        valid = valid && data[i] >= 0x20 && data[i] != 0x7f && data[i] != '\\';
    }
    int nseg = segments(in, len, seg, seg_len, FSOPS_PATH_MAX);
    size_t total = 0;
    valid = valid && nseg >= 0;
    for (int i = 0; i < nseg; i++) {
        valid = valid && seg_len[i] <= FSOPS_NAME_MAX;
        total += 1 + seg_len[i];
    }
    valid = valid && total <= FSOPS_PATH_MAX;
    // The directory part leaves room for the upload's temporary file.
    valid = valid && (nseg <= 0 || total - 1 - seg_len[nseg - 1] <= (size_t)FSOPS_DIR_MAX);
    if (rc != 0) {
        CHECK(rc == ERR_INVAL && err[0] != '\0' && is_terminated(err, ERR_LEN));
        CHECK(!valid);
        goto done;
    }
    CHECK(valid);

    size_t n = strlen(out);
    CHECK(out[0] == '/' && n <= FSOPS_PATH_MAX);
    CHECK(n == 1 || out[n - 1] != '/');
    CHECK(strstr(out, "//") == NULL);
    CHECK(is_utf8((const uint8_t *)out, n));
    int nout = segments(out, n, out_seg, out_seg_len, FSOPS_PATH_MAX);
    CHECK(nout == nseg);
    for (int i = 0; i < nout; i++) {
        CHECK(out_seg_len[i] == seg_len[i] && memcmp(out_seg[i], seg[i], seg_len[i]) == 0);
        CHECK(!(out_seg_len[i] == 1 && out_seg[i][0] == '.'));
    }

    // A fixed point.
    char *again = malloc(FSOPS_PATH_MAX + 1);
    CHECK(again != NULL);
    CHECK(fsops_path_normalize(out, n, again, FSOPS_PATH_MAX + 1, err, ERR_LEN) == 0);
    CHECK(strcmp(again, out) == 0);

    // Its directory, and the temporary file an upload writes there, fit whole.
    char dir[FSOPS_PATH_MAX + 1], tmp[FSOPS_PATH_MAX + 1];
    fsops_path_dir(out, dir, sizeof(dir));
    size_t dn = strlen(dir);
    CHECK(dir[0] == '/' && dn <= n && memcmp(dir, out, dn) == 0);
    CHECK(n == 1 || out[dn == 1 ? 0 : dn] == '/');
    CHECK(strchr(out + (dn == 1 ? 1 : dn + 1), '/') == NULL);
    fsops_tmp_path(out, tmp, sizeof(tmp));
    size_t want = (dn == 1 ? 0 : dn) + 1 + strlen(FSOPS_TMP_NAME);
    CHECK(strlen(tmp) == want);
    CHECK(fsops_path_normalize(tmp, want, again, FSOPS_PATH_MAX + 1, err, ERR_LEN) == 0);
    CHECK(strcmp(again, tmp) == 0);
    free(again);

    // The programs carry it as a literal that reads back the same.
    check_literal(fsops_script_stat(out), "os.stat(", out);
    check_literal(fsops_script_list(out), "_rh_l(", out);
    check_literal(fsops_script_read(out), "_rh_r(", out);
    check_literal(fsops_script_write(out, tmp), "_rh_w(", out);
    check_literal(fsops_script_delete(out, true), "_rh_d(", out);
    check_literal(fsops_script_delete(out, false), "_rh_d(", out);
    check_literal(fsops_script_mkdir(out), "\nos.mkdir(", out);
    check_literal(fsops_script_hash(out), "_rh_h(", out);
    check_literal(fsops_script_remove_quiet(out), "os.remove(", out);
    check_literal(fsops_script_commit(tmp, out), "print(os.stat(", out);
    check_literal(fsops_script_rename(out, tmp), "_rh_mv(", out);
    char *line = fsops_run_line(out);
    CHECK(line != NULL && strchr(line, '\n') == NULL && line[strlen(line) - 1] == '\r');
    check_literal(line, "exec(open(", out);
done:
    free(in);
    free(out);
    free(err);
}

// ---- upload chunks ----

// Python's bytes.replace([from] (2 bytes), [to]) on [d] of [*n] bytes, in place.
static void replace2(uint8_t *d, size_t *n, const uint8_t from[2], uint8_t to) {
    size_t o = 0;
    for (size_t i = 0; i < *n; i++) {
        if (i + 1 < *n && d[i] == from[0] && d[i + 1] == from[1]) {
            d[o++] = to;
            i++;
        } else {
            d[o++] = d[i];
        }
    }
    *n = o;
}

static void fuzz_chunks(const uint8_t *data, size_t len) {
    if (len < 2) {
        return;
    }
    // 3..FSOPS_CHUNK_MAX, now and then more (the encoder clamps it).
    size_t room = data[0] < 0xf0 ? 3 + data[0] % (FSOPS_CHUNK_MAX - 2) : 256 + data[0];
    size_t room_eff = room < FSOPS_CHUNK_MAX ? room : FSOPS_CHUNK_MAX;
    data++, len--;
    uint8_t *out = malloc(room);
    CHECK(out != NULL);
    size_t pos = 0;
    while (pos < len) {
        size_t used = 0;
        size_t n = fsops_encode_chunk(data + pos, len - pos, &used, out, room);
        CHECK(n >= 2 && n <= room_eff && n - 1 <= FSOPS_CHUNK_DATA_MAX);
        CHECK(out[0] == n - 1 + FSOPS_LEN_OFFSET);
        for (size_t i = 0; i < n; i++) {
            CHECK(out[i] == 0 || out[i] > 0x04); // no raw REPL key, the length byte included
        }
        CHECK(used >= 1 && used <= len - pos);
        // Decoded as the board program does: for c in 01 02 03 04 1b, replace(ESC c+0x40, c).
        static const uint8_t order[] = {0x01, 0x02, 0x03, 0x04, FSOPS_ESC};
        uint8_t dec[FSOPS_CHUNK_MAX];
        size_t dn = n - 1;
        memcpy(dec, out + 1, dn);
        for (size_t k = 0; k < sizeof(order); k++) {
            uint8_t pair[2] = {FSOPS_ESC, (uint8_t)(order[k] + FSOPS_ESC_OFFSET)};
            replace2(dec, &dn, pair, order[k]);
        }
        CHECK(dn == used && memcmp(dec, data + pos, used) == 0);
        // As full as the room allows: the next byte did not fit.
        if (pos + used < len) {
            uint8_t c = data[pos + used];
            size_t unit = (c >= 0x01 && c <= 0x04) || c == FSOPS_ESC ? 2 : 1;
            CHECK(n + unit > room_eff || n - 1 + unit > FSOPS_CHUNK_DATA_MAX);
        }
        pos += used;
    }
    static const char hex[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    uint8_t end[1 + FSOPS_SHA256_HEX];
    CHECK(fsops_encode_end(hex, end, sizeof(end) - 1) == 0);
    CHECK(fsops_encode_end(hex, end, sizeof(end)) == sizeof(end));
    CHECK(end[0] == 0 && memcmp(end + 1, hex, FSOPS_SHA256_HEX) == 0);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const fuzz_fn fns[] = {fuzz_frames, fuzz_error, fuzz_path, fuzz_chunks};
    fuzz_dispatch(data, size, fns, sizeof(fns) / sizeof(fns[0]));
    return 0;
}
