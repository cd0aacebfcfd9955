// SPDX-License-Identifier: MIT
// modio.c: the io module: StringIO and BytesIO, in-memory streams over the stream protocol.
//
// Both keep their contents as bytes (StringIO as UTF-8) in one GC buffer and a position in it;
// positions are byte offsets, as in MicroPython (CPython's StringIO counts code points, which is
// the same for ASCII text). Writing past the end fills the gap with zero bytes.

#include <string.h>

#include "extmod.h"
#include "gc.h"
#include "stream.h"

typedef struct memio {
    py_obj_base_t base;
    byte *buf; // [alloc] bytes, holding [len]; NULL once closed
    size_t len;
    size_t alloc;
    size_t pos;
    bool closed;
} memio_t;

static const py_obj_type_t stringio_type;
static const py_obj_type_t bytesio_type;

static memio_t *get_open(py_obj_t self_in) {
    memio_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->closed) {
        py_raise_ValueError("I/O operation on closed file.");
    }
    return self;
}

static size_t memio_read(py_obj_t self_in, void *buf, size_t size, int *errcode) {
    (void)errcode;
    memio_t *self = get_open(self_in);
    size_t avail = self->pos < self->len ? self->len - self->pos : 0;
    size_t n = size < avail ? size : avail;
    if (n > 0) {
        memcpy(buf, self->buf + self->pos, n);
    }
    self->pos += n;
    return n;
}

static void memio_reserve(memio_t *self, size_t need) {
    if (need <= self->alloc) {
        return;
    }
    size_t alloc = self->alloc * 2 > need ? self->alloc * 2 : need;
    if (alloc < 16) {
        alloc = 16;
    }
    // Grown in place when the blocks after it are free; a moved buffer keeps its no-scan flag.
    self->buf =
        self->buf == NULL ? py_malloc_noscan(alloc) : py_realloc(self->buf, self->alloc, alloc);
    self->alloc = alloc;
}

static size_t memio_write(py_obj_t self_in, const void *buf, size_t size, int *errcode) {
    (void)errcode;
    memio_t *self = get_open(self_in);
    if (size == 0) {
        return 0; // an empty write past the end does not extend the contents
    }
    if (size > SIZE_MAX - self->pos) {
        py_raise_MemoryError();
    }
    memio_reserve(self, self->pos + size);
    if (self->pos > self->len) {
        memset(self->buf + self->len, 0, self->pos - self->len);
    }
    memcpy(self->buf + self->pos, buf, size);
    self->pos += size;
    if (self->pos > self->len) {
        self->len = self->pos;
    }
    return size;
}

static size_t memio_ioctl(py_obj_t self_in, unsigned request, void *arg, int *errcode) {
    (void)errcode;
    memio_t *self = PY_OBJ_TO_PTR(self_in);
    if (request == PY_STREAM_CLOSE) {
        self->closed = true;
        py_free(self->buf);
        self->buf = NULL;
        self->len = self->alloc = self->pos = 0;
        return 0;
    }
    get_open(self_in);
    if (request == PY_STREAM_SEEK) {
        py_stream_seek_t *seek = arg;
        intptr_t base =
            seek->whence == 0 ? 0 : (intptr_t)(seek->whence == 1 ? self->pos : self->len);
        intptr_t pos = base + seek->offset;
        if (pos < 0) {
            if (seek->whence == 0) {
                py_raise_msg_varg(&py_type_ValueError, "negative seek value %d", (int)seek->offset);
            }
            pos = 0;
        }
        self->pos = (size_t)pos;
        seek->offset = pos;
    } else if (request == PY_STREAM_REMAINING) {
        *(size_t *)arg = self->pos < self->len ? self->len - self->pos : 0;
    }
    return 0;
}

static const py_stream_p_t stringio_stream = {memio_read, memio_write, memio_ioctl, true};
static const py_stream_p_t bytesio_stream = {memio_read, memio_write, memio_ioctl, false};

