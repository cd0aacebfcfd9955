// SPDX-License-Identifier: MIT
// modsys.c: the sys module: argv, path, modules, exit, version, stdio streams.
//
// sys's globals are a fixed table in RAM (not ROM) so argv, path and modules can point at the
// heap objects in py_state.roots; those roots keep them alive, and py_sys_sync refreshes the
// entries whenever sys is imported.

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objint.h"
#include "objtype.h"
#include "port.h"
#include "runtime.h"

// Longest line sys.stdin.readline() returns in one piece; a longer one raises.
#define PY_SYS_READLINE_MAX (4096)
// Bytes reserved up front for sys.stdin.read(n) and readline(); the buffer grows by small steps
// (py_vstr_reserve_read) past that as bytes come, and is shrunk to fit at the end.
#define SYS_READ_PREALLOC_MAX (1024)
#define SYS_LINE_INIT         (32)

// ---- Streams ------------------------------------------------------------------------------------

typedef struct sys_stream {
    py_obj_base_t base;
    uint8_t fd; // 0 stdin, 1 stdout, 2 stderr
} sys_stream_t;

static const py_obj_type_t sys_textio_type;
static const py_obj_type_t sys_fileio_type;

static const sys_stream_t sys_stdin_obj = {{&sys_textio_type}, 0};
static const sys_stream_t sys_stdout_obj = {{&sys_textio_type}, 1};
static const sys_stream_t sys_stderr_obj = {{&sys_textio_type}, 2};
static const sys_stream_t sys_stdin_buffer_obj = {{&sys_fileio_type}, 0};
static const sys_stream_t sys_stdout_buffer_obj = {{&sys_fileio_type}, 1};
static const sys_stream_t sys_stderr_buffer_obj = {{&sys_fileio_type}, 2};

bool py_sys_is_console(py_obj_t file, bool *is_stderr) {
    if (file == PY_OBJ_FROM_PTR(&sys_stdout_obj)) {
        *is_stderr = false;
        return true;
    }
    if (file == PY_OBJ_FROM_PTR(&sys_stderr_obj)) {
        *is_stderr = true;
        return true;
    }
    return false;
}

void py_sys_console_write(bool is_stderr, const char *data, size_t len) {
    if (is_stderr) {
        py_port_stderr_write(data, len);
    } else {
        py_plat_print.strn(py_plat_print.data, data, len);
    }
}

static sys_stream_t *get_stream(py_obj_t self) {
    return (sys_stream_t *)PY_OBJ_TO_PTR(self);
}

static bool is_text(py_obj_t self) {
    return py_obj_is_type(self, &sys_textio_type);
}

static void stream_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    const char *kind_name = is_text(self) ? "TextIOWrapper" : "FileIO";
    py_printf(print, "<io.%s %u>", kind_name, (unsigned)get_stream(self)->fd);
}

// Raises OSError(EPERM), as MicroPython does, unless [self] reads (stdin) or writes ([read]).
static void check_direction(py_obj_t self, bool read) {
    if ((get_stream(self)->fd == 0) != read) {
        py_raise_OSError(1);
    }
}

// ---- Writing ------------------------------------------------------------------------------------

