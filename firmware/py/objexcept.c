// SPDX-License-Identifier: MIT
// objexcept.c: exception objects: the type hierarchy, args, tracebacks, printing and errno text.

#include "objexcept.h"

#include <string.h>

#include "gc.h"
#include "objtype.h"
#include "runtime.h"

static const py_obj_tuple_t empty_tuple = {{&py_type_tuple}, 0};

// Spare objects for when the heap cannot hold a new exception (MemoryError most of all). They are
// not on the heap, so they never point at heap objects other than through roots.
static py_obj_exception_t emergency_exc[PY_EMERGENCY_EXC_COUNT];
static size_t emergency_tb[PY_EMERGENCY_EXC_COUNT][3 * PY_EMERGENCY_TB_ENTRIES];
static unsigned emergency_next;

static py_obj_exception_t *get_exc(py_obj_t o) {
    return (py_obj_exception_t *)PY_OBJ_TO_PTR(o);
}

bool py_obj_is_exception_instance(py_obj_t o) {
    return PY_OBJ_IS_OBJ(o) && (py_obj_get_type(o)->flags & PY_TYPE_FLAG_IS_EXCEPTION) != 0;
}

bool py_obj_is_exception_type(py_obj_t o) {
    return py_obj_is_type_obj(o) &&
           (((const py_obj_type_t *)PY_OBJ_TO_PTR(o))->flags & PY_TYPE_FLAG_IS_EXCEPTION) != 0;
}

static bool type_is(const py_obj_type_t *t, const py_obj_type_t *base) {
    return py_obj_is_subclass(t, base);
}

// ---- Creation -----------------------------------------------------------------------------------

static py_obj_exception_t *emergency_alloc(const py_obj_type_t *type) {
    unsigned i = emergency_next;
    emergency_next = (emergency_next + 1) % PY_EMERGENCY_EXC_COUNT;
    py_obj_exception_t *e = &emergency_exc[i];
    memset(e, 0, sizeof(*e));
    e->base.type = type;
    e->args = (py_obj_tuple_t *)&empty_tuple;
    e->traceback = emergency_tb[i];
    e->tb_alloc = PY_EMERGENCY_TB_ENTRIES;
    e->is_emergency = 1;
    return e;
}

// Not inlined: its locals would otherwise live in callers' frames across their setjmp.
__attribute__((noinline)) py_obj_t py_exception_alloc(const py_obj_type_t *type, size_t n_args,
                                                      const py_obj_t *args) {
    py_obj_exception_t *e = py_gc_alloc(sizeof(py_obj_exception_t), 0);
    if (e == NULL) {
        if (py_type_is_heap(type)) {
            // A heap class referenced only from a static object could be collected.
            py_raise_MemoryError();
        }
        return PY_OBJ_FROM_PTR(emergency_alloc(type));
    }
    e->base.type = type;
    e->args = (py_obj_tuple_t *)&empty_tuple;
    if (n_args > 0) {
        e->args = PY_OBJ_TO_PTR(py_obj_new_tuple(n_args, args));
    }
    return PY_OBJ_FROM_PTR(e);
}

// The errno values that CPython turns OSError(errno, ...) into a subclass for.
static const struct {
    uint8_t errno_value;
    const py_obj_type_t *type;
} errno_subclass[] = {
    {1, &py_type_PermissionError},          {2, &py_type_FileNotFoundError},
    {3, &py_type_ProcessLookupError},       {4, &py_type_InterruptedError},
    {10, &py_type_ChildProcessError},       {11, &py_type_BlockingIOError},
    {13, &py_type_PermissionError},         {17, &py_type_FileExistsError},
    {20, &py_type_NotADirectoryError},      {21, &py_type_IsADirectoryError},
    {32, &py_type_BrokenPipeError},         {103, &py_type_ConnectionAbortedError},
    {104, &py_type_ConnectionResetError},   {110, &py_type_TimeoutError},
    {111, &py_type_ConnectionRefusedError}, {114, &py_type_BlockingIOError},
    {115, &py_type_BlockingIOError},
};

