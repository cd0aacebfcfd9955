// SPDX-License-Identifier: MIT
// vfs_file.c: open() and the file objects it returns (io.TextIOWrapper for text, io.FileIO for
// binary), over the stream protocol (stream.h).
//
// Text files read and write UTF-8 with no newline translation, as MicroPython's do. What a file
// object writes is committed to flash when it is flushed or closed (and only then, as a whole).
// File objects have a finaliser, as in MicroPython: one the program drops without closing is
// closed (its writes committed) when the collector frees it, and every file still open is closed
// when the interpreter stops (soft reset, exit).

#include <string.h>

#include "gc.h"
#include "stream.h"
#include "vfs.h"

typedef struct vfs_file {
    py_obj_base_t base;
    fs_t *fs;
    bool closed;
    fs_file_t f;
} vfs_file_t;

static vfs_file_t *get_open(py_obj_t self_in) {
    vfs_file_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->closed) {
        py_raise_ValueError("I/O operation on closed file.");
    }
    return self;
}

static size_t file_read(py_obj_t self_in, void *buf, size_t size, int *errcode) {
    vfs_file_t *self = get_open(self_in);
    uint32_t want = size > INT32_MAX ? INT32_MAX : (uint32_t)size;
    int32_t n = fs_file_read(self->fs, &self->f, buf, want);
    if (n < 0) {
        *errcode = -n;
        return PY_STREAM_ERROR;
    }
    return (size_t)n;
}

static size_t file_write(py_obj_t self_in, const void *buf, size_t size, int *errcode) {
    vfs_file_t *self = get_open(self_in);
    vfs_set_clock(self->fs); // the file's modification time is that of its last write
    uint32_t want = size > INT32_MAX ? INT32_MAX : (uint32_t)size;
    int32_t n = fs_file_write(self->fs, &self->f, buf, want);
    if (n < 0) {
        *errcode = -n;
        return PY_STREAM_ERROR;
    }
    return (size_t)n;
}

static size_t file_ioctl(py_obj_t self_in, unsigned request, void *arg, int *errcode) {
    vfs_file_t *self = PY_OBJ_TO_PTR(self_in);
    int err = 0;
    if (request == PY_STREAM_CLOSE) {
        if (!self->closed) {
            self->closed = true;
            err = fs_file_close(self->fs, &self->f);
        }
    } else if (request == PY_STREAM_SEEK) {
        get_open(self_in);
        py_stream_seek_t *seek = arg;
        if (seek->offset < INT32_MIN || seek->offset > INT32_MAX) {
            err = FS_ERR_INVAL;
        } else {
            int32_t pos = fs_file_seek(self->fs, &self->f, (int32_t)seek->offset, seek->whence);
            err = pos < 0 ? pos : 0;
            seek->offset = pos;
        }
    } else if (request == PY_STREAM_FLUSH) {
        get_open(self_in);
        err = fs_file_sync(self->fs, &self->f);
    } else if (request == PY_STREAM_REMAINING) {
        get_open(self_in);
        int32_t size = fs_file_size(self->fs, &self->f);
        int32_t pos = fs_file_tell(self->fs, &self->f);
        err = size < 0 ? size : pos < 0 ? pos : 0;
        if (err == 0) {
            *(size_t *)arg = size > pos ? (size_t)(size - pos) : 0;
        }
    }
    if (err < 0) {
        *errcode = -err;
        return PY_STREAM_ERROR;
    }
    return 0;
}

// __del__: the collector is freeing the file object, or the interpreter is stopping.
static py_obj_t file_del(py_obj_t self_in) {
    vfs_file_t *self = PY_OBJ_TO_PTR(self_in);
    if (!self->closed) {
        self->closed = true;
        fs_file_close(self->fs, &self->f); // an error has nobody to report to
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(file_del_obj, file_del);

static void file_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_printf(print, "<io.%s>", py_obj_get_type_str(self));
}

static void file_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    vfs_file_t *self = PY_OBJ_TO_PTR(self_in);
    if (dest[0] == PY_OBJ_NULL && attr == PY_QSTR_closed) {
        dest[0] = PY_OBJ_NEW_BOOL(self->closed);
    }
}

