// SPDX-License-Identifier: MIT
// runtime.c: names, operators, attributes, calls, iteration and raising: what bytecode does.

#include "runtime.h"

#include <string.h>

#include "builtin.h"
#include "gc.h"

py_state_t py_state;

// ---- Life cycle ---------------------------------------------------------------------------------

void py_init(void *heap, size_t heap_size, void *stack_top) {
    memset(&py_state, 0, sizeof(py_state));
    py_state.stack_top = stack_top;
    py_state.stack_limit = PY_STACK_LIMIT;
    py_gc_init(heap, (byte *)heap + heap_size);
    py_qstr_init();
    py_state.roots.emergency_exc[0] = py_obj_new_exception(&py_type_MemoryError);
    py_state.roots.keyboard_interrupt = py_obj_new_exception(&py_type_KeyboardInterrupt);
    py_state.roots.loaded_modules = PY_OBJ_TO_PTR(py_obj_new_dict(8));
    py_obj_t main_module = py_obj_new_module(PY_QSTR___main__);
    py_state.roots.dict_main = py_obj_module_get_globals(main_module);
    py_obj_dict_store(PY_OBJ_FROM_PTR(py_state.roots.loaded_modules),
                      PY_OBJ_NEW_QSTR(PY_QSTR___main__), main_module);
    py_state.roots.dict_globals = py_state.roots.dict_main;
    py_state.roots.dict_locals = py_state.roots.dict_main;
    py_obj_t path[2] = {PY_OBJ_NEW_QSTR(PY_QSTR_), PY_OBJ_NEW_QSTR(PY_QSTR_slash_lib)};
    py_state.roots.sys_path = py_obj_new_list(2, path);
    py_state.roots.sys_argv = py_obj_new_list(0, NULL);
}

void py_deinit(void) {
    py_gc_sweep_all(); // finalisers: open files are closed (committed)
    py_state.gc_pool_start = NULL;
    py_state.gc_pool_end = NULL;
    py_state.gc_n_blocks = 0; // allocation fails from now on
}

// ---- Names --------------------------------------------------------------------------------------

py_obj_dict_t *py_globals_get(void) {
    return py_state.roots.dict_globals;
}

void py_globals_set(py_obj_dict_t *d) {
    py_state.roots.dict_globals = d;
}

py_obj_dict_t *py_locals_get(void) {
    return py_state.roots.dict_locals;
}

void py_locals_set(py_obj_dict_t *d) {
    py_state.roots.dict_locals = d;
}

static PY_NORETURN void raise_name_error(qstr name) {
    py_raise_msg_varg(&py_type_NameError, "name '%q' isn't defined", name);
}

// py_state.builtin_cache: positions of recently loaded names in the builtins table, which is
// const and searched linearly; the table never changes, so an entry whose name matches is right.
#define BUILTIN_CACHE_SIZE PY_ARRAY_SIZE(py_state.builtin_cache)

static py_obj_t load_builtin(qstr name) {
    py_map_t *map = &py_module_builtins.globals->map;
    size_t slot = name % BUILTIN_CACHE_SIZE;
    if (py_state.builtin_cache[slot].name == name && name != PY_QSTR_NULL) {
        return map->table[py_state.builtin_cache[slot].pos].value;
    }
    py_map_elem_t *e = py_map_lookup_qstr(map, name);
    if (e == NULL || e->value == PY_OBJ_NULL) { // NULL: a builtin the port left out (open)
        raise_name_error(name);
    }
    size_t pos = (size_t)(e - map->table);
    if (name <= 0xffff && pos <= 0xffff) {
        py_state.builtin_cache[slot].name = (uint16_t)name;
        py_state.builtin_cache[slot].pos = (uint16_t)pos;
    }
    return e->value;
}

py_obj_t py_load_global(qstr name) {
    py_map_elem_t *e = py_map_lookup_qstr(&py_state.roots.dict_globals->map, name);
    return e != NULL ? e->value : load_builtin(name);
}

