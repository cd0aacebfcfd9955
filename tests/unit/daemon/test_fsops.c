// SPDX-License-Identifier: MIT
// test_fsops.c: board paths, the upload chunk encoding (decoded as the board program does),
// download frames split at every byte, and tracebacks read back into API errors.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "fsops.h"

static int norm(const char *in, char *out) {
    char err[ERR_LEN];
    return fsops_path_normalize(in, strlen(in), out, FSOPS_PATH_MAX + 1, err, sizeof(err));
}

static void paths_are_normalised(void **state) {
    (void)state;
    char out[FSOPS_PATH_MAX + 1];
    assert_int_equal(norm("", out), 0);
    assert_string_equal(out, "/");
    assert_int_equal(norm("/", out), 0);
    assert_string_equal(out, "/");
    assert_int_equal(norm("a//b/./c/", out), 0);
    assert_string_equal(out, "/a/b/c");
    assert_int_equal(norm("/lib/my mod.py", out), 0);
    assert_string_equal(out, "/lib/my mod.py");
    assert_int_equal(norm("/d\xc3\xa9j\xc3\xa0/\xe2\x82\xac.py", out), 0); // déjà/€.py
    assert_int_equal(norm("/it's \"q\".py", out), 0);
}

static void bad_paths_are_refused(void **state) {
    (void)state;
    char out[FSOPS_PATH_MAX + 1];
    assert_int_equal(norm("/a/../../etc", out), ERR_INVAL);
    assert_int_equal(norm("..", out), ERR_INVAL);
    assert_int_equal(norm("/a\nb", out), ERR_INVAL);
    assert_int_equal(norm("/a\x7f", out), ERR_INVAL);
    assert_int_equal(norm("/a\\b", out), ERR_INVAL);
    assert_int_equal(norm("/\xc3", out), ERR_INVAL);         // truncated sequence
    assert_int_equal(norm("/\xc0\xaf", out), ERR_INVAL);     // overlong '/'
    assert_int_equal(norm("/\xed\xa0\x80", out), ERR_INVAL); // a surrogate
    char name[FSOPS_NAME_MAX + 3] = "/";
    memset(name + 1, 'n', FSOPS_NAME_MAX + 1);
    name[FSOPS_NAME_MAX + 2] = '\0';
    assert_int_equal(norm(name, out), ERR_INVAL);
    name[FSOPS_NAME_MAX + 1] = '\0'; // exactly the limit
    assert_int_equal(norm(name, out), 0);
    char *deep = malloc(2 * FSOPS_PATH_MAX);
    for (int i = 0; i < FSOPS_PATH_MAX; i++) {
        deep[2 * i] = '/', deep[2 * i + 1] = 'd';
    }
    deep[2 * FSOPS_PATH_MAX - 1] = '\0';
    assert_int_equal(norm(deep, out), ERR_INVAL);
    free(deep);
}

static void temporary_file_sits_beside_the_target(void **state) {
    (void)state;
    char out[FSOPS_PATH_MAX + 1];
    fsops_tmp_path("/a.py", out, sizeof(out));
    assert_string_equal(out, "/.replhub.tmp");
    fsops_tmp_path("/lib/x/a.py", out, sizeof(out));
    assert_string_equal(out, "/lib/x/.replhub.tmp");
    fsops_path_dir("/lib/x/a.py", out, sizeof(out));
    assert_string_equal(out, "/lib/x");
}

// Any path that normalises leaves room for its temporary file: the longest directory allowed
// gives a temporary path of exactly FSOPS_PATH_MAX bytes, one byte more is refused.
static void temporary_file_always_fits(void **state) {
    (void)state;
    char in[FSOPS_PATH_MAX + 1], out[FSOPS_PATH_MAX + 1], tmp[FSOPS_PATH_MAX + 2];
    size_t dir = FSOPS_DIR_MAX;
    for (size_t i = 0; i < dir; i++) {
        in[i] = i % 200 == 0 ? '/' : 'd';
    }
    memcpy(in + dir, "/f", 3);
    assert_int_equal(norm(in, out), 0);
    fsops_tmp_path(out, tmp, sizeof(tmp));
    assert_int_equal(strlen(tmp), FSOPS_PATH_MAX);
    assert_memory_equal(tmp + dir, "/" FSOPS_TMP_NAME, sizeof(FSOPS_TMP_NAME) + 1);
    in[dir] = 'd';
    memcpy(in + dir + 1, "/f", 3);
    assert_int_equal(norm(in, out), ERR_INVAL);
}