static const py_obj_type_t *oserror_subclass(size_t n_args, const py_obj_t *args) {
    if (n_args < 2 || !PY_OBJ_IS_SMALL_INT(args[0])) {
        return &py_type_OSError;
    }
    intptr_t value = PY_OBJ_SMALL_INT_VALUE(args[0]);
    for (size_t i = 0; i < PY_ARRAY_SIZE(errno_subclass); i++) {
        if (errno_subclass[i].errno_value == value) {
            return errno_subclass[i].type;
        }
    }
    return &py_type_OSError;
}

static py_obj_t exception_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                   const py_obj_t *args) {
    if (n_kw != 0) {
        py_raise_msg_varg(&py_type_TypeError, "%q() takes no keyword arguments", (qstr)type->name);
    }
    if (type == &py_type_OSError) {
        type = oserror_subclass(n_args, args);
    }
    return py_exception_alloc(type, n_args, args);
}

py_obj_t py_obj_new_exception(const py_obj_type_t *exc_type) {
    return py_exception_alloc(exc_type, 0, NULL);
}

py_obj_t py_obj_new_exception_arg1(const py_obj_type_t *exc_type, py_obj_t arg) {
    return py_exception_alloc(exc_type, 1, &arg);
}

py_obj_t py_obj_new_exception_args(const py_obj_type_t *exc_type, size_t n_args,
                                   const py_obj_t *args) {
    return py_exception_alloc(exc_type, n_args, args);
}

// A fresh exception whose one argument is [len] bytes of text at [msg]; when the heap cannot hold
// the text the exception keeps no arguments rather than failing.
static py_obj_t exception_with_text(const py_obj_type_t *exc_type, const char *msg, size_t len) {
    py_obj_t exc = py_exception_alloc(exc_type, 0, NULL);
    if (get_exc(exc)->is_emergency) {
        return exc;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t text = py_obj_new_str(msg, len);
        get_exc(exc)->args = PY_OBJ_TO_PTR(py_obj_new_tuple(1, &text));
        py_nlr_pop();
    }
    return exc;
}

py_obj_t py_obj_new_exception_msg(const py_obj_type_t *exc_type, const char *msg) {
    return exception_with_text(exc_type, msg, strlen(msg));
}

py_obj_t py_obj_new_exception_msg_varg(const py_obj_type_t *exc_type, const char *fmt, ...) {
    py_obj_t exc = py_exception_alloc(exc_type, 0, NULL);
    if (get_exc(exc)->is_emergency) {
        return exc;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_vstr_t v;
        py_vstr_init(&v, 32);
        py_print_t p = PY_PRINT_TO_VSTR(&v);
        va_list ap;
        va_start(ap, fmt);
        py_vprintf(&p, fmt, ap);
        va_end(ap);
        py_obj_t text = py_obj_new_str_from_vstr(&v);
        get_exc(exc)->args = PY_OBJ_TO_PTR(py_obj_new_tuple(1, &text));
        py_nlr_pop();
    }
    return exc;
}

PY_NORETURN void py_raise_OSError(int errno_value) {
    py_raise(py_obj_new_exception_arg1(&py_type_OSError, PY_OBJ_NEW_SMALL_INT(errno_value)));
}

// ---- errno text ---------------------------------------------------------------------------------

static const struct {
    uint8_t value;
    uint16_t name; // qstr
} errno_names[] = {
#define PY_ERRNO_DEF(q, number) {number, q},
#include "errnolist.h"
};

const char *py_errno_name(int errno_value) {
    for (size_t i = 0; i < PY_ARRAY_SIZE(errno_names); i++) {
        if (errno_names[i].value == errno_value) {
            return py_qstr_str(errno_names[i].name);
        }
    }
    return NULL;
}

// ---- Printing -----------------------------------------------------------------------------------

// OSError(errno) prints MicroPython's "[Errno 2] ENOENT"; OSError(errno, text) CPython's form.
static bool print_oserror(const py_print_t *print, py_obj_tuple_t *args) {
    if (args->len == 0 || args->len > 3 || !PY_OBJ_IS_SMALL_INT(args->items[0])) {
        return false;
    }
    int value = (int)PY_OBJ_SMALL_INT_VALUE(args->items[0]);
    if (args->len == 1) {
        const char *name = py_errno_name(value);
        if (name == NULL) {
            return false;
        }
        py_printf(print, "[Errno %d] %s", value, name);
        return true;
    }
    py_printf(print, "[Errno %d] ", value);
    py_obj_print_helper(print, args->items[1], PY_PRINT_STR);
    if (args->len == 3) {
        py_print_str(print, ": ");
        py_obj_print_helper(print, args->items[2], PY_PRINT_REPR);
    }
    return true;
}