static py_obj_t stream_write(size_t n_args, const py_obj_t *args) {
    py_obj_t self = args[0];
    check_direction(self, false);
    bool is_stderr = get_stream(self)->fd == 2;
    if (is_text(self)) {
        if (n_args > 2) {
            py_raise_TypeError("write() takes 1 argument");
        }
        if (!py_obj_is_str(args[1])) {
            py_raise_msg_varg(&py_type_TypeError, "write() argument must be str, not %s",
                              py_obj_get_type_str(args[1]));
        }
        size_t len;
        const char *buf = py_obj_str_get_data(args[1], &len);
        py_sys_console_write(is_stderr, buf, len);
        return py_obj_new_int_from_uint(py_utf8_charlen((const byte *)buf, len));
    }
    // MicroPython's forms: write(buf), write(buf, max_len), write(buf, off, max_len).
    py_buffer_info_t info;
    py_get_buffer_raise(args[1], &info, PY_BUFFER_READ);
    size_t off = n_args == 4 ? (size_t)py_obj_get_int_truncated(args[2]) : 0;
    size_t max = n_args >= 3 ? (size_t)py_obj_get_int_truncated(args[n_args - 1]) : SIZE_MAX;
    off = off < info.len ? off : info.len;
    size_t len = info.len - off < max ? info.len - off : max;
    py_port_stdout_write_raw(is_stderr, (const char *)info.buf + off, len);
    return py_obj_new_int_from_uint(len);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(stream_write_obj, 2, 4, stream_write);

static py_obj_t stream_flush(py_obj_t self) {
    (void)self;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(stream_flush_obj, stream_flush);

static py_obj_t stream_fileno(py_obj_t self) {
    return PY_OBJ_NEW_SMALL_INT(get_stream(self)->fd);
}
static PY_DEFINE_CONST_FUN_OBJ_1(stream_fileno_obj, stream_fileno);

// ---- Reading ------------------------------------------------------------------------------------
//
// sys.stdin.buffer hands over the bytes exactly as they arrived; sys.stdin reads them as text
// (on a board '\r' reads as '\n') and counts characters. Reads block until they have all they
// asked for or the input ends.

// A buffer for a result of [n] units (bytes, or code points for text; any number when n < 0);
// returns the most bytes it may grow to.
static size_t init_buffer(py_obj_t self, py_vstr_t *v, intptr_t n, size_t init) {
    size_t max = SIZE_MAX;
    if (n >= 0) {
        size_t units = (size_t)n;
        if (units < init) {
            init = units;
        }
        if (!is_text(self)) {
            max = units + 1;
        } else if (units < SIZE_MAX / 4) {
            max = 4 * units + 1;
        }
    }
    py_vstr_init(v, init + 1);
    return max;
}

static void add_byte(py_vstr_t *v, int c, size_t max) {
    py_vstr_reserve_read(v, 1, max);
    v->buf[v->len++] = (char)c;
}

// Reads one character of [self] onto [v] (growing it to [max] bytes at most): a byte, or a whole
// UTF-8 sequence for text; false at the end of the input.
static bool read_char(py_obj_t self, py_vstr_t *v, size_t max) {
    bool raw = !is_text(self);
    int c = py_port_stdin_getc(raw);
    if (c < 0) {
        return false;
    }
    add_byte(v, c, max);
    for (size_t more = raw ? 0 : py_utf8_seq_len((byte)c) - 1; more > 0; more--) {
        c = py_port_stdin_getc(false);
        if (c < 0) {
            break;
        }
        add_byte(v, c, max);
    }
    return true;
}

static py_obj_t read_result(py_obj_t self, py_vstr_t *v) {
    if (!is_text(self)) {
        return py_obj_new_bytes_from_vstr(v);
    }
    if (!py_utf8_is_valid((const byte *)v->buf, v->len)) {
        py_raise_msg(&py_type_UnicodeError, "invalid UTF-8 read from stdin");
    }
    return py_obj_new_str_from_vstr(v);
}

static intptr_t size_arg(size_t n_args, const py_obj_t *args) {
    return n_args > 1 && args[1] != py_const_none ? py_obj_get_int(args[1]) : -1;
}

static py_obj_t stream_read(size_t n_args, const py_obj_t *args) {
    py_obj_t self = args[0];
    check_direction(self, true);
    intptr_t n = size_arg(n_args, args);
    py_vstr_t v;
    size_t max = init_buffer(self, &v, n, SYS_READ_PREALLOC_MAX);
    for (intptr_t got = 0; n < 0 || got < n; got++) {
        if (!read_char(self, &v, max)) {
            break;
        }
    }
    return read_result(self, &v);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(stream_read_obj, 1, 2, stream_read);

// readinto(buf[, n]): fills buf (its first n bytes at most) and returns the count.
static py_obj_t stream_readinto(size_t n_args, const py_obj_t *args) {
    py_obj_t self = args[0];
    check_direction(self, true);
    py_buffer_info_t info;
    py_get_buffer_raise(args[1], &info, PY_BUFFER_WRITE);
    size_t want = info.len;
    if (n_args > 2) {
        intptr_t n = py_obj_get_int(args[2]);
        want = n >= 0 && (size_t)n < want ? (size_t)n : want;
    }
    size_t got = 0;
    while (got < want) {
        int c = py_port_stdin_getc(!is_text(self));
        if (c < 0) {
            break;
        }
        // Asked again for each byte: a callback run while waiting may have resized the buffer.
        py_get_buffer_raise(args[1], &info, PY_BUFFER_WRITE);
        if (got >= info.len) {
            break;
        }
        ((byte *)info.buf)[got++] = (byte)c;
    }
    return py_obj_new_int_from_uint(got);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(stream_readinto_obj, 2, 3, stream_readinto);

// Reads one line (up to [limit] characters when limit >= 0) into a new buffer [v]; false if
// nothing was read.
static bool read_line(py_obj_t self, intptr_t limit, py_vstr_t *v) {
    size_t max = init_buffer(self, v, limit, SYS_LINE_INIT);
    for (intptr_t got = 0; limit < 0 || got < limit; got++) {
        if (v->len >= PY_SYS_READLINE_MAX) {
            py_raise_ValueError("line too long");
        }
        size_t at = v->len;
        if (!read_char(self, v, max)) {
            break;
        }
        if (v->buf[at] == '\n') {
            break;
        }
    }
    return v->len > 0;
}

static py_obj_t stream_readline(size_t n_args, const py_obj_t *args) {
    check_direction(args[0], true);
    py_vstr_t v;
    read_line(args[0], size_arg(n_args, args), &v);
    return read_result(args[0], &v);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(stream_readline_obj, 1, 2, stream_readline);

static py_obj_t stream_readlines(py_obj_t self) {
    check_direction(self, true);
    py_obj_t lines = py_obj_new_list(0, NULL);
    for (;;) {
        py_vstr_t v;
        if (!read_line(self, -1, &v)) {
            return lines;
        }
        py_obj_list_append(lines, read_result(self, &v));
    }
}
static PY_DEFINE_CONST_FUN_OBJ_1(stream_readlines_obj, stream_readlines);

// sys.maxsize is the largest Py_ssize_t, 2**(bits-1) - 1: one more bit than a small int holds,
// so it is a big int kept in ROM (two digits: all ones, then all ones but the top bit).
_Static_assert(2 * sizeof(py_mpz_dig_t) == sizeof(void *), "sys.maxsize assumes two digits a word");
static const py_mpz_dig_t sys_maxsize_digits[2] = {(py_mpz_dig_t)-1, (py_mpz_dig_t)-1 >> 1};
static const py_obj_int_t sys_maxsize_obj = {
    .base = {&py_type_int},
    .mpz = {.neg = 0, .len = 2, .alloc = 2, .dig = (py_mpz_dig_t *)sys_maxsize_digits},
};

static const py_map_elem_t stream_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_write), PY_ROM_PTR(&stream_write_obj)},
    {PY_ROM_QSTR(PY_QSTR_flush), PY_ROM_PTR(&stream_flush_obj)},
    {PY_ROM_QSTR(PY_QSTR_fileno), PY_ROM_PTR(&stream_fileno_obj)},
    {PY_ROM_QSTR(PY_QSTR_read), PY_ROM_PTR(&stream_read_obj)},
    {PY_ROM_QSTR(PY_QSTR_readinto), PY_ROM_PTR(&stream_readinto_obj)},
    {PY_ROM_QSTR(PY_QSTR_readline), PY_ROM_PTR(&stream_readline_obj)},
    {PY_ROM_QSTR(PY_QSTR_readlines), PY_ROM_PTR(&stream_readlines_obj)},
};
static PY_DEFINE_CONST_DICT(stream_locals_dict, stream_locals_table);

static void textio_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL || attr != PY_QSTR_buffer) {
        return;
    }
    static const sys_stream_t *const buffers[3] = {&sys_stdin_buffer_obj, &sys_stdout_buffer_obj,
                                                   &sys_stderr_buffer_obj};
    dest[0] = PY_OBJ_FROM_PTR(buffers[get_stream(self)->fd]);
}