// The board program's decoding: for c in 01 02 03 04 1b: replace(ESC c+0x40, c), in that order.
static size_t board_decode(const uint8_t *in, size_t n, uint8_t *out) {
    static const uint8_t order[] = {0x01, 0x02, 0x03, 0x04, FSOPS_ESC};
    uint8_t a[FSOPS_CHUNK_MAX], b[FSOPS_CHUNK_MAX];
    memcpy(a, in, n);
    for (size_t k = 0; k < sizeof(order); k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (a[i] == FSOPS_ESC && i + 1 < n && a[i + 1] == order[k] + FSOPS_ESC_OFFSET) {
                b[m++] = order[k], i++;
            } else {
                b[m++] = a[i];
            }
        }
        memcpy(a, b, m);
        n = m;
    }
    memcpy(out, a, n);
    return n;
}

static void upload_chunks_round_trip_every_byte_value(void **state) {
    (void)state;
    enum { N = 20000 };
    uint8_t *data = malloc(N), *back = malloc(N);
    srand(7);
    for (size_t i = 0; i < N; i++) {
        // Dense in the escaped values, so escapes land on every chunk boundary.
        int r = rand() % 8;
        data[i] = r < 2 ? (uint8_t)(1 + rand() % 4) : r == 2 ? FSOPS_ESC : (uint8_t)rand();
    }
    for (size_t room = 3; room <= FSOPS_CHUNK_MAX; room += room < 8 ? 1 : 61) {
        size_t pos = 0, got = 0;
        while (pos < N) {
            uint8_t chunk[FSOPS_CHUNK_MAX];
            size_t used;
            size_t n = fsops_encode_chunk(data + pos, N - pos, &used, chunk, room);
            assert_true(n <= room);
            assert_true(used >= 1);
            assert_int_equal(chunk[0], n - 1 + FSOPS_LEN_OFFSET);
            assert_true(chunk[0] > 0x04); // never a raw-REPL key or Ctrl-C, nor the end (0)
            for (size_t k = 1; k < n; k++) {
                assert_false(chunk[k] >= 0x01 && chunk[k] <= 0x04);
            }
            got += board_decode(chunk + 1, n - 1, back + got);
            pos += used;
        }
        assert_int_equal(got, N);
        assert_memory_equal(back, data, N);
    }
    free(data);
    free(back);
}

static void upload_end_carries_the_hash(void **state) {
    (void)state;
    uint8_t out[80];
    char hex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    assert_int_equal(fsops_encode_end(hex, out, sizeof(out)), 65);
    assert_int_equal(out[0], 0);
    assert_memory_equal(out + 1, hex, 64);
    assert_int_equal(fsops_encode_end(hex, out, 10), 0);
}

struct sink {
    uint8_t data[8192];
    size_t len;
};

static void on_data(void *ctx, const uint8_t *d, size_t n) {
    struct sink *s = ctx;
    memcpy(s->data + s->len, d, n);
    s->len += n;
}

static void download_frames_survive_every_split(void **state) {
    (void)state;
    // Two frames whose data holds 0x04, 0x01, 0x02; then the end and the hash line; then the
    // 0x04 that ends the output section and some error text.
    uint8_t payload[700];
    for (size_t i = 0; i < sizeof(payload); i++) {
        payload[i] = (uint8_t)(i * 7);
    }
    uint8_t stream[800];
    size_t n = 0;
    stream[n++] = 0x01, stream[n++] = 0x01, stream[n++] = 0xf4; // 500
    memcpy(stream + n, payload, 500), n += 500;
    stream[n++] = 0x01, stream[n++] = 0x00, stream[n++] = 200;
    memcpy(stream + n, payload + 500, 200), n += 200;
    stream[n++] = 0x02;
    memcpy(stream + n, "abc123\r\n", 8), n += 8;
    size_t end = n;
    stream[n++] = 0x04;
    memcpy(stream + n, "tail", 4), n += 4;
    for (size_t split = 0; split <= end; split++) {
        struct sink s = {0};
        struct fsops_frames f;
        fsops_frames_init(&f, on_data, &s);
        size_t a = fsops_frames_feed(&f, stream, split);
        assert_int_equal(a, split);
        size_t b = fsops_frames_feed(&f, stream + split, n - split);
        assert_int_equal(split + b, end); // stops at the section's 0x04, not at data bytes
        assert_true(f.ended);
        assert_false(f.malformed);
        assert_int_equal(s.len, 700);
        assert_memory_equal(s.data, payload, 700);
        assert_string_equal(f.text, "abc123\r\n");
    }
}

