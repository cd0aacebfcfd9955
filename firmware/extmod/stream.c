// SPDX-License-Identifier: MIT
// stream.c: the Python methods of file-like objects, written once over the stream protocol.

#include "stream.h"

#include "gc.h"

// Bytes asked of the stream at a time when reading to the end.
#define STREAM_CHUNK (256)

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

// Appends up to [want] bytes to [v]; returns how many came (0 at the end).
static size_t read_into_vstr(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, size_t want) {
    size_t start = v->len;
    char *dst = py_vstr_add_len(v, want);
    size_t got = raw_read(self, p, dst, want);
    v->len = start + got;
    return got;
}

// Text: reads the continuation bytes the UTF-8 sequence at the end of [v] still lacks.
static void complete_last_char(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v) {
    size_t lead = v->len;
    while (lead > 0 && v->len - lead < 4) {
        lead--;
        if (!py_utf8_is_cont((byte)v->buf[lead])) {
            break;
        }
    }
    size_t have = v->len - lead;
    size_t need = py_utf8_seq_len((byte)v->buf[lead]);
    while (have < need && read_into_vstr(self, p, v, need - have) > 0) {
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

// Reads [n] units (code points for text, bytes otherwise), fewer at the end of the stream.
static void read_n(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, size_t n) {
    size_t units = 0;
    while (units < n) {
        size_t start = v->len;
        if (read_into_vstr(self, p, v, n - units) == 0) {
            break;
        }
        if (p->is_text) {
            complete_last_char(self, p, v);
            units += count_chars(v->buf + start, v->len - start);
        } else {
            units += v->len - start;
        }
    }
}

static py_obj_t stream_result(const py_stream_p_t *p, py_vstr_t *v) {
    return p->is_text ? py_obj_new_str_from_vstr(v) : py_obj_new_bytes_from_vstr(v);
}

static py_obj_t stream_read(size_t n_args, const py_obj_t *args) {
    const py_stream_p_t *p = py_get_stream(args[0]);
    intptr_t size = n_args > 1 && args[1] != py_const_none ? py_obj_get_int(args[1]) : -1;
    py_vstr_t v;
    py_vstr_init(&v, size >= 0 && size < STREAM_CHUNK ? (size_t)size : STREAM_CHUNK);
    if (size < 0) {
        while (read_into_vstr(args[0], p, &v, STREAM_CHUNK) > 0) {
        }
    } else {
        read_n(args[0], p, &v, (size_t)size);
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

// Reads one line (with its '\n') into [v], at most [limit] units when limit >= 0.
static void read_line(py_obj_t self, const py_stream_p_t *p, py_vstr_t *v, intptr_t limit) {
    for (intptr_t units = 0; limit < 0 || units < limit; units++) {
        if (read_into_vstr(self, p, v, 1) == 0) {
            return;
        }
        byte c = (byte)v->buf[v->len - 1];
        if (p->is_text && c >= 0x80) {
            complete_last_char(self, p, v);
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
    py_vstr_init(&v, 32);
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
    py_vstr_init(&v, 32);
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
