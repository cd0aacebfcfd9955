// SPDX-License-Identifier: MIT
// modbuiltins.c: the builtins module and the builtin functions not defined beside a type.

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objexcept.h"
#include "objtype.h"
#include "port.h"
#include "runtime.h"

// A keyword argument of a PY_FUN_BUILTIN_KW function, or [defval] when not given.
static py_obj_t kw_get(py_map_t *kw, qstr name, py_obj_t defval) {
    py_map_elem_t *e = py_map_lookup(kw, PY_OBJ_NEW_QSTR(name), PY_MAP_LOOKUP);
    return e == NULL ? defval : e->value;
}

// Raises TypeError if [kw] holds a keyword outside the [n] names in [allowed].
static void kw_check(py_map_t *kw, const uint16_t *allowed, size_t n) {
    for (size_t i = 0; i < kw->filled; i++) {
        if (!py_map_slot_is_filled(kw, i)) {
            continue;
        }
        qstr key = py_obj_str_get_qstr(kw->table[i].key);
        size_t j = 0;
        while (j < n && allowed[j] != key) {
            j++;
        }
        if (j == n) {
            py_raise_msg_varg(&py_type_TypeError, "unexpected keyword argument '%q'", key);
        }
    }
}

// base.attr, or PY_OBJ_NULL if it is missing or raised AttributeError (from __getattr__).
static py_obj_t load_attr_or_null(py_obj_t base, qstr attr) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t r = py_load_attr_default(base, attr, PY_OBJ_NULL);
        py_nlr_pop();
        return r;
    }
    if (!py_obj_exception_match(PY_OBJ_FROM_PTR(nlr.ret_val),
                                PY_OBJ_FROM_PTR(&py_type_AttributeError))) {
        py_nlr_jump(nlr.ret_val);
    }
    return PY_OBJ_NULL;
}

// ---- Attributes and introspection ---------------------------------------------------------------

static py_obj_t builtin_getattr(size_t n_args, const py_obj_t *args) {
    qstr attr = py_obj_str_get_qstr(args[1]);
    if (n_args == 2) {
        return py_load_attr(args[0], attr);
    }
    py_obj_t r = load_attr_or_null(args[0], attr);
    return r == PY_OBJ_NULL ? args[2] : r;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_getattr_obj, 2, 3, builtin_getattr);

