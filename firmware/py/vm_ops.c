// SPDX-License-Identifier: MIT
// vm_ops.c: the VM's less frequent instructions: raise, with, f-strings, unpacking into
// containers, async iteration, and the error paths of name loads.

#include "vm_ops.h"

#include <string.h>

#include "bc.h"
#include "builtin.h"
#include "gc.h"
#include "runtime.h"

void py_vm_raise_unbound(const py_frame_t *f, size_t slot) {
    if (slot >= f->rc->n_locals) {
        py_raise_msg(&py_type_NameError,
                     "free variable referenced before assignment in enclosing scope");
    }
    py_raise_msg(&py_type_UnboundLocalError, "local variable referenced before assignment");
}

py_obj_t py_vm_load_classderef(const py_frame_t *f, size_t slot, qstr name) {
    if (f->locals_dict != NULL) {
        py_map_elem_t *e = py_map_lookup_qstr(&f->locals_dict->map, name);
        if (e != NULL) {
            return e->value;
        }
    }
    py_obj_t v = py_obj_cell_get(f->slots[slot]);
    if (v == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_NameError,
                          "free variable '%q' referenced before assignment in enclosing scope",
                          name);
    }
    return v;
}

// An exception instance from what `raise` was given (an instance or a class).
static py_obj_t make_exception(py_obj_t o) {
    if (py_obj_is_exception_type(o)) {
        o = py_call_function_0(o);
    }
    if (!py_obj_is_exception_instance(o)) {
        py_raise_TypeError("exceptions must derive from BaseException");
    }
    return o;
}

void py_vm_raise(py_frame_t *f, size_t n, const py_obj_t *args) {
    if (n == 0) {
        py_obj_t exc = py_state.roots.cur_exc;
        if (exc == PY_OBJ_NULL) {
            py_raise_msg(&py_type_RuntimeError, "No active exception to reraise");
        }
        f->reraise = true;
        py_nlr_jump(PY_OBJ_TO_PTR(exc));
    }
    py_obj_t exc = make_exception(args[0]);
    if (n == 2) {
        py_obj_t cause = args[1];
        if (cause != py_const_none) {
            cause = make_exception(cause);
        }
        py_obj_exception_set_cause(exc, cause);
    }
    py_obj_t cur = py_state.roots.cur_exc;
    if (cur != PY_OBJ_NULL && cur != exc) {
        py_obj_exception_set_context(exc, cur);
    }
    py_nlr_jump(PY_OBJ_TO_PTR(exc));
}

// ---- with
// ----------------------------------------------------------------------------------------

void py_vm_before_with(py_obj_t *sp, bool is_async) {
    py_obj_t mgr = sp[-1];
    const py_obj_type_t *t = py_obj_get_type(mgr);
    py_obj_t enter = py_type_lookup(t, is_async ? PY_QSTR___aenter__ : PY_QSTR___enter__);
    py_obj_t exit = py_type_lookup(t, is_async ? PY_QSTR___aexit__ : PY_QSTR___exit__);
    if (enter == PY_OBJ_NULL || exit == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError,
                          is_async ? "'%s' object does not support the asynchronous context "
                                     "manager protocol"
                                   : "'%s' object does not support the context manager protocol",
                          py_obj_get_type_str(mgr));
    }
    py_obj_t call[2];
    py_convert_member_lookup(mgr, t, enter, call);
    py_convert_member_lookup(mgr, t, exit, sp - 1);
    sp[1] = py_call_method_n_kw(0, 0, call);
}

py_obj_t py_vm_with_exit_exc(const py_obj_t *sp) {
    py_obj_t exc = sp[-1];
    py_obj_t tb = py_load_attr_default(exc, PY_QSTR___traceback__, py_const_none);
    py_obj_t args[5] = {sp[-3], sp[-2], PY_OBJ_FROM_PTR(py_obj_get_type(exc)), exc, tb};
    return py_call_method_n_kw(3, 0, args);
}

// ---- f-strings
// -----------------------------------------------------------------------------------

py_obj_t py_vm_build_string(size_t n, const py_obj_t *items) {
    if (n == 1) {
        return items[0];
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        py_obj_str_get_data(items[i], &len);
        total += len;
    }
    py_vstr_t v;
    py_vstr_init(&v, total + 1);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = py_obj_str_get_data(items[i], &len);
        py_vstr_add_strn(&v, s, len);
    }
    return py_obj_new_str_from_vstr(&v);
}