static void download_stops_at_an_exception_between_frames(void **state) {
    (void)state;
    struct sink s = {0};
    struct fsops_frames f;
    fsops_frames_init(&f, on_data, &s);
    static const uint8_t stream[] = {0x01, 0x00, 0x02, 0x04, 0x04, 0x04, 'E'};
    assert_int_equal(fsops_frames_feed(&f, stream, sizeof(stream)), 5);
    assert_false(f.ended);
    assert_int_equal(s.len, 2);
}

static void malformed_frames_are_flagged(void **state) {
    (void)state;
    struct sink s = {0};
    struct fsops_frames f;
    fsops_frames_init(&f, on_data, &s);
    static const uint8_t junk[] = "hello\x04";
    assert_int_equal(fsops_frames_feed(&f, junk, 6), 5);
    assert_true(f.malformed);
    fsops_frames_init(&f, on_data, &s);
    static const uint8_t huge[] = {0x01, 0xff, 0xff, 0x04};
    fsops_frames_feed(&f, huge, sizeof(huge));
    assert_true(f.malformed); // a frame over FSOPS_FRAME_MAX
}

static void parse(const char *text, struct fsops_error *e) {
    fsops_parse_error(text, strlen(text), e);
}

static void tracebacks_become_api_errors(void **state) {
    (void)state;
    struct fsops_error e;
    parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 3, in <module>\r\n"
          "OSError: [Errno 2] ENOENT\r\n",
          &e);
    assert_int_equal(e.code, API_ERR_FILE_NOT_FOUND);
    assert_string_equal(e.type, "OSError");
    assert_string_equal(e.message, "[Errno 2] ENOENT");
    assert_string_equal(e.errname, "ENOENT");
    parse("OSError: 28\r\n", &e); // ports that print only the number
    assert_int_equal(e.code, API_ERR_NO_SPACE);
    assert_string_equal(e.errname, "ENOSPC");
    parse("OSError: [Errno 39] ENOTEMPTY\r\n", &e);
    assert_int_equal(e.code, API_ERR_DIRECTORY_NOT_EMPTY);
    parse("OSError: [Errno 17] EEXIST\r\n", &e);
    assert_int_equal(e.code, API_ERR_EXISTS);
    parse("OSError: [Errno 20] ENOTDIR\r\n", &e);
    assert_int_equal(e.code, API_ERR_NOT_A_DIRECTORY);
    parse("OSError: [Errno 21] EISDIR\r\n", &e);
    assert_int_equal(e.code, API_ERR_IS_A_DIRECTORY);
    parse("Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n", &e);
    assert_int_equal(e.code, API_ERR_CANCELLED);
    parse("ValueError: replhub: verify failed\r\n", &e);
    assert_int_equal(e.code, API_ERR_BOARD_ERROR);
    assert_string_equal(e.type, "ValueError");
    parse("MemoryError: memory allocation failed, allocating 4096 bytes", &e);
    assert_int_equal(e.code, API_ERR_BOARD_ERROR);
    parse("", &e);
    assert_int_equal(e.code, API_ERR_BOARD_ERROR);
}

static void paths_become_python_literals(void **state) {
    (void)state;
    char *s = fsops_script_stat("/it's a \\ test\x01\xc3\xa9");
    assert_non_null(s);
    assert_non_null(strstr(s, "os.stat('/it\\'s a \\\\ test\\x01\xc3\xa9')"));
    free(s);
    s = fsops_run_line("/main.py");
    assert_string_equal(s, "exec(open('/main.py').read())\r");
    free(s);
}

static void output_becomes_valid_utf8(void **state) {
    (void)state;
    char *t = fsops_utf8_text((const uint8_t *)"ok \xc3\xa9 \xff\xc3 \x00!", 11);
    assert_string_equal(t, "ok \xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd!");
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_are_normalised),
        cmocka_unit_test(bad_paths_are_refused),
        cmocka_unit_test(temporary_file_sits_beside_the_target),
        cmocka_unit_test(temporary_file_always_fits),
        cmocka_unit_test(upload_chunks_round_trip_every_byte_value),
        cmocka_unit_test(upload_end_carries_the_hash),
        cmocka_unit_test(download_frames_survive_every_split),
        cmocka_unit_test(download_stops_at_an_exception_between_frames),
        cmocka_unit_test(malformed_frames_are_flagged),
        cmocka_unit_test(tracebacks_become_api_errors),
        cmocka_unit_test(paths_become_python_literals),
        cmocka_unit_test(output_becomes_valid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