static void exception_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    py_obj_exception_t *e = get_exc(self);
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_tuple_t *args = e->args;
    if (kind == PY_PRINT_REPR) {
        py_printf(print, "%q(", (qstr)type->name);
        for (size_t i = 0; i < args->len; i++) {
            if (i > 0) {
                py_print_str(print, ", ");
            }
            py_obj_print_helper(print, args->items[i], PY_PRINT_REPR);
        }
        py_print_str(print, ")");
        return;
    }
    if (type_is(type, &py_type_OSError) && print_oserror(print, args)) {
        return;
    }
    if (args->len == 1) {
        bool is_key = type_is(type, &py_type_KeyError);
        py_obj_print_helper(print, args->items[0], is_key ? PY_PRINT_REPR : PY_PRINT_STR);
    } else if (args->len > 1) {
        py_obj_print_helper(print, PY_OBJ_FROM_PTR(args), PY_PRINT_REPR);
    }
}

// MicroPython's form: `Type: ` then str(exc), even when that is empty.
void py_exception_print_message(const py_print_t *print, py_obj_t exc) {
    const py_obj_type_t *type = py_obj_get_type(exc);
    py_printf(print, "%q: ", (qstr)type->name);
    bool custom =
        py_type_is_heap(type) && py_type_lookup_heap(type, PY_QSTR___str__) != PY_OBJ_NULL;
    if (!custom) {
        if (py_obj_is_exception_instance(exc)) {
            exception_print(print, exc, PY_PRINT_STR);
        } else {
            py_obj_print_helper(print, exc, PY_PRINT_STR);
        }
        return;
    }
    // A Python __str__ that fails leaves the message empty rather than escaping the printer.
    py_vstr_t v;
    v.len = 0;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_vstr_init(&v, 32);
        py_print_t vp = PY_PRINT_TO_VSTR(&v);
        py_obj_print_helper(&vp, exc, PY_PRINT_STR);
        py_nlr_pop();
        py_print_strn(print, v.buf, v.len);
    }
}

void py_obj_print_exception(const py_print_t *print, py_obj_t exc) {
    if (py_obj_is_exception_instance(exc)) {
        py_obj_exception_t *e = get_exc(exc);
        if (e->tb_len > 0) {
            py_print_str(print, "Traceback (most recent call last):\n");
            for (size_t i = e->tb_len; i-- > 0;) {
                size_t *entry = &e->traceback[3 * i];
                py_printf(print, "  File \"%q\", line %u", (qstr)entry[0], (unsigned)entry[1]);
                if ((qstr)entry[2] != PY_QSTR_NULL) {
                    py_printf(print, ", in %q", (qstr)entry[2]);
                }
                py_print_str(print, "\n");
            }
        }
    }
    py_exception_print_message(print, exc);
    py_print_str(print, "\n");
}

// ---- Tracebacks, cause, context ----------------------------------------------------------------

void py_obj_exception_add_traceback(py_obj_t exc, qstr file, size_t line, qstr block) {
    if (!py_obj_is_exception_instance(exc)) {
        return;
    }
    py_obj_exception_t *e = get_exc(exc);
    if (e->tb_len >= e->tb_alloc) {
        if (e->is_emergency || e->tb_alloc >= 0xffff / 2) {
            return;
        }
        // Grows without raising: running out of heap while unwinding only shortens the traceback.
        size_t new_alloc = e->tb_alloc == 0 ? 4 : (size_t)e->tb_alloc * 2;
        size_t *tb = e->traceback == NULL
                         ? py_gc_alloc(new_alloc * 3 * sizeof(size_t), PY_GC_NOSCAN)
                         : py_gc_realloc(e->traceback, new_alloc * 3 * sizeof(size_t), true);
        if (tb == NULL) {
            return;
        }
        e->traceback = tb;
        e->tb_alloc = (uint16_t)new_alloc;
    }
    size_t *entry = &e->traceback[3 * e->tb_len++];
    entry[0] = file;
    entry[1] = line;
    entry[2] = block;
}