// ascii(): repr() with every non-ASCII character escaped.
static py_obj_t ascii_of(py_obj_t o) {
    size_t len;
    const byte *s = (const byte *)py_obj_str_get_data(py_obj_repr(o), &len);
    const byte *end = s + len;
    py_vstr_t v;
    py_vstr_init(&v, len + 1);
    while (s < end) {
        if (*s < 0x80) {
            py_vstr_add_byte(&v, *s++);
            continue;
        }
        uint32_t c = py_utf8_get_char(s, end);
        s += py_utf8_seq_len(*s);
        if (c < 0x100) {
            py_vstr_printf(&v, "\\x%02x", (unsigned)c);
        } else if (c < 0x10000) {
            py_vstr_printf(&v, "\\u%04x", (unsigned)c);
        } else {
            py_vstr_printf(&v, "\\U%08x", (unsigned)c);
        }
    }
    return py_obj_new_str_from_vstr(&v);
}

py_obj_t py_vm_format_value(py_obj_t v, py_obj_t spec, unsigned conv) {
    switch (conv) {
        case 1:
            v = py_obj_str(v);
            break;
        case 2:
            v = py_obj_repr(v);
            break;
        case 3:
            v = ascii_of(v);
            break;
        default:
            break;
    }
    if (spec == PY_OBJ_NULL && (PY_OBJ_IS_QSTR(v) || py_obj_is_type(v, &py_type_str))) {
        return v;
    }
    return py_format_value(v, spec == PY_OBJ_NULL ? PY_OBJ_NEW_QSTR(PY_QSTR_) : spec);
}

// ---- Displays and calls with * and **
// -------------------------------------------------------------

static void dict_store_checked(py_obj_t d, py_obj_t key, py_obj_t value, bool merge) {
    if (merge) {
        if (!py_obj_is_str(key)) {
            py_raise_TypeError("keywords must be strings");
        }
        if (py_obj_dict_get(d, key) != PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError,
                              "function got multiple values for keyword argument '%q'",
                              py_obj_str_get_qstr(key));
        }
    }
    py_obj_dict_store(d, key, value);
}

void py_vm_dict_update(py_obj_t d, py_obj_t mapping, bool merge) {
    if (py_obj_is_type(mapping, &py_type_dict)) {
        py_map_t *map = py_obj_dict_get_map(mapping);
        for (size_t i = 0; i < map->filled; i++) {
            if (py_map_slot_is_filled(map, i)) {
                dict_store_checked(d, map->table[i].key, map->table[i].value, merge);
            }
        }
        return;
    }
    py_obj_t keys[2];
    py_load_method_maybe(mapping, PY_QSTR_keys, keys);
    if (keys[0] == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object is not a mapping",
                          py_obj_get_type_str(mapping));
    }
    py_obj_t it = py_getiter(py_call_method_n_kw(0, 0, keys), NULL);
    for (py_obj_t k; (k = py_vm_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        dict_store_checked(d, k, py_obj_subscr(mapping, k, PY_OBJ_SENTINEL), merge);
    }
}

void py_vm_set_update(py_obj_t set, py_obj_t iterable) {
    py_obj_iter_buf_t buf;
    py_obj_t it = py_getiter(iterable, &buf);
    for (py_obj_t x; (x = py_vm_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        py_obj_set_store(set, x);
    }
}

// ---- Iteration
// -----------------------------------------------------------------------------------

py_obj_t py_vm_iternext(py_obj_t it) {
    const py_obj_type_t *t = py_obj_get_type(it);
    if (!(t->flags & PY_TYPE_FLAG_IS_HEAP)) {
        return py_iternext(it);
    }
    // A class's __next__ ends iteration by raising StopIteration.
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t v = py_iternext(it);
        py_nlr_pop();
        return v;
    }
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (py_obj_is_instance(exc, &py_type_StopIteration)) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_nlr_jump(nlr.ret_val);
}

py_obj_t py_vm_get_yield_from_iter(const py_frame_t *f, py_obj_t o) {
    if (py_obj_is_type(o, &py_type_gen)) {
        return o;
    }
    if (py_obj_is_type(o, &py_type_coro)) {
        if (!(f->rc->flags & PY_CODE_FLAG_COROUTINE)) {
            py_raise_TypeError(
                "cannot 'yield from' a coroutine object in a non-coroutine generator");
        }
        return o;
    }
    return py_getiter(o, NULL);
}

// Calls the special method [attr] of [o]'s type, or returns PY_OBJ_NULL if there is none.
static py_obj_t call_special(py_obj_t o, qstr attr) {
    const py_obj_type_t *t = py_obj_get_type(o);
    py_obj_t m = py_type_lookup(t, attr);
    if (m == PY_OBJ_NULL) {
        return PY_OBJ_NULL;
    }
    py_obj_t call[2];
    py_convert_member_lookup(o, t, m, call);
    return py_call_method_n_kw(0, 0, call);
}

