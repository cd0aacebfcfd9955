// SPDX-License-Identifier: MIT
// stream.c: the Python methods of file-like objects, written once over the stream protocol.

#include "stream.h"

#include <string.h>

#include "gc.h"
#include "objstr.h"

// Reads size their buffer from what the stream has left (PY_STREAM_REMAINING) when it can tell,
// so that reading a whole file takes one allocation of the file's size and the result is built
// in it. Otherwise the buffer starts at STREAM_PREALLOC_MAX bytes at most and grows by small
// steps (py_vstr_reserve_read) as bytes come; either way it is shrunk to fit at the end, and
// str and bytes results take it over without a copy.

// Bytes reserved up front for a read from a stream that cannot tell how much it has left.
#define STREAM_PREALLOC_MAX (1024)
// Bytes reserved up front for a line.
#define STREAM_LINE_INIT (32)
// Bytes read onto the stack to find out whether a stream whose buffer is full has more.
#define STREAM_PROBE (32)

const py_stream_p_t *py_get_stream(py_obj_t o) {
    const py_stream_p_t *p = py_obj_get_type(o)->protocol;
    if (p == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object is not a stream",
                          py_obj_get_type_str(o));
    }
    return p;
}

static size_t raw_read(py_obj_t self, const py_stream_p_t *p, void *buf, size_t size) {
    if (p->read == NULL) {
        py_raise_msg(&py_type_OSError, "not readable");
    }
    int err = 0;
    size_t n = p->read(self, buf, size, &err);
    if (n == PY_STREAM_ERROR) {
        py_raise_OSError(err);
    }
    return n;
}

void py_stream_write_all(py_obj_t self, const void *data, size_t len) {
    const py_stream_p_t *p = py_get_stream(self);
    if (p->write == NULL) {
        py_raise_msg(&py_type_OSError, "not writable");
    }
    const byte *d = data;
    while (len > 0) {
        int err = 0;
        size_t n = p->write(self, d, len, &err);
        if (n == PY_STREAM_ERROR) {
            py_raise_OSError(err);
        }
        if (n == 0) {
            py_raise_OSError(5); // EIO: the stream took nothing
        }
        d += n;
        len -= n;
    }
}

// The bytes [self] has left before its end, or SIZE_MAX when it cannot tell.
static size_t remaining(py_obj_t self, const py_stream_p_t *p) {
    size_t left = SIZE_MAX;
    int err = 0;
    if (p->ioctl != NULL && p->ioctl(self, PY_STREAM_REMAINING, &left, &err) == PY_STREAM_ERROR) {
        left = SIZE_MAX;
    }
    return left;
}

static size_t add_sat(size_t a, size_t b) {
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t min_size(size_t a, size_t b) {
    return a < b ? a : b;
}

// A buffer of [init] bytes (and a NUL) for a result of at most [cap] bytes.
static void init_buffer(py_vstr_t *v, size_t init, size_t cap) {
    py_vstr_init(v, add_sat(min_size(init, cap), 1));
}

// Reads up to [want] bytes onto the end of [v], into the room it has. When it is full, a few
// bytes are read onto the stack first, and it grows (to [max] bytes at most unless they need
// more) only if some came: a buffer sized to the stream is never grown to find the end.
// Returns how many came (0 at the end).
static size_t read_more(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, size_t want,
                        size_t max) {
    size_t room = v->alloc - v->len - 1;
    if (room > 0) {
        size_t got = raw_read(self, p, v->buf + v->len, min_size(want, room));
        v->len += got;
        return got;
    }
    char probe[STREAM_PROBE];
    size_t got = raw_read(self, p, probe, min_size(want, sizeof(probe)));
    if (got > 0) {
        py_vstr_reserve_read(v, got, max);
        memcpy(v->buf + v->len, probe, got);
        v->len += got;
    }
    return got;
}

// Text: reads the continuation bytes the UTF-8 sequence at the end of [v] still lacks.
static void complete_last_char(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, size_t max) {
    size_t lead = v->len;
    while (lead > 0 && v->len - lead < 4) {
        lead--;
        if (!py_utf8_is_cont((byte)v->buf[lead])) {
            break;
        }
    }
    size_t have = v->len - lead;
    size_t need = py_utf8_seq_len((byte)v->buf[lead]);
    while (have < need && read_more(self, p, v, need - have, max) > 0) {
        have = v->len - lead;
    }
}

static size_t count_chars(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += !py_utf8_is_cont((byte)s[i]);
    }
    return n;
}