py_obj_t py_load_name(qstr name) {
    if (py_state.roots.dict_locals != py_state.roots.dict_globals) {
        py_map_elem_t *e = py_map_lookup_qstr(&py_state.roots.dict_locals->map, name);
        if (e != NULL) {
            return e->value;
        }
    }
    return py_load_global(name);
}

py_obj_t py_load_build_class(void) {
    return load_builtin(PY_QSTR___build_class__);
}

void py_store_name(qstr name, py_obj_t value) {
    py_map_lookup(&py_state.roots.dict_locals->map, PY_OBJ_NEW_QSTR(name),
                  PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)
        ->value = value;
}

void py_store_global(qstr name, py_obj_t value) {
    py_map_lookup(&py_state.roots.dict_globals->map, PY_OBJ_NEW_QSTR(name),
                  PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)
        ->value = value;
}

void py_delete_name(qstr name) {
    if (!py_map_remove(&py_state.roots.dict_locals->map, PY_OBJ_NEW_QSTR(name), NULL)) {
        raise_name_error(name);
    }
}

void py_delete_global(qstr name) {
    if (!py_map_remove(&py_state.roots.dict_globals->map, PY_OBJ_NEW_QSTR(name), NULL)) {
        raise_name_error(name);
    }
}

// ---- Operators ----------------------------------------------------------------------------------

// ORDER PY_UNARY_OP
const uint16_t py_unary_op_method_name[PY_UNARY_OP_NUM] = {
    PY_QSTR___bool__, PY_QSTR___len__,   PY_QSTR___hash__,   PY_QSTR___abs__,
    PY_QSTR___pos__,  PY_QSTR___neg__,   PY_QSTR___invert__, PY_QSTR_,
    PY_QSTR___int__,  PY_QSTR___float__, PY_QSTR___index__,
};

// ORDER PY_BINARY_OP
const uint16_t py_binary_op_method_name[PY_BINARY_OP_NUM] = {
    PY_QSTR___lt__,
    PY_QSTR___gt__,
    PY_QSTR___eq__,
    PY_QSTR___le__,
    PY_QSTR___ge__,
    PY_QSTR___ne__,
    PY_QSTR___contains__,
    PY_QSTR_,
    PY_QSTR_,
    PY_QSTR___ior__,
    PY_QSTR___ixor__,
    PY_QSTR___iand__,
    PY_QSTR___ilshift__,
    PY_QSTR___irshift__,
    PY_QSTR___iadd__,
    PY_QSTR___isub__,
    PY_QSTR___imul__,
    PY_QSTR___imatmul__,
    PY_QSTR___ifloordiv__,
    PY_QSTR___itruediv__,
    PY_QSTR___imod__,
    PY_QSTR___ipow__,
    PY_QSTR___or__,
    PY_QSTR___xor__,
    PY_QSTR___and__,
    PY_QSTR___lshift__,
    PY_QSTR___rshift__,
    PY_QSTR___add__,
    PY_QSTR___sub__,
    PY_QSTR___mul__,
    PY_QSTR___matmul__,
    PY_QSTR___floordiv__,
    PY_QSTR___truediv__,
    PY_QSTR___mod__,
    PY_QSTR___pow__,
    PY_QSTR___ror__,
    PY_QSTR___rxor__,
    PY_QSTR___rand__,
    PY_QSTR___rlshift__,
    PY_QSTR___rrshift__,
    PY_QSTR___radd__,
    PY_QSTR___rsub__,
    PY_QSTR___rmul__,
    PY_QSTR___rmatmul__,
    PY_QSTR___rfloordiv__,
    PY_QSTR___rtruediv__,
    PY_QSTR___rmod__,
    PY_QSTR___rpow__,
    PY_QSTR___divmod__,
    PY_QSTR___contains__,
};