void py_obj_exception_clear_traceback(py_obj_t exc) {
    if (py_obj_is_exception_instance(exc)) {
        get_exc(exc)->tb_len = 0;
    }
}

void py_obj_exception_set_cause(py_obj_t exc, py_obj_t cause) {
    if (py_obj_is_exception_instance(exc) && !get_exc(exc)->is_emergency) {
        get_exc(exc)->cause = cause;
        get_exc(exc)->suppress_context = 1;
    }
}

void py_obj_exception_set_context(py_obj_t exc, py_obj_t context) {
    if (py_obj_is_exception_instance(exc) && !get_exc(exc)->is_emergency && exc != context) {
        get_exc(exc)->context = context;
    }
}

// ---- Queries ------------------------------------------------------------------------------------

bool py_obj_exception_match(py_obj_t exc, py_obj_t exc_type) {
    const py_obj_type_t *t =
        py_obj_is_type_obj(exc) ? (const py_obj_type_t *)PY_OBJ_TO_PTR(exc) : py_obj_get_type(exc);
    if (py_obj_is_type(exc_type, &py_type_tuple)) {
        py_obj_tuple_t *tuple = PY_OBJ_TO_PTR(exc_type);
        for (size_t i = 0; i < tuple->len; i++) {
            if (py_obj_exception_match(exc, tuple->items[i])) {
                return true;
            }
        }
        return false;
    }
    if (!py_obj_is_type_obj(exc_type)) {
        return false;
    }
    return py_obj_is_subclass(t, (const py_obj_type_t *)PY_OBJ_TO_PTR(exc_type));
}

py_obj_t py_obj_exception_get_args(py_obj_t exc) {
    if (!py_obj_is_exception_instance(exc)) {
        return PY_OBJ_FROM_PTR(&empty_tuple);
    }
    return PY_OBJ_FROM_PTR(get_exc(exc)->args);
}

py_obj_t py_obj_exception_get_value(py_obj_t exc) {
    if (!py_obj_is_exception_instance(exc) || get_exc(exc)->args->len == 0) {
        return py_const_none;
    }
    return get_exc(exc)->args->items[0];
}

// ---- Traceback objects --------------------------------------------------------------------------

// exc.__traceback__: a view of one entry of an exception's traceback, outermost first, so
// tb.tb_next walks inwards as in CPython.
typedef struct traceback_obj {
    py_obj_base_t base;
    py_obj_t exc;
    size_t depth; // 0 is the outermost entry
} traceback_obj_t;

static const py_obj_type_t traceback_type;

static py_obj_t new_traceback(py_obj_t exc, size_t depth) {
    if (depth >= get_exc(exc)->tb_len || get_exc(exc)->is_emergency) {
        return py_const_none;
    }
    traceback_obj_t *tb = py_new_obj(traceback_obj_t, &traceback_type);
    tb->exc = exc;
    tb->depth = depth;
    return PY_OBJ_FROM_PTR(tb);
}

static void traceback_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    traceback_obj_t *tb = PY_OBJ_TO_PTR(self);
    py_obj_exception_t *e = get_exc(tb->exc);
    if (tb->depth >= e->tb_len) {
        return;
    }
    const size_t *entry = &e->traceback[3 * (e->tb_len - 1 - tb->depth)];
    if (attr == PY_QSTR_tb_lineno) {
        dest[0] = py_obj_new_int_from_uint(entry[1]);
    } else if (attr == PY_QSTR_tb_next) {
        dest[0] = new_traceback(tb->exc, tb->depth + 1);
    } else if (attr == PY_QSTR_tb_frame) {
        dest[0] = py_const_none;
    }
}

static const py_obj_type_t traceback_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_traceback,
    .attr = traceback_attr,
};

// ---- Attributes and methods ---------------------------------------------------------------------