// Reads [n] units (code points for text, bytes otherwise), fewer at the end of the stream; [v]
// grows to [max] bytes at most when it must.
static void read_n(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, size_t n, size_t max) {
    size_t units = 0;
    while (units < n) {
        size_t start = v->len;
        // n - units code points take at least as many bytes: this never reads past them.
        if (read_more(self, p, v, n - units, max) == 0) {
            break;
        }
        if (p->is_text) {
            complete_last_char(self, p, v, max);
            units += count_chars(v->buf + start, v->len - start);
        } else {
            units += v->len - start;
        }
    }
}

// The str (checked to be UTF-8, without a copy) or bytes that takes over [v]'s buffer.
static py_obj_t stream_result(const py_stream_p_t *p, py_vstr_t *v) {
    if (!p->is_text) {
        return py_obj_new_bytes_from_vstr(v);
    }
    py_str_check_utf8((const byte *)v->buf, v->len);
    return py_obj_new_str_from_vstr(v);
}

// The most bytes [n] units can take: n bytes, or 4n for text (SIZE_MAX when unbounded).
static size_t units_max_bytes(const py_stream_p_t *p, intptr_t n) {
    if (n < 0) {
        return SIZE_MAX;
    }
    size_t bytes = (size_t)n;
    return !p->is_text ? bytes : bytes > SIZE_MAX / 4 ? SIZE_MAX : 4 * bytes;
}

static py_obj_t stream_read(size_t n_args, const py_obj_t *args) {
    py_obj_t self = args[0];
    const py_stream_p_t *p = py_get_stream(self);
    intptr_t size = n_args > 1 && args[1] != py_const_none ? py_obj_get_int(args[1]) : -1;
    size_t left = remaining(self, p);
    size_t cap = min_size(units_max_bytes(p, size), left);
    // Up front: all the result can take, but for text read(n) n bytes (exact for ASCII), and no
    // more than STREAM_PREALLOC_MAX from a stream that cannot tell what it has left.
    size_t init = size >= 0 && p->is_text ? (size_t)size : cap;
    if (left == SIZE_MAX) {
        init = min_size(init, STREAM_PREALLOC_MAX);
    }
    py_vstr_t v;
    init_buffer(&v, init, cap);
    size_t max = add_sat(cap, 1);
    if (size < 0) {
        while (read_more(self, p, &v, SIZE_MAX, max) > 0) {
        }
    } else {
        read_n(self, p, &v, (size_t)size, max);
    }
    return stream_result(p, &v);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_stream_read_obj, 1, 2, stream_read);

static py_obj_t stream_readinto(size_t n_args, const py_obj_t *args) {
    const py_stream_p_t *p = py_get_stream(args[0]);
    py_buffer_info_t buf;
    py_get_buffer_raise(args[1], &buf, PY_BUFFER_WRITE);
    size_t want = buf.len;
    if (n_args > 2) {
        intptr_t n = py_obj_get_int(args[2]);
        if (n >= 0 && (size_t)n < want) {
            want = (size_t)n;
        }
    }
    size_t done = 0;
    while (done < want) {
        size_t got = raw_read(args[0], p, (byte *)buf.buf + done, want - done);
        if (got == 0) {
            break;
        }
        done += got;
    }
    return py_obj_new_int_from_uint(done);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_stream_readinto_obj, 2, 3, stream_readinto);

// Reads one line (with its '\n') into a new buffer [v], at most [limit] units when limit >= 0.
static void read_line(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, intptr_t limit) {
    size_t cap = min_size(units_max_bytes(p, limit), remaining(self, p));
    init_buffer(v, STREAM_LINE_INIT, cap);
    size_t max = add_sat(cap, 1);
    for (intptr_t units = 0; limit < 0 || units < limit; units++) {
        if (read_more(self, p, v, 1, max) == 0) {
            return;
        }
        byte c = (byte)v->buf[v->len - 1];
        if (p->is_text && c >= 0x80) {
            complete_last_char(self, p, v, max);
        }
        if (c == '\n') {
            return;
        }
    }
}