py_obj_t py_unary_op(py_unary_op_t op, py_obj_t arg) {
    switch (op) {
        case PY_UNARY_OP_NOT:
            return PY_OBJ_NEW_BOOL(!py_obj_is_true(arg));
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(py_obj_is_true(arg));
        case PY_UNARY_OP_LEN:
            return py_obj_len(arg);
        case PY_UNARY_OP_HASH:
            return py_obj_hash(arg);
        default:
            break;
    }
    const py_obj_type_t *type = py_obj_get_type(arg);
    if (type->unary_op != NULL) {
        py_obj_t r = type->unary_op(op, arg);
        if (r != PY_OBJ_NULL) {
            return r;
        }
    }
    py_raise_msg_varg(&py_type_TypeError, "unsupported type for %q: '%q'",
                      (qstr)py_unary_op_method_name[op], type->name);
}

static py_obj_t try_op(const py_obj_type_t *type, py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (type->binary_op == NULL) {
        return PY_OBJ_NULL;
    }
    py_obj_t r = type->binary_op(op, lhs, rhs);
    return r == py_const_notimplemented ? PY_OBJ_NULL : r;
}

// The comparison that asks the same question with the operands swapped.
static py_binary_op_t swapped_compare(py_binary_op_t op) {
    switch (op) {
        case PY_BINARY_OP_LESS:
            return PY_BINARY_OP_MORE;
        case PY_BINARY_OP_MORE:
            return PY_BINARY_OP_LESS;
        case PY_BINARY_OP_LESS_EQUAL:
            return PY_BINARY_OP_MORE_EQUAL;
        case PY_BINARY_OP_MORE_EQUAL:
            return PY_BINARY_OP_LESS_EQUAL;
        default:
            return op;
    }
}

static PY_NORETURN void raise_unsupported(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    py_raise_msg_varg(&py_type_TypeError, "unsupported types for %q: '%s', '%s'",
                      (qstr)py_binary_op_method_name[op], py_obj_get_type_str(lhs),
                      py_obj_get_type_str(rhs));
}

static py_obj_t compare(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    const py_obj_type_t *lt = py_obj_get_type(lhs);
    const py_obj_type_t *rt = py_obj_get_type(rhs);
    py_obj_t r = try_op(lt, op, lhs, rhs);
    if (r == PY_OBJ_NULL) {
        r = try_op(rt, swapped_compare(op), rhs, lhs);
    }
    if (r != PY_OBJ_NULL) {
        return r;
    }
    if (op == PY_BINARY_OP_EQUAL) {
        return PY_OBJ_NEW_BOOL(lhs == rhs);
    }
    if (op == PY_BINARY_OP_NOT_EQUAL) {
        return PY_OBJ_NEW_BOOL(!py_obj_is_true(compare(PY_BINARY_OP_EQUAL, lhs, rhs)));
    }
    raise_unsupported(op, lhs, rhs);
}

static py_obj_t contains(py_obj_t container, py_obj_t item) {
    const py_obj_type_t *type = py_obj_get_type(container);
    py_obj_t r = try_op(type, PY_BINARY_OP_CONTAINS, container, item);
    if (r != PY_OBJ_NULL) {
        return PY_OBJ_NEW_BOOL(py_obj_is_true(r));
    }
    if (type->getiter == NULL && type->subscr == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "argument of type '%q' is not iterable", type->name);
    }
    py_obj_iter_buf_t buf;
    py_obj_t it = py_getiter(container, &buf);
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (py_obj_equal(x, item)) {
            return py_const_true;
        }
    }
    return py_const_false;
}