static const py_map_elem_t file_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_read), PY_ROM_PTR(&py_stream_read_obj)},
    {PY_ROM_QSTR(PY_QSTR_readinto), PY_ROM_PTR(&py_stream_readinto_obj)},
    {PY_ROM_QSTR(PY_QSTR_readline), PY_ROM_PTR(&py_stream_readline_obj)},
    {PY_ROM_QSTR(PY_QSTR_readlines), PY_ROM_PTR(&py_stream_readlines_obj)},
    {PY_ROM_QSTR(PY_QSTR_write), PY_ROM_PTR(&py_stream_write_obj)},
    {PY_ROM_QSTR(PY_QSTR_seek), PY_ROM_PTR(&py_stream_seek_obj)},
    {PY_ROM_QSTR(PY_QSTR_tell), PY_ROM_PTR(&py_stream_tell_obj)},
    {PY_ROM_QSTR(PY_QSTR_flush), PY_ROM_PTR(&py_stream_flush_obj)},
    {PY_ROM_QSTR(PY_QSTR_close), PY_ROM_PTR(&py_stream_close_obj)},
    {PY_ROM_QSTR(PY_QSTR___enter__), PY_ROM_PTR(&py_stream_enter_obj)},
    {PY_ROM_QSTR(PY_QSTR___exit__), PY_ROM_PTR(&py_stream_exit_obj)},
    {PY_ROM_QSTR(PY_QSTR___del__), PY_ROM_PTR(&file_del_obj)},
};
static PY_DEFINE_CONST_DICT(file_locals_dict, file_locals_table);

static const py_stream_p_t fileio_stream = {file_read, file_write, file_ioctl, false};
static const py_stream_p_t textio_stream = {file_read, file_write, file_ioctl, true};

const py_obj_type_t vfs_fileio_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_FileIO,
    .print = file_print,
    .attr = file_attr,
    .getiter = py_stream_getiter,
    .iternext = py_stream_iternext,
    .protocol = &fileio_stream,
    .locals_dict = (py_obj_dict_t *)&file_locals_dict,
};

const py_obj_type_t vfs_textio_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_TextIOWrapper,
    .print = file_print,
    .attr = file_attr,
    .getiter = py_stream_getiter,
    .iternext = py_stream_iternext,
    .protocol = &textio_stream,
    .locals_dict = (py_obj_dict_t *)&file_locals_dict,
};

py_obj_t vfs_file_open(const char *path, int flags, bool text) {
    fs_t *fs = vfs_fs();
    vfs_file_t *self =
        py_new_obj_with_finaliser(vfs_file_t, text ? &vfs_textio_type : &vfs_fileio_type);
    self->fs = fs;
    self->closed = true; // until it is open: the finaliser leaves it alone
    vfs_set_clock(fs);   // creating or truncating stamps the file
    int err = fs_file_open(fs, &self->f, path, flags);
    if (err == 0) {
        self->closed = false;
        if (flags & FS_O_APPEND) {
            int32_t end = fs_file_seek(fs, &self->f, 0, 2); // tell() starts at the end
            err = end < 0 ? end : 0;
        }
    }
    if (err < 0) {
        if (!self->closed) {
            self->closed = true;
            fs_file_close(fs, &self->f);
        }
        vfs_raise(err);
    }
    return PY_OBJ_FROM_PTR(self);
}

// FS_O_* flags for [mode] ("r", "wb", "a+", ...); false if it is not a valid mode.
static bool parse_mode(const char *mode, size_t len, int *flags, bool *text) {
    int kind = 0, plus = 0, b = 0, t = 0;
    for (size_t i = 0; i < len; i++) {
        switch (mode[i]) {
            case 'r':
            case 'w':
            case 'x':
            case 'a':
                if (kind != 0) {
                    return false;
                }
                kind = mode[i];
                break;
            case '+':
                plus++;
                break;
            case 'b':
                b++;
                break;
            case 't':
                t++;
                break;
            default:
                return false;
        }
    }
    if (kind == 0 || plus > 1 || b > 1 || t > 1 || (b && t)) {
        return false;
    }
    int access = plus ? FS_O_RDWR : kind == 'r' ? FS_O_RDONLY : FS_O_WRONLY;
    *flags = access | (kind == 'w' ? FS_O_CREAT | FS_O_TRUNC : 0) |
             (kind == 'x' ? FS_O_CREAT | FS_O_EXCL : 0) |
             (kind == 'a' ? FS_O_CREAT | FS_O_APPEND : 0);
    *text = !b;
    return true;
}

py_obj_t vfs_open(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_file, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_mode, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_buffering, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_encoding, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    };
    py_arg_val_t val[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, val);
    const char *mode = "r";
    size_t mode_len = 1;
    if (val[1].u_obj != PY_OBJ_NULL) {
        if (!py_obj_is_str(val[1].u_obj)) {
            py_raise_TypeError("open() argument 'mode' must be str");
        }
        mode = py_obj_str_get_data(val[1].u_obj, &mode_len);
    }
    int flags;
    bool text;
    if (!parse_mode(mode, mode_len, &flags, &text)) {
        py_raise_msg_varg(&py_type_ValueError, "invalid mode: '%.*s'", (int)mode_len, mode);
    }
    if (!text && val[3].u_obj != PY_OBJ_NULL && val[3].u_obj != py_const_none) {
        py_raise_ValueError("binary mode doesn't take an encoding argument");
    }
    vfs_fs();
    char *path = vfs_abspath(val[0].u_obj);
    py_obj_t file = vfs_file_open(path, flags, text);
    py_free(path);
    return file;
}