static py_obj_t builtin_hasattr(py_obj_t obj, py_obj_t name) {
    return PY_OBJ_NEW_BOOL(load_attr_or_null(obj, py_obj_str_get_qstr(name)) != PY_OBJ_NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_2(builtin_hasattr_obj, builtin_hasattr);

static py_obj_t builtin_setattr(py_obj_t obj, py_obj_t name, py_obj_t value) {
    py_store_attr(obj, py_obj_str_get_qstr(name), value);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(builtin_setattr_obj, builtin_setattr);

static py_obj_t builtin_delattr(py_obj_t obj, py_obj_t name) {
    py_delete_attr(obj, py_obj_str_get_qstr(name));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(builtin_delattr_obj, builtin_delattr);

static py_obj_t builtin_callable(py_obj_t obj) {
    return PY_OBJ_NEW_BOOL(py_obj_is_callable(obj));
}
static PY_DEFINE_CONST_FUN_OBJ_1(builtin_callable_obj, builtin_callable);

static py_obj_t builtin_id(py_obj_t obj) {
    return py_obj_new_int_from_uint((uintptr_t)obj);
}
static PY_DEFINE_CONST_FUN_OBJ_1(builtin_id_obj, builtin_id);

static py_obj_t builtin_hash(py_obj_t obj) {
    return py_obj_hash(obj);
}
static PY_DEFINE_CONST_FUN_OBJ_1(builtin_hash_obj, builtin_hash);

static py_obj_t builtin_len(py_obj_t obj) {
    return py_obj_len(obj);
}
static PY_DEFINE_CONST_FUN_OBJ_1(builtin_len_obj, builtin_len);

static py_obj_t builtin_repr(py_obj_t obj) {
    return py_obj_repr(obj);
}
static PY_DEFINE_CONST_FUN_OBJ_1(builtin_repr_obj, builtin_repr);

// Is [o] a class or (recursively) a tuple of classes? Raises TypeError naming [fun] if not.
static void check_classinfo(py_obj_t o, const char *fun) {
    if (py_obj_is_type(o, &py_type_tuple)) {
        py_obj_tuple_t *t = PY_OBJ_TO_PTR(o);
        for (size_t i = 0; i < t->len; i++) {
            check_classinfo(t->items[i], fun);
        }
    } else if (!py_obj_is_type_obj(o)) {
        py_raise_msg_varg(&py_type_TypeError,
                          "%s() arg 2 must be a type, a tuple of types, or a union", fun);
    }
}

static bool is_subclass_of_info(const py_obj_type_t *t, py_obj_t info) {
    if (py_obj_is_type(info, &py_type_tuple)) {
        py_obj_tuple_t *tuple = PY_OBJ_TO_PTR(info);
        for (size_t i = 0; i < tuple->len; i++) {
            if (is_subclass_of_info(t, tuple->items[i])) {
                return true;
            }
        }
        return false;
    }
    return py_obj_is_subclass(t, PY_OBJ_TO_PTR(info));
}

static py_obj_t builtin_isinstance(py_obj_t obj, py_obj_t info) {
    check_classinfo(info, "isinstance");
    return PY_OBJ_NEW_BOOL(is_subclass_of_info(py_obj_get_type(obj), info));
}
static PY_DEFINE_CONST_FUN_OBJ_2(builtin_isinstance_obj, builtin_isinstance);

static py_obj_t builtin_issubclass(py_obj_t cls, py_obj_t info) {
    if (!py_obj_is_type_obj(cls)) {
        py_raise_TypeError("issubclass() arg 1 must be a class");
    }
    check_classinfo(info, "issubclass");
    return PY_OBJ_NEW_BOOL(is_subclass_of_info(PY_OBJ_TO_PTR(cls), info));
}
static PY_DEFINE_CONST_FUN_OBJ_2(builtin_issubclass_obj, builtin_issubclass);

static void add_map_keys(py_obj_t names, py_map_t *map) {
    for (size_t i = 0; i < map->filled; i++) {
        if (py_map_slot_is_filled(map, i)) {
            py_obj_dict_store(names, map->table[i].key, py_const_none);
        }
    }
}

static void add_type_names(py_obj_t names, const py_obj_type_t *t) {
    py_obj_tuple_t *mro = PY_OBJ_TO_PTR(py_type_get_mro(t));
    for (size_t i = 0; i < mro->len; i++) {
        const py_obj_type_t *c = PY_OBJ_TO_PTR(mro->items[i]);
        if (c->locals_dict != NULL) {
            add_map_keys(names, &c->locals_dict->map);
        }
    }
}

static py_obj_t builtin_dir(size_t n_args, const py_obj_t *args) {
    py_obj_t names = py_obj_new_dict(0);
    if (n_args == 0) {
        add_map_keys(names, &py_vm_frame_locals()->map);
    } else if (py_obj_is_type(args[0], &py_type_module)) {
        add_map_keys(names, &py_obj_module_get_globals(args[0])->map);
    } else if (py_obj_is_type_obj(args[0])) {
        add_type_names(names, PY_OBJ_TO_PTR(args[0]));
    } else {
        if (PY_OBJ_IS_OBJ(args[0])) {
            py_obj_dict_t *d = py_instance_get_dict(args[0], false);
            if (d != NULL) {
                add_map_keys(names, &d->map);
            }
        }
        add_type_names(names, py_obj_get_type(args[0]));
        py_obj_dict_store(names, PY_OBJ_NEW_QSTR(PY_QSTR___class__), py_const_none);
    }
    py_map_t *map = py_obj_dict_get_map(names);
    py_obj_t list = py_obj_new_list(0, NULL);
    for (size_t i = 0; i < map->filled; i++) {
        if (py_map_slot_is_filled(map, i)) {
            py_obj_list_append(list, map->table[i].key);
        }
    }
    py_obj_list_t *l = PY_OBJ_TO_PTR(list);
    py_sort(l->items, l->len, PY_OBJ_NULL, false);
    return list;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_dir_obj, 0, 1, builtin_dir);

static py_obj_t builtin_globals(void) {
    return PY_OBJ_FROM_PTR(py_globals_get());
}
static PY_DEFINE_CONST_FUN_OBJ_0(builtin_globals_obj, builtin_globals);

static py_obj_t builtin_locals(void) {
    return PY_OBJ_FROM_PTR(py_vm_frame_locals());
}
static PY_DEFINE_CONST_FUN_OBJ_0(builtin_locals_obj, builtin_locals);

static py_obj_t builtin_vars(size_t n_args, const py_obj_t *args) {
    if (n_args == 0) {
        return PY_OBJ_FROM_PTR(py_vm_frame_locals());
    }
    py_obj_t d = load_attr_or_null(args[0], PY_QSTR___dict__);
    if (d == PY_OBJ_NULL) {
        py_raise_TypeError("vars() argument must have __dict__ attribute");
    }
    return d;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_vars_obj, 0, 1, builtin_vars);

// ---- Iteration ----------------------------------------------------------------------------------

// iter(callable, sentinel): calls callable until it returns sentinel.
typedef struct call_iter {
    py_obj_base_t base;
    py_obj_t fun;
    py_obj_t sentinel;
} call_iter_t;

static py_obj_t call_iter_next(py_obj_t self) {
    call_iter_t *it = PY_OBJ_TO_PTR(self);
    if (it->fun == PY_OBJ_NULL) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_obj_t v = py_call_function_0(it->fun);
    if (py_obj_equal(v, it->sentinel)) {
        it->fun = PY_OBJ_NULL;
        return PY_OBJ_STOP_ITERATION;
    }
    return v;
}

static py_obj_t call_iter_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static const py_obj_type_t call_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_callable_iterator,
    .getiter = call_iter_getiter,
    .iternext = call_iter_next,
};

static py_obj_t builtin_iter(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        return py_getiter(args[0], NULL);
    }
    if (!py_obj_is_callable(args[0])) {
        py_raise_TypeError("iter(v, w): v must be callable");
    }
    call_iter_t *it = py_new_obj(call_iter_t, &call_iter_type);
    it->fun = args[0];
    it->sentinel = args[1];
    return PY_OBJ_FROM_PTR(it);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_iter_obj, 1, 2, builtin_iter);

static py_obj_t builtin_next(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        return py_iternext_allow_raise(args[0]);
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t r = py_iternext(args[0]);
        py_nlr_pop();
        return r == PY_OBJ_STOP_ITERATION ? args[1] : r;
    }
    if (!py_obj_exception_match(PY_OBJ_FROM_PTR(nlr.ret_val),
                                PY_OBJ_FROM_PTR(&py_type_StopIteration))) {
        py_nlr_jump(nlr.ret_val);
    }
    return args[1];
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_next_obj, 1, 2, builtin_next);

// ---- print, input -------------------------------------------------------------------------------

// Where print() writes: the console directly, or a file-like object's write().
typedef struct print_dest {
    py_obj_t write; // bound write method, or PY_OBJ_NULL for the console
    bool is_stderr;
} print_dest_t;

static void dest_write_strn(print_dest_t *d, const char *data, size_t len) {
    if (d->write != PY_OBJ_NULL) {
        py_call_function_1(d->write, py_obj_new_str(data, len));
    } else {
        py_sys_console_write(d->is_stderr, data, len);
    }
}

// Writes [s] (a str, or PY_OBJ_NULL for the [dflt] text).
static void dest_write_str(print_dest_t *d, py_obj_t s, const char *dflt) {
    if (s == PY_OBJ_NULL) {
        dest_write_strn(d, dflt, strlen(dflt));
    } else if (d->write != PY_OBJ_NULL) {
        py_call_function_1(d->write, s);
    } else {
        size_t len;
        const char *data = py_obj_str_get_data(s, &len);
        py_sys_console_write(d->is_stderr, data, len);
    }
}

static void dest_write_item(print_dest_t *d, py_obj_t item) {
    if (d->write == PY_OBJ_NULL && !d->is_stderr) {
        py_obj_print_helper(&py_plat_print, item, PY_PRINT_STR);
    } else {
        dest_write_str(d, py_obj_str(item), "");
    }
}

// A str keyword argument, or PY_OBJ_NULL when absent or None.
static py_obj_t str_or_null(py_map_t *kw, qstr name) {
    py_obj_t v = kw_get(kw, name, py_const_none);
    if (v == py_const_none) {
        return PY_OBJ_NULL;
    }
    if (!py_obj_is_str(v)) {
        py_raise_msg_varg(&py_type_TypeError, "%q must be None or a string, not %s", name,
                          py_obj_get_type_str(v));
    }
    return v;
}

static py_obj_t builtin_print(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const uint16_t allowed[] = {PY_QSTR_sep, PY_QSTR_end, PY_QSTR_file, PY_QSTR_flush};
    kw_check(kw, allowed, PY_ARRAY_SIZE(allowed));
    py_obj_t sep = str_or_null(kw, PY_QSTR_sep);
    py_obj_t end = str_or_null(kw, PY_QSTR_end);
    py_obj_t file = kw_get(kw, PY_QSTR_file, py_const_none);
    print_dest_t d = {PY_OBJ_NULL, false};
    if (file != py_const_none && !py_sys_is_console(file, &d.is_stderr)) {
        d.write = py_load_attr(file, PY_QSTR_write);
    }
    for (size_t i = 0; i < n_args; i++) {
        if (i > 0) {
            dest_write_str(&d, sep, " ");
        }
        dest_write_item(&d, args[i]);
    }
    dest_write_str(&d, end, "\n");
    py_obj_t flush = kw_get(kw, PY_QSTR_flush, py_const_false);
    if (d.write != PY_OBJ_NULL && py_obj_is_true(flush)) {
        py_obj_t dest[2];
        py_load_method_maybe(file, PY_QSTR_flush, dest);
        if (dest[0] != PY_OBJ_NULL) {
            py_call_method_n_kw(0, 0, dest);
        }
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(builtin_print_obj, 0, builtin_print);

static py_obj_t builtin_input(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        py_obj_print_helper(&py_plat_print, args[0], PY_PRINT_STR);
    }
    py_vstr_t line;
    py_vstr_init(&line, 32);
    switch (py_port_readline(&line)) {
        case PY_PORT_LINE_INTERRUPT:
            py_raise(py_obj_new_exception(&py_type_KeyboardInterrupt));
        case PY_PORT_LINE_TOO_LONG:
            py_raise_ValueError("input line too long");
        case PY_PORT_LINE_EOF:
            if (line.len == 0) {
                py_raise(py_obj_new_exception(&py_type_EOFError));
            }
            break;
        default:
            break;
    }
    if (!py_utf8_is_valid((const byte *)line.buf, line.len)) {
        py_raise_msg(&py_type_UnicodeError, "invalid UTF-8 in input");
    }
    return py_obj_new_str_from_vstr(&line);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_input_obj, 0, 1, builtin_input);

// ---- Code: eval, exec, compile, __import__ ------------------------------------------------------

static py_obj_dict_t *dict_arg(py_obj_t o, const char *what) {
    if (!py_obj_is_type(o, &py_type_dict)) {
        py_raise_msg_varg(&py_type_TypeError, "%s must be a dict", what);
    }
    return PY_OBJ_TO_PTR(o);
}

static py_compile_mode_t mode_from_str(py_obj_t mode) {
    const char *s = py_obj_str_get_str(mode);
    if (strcmp(s, "exec") == 0) {
        return PY_COMPILE_FILE;
    } else if (strcmp(s, "eval") == 0) {
        return PY_COMPILE_EVAL;
    } else if (strcmp(s, "single") == 0) {
        return PY_COMPILE_SINGLE;
    }
    py_raise_ValueError("compile() mode must be 'exec', 'eval' or 'single'");
}

static py_obj_t eval_exec(size_t n_args, const py_obj_t *args, py_compile_mode_t mode) {
    py_obj_dict_t *globals = py_globals_get();
    py_obj_dict_t *locals = py_vm_frame_locals();
    if (n_args > 1 && args[1] != py_const_none) {
        globals = dict_arg(args[1], "globals");
        locals = globals;
    }
    if (n_args > 2 && args[2] != py_const_none) {
        locals = dict_arg(args[2], "locals");
    }
    if (py_obj_is_str_or_bytes(args[0])) {
        size_t len;
        const char *src = py_obj_str_get_data(args[0], &len);
        if (mode == PY_COMPILE_EVAL) {
            // eval() ignores leading blanks, which would otherwise be an indent.
            while (len > 0 && (*src == ' ' || *src == '\t')) {
                src++;
                len--;
            }
        }
        return py_exec_str(src, len, PY_QSTR_lt_string_gt, mode, globals, locals);
    }
    // A code object from compile().
    return py_exec_code(args[0], globals, locals);
}

static py_obj_t builtin_eval(size_t n_args, const py_obj_t *args) {
    return eval_exec(n_args, args, PY_COMPILE_EVAL);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_eval_obj, 1, 3, builtin_eval);

static py_obj_t builtin_exec(size_t n_args, const py_obj_t *args) {
    eval_exec(n_args, args, PY_COMPILE_FILE);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_exec_obj, 1, 3, builtin_exec);

static py_obj_t builtin_compile(size_t n_args, const py_obj_t *args) {
    (void)n_args;
    size_t len;
    const char *src = py_obj_str_get_data(args[0], &len);
    qstr file = py_obj_str_get_qstr(args[1]);
    py_compile_mode_t mode = mode_from_str(args[2]);
    py_reader_t reader;
    py_reader_mem_t state;
    py_reader_init_mem(&reader, &state, (const byte *)src, len);
    return py_compile(&reader, file, mode);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(builtin_compile_obj, 3, 6, builtin_compile);

static py_obj_t builtin___import__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const uint16_t allowed[] = {PY_QSTR_name, PY_QSTR_globals, PY_QSTR_locals,
                                       PY_QSTR_fromlist, PY_QSTR_level};
    kw_check(kw, allowed, PY_ARRAY_SIZE(allowed));
    py_obj_t vals[5] = {PY_OBJ_NULL, py_const_none, py_const_none, py_const_none,
                        PY_OBJ_NEW_SMALL_INT(0)};
    for (size_t i = 0; i < n_args && i < 5; i++) {
        vals[i] = args[i];
    }
    for (size_t i = 0; i < 5; i++) {
        vals[i] = kw_get(kw, allowed[i], vals[i]);
    }
    if (vals[0] == PY_OBJ_NULL) {
        py_raise_TypeError("__import__() missing required argument 'name'");
    }
    return py_import_name(py_obj_str_get_qstr(vals[0]), vals[3], vals[4]);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(builtin___import___obj, 0, builtin___import__);

// ---- The module ---------------------------------------------------------------------------------

#define TYPE_ENTRY(q, t)                                                                           \
    { PY_ROM_QSTR(q), PY_ROM_PTR(&t) }

// Names used most by programs come first: fixed tables are searched in order.
static const py_map_elem_t builtins_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_builtins)},
    TYPE_ENTRY(PY_QSTR_print, builtin_print_obj),
    TYPE_ENTRY(PY_QSTR_len, builtin_len_obj),
    TYPE_ENTRY(PY_QSTR_range, py_type_range),
    TYPE_ENTRY(PY_QSTR_int, py_type_int),
    TYPE_ENTRY(PY_QSTR_str, py_type_str),
    TYPE_ENTRY(PY_QSTR_isinstance, builtin_isinstance_obj),
    TYPE_ENTRY(PY_QSTR_list, py_type_list),
    TYPE_ENTRY(PY_QSTR_dict, py_type_dict),
    TYPE_ENTRY(PY_QSTR_tuple, py_type_tuple),
    TYPE_ENTRY(PY_QSTR_enumerate, py_type_enumerate),
    TYPE_ENTRY(PY_QSTR_zip, py_type_zip),
    TYPE_ENTRY(PY_QSTR_min, py_builtin_min_obj),
    TYPE_ENTRY(PY_QSTR_max, py_builtin_max_obj),
    TYPE_ENTRY(PY_QSTR_abs, py_builtin_abs_obj),
    TYPE_ENTRY(PY_QSTR_sum, py_builtin_sum_obj),
    TYPE_ENTRY(PY_QSTR_sorted, py_builtin_sorted_obj),
    TYPE_ENTRY(PY_QSTR_repr, builtin_repr_obj),
    TYPE_ENTRY(PY_QSTR_set, py_type_set),
    TYPE_ENTRY(PY_QSTR_bool, py_type_bool),
#if PY_FEATURE_FLOAT
    TYPE_ENTRY(PY_QSTR_float, py_type_float),
#endif
    TYPE_ENTRY(PY_QSTR_type, py_type_type),
    TYPE_ENTRY(PY_QSTR_object, py_type_object),
    TYPE_ENTRY(PY_QSTR___build_class__, py_builtin___build_class___obj),
    TYPE_ENTRY(PY_QSTR_super, py_type_super),
    TYPE_ENTRY(PY_QSTR_iter, builtin_iter_obj),
    TYPE_ENTRY(PY_QSTR_next, builtin_next_obj),
    TYPE_ENTRY(PY_QSTR_map, py_type_map),
    TYPE_ENTRY(PY_QSTR_filter, py_type_filter),
    TYPE_ENTRY(PY_QSTR_reversed, py_type_reversed),
    TYPE_ENTRY(PY_QSTR_any, py_builtin_any_obj),
    TYPE_ENTRY(PY_QSTR_all, py_builtin_all_obj),
    TYPE_ENTRY(PY_QSTR_getattr, builtin_getattr_obj),
    TYPE_ENTRY(PY_QSTR_setattr, builtin_setattr_obj),
    TYPE_ENTRY(PY_QSTR_hasattr, builtin_hasattr_obj),
    TYPE_ENTRY(PY_QSTR_delattr, builtin_delattr_obj),
    TYPE_ENTRY(PY_QSTR_issubclass, builtin_issubclass_obj),
    TYPE_ENTRY(PY_QSTR_callable, builtin_callable_obj),
    TYPE_ENTRY(PY_QSTR_chr, py_builtin_chr_obj),
    TYPE_ENTRY(PY_QSTR_ord, py_builtin_ord_obj),
    TYPE_ENTRY(PY_QSTR_divmod, py_builtin_divmod_obj),
    TYPE_ENTRY(PY_QSTR_pow, py_builtin_pow_obj),
    TYPE_ENTRY(PY_QSTR_round, py_builtin_round_obj),
    TYPE_ENTRY(PY_QSTR_bin, py_builtin_bin_obj),
    TYPE_ENTRY(PY_QSTR_oct, py_builtin_oct_obj),
    TYPE_ENTRY(PY_QSTR_hex, py_builtin_hex_obj),
    TYPE_ENTRY(PY_QSTR_format, py_builtin_format_obj),
    TYPE_ENTRY(PY_QSTR_hash, builtin_hash_obj),
    TYPE_ENTRY(PY_QSTR_id, builtin_id_obj),
    TYPE_ENTRY(PY_QSTR_dir, builtin_dir_obj),
    TYPE_ENTRY(PY_QSTR_vars, builtin_vars_obj),
    TYPE_ENTRY(PY_QSTR_globals, builtin_globals_obj),
    TYPE_ENTRY(PY_QSTR_locals, builtin_locals_obj),
    TYPE_ENTRY(PY_QSTR_eval, builtin_eval_obj),
    TYPE_ENTRY(PY_QSTR_exec, builtin_exec_obj),
    TYPE_ENTRY(PY_QSTR_compile, builtin_compile_obj),
    TYPE_ENTRY(PY_QSTR_input, builtin_input_obj),
    TYPE_ENTRY(PY_QSTR_open, py_builtin_open_obj),
    TYPE_ENTRY(PY_QSTR___import__, builtin___import___obj),
    TYPE_ENTRY(PY_QSTR_bytes, py_type_bytes),
    TYPE_ENTRY(PY_QSTR_bytearray, py_type_bytearray),
    TYPE_ENTRY(PY_QSTR_memoryview, py_type_memoryview),
    TYPE_ENTRY(PY_QSTR_frozenset, py_type_frozenset),
    TYPE_ENTRY(PY_QSTR_slice, py_type_slice),
    TYPE_ENTRY(PY_QSTR_property, py_type_property),
    TYPE_ENTRY(PY_QSTR_staticmethod, py_type_staticmethod),
    TYPE_ENTRY(PY_QSTR_classmethod, py_type_classmethod),
    {PY_ROM_QSTR(PY_QSTR_NotImplemented), py_const_notimplemented},
    {PY_ROM_QSTR(PY_QSTR_Ellipsis), py_const_ellipsis},
    {PY_ROM_QSTR(PY_QSTR___debug__), py_const_true},
    // Exceptions.
    TYPE_ENTRY(PY_QSTR_BaseException, py_type_BaseException),
    TYPE_ENTRY(PY_QSTR_Exception, py_type_Exception),
    TYPE_ENTRY(PY_QSTR_ValueError, py_type_ValueError),
    TYPE_ENTRY(PY_QSTR_TypeError, py_type_TypeError),
    TYPE_ENTRY(PY_QSTR_KeyError, py_type_KeyError),
    TYPE_ENTRY(PY_QSTR_IndexError, py_type_IndexError),
    TYPE_ENTRY(PY_QSTR_StopIteration, py_type_StopIteration),
    TYPE_ENTRY(PY_QSTR_RuntimeError, py_type_RuntimeError),
    TYPE_ENTRY(PY_QSTR_AttributeError, py_type_AttributeError),
    TYPE_ENTRY(PY_QSTR_NameError, py_type_NameError),
    TYPE_ENTRY(PY_QSTR_ZeroDivisionError, py_type_ZeroDivisionError),
    TYPE_ENTRY(PY_QSTR_OSError, py_type_OSError),
    TYPE_ENTRY(PY_QSTR_ArithmeticError, py_type_ArithmeticError),
    TYPE_ENTRY(PY_QSTR_AssertionError, py_type_AssertionError),
    TYPE_ENTRY(PY_QSTR_BufferError, py_type_BufferError),
    TYPE_ENTRY(PY_QSTR_EOFError, py_type_EOFError),
    TYPE_ENTRY(PY_QSTR_GeneratorExit, py_type_GeneratorExit),
    TYPE_ENTRY(PY_QSTR_ImportError, py_type_ImportError),
    TYPE_ENTRY(PY_QSTR_ModuleNotFoundError, py_type_ModuleNotFoundError),
    TYPE_ENTRY(PY_QSTR_IndentationError, py_type_IndentationError),
    TYPE_ENTRY(PY_QSTR_TabError, py_type_TabError),
    TYPE_ENTRY(PY_QSTR_KeyboardInterrupt, py_type_KeyboardInterrupt),
    TYPE_ENTRY(PY_QSTR_LookupError, py_type_LookupError),
    TYPE_ENTRY(PY_QSTR_MemoryError, py_type_MemoryError),
    TYPE_ENTRY(PY_QSTR_NotImplementedError, py_type_NotImplementedError),
    TYPE_ENTRY(PY_QSTR_OverflowError, py_type_OverflowError),
    TYPE_ENTRY(PY_QSTR_RecursionError, py_type_RecursionError),
    TYPE_ENTRY(PY_QSTR_StopAsyncIteration, py_type_StopAsyncIteration),
    TYPE_ENTRY(PY_QSTR_SyntaxError, py_type_SyntaxError),
    TYPE_ENTRY(PY_QSTR_SystemExit, py_type_SystemExit),
    TYPE_ENTRY(PY_QSTR_UnboundLocalError, py_type_UnboundLocalError),
    TYPE_ENTRY(PY_QSTR_UnicodeError, py_type_UnicodeError),
    TYPE_ENTRY(PY_QSTR_UnicodeDecodeError, py_type_UnicodeDecodeError),
    TYPE_ENTRY(PY_QSTR_UnicodeEncodeError, py_type_UnicodeEncodeError),
    TYPE_ENTRY(PY_QSTR_UnicodeTranslateError, py_type_UnicodeTranslateError),
    TYPE_ENTRY(PY_QSTR_BlockingIOError, py_type_BlockingIOError),
    TYPE_ENTRY(PY_QSTR_BrokenPipeError, py_type_BrokenPipeError),
    TYPE_ENTRY(PY_QSTR_ChildProcessError, py_type_ChildProcessError),
    TYPE_ENTRY(PY_QSTR_ConnectionError, py_type_ConnectionError),
    TYPE_ENTRY(PY_QSTR_ConnectionAbortedError, py_type_ConnectionAbortedError),
    TYPE_ENTRY(PY_QSTR_ConnectionRefusedError, py_type_ConnectionRefusedError),
    TYPE_ENTRY(PY_QSTR_ConnectionResetError, py_type_ConnectionResetError),
    TYPE_ENTRY(PY_QSTR_FileExistsError, py_type_FileExistsError),
    TYPE_ENTRY(PY_QSTR_FileNotFoundError, py_type_FileNotFoundError),
    TYPE_ENTRY(PY_QSTR_InterruptedError, py_type_InterruptedError),
    TYPE_ENTRY(PY_QSTR_IsADirectoryError, py_type_IsADirectoryError),
    TYPE_ENTRY(PY_QSTR_NotADirectoryError, py_type_NotADirectoryError),
    TYPE_ENTRY(PY_QSTR_PermissionError, py_type_PermissionError),
    TYPE_ENTRY(PY_QSTR_ProcessLookupError, py_type_ProcessLookupError),
    TYPE_ENTRY(PY_QSTR_TimeoutError, py_type_TimeoutError),
    TYPE_ENTRY(PY_QSTR_Warning, py_type_Warning),
    TYPE_ENTRY(PY_QSTR_UserWarning, py_type_UserWarning),
    TYPE_ENTRY(PY_QSTR_DeprecationWarning, py_type_DeprecationWarning),
    TYPE_ENTRY(PY_QSTR_RuntimeWarning, py_type_RuntimeWarning),
    TYPE_ENTRY(PY_QSTR_SyntaxWarning, py_type_SyntaxWarning),
    {PY_ROM_QSTR(PY_QSTR_EnvironmentError), PY_ROM_PTR(&py_type_OSError)},
    {PY_ROM_QSTR(PY_QSTR_IOError), PY_ROM_PTR(&py_type_OSError)},
};
static PY_DEFINE_CONST_DICT(builtins_globals, builtins_table);

const py_obj_module_t py_module_builtins = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&builtins_globals,
};