static py_obj_t arithmetic(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    const py_obj_type_t *lt = py_obj_get_type(lhs);
    const py_obj_type_t *rt = py_obj_get_type(rhs);
    py_obj_t r = try_op(lt, op, lhs, rhs);
    if (r == PY_OBJ_NULL && op >= PY_BINARY_OP_OR && op <= PY_BINARY_OP_POWER) {
        r = try_op(rt, (py_binary_op_t)PY_BINARY_OP_PLAIN_TO_REVERSE(op), rhs, lhs);
        // n * seq: sequences implement repetition for seq * n; it commutes.
        if (r == PY_OBJ_NULL && op == PY_BINARY_OP_MULTIPLY && py_obj_is_int(lhs)) {
            r = try_op(rt, op, rhs, lhs);
        }
    } else if (r == PY_OBJ_NULL && op == PY_BINARY_OP_DIVMOD) {
        r = try_op(rt, op, rhs, lhs) == PY_OBJ_NULL ? PY_OBJ_NULL : PY_OBJ_NULL;
    }
    if (r == PY_OBJ_NULL) {
        raise_unsupported(op, lhs, rhs);
    }
    return r;
}

py_obj_t py_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    switch (op) {
        case PY_BINARY_OP_IS:
            return PY_OBJ_NEW_BOOL(lhs == rhs);
        case PY_BINARY_OP_IN:
            return contains(rhs, lhs);
        case PY_BINARY_OP_CONTAINS:
            return contains(lhs, rhs);
        case PY_BINARY_OP_EXCEPTION_MATCH:
            return PY_OBJ_NEW_BOOL(py_obj_exception_match(lhs, rhs));
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
            if ((PY_OBJ_IS_SMALL_INT(lhs) && PY_OBJ_IS_SMALL_INT(rhs)) ||
                (PY_OBJ_IS_QSTR(lhs) && PY_OBJ_IS_QSTR(rhs))) {
                return PY_OBJ_NEW_BOOL((lhs == rhs) == (op == PY_BINARY_OP_EQUAL));
            }
            return compare(op, lhs, rhs);
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE_EQUAL:
            return compare(op, lhs, rhs);
        default:
            break;
    }
    if (op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER) {
        py_obj_t r = try_op(py_obj_get_type(lhs), op, lhs, rhs);
        if (r != PY_OBJ_NULL) {
            return r;
        }
        op = (py_binary_op_t)PY_BINARY_OP_INPLACE_TO_PLAIN(op);
    }
    return arithmetic(op, lhs, rhs);
}

// ---- Attributes ---------------------------------------------------------------------------------

void py_load_method_maybe(py_obj_t base, qstr attr, py_obj_t *dest) {
    dest[0] = PY_OBJ_NULL;
    dest[1] = PY_OBJ_NULL;
    const py_obj_type_t *type = py_obj_get_type(base);
    if (type->attr != NULL) {
        type->attr(base, attr, dest);
        if (dest[0] != PY_OBJ_NULL) {
            return;
        }
    }
    // Types without a dict of their own still inherit object's attributes (__class__ ...).
    py_obj_t member = py_type_lookup(type, attr);
    if (member != PY_OBJ_NULL) {
        py_convert_member_lookup(base, type, member, dest);
    }
}

void py_load_method(py_obj_t base, qstr attr, py_obj_t *dest) {
    py_load_method_maybe(base, attr, dest);
    if (dest[0] == PY_OBJ_NULL) {
        py_raise_AttributeError_for(base, attr);
    }
}

py_obj_t py_load_attr_default(py_obj_t base, qstr attr, py_obj_t defval) {
    py_obj_t dest[2];
    py_load_method_maybe(base, attr, dest);
    if (dest[0] == PY_OBJ_NULL) {
        return defval;
    }
    if (dest[1] != PY_OBJ_NULL) {
        return py_obj_new_bound_meth(dest[0], dest[1]);
    }
    return dest[0];
}

py_obj_t py_load_attr(py_obj_t base, qstr attr) {
    py_obj_t r = py_load_attr_default(base, attr, PY_OBJ_NULL);
    if (r == PY_OBJ_NULL) {
        py_raise_AttributeError_for(base, attr);
    }
    return r;
}

