// SPDX-License-Identifier: MIT
// stream.h: the stream protocol shared by file-like objects (io.StringIO, io.BytesIO, files,
// sockets) and the Python methods written once on top of it.
//
// A stream type points its [protocol] slot at a py_stream_p_t and puts the method objects below
// in its locals_dict; its getiter is py_stream_getiter and its iternext py_stream_iternext, so
// `for line in f` reads lines. The protocol functions may raise (ValueError for a closed stream)
// or report an OS error by returning PY_STREAM_ERROR with an errno value in [*errcode], which the
// methods turn into OSError.

#ifndef PY_STREAM_H
#define PY_STREAM_H

#include "runtime.h"

#define PY_STREAM_ERROR ((size_t)-1)

// Requests to the ioctl function.
enum {
    PY_STREAM_SEEK = 1, // [arg] points at a py_stream_seek_t; the new position is written back
    PY_STREAM_FLUSH = 2,
    PY_STREAM_CLOSE = 3, // closing twice is allowed and does nothing
    // [arg] points at a size_t, set to the bytes between the position and the end by a stream
    // that knows them (files, BytesIO); other streams leave it as it was. Reads size their
    // buffers with it.
    PY_STREAM_REMAINING = 4,
};

typedef struct py_stream_seek {
    intptr_t offset; // in: the offset; out: the new absolute position
    int whence;      // 0 from the start, 1 from the current position, 2 from the end
} py_stream_seek_t;

typedef struct py_stream_p {
    // Reads up to [size] bytes into [buf]; returns the count (0 at the end of the stream).
    size_t (*read)(py_obj_t self, void *buf, size_t size, int *errcode);
    // Writes [size] bytes from [buf]; returns the count written.
    size_t (*write)(py_obj_t self, const void *buf, size_t size, int *errcode);
    // Seek, flush, close; returns 0 or PY_STREAM_ERROR. NULL: the stream supports none of them.
    size_t (*ioctl)(py_obj_t self, unsigned request, void *arg, int *errcode);
    // Text streams read and write str (sizes count code points); binary ones bytes.
    bool is_text;
} py_stream_p_t;

// The protocol of [o]; raises OSError(EOPNOTSUPP)-like TypeError if [o] is not a stream.
const py_stream_p_t *py_get_stream(py_obj_t o);

// Writes all [len] bytes of [data] to stream [o], raising OSError on an error.
void py_stream_write_all(py_obj_t o, const void *data, size_t len);

// The methods, for a stream type's locals_dict.
extern const py_obj_fun_builtin_t py_stream_read_obj;      // read([size])
extern const py_obj_fun_builtin_t py_stream_readinto_obj;  // readinto(buf[, size]), binary only
extern const py_obj_fun_builtin_t py_stream_readline_obj;  // readline([size])
extern const py_obj_fun_builtin_t py_stream_readlines_obj; // readlines()
extern const py_obj_fun_builtin_t py_stream_write_obj;     // write(data)
extern const py_obj_fun_builtin_t py_stream_seek_obj;      // seek(offset[, whence])
extern const py_obj_fun_builtin_t py_stream_tell_obj;      // tell()
extern const py_obj_fun_builtin_t py_stream_flush_obj;     // flush()
extern const py_obj_fun_builtin_t py_stream_close_obj;     // close()
extern const py_obj_fun_builtin_t py_stream_enter_obj;     // __enter__(): returns self
extern const py_obj_fun_builtin_t py_stream_exit_obj;      // __exit__(*exc_info): closes

// The getiter slot of a stream (it is its own iterator) and its iternext slot: the next line, or
// the end at an empty read.
py_obj_t py_stream_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf);
py_obj_t py_stream_iternext(py_obj_t self);

#endif