static const py_obj_type_t sys_textio_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_TextIOWrapper,
    .print = stream_print,
    .attr = textio_attr,
    .locals_dict = (py_obj_dict_t *)&stream_locals_dict,
};

static const py_obj_type_t sys_fileio_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_FileIO,
    .print = stream_print,
    .locals_dict = (py_obj_dict_t *)&stream_locals_dict,
};

// ---- sys.implementation -------------------------------------------------------------------------

static const py_obj_tuple_t impl_version_tuple = {
    {&py_type_tuple}, 3, {PY_ROM_INT(0), PY_ROM_INT(1), PY_ROM_INT(0)}};

static const py_obj_type_t sys_impl_type;
static const py_obj_base_t sys_impl_obj = {&sys_impl_type};

static void impl_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    (void)self;
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    if (attr == PY_QSTR_name) {
        dest[0] = PY_OBJ_NEW_QSTR(PY_QSTR_micropython);
    } else if (attr == PY_QSTR_version) {
        dest[0] = PY_OBJ_FROM_PTR(&impl_version_tuple);
    } else if (attr == PY_QSTR__machine) {
        dest[0] = PY_OBJ_NEW_QSTR(py_qstr_from_str(py_port_machine()));
    }
}

static void impl_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)self;
    (void)kind;
    py_print_str(print, "(name='micropython', version=");
    py_obj_print_helper(print, PY_OBJ_FROM_PTR(&impl_version_tuple), PY_PRINT_REPR);
    py_printf(print, ", _machine='%s')", py_port_machine());
}