void py_raise_AttributeError_for(py_obj_t base, qstr attr) {
    if (py_obj_is_type(base, &py_type_type) ||
        (PY_OBJ_IS_OBJ(base) && py_obj_is_subclass(py_obj_get_type(base), &py_type_type))) {
        const py_obj_type_t *t = PY_OBJ_TO_PTR(base);
        py_raise_msg_varg(&py_type_AttributeError, "type object '%q' has no attribute '%q'",
                          (qstr)t->name, attr);
    }
    py_raise_msg_varg(&py_type_AttributeError, "'%s' object has no attribute '%q'",
                      py_obj_get_type_str(base), attr);
}

static void store_or_delete_attr(py_obj_t base, qstr attr, py_obj_t value) {
    const py_obj_type_t *type = py_obj_get_type(base);
    py_obj_t dest[2] = {PY_OBJ_SENTINEL, value};
    if (type->attr != NULL) {
        type->attr(base, attr, dest);
        if (dest[0] == PY_OBJ_NULL) {
            return;
        }
    }
    py_raise_AttributeError_for(base, attr);
}

void py_store_attr(py_obj_t base, qstr attr, py_obj_t value) {
    store_or_delete_attr(base, attr, value);
}

void py_delete_attr(py_obj_t base, qstr attr) {
    store_or_delete_attr(base, attr, PY_OBJ_NULL);
}

// ---- Calls --------------------------------------------------------------------------------------

py_obj_t py_call_function_n_kw(py_obj_t fun, size_t n_args, size_t n_kw, const py_obj_t *args) {
    const py_obj_type_t *type = py_obj_get_type(fun);
    if (type->call == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "'%q' object isn't callable", type->name);
    }
    return type->call(fun, n_args, n_kw, args);
}

py_obj_t py_call_function_0(py_obj_t fun) {
    return py_call_function_n_kw(fun, 0, 0, NULL);
}

py_obj_t py_call_function_1(py_obj_t fun, py_obj_t arg) {
    return py_call_function_n_kw(fun, 1, 0, &arg);
}

py_obj_t py_call_function_2(py_obj_t fun, py_obj_t arg1, py_obj_t arg2) {
    py_obj_t args[2] = {arg1, arg2};
    return py_call_function_n_kw(fun, 2, 0, args);
}

py_obj_t py_call_method_n_kw(size_t n_args, size_t n_kw, const py_obj_t *args) {
    if (args[1] == PY_OBJ_NULL) {
        return py_call_function_n_kw(args[0], n_args, n_kw, args + 2);
    }
    return py_call_function_n_kw(args[0], n_args + 1, n_kw, args + 1);
}

// Limit on the arguments one f(*a, **k) call may pass; more is a TypeError, not a truncation.
#define PY_CALL_EX_MAX_ARGS (0xffff)

py_obj_t py_call_function_ex(py_obj_t fun, py_obj_t pos_seq, py_obj_t kw_dict) {
    py_obj_t pos =
        pos_seq == PY_OBJ_NULL ? py_obj_new_tuple(0, NULL)
        : py_obj_is_type(pos_seq, &py_type_tuple) || py_obj_is_type(pos_seq, &py_type_list)
            ? pos_seq
            : py_obj_tuple_from_iterable(pos_seq);
    size_t n_pos;
    py_obj_t *pos_items;
    py_obj_get_array(pos, &n_pos, &pos_items);
    size_t n_kw = 0;
    py_map_t *kw_map = NULL;
    if (kw_dict != PY_OBJ_NULL) {
        if (!py_obj_is_type(kw_dict, &py_type_dict)) {
            py_raise_TypeError("argument after ** must be a dict");
        }
        kw_map = py_obj_dict_get_map(kw_dict);
        n_kw = kw_map->used;
    }
    if (n_pos + n_kw > PY_CALL_EX_MAX_ARGS) {
        py_raise_TypeError("too many arguments");
    }
    if (n_kw == 0) {
        return py_call_function_n_kw(fun, n_pos, 0, pos_items);
    }
    py_obj_t *args = py_new(py_obj_t, n_pos + 2 * n_kw);
    memcpy(args, pos_items, n_pos * sizeof(py_obj_t));
    size_t k = n_pos;
    for (size_t i = 0; i < kw_map->filled; i++) {
        if (!py_map_slot_is_filled(kw_map, i)) {
            continue;
        }
        py_obj_t key = kw_map->table[i].key;
        if (!py_obj_is_str(key)) {
            py_raise_TypeError("keywords must be strings");
        }
        args[k++] = PY_OBJ_NEW_QSTR(py_obj_str_get_qstr(key));
        args[k++] = kw_map->table[i].value;
    }
    py_obj_t r = py_call_function_n_kw(fun, n_pos, n_kw, args);
    py_free(args);
    return r;
}