static py_obj_t arg_or_none(py_obj_exception_t *e, size_t i) {
    return i < e->args->len ? e->args->items[i] : py_const_none;
}

static py_obj_t or_none(py_obj_t o) {
    return o == PY_OBJ_NULL ? py_const_none : o;
}

// The attributes every exception computes from its fields; PY_OBJ_NULL when [attr] is not one.
static py_obj_t exception_special_load(py_obj_t self, qstr attr) {
    py_obj_exception_t *e = get_exc(self);
    const py_obj_type_t *type = py_obj_get_type(self);
    switch (attr) {
        case PY_QSTR_args:
            return PY_OBJ_FROM_PTR(e->args);
        case PY_QSTR___cause__:
            return or_none(e->cause);
        case PY_QSTR___context__:
            return or_none(e->context);
        case PY_QSTR___suppress_context__:
            return PY_OBJ_NEW_BOOL(e->suppress_context);
        case PY_QSTR___traceback__:
            return new_traceback(self, 0);
        default:
            break;
    }
    if (attr == PY_QSTR_value && type_is(type, &py_type_StopIteration)) {
        return arg_or_none(e, 0);
    }
    if (attr == PY_QSTR_code && type_is(type, &py_type_SystemExit)) {
        return e->args->len > 1 ? PY_OBJ_FROM_PTR(e->args) : arg_or_none(e, 0);
    }
    if (type_is(type, &py_type_OSError)) {
        if (attr == PY_QSTR_errno) {
            return arg_or_none(e, 0);
        } else if (attr == PY_QSTR_strerror) {
            return arg_or_none(e, 1);
        } else if (attr == PY_QSTR_filename) {
            return arg_or_none(e, 2);
        }
    }
    return PY_OBJ_NULL;
}

static bool exception_special_store(py_obj_t self, qstr attr, py_obj_t value) {
    py_obj_exception_t *e = get_exc(self);
    switch (attr) {
        case PY_QSTR_args:
            e->args = PY_OBJ_TO_PTR(py_obj_tuple_from_iterable(value));
            return true;
        case PY_QSTR___cause__:
            e->cause = value == py_const_none ? PY_OBJ_NULL : value;
            e->suppress_context = 1;
            return true;
        case PY_QSTR___context__:
            e->context = value == py_const_none ? PY_OBJ_NULL : value;
            return true;
        case PY_QSTR___suppress_context__:
            e->suppress_context = py_obj_is_true(value);
            return true;
        case PY_QSTR___traceback__:
            return true;
        default:
            return false;
    }
}

static void exception_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    py_obj_exception_t *e = get_exc(self);
    if (dest[0] == PY_OBJ_NULL) {
        py_obj_t v = exception_special_load(self, attr);
        if (v != PY_OBJ_NULL) {
            dest[0] = v;
            return;
        }
        if (e->dict != NULL) {
            py_map_elem_t *elem = py_map_lookup_qstr(&e->dict->map, attr);
            if (elem != NULL) {
                dest[0] = elem->value;
                return;
            }
        }
        if (!py_type_is_heap(py_obj_get_type(self))) {
            const py_obj_type_t *type = py_obj_get_type(self);
            py_obj_t member = py_type_lookup(type, attr);
            if (member != PY_OBJ_NULL) {
                py_convert_member_lookup(self, type, member, dest);
            }
        }
        return;
    }
    if (dest[1] == PY_OBJ_NULL) {
        // Delete: only attributes in the instance dict can go.
        if (e->dict != NULL && py_map_remove(&e->dict->map, PY_OBJ_NEW_QSTR(attr), NULL)) {
            dest[0] = PY_OBJ_NULL;
        }
        return;
    }
    if (e->is_emergency) {
        return;
    }
    if (!exception_special_store(self, attr, dest[1])) {
        if (e->dict == NULL) {
            e->dict = PY_OBJ_TO_PTR(py_obj_new_dict(1));
        }
        py_obj_dict_store(PY_OBJ_FROM_PTR(e->dict), PY_OBJ_NEW_QSTR(attr), dest[1]);
    }
    dest[0] = PY_OBJ_NULL;
}