static const py_obj_type_t sys_impl_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_implementation,
    .print = impl_print,
    .attr = impl_attr,
};

// ---- Functions ----------------------------------------------------------------------------------

static py_obj_t sys_exit(size_t n_args, const py_obj_t *args) {
    if (n_args == 0) {
        py_raise(py_obj_new_exception(&py_type_SystemExit));
    }
    py_raise(py_obj_new_exception_arg1(&py_type_SystemExit, args[0]));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(sys_exit_obj, 0, 1, sys_exit);

static py_obj_t sys_print_exception(size_t n_args, const py_obj_t *args) {
    bool is_stderr = false;
    if (n_args == 1 || py_sys_is_console(args[1], &is_stderr)) {
        if (is_stderr) {
            py_vstr_t v;
            py_vstr_init(&v, 64);
            py_print_t p = PY_PRINT_TO_VSTR(&v);
            py_obj_print_exception(&p, args[0]);
            py_sys_console_write(true, v.buf, v.len);
        } else {
            py_obj_print_exception(&py_plat_print, args[0]);
        }
        return py_const_none;
    }
    py_vstr_t v;
    py_vstr_init(&v, 64);
    py_print_t p = PY_PRINT_TO_VSTR(&v);
    py_obj_print_exception(&p, args[0]);
    py_obj_t write = py_load_attr(args[1], PY_QSTR_write);
    py_call_function_1(write, py_obj_new_str_from_vstr(&v));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(sys_print_exception_obj, 1, 2, sys_print_exception);

static py_obj_t sys_exc_info(void) {
    py_obj_t exc = py_state.roots.cur_exc;
    py_obj_t items[3] = {py_const_none, py_const_none, py_const_none};
    if (exc != PY_OBJ_NULL && exc != py_const_none) {
        items[0] = PY_OBJ_FROM_PTR(py_obj_get_type(exc));
        items[1] = exc;
    }
    return py_obj_new_tuple(3, items);
}
static PY_DEFINE_CONST_FUN_OBJ_0(sys_exc_info_obj, sys_exc_info);

static py_obj_t sys_getrecursionlimit(void) {
    return PY_OBJ_NEW_SMALL_INT(1000);
}
static PY_DEFINE_CONST_FUN_OBJ_0(sys_getrecursionlimit_obj, sys_getrecursionlimit);

// ---- The module ---------------------------------------------------------------------------------

static const py_obj_tuple_t version_info_tuple = {
    {&py_type_tuple}, 3, {PY_ROM_INT(3), PY_ROM_INT(4), PY_ROM_INT(0)}};

// Positions of the entries py_sys_sync fills in.
enum { SYS_ARGV = 1, SYS_PATH, SYS_MODULES, SYS_PLATFORM };

static py_map_elem_t sys_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_sys)},
    [SYS_ARGV] = {PY_ROM_QSTR(PY_QSTR_argv), py_const_none},
    [SYS_PATH] = {PY_ROM_QSTR(PY_QSTR_path), py_const_none},
    [SYS_MODULES] = {PY_ROM_QSTR(PY_QSTR_modules), py_const_none},
    [SYS_PLATFORM] = {PY_ROM_QSTR(PY_QSTR_platform), py_const_none},
    {PY_ROM_QSTR(PY_QSTR_exit), PY_ROM_PTR(&sys_exit_obj)},
    {PY_ROM_QSTR(PY_QSTR_stdout), PY_ROM_PTR(&sys_stdout_obj)},
    {PY_ROM_QSTR(PY_QSTR_stderr), PY_ROM_PTR(&sys_stderr_obj)},
    {PY_ROM_QSTR(PY_QSTR_stdin), PY_ROM_PTR(&sys_stdin_obj)},
    {PY_ROM_QSTR(PY_QSTR_version), PY_ROM_QSTR(PY_QSTR_replhub_sys_version)},
    {PY_ROM_QSTR(PY_QSTR_version_info), PY_ROM_PTR(&version_info_tuple)},
    {PY_ROM_QSTR(PY_QSTR_implementation), PY_ROM_PTR(&sys_impl_obj)},
    {PY_ROM_QSTR(PY_QSTR_maxsize), PY_ROM_PTR(&sys_maxsize_obj)},
    {PY_ROM_QSTR(PY_QSTR_byteorder), PY_ROM_QSTR(PY_QSTR_little)},
    {PY_ROM_QSTR(PY_QSTR_print_exception), PY_ROM_PTR(&sys_print_exception_obj)},
    {PY_ROM_QSTR(PY_QSTR_exc_info), PY_ROM_PTR(&sys_exc_info_obj)},
    {PY_ROM_QSTR(PY_QSTR_getrecursionlimit), PY_ROM_PTR(&sys_getrecursionlimit_obj)},
};