void py_arg_check_num(size_t n_args, size_t n_kw, size_t n_min, size_t n_max, bool takes_kw) {
    if (n_kw > 0 && !takes_kw) {
        py_raise_TypeError("function doesn't take keyword arguments");
    }
    if (n_min == n_max && n_args != n_min) {
        py_raise_msg_varg(&py_type_TypeError,
                          "function takes %u positional arguments but %u were given",
                          (unsigned)n_min, (unsigned)n_args);
    }
    if (n_args < n_min) {
        py_raise_msg_varg(&py_type_TypeError, "function missing %u required positional arguments",
                          (unsigned)(n_min - n_args));
    }
    if (n_args > n_max) {
        py_raise_msg_varg(&py_type_TypeError, "function expected at most %u arguments, got %u",
                          (unsigned)n_max, (unsigned)n_args);
    }
}

static py_arg_val_t convert_arg(const py_arg_t *spec, py_obj_t value) {
    py_arg_val_t v;
    switch (spec->flags & PY_ARG_KIND_MASK) {
        case PY_ARG_BOOL:
            v.u_bool = py_obj_is_true(value);
            break;
        case PY_ARG_INT:
            v.u_int = py_obj_get_int(value);
            break;
        default:
            v.u_obj = value;
            break;
    }
    return v;
}

void py_arg_parse_all(size_t n_pos, const py_obj_t *pos, py_map_t *kws, size_t n_allowed,
                      const py_arg_t *allowed, py_arg_val_t *out) {
    size_t pos_i = 0, kws_found = 0;
    for (size_t i = 0; i < n_allowed; i++) {
        py_obj_t given = PY_OBJ_NULL;
        if (i < n_pos) {
            if (allowed[i].flags & PY_ARG_KW_ONLY) {
                goto extra_positional;
            }
            given = pos[pos_i++];
        } else if (kws != NULL) {
            py_map_elem_t *e = py_map_lookup_qstr(kws, allowed[i].name);
            if (e != NULL) {
                given = e->value;
                kws_found++;
            }
        }
        if (given == PY_OBJ_NULL) {
            if (allowed[i].flags & PY_ARG_REQUIRED) {
                py_raise_msg_varg(&py_type_TypeError, "'%q' argument required",
                                  (qstr)allowed[i].name);
            }
            out[i].u_obj = allowed[i].defval.u_obj;
            if ((allowed[i].flags & PY_ARG_KIND_MASK) == PY_ARG_INT) {
                out[i].u_int = allowed[i].defval.u_int;
            } else if ((allowed[i].flags & PY_ARG_KIND_MASK) == PY_ARG_BOOL) {
                out[i].u_bool = allowed[i].defval.u_bool;
            }
        } else {
            out[i] = convert_arg(&allowed[i], given);
        }
    }
    if (pos_i < n_pos) {
    extra_positional:
        py_raise_TypeError("extra positional arguments given");
    }
    if (kws != NULL && kws_found < kws->used) {
        py_raise_TypeError("unexpected keyword argument");
    }
}