// StringIO([initial]) / BytesIO([initial]); MicroPython's int argument preallocates.
static py_obj_t memio_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    memio_t *self = py_new_obj(memio_t, type);
    if (n_args == 0 || args[0] == py_const_none) {
        return PY_OBJ_FROM_PTR(self);
    }
    py_obj_t init = args[0];
    if (py_obj_is_int(init)) {
        intptr_t n = py_obj_get_int(init);
        memio_reserve(self, n > 0 ? (size_t)n : 0);
        return PY_OBJ_FROM_PTR(self);
    }
    py_buffer_info_t data;
    if (type == &stringio_type) {
        if (!py_obj_is_str(init)) {
            py_raise_msg_varg(&py_type_TypeError, "initial_value must be str, not %s",
                              py_obj_get_type_str(init));
        }
        data.buf = (void *)py_obj_str_get_data(init, &data.len);
    } else {
        if (py_obj_is_str(init)) {
            py_raise_TypeError("a bytes-like object is required, not 'str'");
        }
        py_get_buffer_raise(init, &data, PY_BUFFER_READ);
    }
    memio_write(PY_OBJ_FROM_PTR(self), data.buf, data.len, NULL);
    self->pos = 0;
    return PY_OBJ_FROM_PTR(self);
}

static py_obj_t memio_getvalue(py_obj_t self_in) {
    memio_t *self = get_open(self_in);
    if (py_obj_is_type(self_in, &stringio_type)) {
        return py_obj_new_str((const char *)self->buf, self->len);
    }
    return py_obj_new_bytes(self->buf, self->len);
}
static PY_DEFINE_CONST_FUN_OBJ_1(memio_getvalue_obj, memio_getvalue);

static void memio_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] == PY_OBJ_NULL && attr == PY_QSTR_closed) {
        dest[0] = PY_OBJ_NEW_BOOL(((memio_t *)PY_OBJ_TO_PTR(self_in))->closed);
    }
}

static const py_map_elem_t memio_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_read), PY_ROM_PTR(&py_stream_read_obj)},
    {PY_ROM_QSTR(PY_QSTR_readinto), PY_ROM_PTR(&py_stream_readinto_obj)},
    {PY_ROM_QSTR(PY_QSTR_readline), PY_ROM_PTR(&py_stream_readline_obj)},
    {PY_ROM_QSTR(PY_QSTR_readlines), PY_ROM_PTR(&py_stream_readlines_obj)},
    {PY_ROM_QSTR(PY_QSTR_write), PY_ROM_PTR(&py_stream_write_obj)},
    {PY_ROM_QSTR(PY_QSTR_seek), PY_ROM_PTR(&py_stream_seek_obj)},
    {PY_ROM_QSTR(PY_QSTR_tell), PY_ROM_PTR(&py_stream_tell_obj)},
    {PY_ROM_QSTR(PY_QSTR_flush), PY_ROM_PTR(&py_stream_flush_obj)},
    {PY_ROM_QSTR(PY_QSTR_close), PY_ROM_PTR(&py_stream_close_obj)},
    {PY_ROM_QSTR(PY_QSTR_getvalue), PY_ROM_PTR(&memio_getvalue_obj)},
    {PY_ROM_QSTR(PY_QSTR___enter__), PY_ROM_PTR(&py_stream_enter_obj)},
    {PY_ROM_QSTR(PY_QSTR___exit__), PY_ROM_PTR(&py_stream_exit_obj)},
};
static PY_DEFINE_CONST_DICT(memio_locals_dict, memio_locals_table);

static const py_obj_type_t stringio_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF | PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_StringIO,
    .make_new = memio_make_new,
    .attr = memio_attr,
    .getiter = py_stream_getiter,
    .iternext = py_stream_iternext,
    .protocol = &stringio_stream,
    .locals_dict = (py_obj_dict_t *)&memio_locals_dict,
};

static const py_obj_type_t bytesio_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF | PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_BytesIO,
    .make_new = memio_make_new,
    .attr = memio_attr,
    .getiter = py_stream_getiter,
    .iternext = py_stream_iternext,
    .protocol = &bytesio_stream,
    .locals_dict = (py_obj_dict_t *)&memio_locals_dict,
};

static const py_map_elem_t io_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_io)},
    {PY_ROM_QSTR(PY_QSTR_StringIO), PY_ROM_PTR(&stringio_type)},
    {PY_ROM_QSTR(PY_QSTR_BytesIO), PY_ROM_PTR(&bytesio_type)},
};
static PY_DEFINE_CONST_DICT(io_globals, io_globals_table);

const py_obj_module_t py_module_io = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&io_globals,
};