static py_obj_dict_t sys_globals = {
    .base = {&py_type_dict},
    .map =
        {
            .all_keys_are_qstrs = 1,
            .is_fixed = 1,
            .used = PY_ARRAY_SIZE(sys_globals_table),
            .filled = PY_ARRAY_SIZE(sys_globals_table),
            .alloc = PY_ARRAY_SIZE(sys_globals_table),
            .table = sys_globals_table,
            .index = NULL,
        },
};

const py_obj_module_t py_module_sys = {
    .base = {&py_type_module},
    .globals = &sys_globals,
};

static py_obj_t or_none(py_obj_t o) {
    return o == PY_OBJ_NULL ? py_const_none : o;
}

void py_sys_sync(void) {
    sys_globals_table[SYS_ARGV].value = or_none(py_state.roots.sys_argv);
    sys_globals_table[SYS_PATH].value = or_none(py_state.roots.sys_path);
    sys_globals_table[SYS_MODULES].value = or_none(PY_OBJ_FROM_PTR(py_state.roots.loaded_modules));
    // Interned, so the static table holds no heap pointer of its own; interned again each time
    // as a soft reset forgets the interned strings.
    sys_globals_table[SYS_PLATFORM].value = PY_OBJ_NEW_QSTR(py_qstr_from_str(py_port_platform()));
}