// ---- Iteration ----------------------------------------------------------------------------------

py_obj_t py_getiter(py_obj_t o, py_obj_iter_buf_t *iter_buf) {
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->getiter != NULL) {
        py_obj_t it = type->getiter(o, iter_buf);
        if (it != PY_OBJ_NULL) {
            return it;
        }
    }
    if (type->subscr != NULL) {
        return py_obj_new_getitem_iter(o, iter_buf);
    }
    py_raise_msg_varg(&py_type_TypeError, "'%q' object isn't iterable", type->name);
}

py_obj_t py_iternext(py_obj_t it) {
    const py_obj_type_t *type = py_obj_get_type(it);
    if (type->iternext == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "'%q' object isn't an iterator", type->name);
    }
    return type->iternext(it);
}

py_obj_t py_iternext_allow_raise(py_obj_t it) {
    py_obj_t r = py_iternext(it);
    if (r == PY_OBJ_STOP_ITERATION) {
        py_raise(PY_OBJ_FROM_PTR(&py_type_StopIteration));
    }
    return r;
}

void py_unpack_sequence(py_obj_t seq, size_t n, py_obj_t *items) {
    if (py_obj_is_type(seq, &py_type_tuple) || py_obj_is_type(seq, &py_type_list)) {
        size_t len;
        py_obj_t *src;
        py_obj_get_array(seq, &len, &src);
        if (len < n) {
            goto too_few;
        }
        if (len > n) {
            goto too_many;
        }
        memcpy(items, src, n * sizeof(py_obj_t));
        return;
    }
    py_obj_iter_buf_t buf;
    py_obj_t it = py_getiter(seq, &buf);
    size_t got = 0;
    for (; got < n; got++) {
        py_obj_t x = py_iternext(it);
        if (x == PY_OBJ_STOP_ITERATION) {
            goto too_few;
        }
        items[got] = x;
    }
    if (py_iternext(it) == PY_OBJ_STOP_ITERATION) {
        return;
    }
too_many:
    py_raise_msg_varg(&py_type_ValueError, "too many values to unpack (expected %u)", (unsigned)n);
too_few:
    py_raise_msg_varg(&py_type_ValueError, "need more than %u values to unpack", (unsigned)n);
}

void py_unpack_ex(py_obj_t seq, size_t n_before, size_t n_after, py_obj_t *items) {
    py_obj_t list = py_obj_list_from_iterable(seq);
    if (list == seq) {
        list = py_obj_new_list(((py_obj_list_t *)PY_OBJ_TO_PTR(seq))->len,
                               ((py_obj_list_t *)PY_OBJ_TO_PTR(seq))->items);
    }
    py_obj_list_t *l = PY_OBJ_TO_PTR(list);
    if (l->len < n_before + n_after) {
        py_raise_msg_varg(&py_type_ValueError, "need more than %u values to unpack",
                          (unsigned)l->len);
    }
    // An empty list may have no item array at all: copy only what there is.
    if (n_before > 0) {
        memcpy(items, l->items, n_before * sizeof(py_obj_t));
    }
    if (n_after > 0) {
        memcpy(items + n_before + 1, l->items + l->len - n_after, n_after * sizeof(py_obj_t));
    }
    // The middle part becomes the starred list, reusing the list object.
    size_t mid = l->len - n_before - n_after;
    if (mid > 0 && n_before > 0) {
        memmove(l->items, l->items + n_before, mid * sizeof(py_obj_t));
    }
    for (size_t i = mid; i < l->len; i++) {
        l->items[i] = PY_OBJ_NULL;
    }
    l->len = mid;
    items[n_before] = list;
}

// ---- Errors -------------------------------------------------------------------------------------