static py_obj_exception_t *check_self(py_obj_t self) {
    if (!py_obj_is_exception_instance(self)) {
        py_raise_TypeError("descriptor requires a 'BaseException' object");
    }
    return get_exc(self);
}

static py_obj_t exception___init__(size_t n_args, const py_obj_t *args) {
    py_obj_exception_t *e = check_self(args[0]);
    if (!e->is_emergency) {
        e->args = PY_OBJ_TO_PTR(py_obj_new_tuple(n_args - 1, args + 1));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(exception___init___obj, 1, exception___init__);

static py_obj_t exception_text(py_obj_t self, py_print_kind_t kind) {
    check_self(self);
    py_vstr_t v;
    py_vstr_init(&v, 16);
    py_print_t p = PY_PRINT_TO_VSTR(&v);
    exception_print(&p, self, kind);
    return py_obj_new_str_from_vstr(&v);
}

static py_obj_t exception___str__(py_obj_t self) {
    return exception_text(self, PY_PRINT_STR);
}
static PY_DEFINE_CONST_FUN_OBJ_1(exception___str___obj, exception___str__);

static py_obj_t exception___repr__(py_obj_t self) {
    return exception_text(self, PY_PRINT_REPR);
}
static PY_DEFINE_CONST_FUN_OBJ_1(exception___repr___obj, exception___repr__);

static py_obj_t exception_with_traceback(py_obj_t self, py_obj_t tb) {
    (void)tb;
    check_self(self);
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_2(exception_with_traceback_obj, exception_with_traceback);

static const py_map_elem_t exception_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&exception___init___obj)},
    {PY_ROM_QSTR(PY_QSTR___str__), PY_ROM_PTR(&exception___str___obj)},
    {PY_ROM_QSTR(PY_QSTR___repr__), PY_ROM_PTR(&exception___repr___obj)},
    {PY_ROM_QSTR(PY_QSTR_with_traceback), PY_ROM_PTR(&exception_with_traceback_obj)},
};
static PY_DEFINE_CONST_DICT(exception_locals_dict, exception_locals_table);

// ---- The hierarchy ------------------------------------------------------------------------------

#define EXC_FLAGS (PY_TYPE_FLAG_IS_EXCEPTION | PY_TYPE_FLAG_BASETYPE)

const py_obj_type_t py_type_BaseException = {
    .base = {&py_type_type},
    .flags = EXC_FLAGS,
    .name = PY_QSTR_BaseException,
    .print = exception_print,
    .make_new = exception_make_new,
    .attr = exception_attr,
    .locals_dict = (py_obj_dict_t *)&exception_locals_dict,
};

// [qname] is spelled out so the qstr collector sees it.
#define DEFINE_EXC(exc, qname, parent_exc)                                                         \
    const py_obj_type_t py_type_##exc = {                                                          \
        .base = {&py_type_type},                                                                   \
        .flags = EXC_FLAGS,                                                                        \
        .name = qname,                                                                             \
        .print = exception_print,                                                                  \
        .make_new = exception_make_new,                                                            \
        .attr = exception_attr,                                                                    \
        .parent = &py_type_##parent_exc,                                                           \
    }