static py_obj_t stream_readline(size_t n_args, const py_obj_t *args) {
    const py_stream_p_t *p = py_get_stream(args[0]);
    intptr_t limit = n_args > 1 && args[1] != py_const_none ? py_obj_get_int(args[1]) : -1;
    py_vstr_t v;
    read_line(args[0], p, &v, limit);
    return stream_result(p, &v);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_stream_readline_obj, 1, 2, stream_readline);

py_obj_t py_stream_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

py_obj_t py_stream_iternext(py_obj_t self) {
    const py_stream_p_t *p = py_get_stream(self);
    py_vstr_t v;
    read_line(self, p, &v, -1);
    if (v.len == 0) {
        py_vstr_clear(&v);
        return PY_OBJ_STOP_ITERATION;
    }
    return stream_result(p, &v);
}

static py_obj_t stream_readlines(py_obj_t self) {
    py_obj_t lines = py_obj_new_list(0, NULL);
    for (py_obj_t line; (line = py_stream_iternext(self)) != PY_OBJ_STOP_ITERATION;) {
        py_obj_list_append(lines, line);
    }
    return lines;
}
PY_DEFINE_CONST_FUN_OBJ_1(py_stream_readlines_obj, stream_readlines);

static py_obj_t stream_write(py_obj_t self, py_obj_t data) {
    const py_stream_p_t *p = py_get_stream(self);
    if (p->is_text) {
        if (!py_obj_is_str(data)) {
            py_raise_msg_varg(&py_type_TypeError, "string argument expected, got '%s'",
                              py_obj_get_type_str(data));
        }
        size_t len;
        const char *s = py_obj_str_get_data(data, &len);
        py_stream_write_all(self, s, len);
        return py_obj_new_int_from_uint(count_chars(s, len));
    }
    if (py_obj_is_str(data)) {
        py_raise_msg_varg(&py_type_TypeError, "a bytes-like object is required, not 'str'");
    }
    py_buffer_info_t buf;
    py_get_buffer_raise(data, &buf, PY_BUFFER_READ);
    py_stream_write_all(self, buf.buf, buf.len);
    return py_obj_new_int_from_uint(buf.len);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_stream_write_obj, stream_write);

static size_t stream_ioctl(py_obj_t self, unsigned request, void *arg) {
    const py_stream_p_t *p = py_get_stream(self);
    if (p->ioctl == NULL) {
        if (request == PY_STREAM_SEEK) {
            py_raise_msg(&py_type_OSError, "stream is not seekable");
        }
        return 0;
    }
    int err = 0;
    size_t r = p->ioctl(self, request, arg, &err);
    if (r == PY_STREAM_ERROR) {
        py_raise_OSError(err);
    }
    return r;
}

static py_obj_t stream_seek(size_t n_args, const py_obj_t *args) {
    py_stream_seek_t seek = {py_obj_get_int(args[1]), 0};
    if (n_args > 2) {
        seek.whence = (int)py_obj_get_int(args[2]);
    }
    if (seek.whence < 0 || seek.whence > 2) {
        py_raise_msg_varg(&py_type_ValueError, "invalid whence (%d, should be 0, 1 or 2)",
                          seek.whence);
    }
    stream_ioctl(args[0], PY_STREAM_SEEK, &seek);
    return py_obj_new_int(seek.offset);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_stream_seek_obj, 2, 3, stream_seek);

static py_obj_t stream_tell(py_obj_t self) {
    py_stream_seek_t seek = {0, 1};
    stream_ioctl(self, PY_STREAM_SEEK, &seek);
    return py_obj_new_int(seek.offset);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_stream_tell_obj, stream_tell);

static py_obj_t stream_flush(py_obj_t self) {
    stream_ioctl(self, PY_STREAM_FLUSH, NULL);
    return py_const_none;
}
PY_DEFINE_CONST_FUN_OBJ_1(py_stream_flush_obj, stream_flush);

static py_obj_t stream_close(py_obj_t self) {
    stream_ioctl(self, PY_STREAM_CLOSE, NULL);
    return py_const_none;
}
PY_DEFINE_CONST_FUN_OBJ_1(py_stream_close_obj, stream_close);

static py_obj_t stream_enter(py_obj_t self) {
    return self;
}
PY_DEFINE_CONST_FUN_OBJ_1(py_stream_enter_obj, stream_enter);

static py_obj_t stream_exit(size_t n_args, const py_obj_t *args) {
    (void)n_args;
    return stream_close(args[0]);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_stream_exit_obj, 1, 4, stream_exit);