void py_raise(py_obj_t exc) {
    if (py_obj_is_exception_type(exc)) {
        exc = py_call_function_0(exc);
    }
    if (!py_obj_is_exception_instance(exc)) {
        exc = py_obj_new_exception_msg(&py_type_TypeError,
                                       "exceptions must derive from BaseException");
    }
    py_nlr_jump(PY_OBJ_TO_PTR(exc));
}

void py_raise_msg(const py_obj_type_t *exc_type, const char *msg) {
    py_nlr_jump(PY_OBJ_TO_PTR(py_obj_new_exception_msg(exc_type, msg)));
}

void py_raise_msg_varg(const py_obj_type_t *exc_type, const char *fmt, ...) {
    py_vstr_t vstr;
    py_vstr_init(&vstr, 32);
    py_print_t print = PY_PRINT_TO_VSTR(&vstr);
    va_list ap;
    va_start(ap, fmt);
    py_vprintf(&print, fmt, ap);
    va_end(ap);
    py_obj_t msg = py_obj_new_str_from_vstr(&vstr);
    py_nlr_jump(PY_OBJ_TO_PTR(py_obj_new_exception_arg1(exc_type, msg)));
}

void py_raise_TypeError(const char *msg) {
    py_raise_msg(&py_type_TypeError, msg);
}

void py_raise_ValueError(const char *msg) {
    py_raise_msg(&py_type_ValueError, msg);
}

void py_raise_NotImplementedError(const char *msg) {
    py_raise_msg(&py_type_NotImplementedError, msg);
}

void py_raise_StopIteration(py_obj_t value) {
    if (value == py_const_none) {
        py_nlr_jump(PY_OBJ_TO_PTR(py_obj_new_exception(&py_type_StopIteration)));
    }
    py_nlr_jump(PY_OBJ_TO_PTR(py_obj_new_exception_arg1(&py_type_StopIteration, value)));
}

void py_raise_recursion_depth(void) {
    py_raise_msg(&py_type_RuntimeError, "maximum recursion depth exceeded");
}

void py_raise_MemoryError(void) {
    py_obj_t exc = py_state.roots.emergency_exc[0];
    if (exc == PY_OBJ_NULL) {
        py_nlr_jump_fail(NULL); // before py_init made the spare: nothing sane to raise
    }
    py_obj_exception_clear_traceback(exc);
    py_nlr_jump(PY_OBJ_TO_PTR(exc));
}

void py_handle_pending(void) {
    // Cleared before looking: whatever is asked for from now on is seen at the next check.
    py_state.pending = 0;
    py_obj_t exc = py_state.pending_exception;
    if (exc != PY_OBJ_NULL) {
        py_state.pending_exception = PY_OBJ_NULL;
        if (py_state.pending_callbacks) {
            py_state.pending = 1; // they run at the next check, wherever the exception goes
        }
        py_obj_exception_clear_traceback(exc);
        py_nlr_jump(PY_OBJ_TO_PTR(exc));
    }
    if (py_state.pending_callbacks && py_state.pending_hook != NULL) {
        py_state.pending_callbacks = false;
        py_state.pending_hook();
    }
}

void py_sched_keyboard_interrupt(void) {
    py_state.pending_exception = py_state.roots.keyboard_interrupt;
    py_state.pending = 1;
}

void py_sched_callbacks(void) {
    py_state.pending_callbacks = true;
    py_state.pending = 1;
}

void py_stack_check(void) {
    char here;
    if ((size_t)(py_state.stack_top - &here) > py_state.stack_limit) {
        py_raise_recursion_depth();
    }
}

// ---- Code ---------------------------------------------------------------------------------------

py_obj_t py_exec_str(const char *src, size_t len, qstr source_name, py_compile_mode_t mode,
                     py_obj_dict_t *globals, py_obj_dict_t *locals) {
    py_reader_mem_t state;
    py_reader_t reader;
    py_reader_init_mem(&reader, &state, (const byte *)src, len);
    py_obj_t fun = py_compile(&reader, source_name, mode);
    return py_exec_code(fun, globals, locals);
}