py_obj_t py_vm_get_aiter(py_obj_t o) {
    py_obj_t r = call_special(o, PY_QSTR___aiter__);
    if (r == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError,
                          "'async for' requires an object with __aiter__ method, got %s",
                          py_obj_get_type_str(o));
    }
    return r;
}

py_obj_t py_vm_get_anext(py_obj_t aiter) {
    py_obj_t r = call_special(aiter, PY_QSTR___anext__);
    if (r == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError,
                          "'async for' requires an iterator with __anext__ method, got %s",
                          py_obj_get_type_str(aiter));
    }
    return py_gen_get_awaitable(r);
}

void py_vm_end_async_for(py_frame_t *f, py_obj_t exc) {
    if (!py_obj_is_instance(exc, &py_type_StopAsyncIteration)) {
        f->reraise = true;
        py_nlr_jump(PY_OBJ_TO_PTR(exc));
    }
    py_state.roots.cur_exc = f->blocks[--f->n_blocks].prev_exc;
}

// ---- Misc
// ----------------------------------------------------------------------------------------

void py_vm_print_expr(py_obj_t v) {
    if (v != py_const_none) {
        py_obj_print_helper(&py_plat_print, v, PY_PRINT_REPR);
        py_print_str(&py_plat_print, "\n");
    }
}

py_obj_t py_vm_binary_op(size_t op, py_obj_t lhs, py_obj_t rhs) {
    if (op == PY_BC_CMP_IS_NOT) {
        return PY_OBJ_NEW_BOOL(lhs != rhs);
    }
    if (op == PY_BC_CMP_NOT_IN) {
        return PY_OBJ_NEW_BOOL(!py_obj_is_true(py_binary_op(PY_BINARY_OP_IN, lhs, rhs)));
    }
    if (op == PY_BINARY_OP_IS) {
        return PY_OBJ_NEW_BOOL(lhs == rhs);
    }
    return py_binary_op((py_binary_op_t)op, lhs, rhs);
}

// ---- Cached name lookups
// -------------------------------------------------------------------------
//
// A cache holds the position of the name's entry in a map's table. Entries do not move while a
// map is unchanged, and when they do (growth, deletion) the key found there no longer matches:
// a key can be at only one position, so a matching key proves the position right.

static py_map_elem_t *cache_probe(py_map_t *map, py_obj_t key, unsigned pos) {
    if (pos < map->filled && map->table[pos].key == key) {
        return &map->table[pos];
    }
    return NULL;
}

static void cache_set(byte *cache, unsigned v) {
    cache[0] = (byte)(v & 0xff);
    cache[1] = (byte)(v >> 8);
}

py_obj_t py_vm_load_global(qstr name, byte *cache) {
    unsigned c = cache[0] | (cache[1] << 8);
    py_obj_t key = PY_OBJ_NEW_QSTR(name);
    py_map_t *globals = &py_state.roots.dict_globals->map;
    py_map_elem_t *e;
    if (c < 0x8000) {
        e = cache_probe(globals, key, c);
        if (e != NULL) {
            return e->value;
        }
    }
    e = py_map_lookup_qstr(globals, name);
    if (e != NULL) {
        size_t pos = (size_t)(e - globals->table);
        cache_set(cache, pos < 0x8000 ? (unsigned)pos : PY_BC_CACHE_NONE);
        return e->value;
    }
    // Not a global: a builtin, looked up where py_load_global looks (runtime.c).
    py_map_t *builtins = &py_module_builtins.globals->map;
    if (c != PY_BC_CACHE_NONE && c >= 0x8000) {
        e = cache_probe(builtins, key, c & 0x7fff);
        if (e != NULL) {
            return e->value;
        }
    }
    e = py_map_lookup_qstr(builtins, name);
    if (e == NULL) {
        return py_load_global(name); // raises NameError
    }
    size_t pos = (size_t)(e - builtins->table);
    cache_set(cache, pos < 0x7fff ? 0x8000 | (unsigned)pos : PY_BC_CACHE_NONE);
    return e->value;
}

void py_vm_store_cached(py_obj_dict_t *dict, qstr name, py_obj_t value, byte *cache) {
    py_map_t *map = &dict->map;
    unsigned c = cache[0] | (cache[1] << 8);
    py_obj_t key = PY_OBJ_NEW_QSTR(name);
    py_map_elem_t *e = c < 0x8000 && !map->is_fixed ? cache_probe(map, key, c) : NULL;
    if (e != NULL && map->is_watched) {
        py_type_cache_invalidate(); // a class's dict as exec()'s namespace
    }
    if (e == NULL) {
        e = py_map_lookup(map, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND);
        size_t pos = (size_t)(e - map->table);
        cache_set(cache, pos < 0x8000 ? (unsigned)pos : PY_BC_CACHE_NONE);
    }
    e->value = value;
}