DEFINE_EXC(SystemExit, PY_QSTR_SystemExit, BaseException);
DEFINE_EXC(KeyboardInterrupt, PY_QSTR_KeyboardInterrupt, BaseException);
DEFINE_EXC(GeneratorExit, PY_QSTR_GeneratorExit, BaseException);
DEFINE_EXC(Exception, PY_QSTR_Exception, BaseException);
DEFINE_EXC(StopIteration, PY_QSTR_StopIteration, Exception);
DEFINE_EXC(StopAsyncIteration, PY_QSTR_StopAsyncIteration, Exception);
DEFINE_EXC(ArithmeticError, PY_QSTR_ArithmeticError, Exception);
DEFINE_EXC(OverflowError, PY_QSTR_OverflowError, ArithmeticError);
DEFINE_EXC(ZeroDivisionError, PY_QSTR_ZeroDivisionError, ArithmeticError);
DEFINE_EXC(AssertionError, PY_QSTR_AssertionError, Exception);
DEFINE_EXC(AttributeError, PY_QSTR_AttributeError, Exception);
DEFINE_EXC(BufferError, PY_QSTR_BufferError, Exception);
DEFINE_EXC(EOFError, PY_QSTR_EOFError, Exception);
DEFINE_EXC(ImportError, PY_QSTR_ImportError, Exception);
DEFINE_EXC(ModuleNotFoundError, PY_QSTR_ModuleNotFoundError, ImportError);
DEFINE_EXC(LookupError, PY_QSTR_LookupError, Exception);
DEFINE_EXC(IndexError, PY_QSTR_IndexError, LookupError);
DEFINE_EXC(KeyError, PY_QSTR_KeyError, LookupError);
DEFINE_EXC(MemoryError, PY_QSTR_MemoryError, Exception);
DEFINE_EXC(NameError, PY_QSTR_NameError, Exception);
DEFINE_EXC(UnboundLocalError, PY_QSTR_UnboundLocalError, NameError);
DEFINE_EXC(OSError, PY_QSTR_OSError, Exception);
DEFINE_EXC(BlockingIOError, PY_QSTR_BlockingIOError, OSError);
DEFINE_EXC(ChildProcessError, PY_QSTR_ChildProcessError, OSError);
DEFINE_EXC(ConnectionError, PY_QSTR_ConnectionError, OSError);
DEFINE_EXC(BrokenPipeError, PY_QSTR_BrokenPipeError, ConnectionError);
DEFINE_EXC(ConnectionAbortedError, PY_QSTR_ConnectionAbortedError, ConnectionError);
DEFINE_EXC(ConnectionRefusedError, PY_QSTR_ConnectionRefusedError, ConnectionError);
DEFINE_EXC(ConnectionResetError, PY_QSTR_ConnectionResetError, ConnectionError);
DEFINE_EXC(FileExistsError, PY_QSTR_FileExistsError, OSError);
DEFINE_EXC(FileNotFoundError, PY_QSTR_FileNotFoundError, OSError);
DEFINE_EXC(InterruptedError, PY_QSTR_InterruptedError, OSError);
DEFINE_EXC(IsADirectoryError, PY_QSTR_IsADirectoryError, OSError);
DEFINE_EXC(NotADirectoryError, PY_QSTR_NotADirectoryError, OSError);
DEFINE_EXC(PermissionError, PY_QSTR_PermissionError, OSError);
DEFINE_EXC(ProcessLookupError, PY_QSTR_ProcessLookupError, OSError);
DEFINE_EXC(TimeoutError, PY_QSTR_TimeoutError, OSError);
DEFINE_EXC(RuntimeError, PY_QSTR_RuntimeError, Exception);
DEFINE_EXC(NotImplementedError, PY_QSTR_NotImplementedError, RuntimeError);
DEFINE_EXC(RecursionError, PY_QSTR_RecursionError, RuntimeError);
DEFINE_EXC(SyntaxError, PY_QSTR_SyntaxError, Exception);
DEFINE_EXC(IndentationError, PY_QSTR_IndentationError, SyntaxError);
DEFINE_EXC(TabError, PY_QSTR_TabError, IndentationError);
DEFINE_EXC(TypeError, PY_QSTR_TypeError, Exception);
DEFINE_EXC(ValueError, PY_QSTR_ValueError, Exception);
DEFINE_EXC(UnicodeError, PY_QSTR_UnicodeError, ValueError);
DEFINE_EXC(UnicodeDecodeError, PY_QSTR_UnicodeDecodeError, UnicodeError);
DEFINE_EXC(UnicodeEncodeError, PY_QSTR_UnicodeEncodeError, UnicodeError);
DEFINE_EXC(UnicodeTranslateError, PY_QSTR_UnicodeTranslateError, UnicodeError);
DEFINE_EXC(Warning, PY_QSTR_Warning, Exception);
DEFINE_EXC(UserWarning, PY_QSTR_UserWarning, Warning);
DEFINE_EXC(DeprecationWarning, PY_QSTR_DeprecationWarning, Warning);
DEFINE_EXC(RuntimeWarning, PY_QSTR_RuntimeWarning, Warning);
DEFINE_EXC(SyntaxWarning, PY_QSTR_SyntaxWarning, Warning);
