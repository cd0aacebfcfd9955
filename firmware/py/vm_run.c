// SPDX-License-Identifier: MIT
// vm_run.c: the bytecode dispatch loop (computed goto), with fast paths for the common cases.

#include <string.h>

#include "bc.h"
#include "gc.h"
#include "objstr.h"
#include "objtype.h"
#include "runtime.h"
#include "vm_ops.h"

_Static_assert(sizeof(py_obj_iter_buf_t) % sizeof(py_obj_t) == 0, "iter buf is whole words");

static inline bool vm_is_true(py_obj_t v) {
    if (v == py_const_true) {
        return true;
    }
    if (v == py_const_false || v == py_const_none) {
        return false;
    }
    if (PY_OBJ_IS_SMALL_INT(v)) {
        return v != PY_OBJ_NEW_SMALL_INT(0);
    }
    return py_obj_is_true(v);
}

// Small-int arithmetic and comparisons; PY_OBJ_NULL when the general path must decide (other
// operators, overflow, division by zero).
static inline py_obj_t small_int_binary_op(size_t op, intptr_t a, intptr_t b) {
    intptr_t r;
    switch (op) {
        case PY_BINARY_OP_LESS:
            return PY_OBJ_NEW_BOOL(a < b);
        case PY_BINARY_OP_MORE:
            return PY_OBJ_NEW_BOOL(a > b);
        case PY_BINARY_OP_EQUAL:
            return PY_OBJ_NEW_BOOL(a == b);
        case PY_BINARY_OP_LESS_EQUAL:
            return PY_OBJ_NEW_BOOL(a <= b);
        case PY_BINARY_OP_MORE_EQUAL:
            return PY_OBJ_NEW_BOOL(a >= b);
        case PY_BINARY_OP_NOT_EQUAL:
            return PY_OBJ_NEW_BOOL(a != b);
        case PY_BINARY_OP_ADD:
        case PY_BINARY_OP_INPLACE_ADD:
            r = a + b; // small ints are 2 bits short of a word: no C overflow
            break;
        case PY_BINARY_OP_SUBTRACT:
        case PY_BINARY_OP_INPLACE_SUBTRACT:
            r = a - b;
            break;
        case PY_BINARY_OP_MULTIPLY:
        case PY_BINARY_OP_INPLACE_MULTIPLY:
            if (__builtin_mul_overflow(a, b, &r)) {
                return PY_OBJ_NULL;
            }
            break;
        case PY_BINARY_OP_FLOOR_DIVIDE:
        case PY_BINARY_OP_INPLACE_FLOOR_DIVIDE:
            if (b == 0) {
                return PY_OBJ_NULL;
            }
            r = a / b;
            if ((a % b != 0) && ((a < 0) != (b < 0))) {
                r--;
            }
            break;
        case PY_BINARY_OP_MODULO:
        case PY_BINARY_OP_INPLACE_MODULO:
            if (b == 0) {
                return PY_OBJ_NULL;
            }
            r = a % b;
            if (r != 0 && ((r < 0) != (b < 0))) {
                r += b;
            }
            break;
        case PY_BINARY_OP_AND:
        case PY_BINARY_OP_INPLACE_AND:
            return PY_OBJ_NEW_SMALL_INT(a & b);
        case PY_BINARY_OP_OR:
        case PY_BINARY_OP_INPLACE_OR:
            return PY_OBJ_NEW_SMALL_INT(a | b);
        case PY_BINARY_OP_XOR:
        case PY_BINARY_OP_INPLACE_XOR:
            return PY_OBJ_NEW_SMALL_INT(a ^ b);
        case PY_BINARY_OP_RSHIFT:
        case PY_BINARY_OP_INPLACE_RSHIFT:
            if (b < 0) {
                return PY_OBJ_NULL;
            }
            if (b >= (intptr_t)(sizeof(intptr_t) * 8)) {
                b = (intptr_t)(sizeof(intptr_t) * 8 - 1); // all sign bits
            }
            return PY_OBJ_NEW_SMALL_INT(a >> b);
        case PY_BINARY_OP_LSHIFT:
        case PY_BINARY_OP_INPLACE_LSHIFT:
            if (b < 0 || b >= (intptr_t)(sizeof(intptr_t) * 8 - 2)) {
                return PY_OBJ_NULL;
            }
            r = (intptr_t)((uintptr_t)a << b);
            if ((r >> b) != a) {
                return PY_OBJ_NULL;
            }
            break;
        default:
            return PY_OBJ_NULL;
    }
    if (!PY_SMALL_INT_FITS(r)) {
        return PY_OBJ_NULL;
    }
    return PY_OBJ_NEW_SMALL_INT(r);
}

// seq[index] for a list or tuple and an in-range small int; else PY_OBJ_NULL.
static inline py_obj_t *fast_item(py_obj_t seq, py_obj_t index) {
    if (!PY_OBJ_IS_SMALL_INT(index) || !PY_OBJ_IS_OBJ(seq)) {
        return NULL;
    }
    const py_obj_type_t *t = ((py_obj_base_t *)seq)->type;
    size_t len;
    py_obj_t *items;
    if (t == &py_type_list) {
        len = ((py_obj_list_t *)seq)->len;
        items = ((py_obj_list_t *)seq)->items;
    } else if (t == &py_type_tuple) {
        len = ((py_obj_tuple_t *)seq)->len;
        items = ((py_obj_tuple_t *)seq)->items;
    } else {
        return NULL;
    }
    intptr_t i = PY_OBJ_SMALL_INT_VALUE(index);
    if (i < 0) {
        i += (intptr_t)len;
    }
    if (i < 0 || (size_t)i >= len) {
        return NULL;
    }
    return &items[i];
}

// Is [o] an instance of a class made by `class` (or a class whose metaclass is one)?
static inline bool is_heap_instance(py_obj_t o) {
    return PY_OBJ_IS_OBJ(o) && py_type_is_heap(((py_obj_base_t *)o)->type);
}

static inline py_obj_t vm_call(py_obj_t fun, size_t n_args, size_t n_kw, const py_obj_t *args) {
    if (py_obj_is_type(fun, &py_type_fun_bc)) {
        return py_fun_bc_call(fun, n_args, n_kw, args);
    }
    return py_call_function_n_kw(fun, n_args, n_kw, args);
}

static void reverse_words(py_obj_t *p, size_t n) {
    if (n < 2) {
        return; // n == 0 (`() = x`) must not wrap j below
    }
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        py_obj_t t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

static py_vm_kind_t vm_throw_in(py_frame_t *f, py_obj_t exc, py_obj_t *result) {
    // Suspended in `yield from`/`await`: the sub-iterator gets the exception first.
    py_obj_t out;
    if (py_gen_send_to(f->sp[-1], PY_OBJ_NULL, exc, &out) == PY_VM_YIELD) {
        *result = out;
        return PY_VM_YIELD;
    }
    f->sp[-1] = out;
    f->ip++;
    return PY_VM_RETURN;
}

py_vm_kind_t py_vm_run(py_frame_t *f, py_obj_t throw_exc, py_obj_t *result) {
    static const void *const labels[PY_BC_NUM_OPS] = {
#define X(name, fmt, eff) [PY_BC_##name] = &&op_##name,
        PY_BC_OPS(X)
#undef X
    };
    if (throw_exc != PY_OBJ_NULL) {
        if (*f->ip != PY_BC_YIELD_FROM) {
            py_nlr_jump(PY_OBJ_TO_PTR(throw_exc));
        }
        if (vm_throw_in(f, throw_exc, result) == PY_VM_YIELD) {
            return PY_VM_YIELD;
        }
    }
    const py_raw_code_t *rc = f->rc;
    py_obj_t *const slots = f->slots;
    const byte *ip = f->ip;
    py_obj_t *sp = f->sp;

#define DISPATCH()                                                                                 \
    do {                                                                                           \
        f->ip = ip;                                                                                \
        goto *labels[*ip++];                                                                       \
    } while (0)
// Operands of one or two bytes (slots, qstrs) are decoded inline.
#define ARG_U(v)                                                                                   \
    do {                                                                                           \
        v = *ip++;                                                                                 \
        if (PY_UNLIKELY(v & 0x80)) {                                                               \
            if (PY_LIKELY(!(*ip & 0x80))) {                                                        \
                v = (v & 0x7f) | ((size_t)*ip++ << 7);                                             \
            } else {                                                                               \
                ip--;                                                                              \
                v = py_bc_read_uint(&ip);                                                          \
            }                                                                                      \
        }                                                                                          \
    } while (0)
#define ARG_J() py_bc_read_jump(&ip)
#define PENDING_CHECK()                                                                            \
    do {                                                                                           \
        if (PY_UNLIKELY(py_state.pending)) {                                                       \
            py_handle_pending();                                                                   \
        }                                                                                          \
    } while (0)

    DISPATCH();

op_NOP:
    DISPATCH();
op_POP_TOP:
    sp--;
    DISPATCH();
op_POP_N : {
    size_t n;
    ARG_U(n);
    sp -= n;
    DISPATCH();
}
op_POP_UNDER : {
    size_t n;
    ARG_U(n);
    py_obj_t top = sp[-1];
    sp -= n;
    sp[-1] = top;
    DISPATCH();
}
op_ROT_TWO : {
    py_obj_t t = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = t;
    DISPATCH();
}
op_ROT_THREE : {
    py_obj_t t = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = sp[-3];
    sp[-3] = t;
    DISPATCH();
}
op_DUP_TOP:
    sp[0] = sp[-1];
    sp++;
    DISPATCH();
op_DUP_TOP_TWO:
    sp[0] = sp[-2];
    sp[1] = sp[-1];
    sp += 2;
    DISPATCH();
op_LOAD_NULL:
    *sp++ = PY_OBJ_NULL;
    DISPATCH();
op_LOAD_CONST_NONE:
    *sp++ = py_const_none;
    DISPATCH();
op_LOAD_CONST_FALSE:
    *sp++ = py_const_false;
    DISPATCH();
op_LOAD_CONST_TRUE:
    *sp++ = py_const_true;
    DISPATCH();
op_LOAD_CONST_SMALL_INT:
    *sp++ = PY_OBJ_NEW_SMALL_INT(py_bc_read_sint(&ip));
    DISPATCH();
op_LOAD_CONST_QSTR : {
    size_t q;
    ARG_U(q);
    *sp++ = PY_OBJ_NEW_QSTR(q);
    DISPATCH();
}
op_LOAD_CONST : {
    size_t i;
    ARG_U(i);
    *sp++ = rc->consts[i];
    DISPATCH();
}
op_LOAD_FAST : {
    size_t i;
    ARG_U(i);
    py_obj_t v = slots[i];
    if (PY_UNLIKELY(v == PY_OBJ_NULL)) {
        py_vm_raise_unbound(f, i);
    }
    *sp++ = v;
    DISPATCH();
}
op_STORE_FAST : {
    size_t i;
    ARG_U(i);
    slots[i] = *--sp;
    DISPATCH();
}
op_DELETE_FAST : {
    size_t i;
    ARG_U(i);
    if (slots[i] == PY_OBJ_NULL) {
        py_vm_raise_unbound(f, i);
    }
    slots[i] = PY_OBJ_NULL;
    DISPATCH();
}
op_LOAD_DEREF : {
    size_t i;
    ARG_U(i);
    py_obj_t v = py_obj_cell_get(slots[i]);
    if (PY_UNLIKELY(v == PY_OBJ_NULL)) {
        py_vm_raise_unbound(f, i);
    }
    *sp++ = v;
    DISPATCH();
}
op_STORE_DEREF : {
    size_t i;
    ARG_U(i);
    py_obj_cell_set(slots[i], *--sp);
    DISPATCH();
}
op_DELETE_DEREF : {
    size_t i;
    ARG_U(i);
    if (py_obj_cell_get(slots[i]) == PY_OBJ_NULL) {
        py_vm_raise_unbound(f, i);
    }
    py_obj_cell_set(slots[i], PY_OBJ_NULL);
    DISPATCH();
}
op_LOAD_CLOSURE : {
    size_t i;
    ARG_U(i);
    *sp++ = slots[i];
    DISPATCH();
}
op_LOAD_CLASSDEREF : {
    size_t i, q;
    ARG_U(i);
    ARG_U(q);
    *sp++ = py_vm_load_classderef(f, i, q);
    DISPATCH();
}
op_LOAD_NAME : {
    size_t q;
    ARG_U(q);
    byte *cache = (byte *)ip;
    ip += 2;
    if (py_state.roots.dict_locals == py_state.roots.dict_globals) {
        *sp++ = py_vm_load_global(q, cache);
    } else {
        *sp++ = py_load_name(q);
    }
    DISPATCH();
}
op_STORE_NAME : {
    size_t q;
    ARG_U(q);
    byte *cache = (byte *)ip;
    ip += 2;
    py_vm_store_cached(py_state.roots.dict_locals, q, *--sp, cache);
    DISPATCH();
}
op_DELETE_NAME : {
    size_t q;
    ARG_U(q);
    py_delete_name(q);
    DISPATCH();
}
op_LOAD_GLOBAL : {
    size_t q;
    ARG_U(q);
    byte *cache = (byte *)ip;
    ip += 2;
    // The cache's hit on a global, inline; py_vm_load_global does the rest.
    size_t pos = cache[0] | ((size_t)cache[1] << 8);
    py_map_t *globals = &py_state.roots.dict_globals->map;
    if (pos < globals->filled && globals->table[pos].key == PY_OBJ_NEW_QSTR(q)) {
        *sp++ = globals->table[pos].value;
    } else {
        *sp++ = py_vm_load_global(q, cache);
    }
    DISPATCH();
}
op_STORE_GLOBAL : {
    size_t q;
    ARG_U(q);
    byte *cache = (byte *)ip;
    ip += 2;
    py_vm_store_cached(py_state.roots.dict_globals, q, *--sp, cache);
    DISPATCH();
}
op_DELETE_GLOBAL : {
    size_t q;
    ARG_U(q);
    py_delete_global(q);
    DISPATCH();
}
op_LOAD_ATTR : {
    size_t q;
    ARG_U(q);
    py_obj_t base = sp[-1];
    if (is_heap_instance(base)) {
        py_obj_t dest[2];
        if (py_instance_load_fast(base, q, dest)) {
            sp[-1] = dest[1] == PY_OBJ_NULL ? dest[0] : py_obj_new_bound_meth(dest[0], dest[1]);
            DISPATCH();
        }
    }
    sp[-1] = py_load_attr(base, q);
    DISPATCH();
}
op_STORE_ATTR : {
    size_t q;
    ARG_U(q);
    sp -= 2;
    if (!is_heap_instance(sp[1]) || !py_instance_store_fast(sp[1], q, sp[0])) {
        py_store_attr(sp[1], q, sp[0]);
    }
    DISPATCH();
}
op_DELETE_ATTR : {
    size_t q;
    ARG_U(q);
    py_delete_attr(*--sp, q);
    DISPATCH();
}
op_LOAD_METHOD : {
    size_t q;
    ARG_U(q);
    py_obj_t base = sp[-1];
    if (!is_heap_instance(base) || !py_instance_load_fast(base, q, sp - 1)) {
        py_load_method(base, q, sp - 1);
    }
    sp++;
    DISPATCH();
}
op_LOAD_SUBSCR : {
    py_obj_t index = *--sp;
    py_obj_t *item = fast_item(sp[-1], index);
    sp[-1] = item != NULL ? *item : py_obj_subscr(sp[-1], index, PY_OBJ_SENTINEL);
    DISPATCH();
}
op_STORE_SUBSCR : {
    sp -= 3;
    if (PY_OBJ_IS_OBJ(sp[1]) && ((py_obj_base_t *)sp[1])->type == &py_type_list) {
        py_obj_t *item = fast_item(sp[1], sp[2]);
        if (item != NULL) {
            *item = sp[0];
            DISPATCH();
        }
    }
    py_obj_subscr(sp[1], sp[2], sp[0]);
    DISPATCH();
}
op_DELETE_SUBSCR:
    sp -= 2;
    py_obj_subscr(sp[0], sp[1], PY_OBJ_NULL);
    DISPATCH();
op_LOAD_BUILD_CLASS:
    *sp++ = py_load_build_class();
    DISPATCH();
op_BINARY_OP : {
    size_t op;
    ARG_U(op);
    py_obj_t rhs = *--sp;
    py_obj_t lhs = sp[-1];
    if (PY_OBJ_IS_SMALL_INT(lhs) && PY_OBJ_IS_SMALL_INT(rhs)) {
        py_obj_t r =
            small_int_binary_op(op, PY_OBJ_SMALL_INT_VALUE(lhs), PY_OBJ_SMALL_INT_VALUE(rhs));
        if (r != PY_OBJ_NULL) {
            sp[-1] = r;
            DISPATCH();
        }
    }
    if (op <= PY_BINARY_OP_NOT_EQUAL) {
        py_obj_t r = py_str_compare((py_binary_op_t)op, lhs, rhs);
        if (r != PY_OBJ_NULL) {
            sp[-1] = r;
            DISPATCH();
        }
    }
    sp[-1] = py_vm_binary_op(op, lhs, rhs);
    DISPATCH();
}
op_UNARY_OP : {
    size_t op;
    ARG_U(op);
    py_obj_t v = sp[-1];
    if (op == PY_UNARY_OP_NEGATIVE && PY_OBJ_IS_SMALL_INT(v) &&
        PY_OBJ_SMALL_INT_VALUE(v) != PY_SMALL_INT_MIN) {
        sp[-1] = PY_OBJ_NEW_SMALL_INT(-PY_OBJ_SMALL_INT_VALUE(v));
    } else {
        sp[-1] = py_unary_op((py_unary_op_t)op, v);
    }
    DISPATCH();
}
op_UNARY_NOT:
    sp[-1] = PY_OBJ_NEW_BOOL(!vm_is_true(sp[-1]));
    DISPATCH();
op_JUMP : {
    int off = ARG_J();
    ip += off;
    if (off < 0) {
        PENDING_CHECK();
    }
    DISPATCH();
}
op_POP_JUMP_IF_FALSE : {
    int off = ARG_J();
    if (!vm_is_true(*--sp)) {
        ip += off;
    }
    DISPATCH();
}
op_POP_JUMP_IF_TRUE : {
    int off = ARG_J();
    if (vm_is_true(*--sp)) {
        ip += off;
    }
    DISPATCH();
}
op_JUMP_IF_FALSE_OR_POP : {
    int off = ARG_J();
    if (!vm_is_true(sp[-1])) {
        ip += off;
    } else {
        sp--;
    }
    DISPATCH();
}
op_JUMP_IF_TRUE_OR_POP : {
    int off = ARG_J();
    if (vm_is_true(sp[-1])) {
        ip += off;
    } else {
        sp--;
    }
    DISPATCH();
}
op_GET_ITER:
    sp[-1] = py_getiter(sp[-1], NULL);
    DISPATCH();
op_GET_ITER_STACK : {
    // The iterator may be built in the words just above the iterable's slot; they stay
    // reserved for the whole loop.
    py_obj_t o = sp[-1];
    py_obj_t it = py_getiter(o, (py_obj_iter_buf_t *)(sp - 1));
    sp += PY_BC_ITER_STACK_WORDS - 1;
    sp[-1] = it;
    DISPATCH();
}
op_FOR_ITER : {
    int off = ARG_J();
    py_obj_t v = py_vm_iternext(sp[-1]);
    if (v == PY_OBJ_STOP_ITERATION) {
        ip += off;
    } else {
        *sp++ = v;
    }
    DISPATCH();
}
op_BUILD_TUPLE : {
    size_t n;
    ARG_U(n);
    sp -= n;
    *sp = py_obj_new_tuple(n, sp);
    sp++;
    DISPATCH();
}
op_BUILD_LIST : {
    size_t n;
    ARG_U(n);
    sp -= n;
    *sp = py_obj_new_list(n, sp);
    sp++;
    DISPATCH();
}
op_BUILD_SET : {
    size_t n;
    ARG_U(n);
    sp -= n;
    *sp = py_obj_new_set(n, sp);
    sp++;
    DISPATCH();
}
op_BUILD_MAP : {
    size_t n;
    ARG_U(n);
    sp -= 2 * n;
    py_obj_t d = py_obj_new_dict(n);
    for (size_t i = 0; i < n; i++) {
        py_obj_dict_store(d, sp[2 * i], sp[2 * i + 1]);
    }
    *sp++ = d;
    DISPATCH();
}
op_BUILD_SLICE : {
    size_t n;
    ARG_U(n);
    py_obj_t step = n == 3 ? *--sp : py_const_none;
    py_obj_t stop = *--sp;
    sp[-1] = py_obj_new_slice(sp[-1], stop, step);
    DISPATCH();
}
op_BUILD_STRING : {
    size_t n;
    ARG_U(n);
    sp -= n;
    *sp = py_vm_build_string(n, sp);
    sp++;
    DISPATCH();
}
op_LIST_TO_TUPLE : {
    py_obj_list_t *l = PY_OBJ_TO_PTR(sp[-1]);
    sp[-1] = py_obj_new_tuple(l->len, l->items);
    DISPATCH();
}
op_LIST_APPEND : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_obj_list_append(sp[-(intptr_t)n], v);
    DISPATCH();
}
op_LIST_EXTEND : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_obj_list_extend(sp[-(intptr_t)n], v);
    DISPATCH();
}
op_SET_ADD : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_obj_set_store(sp[-(intptr_t)n], v);
    DISPATCH();
}
op_SET_UPDATE : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_vm_set_update(sp[-(intptr_t)n], v);
    DISPATCH();
}
op_MAP_ADD : {
    size_t n;
    ARG_U(n);
    sp -= 2;
    py_obj_dict_store(sp[-(intptr_t)n], sp[0], sp[1]);
    DISPATCH();
}
op_DICT_UPDATE : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_vm_dict_update(sp[-(intptr_t)n], v, false);
    DISPATCH();
}
op_DICT_MERGE : {
    size_t n;
    ARG_U(n);
    py_obj_t v = *--sp;
    py_vm_dict_update(sp[-(intptr_t)n], v, true);
    DISPATCH();
}
op_UNPACK_SEQUENCE : {
    size_t n;
    ARG_U(n);
    py_obj_t seq = *--sp;
    py_obj_t *items;
    size_t len;
    if ((py_obj_is_type(seq, &py_type_tuple) || py_obj_is_type(seq, &py_type_list)) &&
        (py_obj_get_array(seq, &len, &items), len == n)) {
        for (size_t i = 0; i < n; i++) {
            sp[i] = items[n - 1 - i];
        }
    } else {
        py_unpack_sequence(seq, n, sp);
        reverse_words(sp, n);
    }
    sp += n;
    DISPATCH();
}
op_UNPACK_EX : {
    size_t before, after;
    ARG_U(before);
    ARG_U(after);
    py_obj_t seq = *--sp;
    py_unpack_ex(seq, before, after, sp);
    reverse_words(sp, before + after + 1);
    sp += before + after + 1;
    DISPATCH();
}
op_FORMAT_VALUE : {
    size_t flags;
    ARG_U(flags);
    py_obj_t spec = (flags & PY_BC_FMT_HAS_SPEC) ? *--sp : PY_OBJ_NULL;
    sp[-1] = py_vm_format_value(sp[-1], spec, flags & PY_BC_FMT_CONV_MASK);
    DISPATCH();
}
op_CALL_FUNCTION : {
    size_t n_pos, n_kw;
    ARG_U(n_pos);
    ARG_U(n_kw);
    if (n_pos == 2 && n_kw == 0 && sp[-3] == PY_OBJ_FROM_PTR(&py_type_super) &&
        *ip == PY_BC_LOAD_METHOD) {
        // super().f(...): the method without a super object in between.
        const byte *next = ip + 1;
        qstr q = py_bc_read_uint(&next);
        if (py_super_load_method(sp[-2], sp[-1], q, sp - 3)) {
            sp--;
            ip = next;
            DISPATCH();
        }
    }
    sp -= n_pos + 2 * n_kw;
    sp[-1] = vm_call(sp[-1], n_pos, n_kw, sp);
    DISPATCH();
}
op_CALL_METHOD : {
    size_t n_pos, n_kw;
    ARG_U(n_pos);
    ARG_U(n_kw);
    sp -= n_pos + 2 * n_kw + 2;
    py_obj_t r;
    if (sp[1] != PY_OBJ_NULL) {
        r = vm_call(sp[0], n_pos + 1, n_kw, sp + 1);
    } else {
        r = vm_call(sp[0], n_pos, n_kw, sp + 2);
    }
    *sp++ = r;
    DISPATCH();
}
op_CALL_FUNCTION_EX : {
    sp -= 2;
    sp[-1] = py_call_function_ex(sp[-1], sp[0], sp[1]);
    DISPATCH();
}
op_MAKE_FUNCTION : {
    size_t child, flags;
    ARG_U(child);
    ARG_U(flags);
    py_obj_t closure = (flags & PY_BC_MAKE_CLOSURE) ? *--sp : PY_OBJ_NULL;
    py_obj_t kwdefaults = (flags & PY_BC_MAKE_KWDEFAULTS) ? *--sp : PY_OBJ_NULL;
    py_obj_t defaults = (flags & PY_BC_MAKE_DEFAULTS) ? *--sp : PY_OBJ_NULL;
    *sp = py_obj_new_fun_bc(rc->children[child], f->globals, defaults, kwdefaults, closure);
    sp++;
    DISPATCH();
}
op_RETURN_VALUE:
    *result = *--sp;
    f->sp = sp;
    return PY_VM_RETURN;
op_YIELD_VALUE:
    *result = *--sp;
    f->ip = ip;
    f->sp = sp;
    return PY_VM_YIELD;
op_YIELD_FROM : {
    py_obj_t v = *--sp;
    py_obj_t out;
    if (py_gen_send_to(sp[-1], v, PY_OBJ_NULL, &out) == PY_VM_YIELD) {
        // Resume here: the next value sent in is pushed and YIELD_FROM runs again.
        *result = out;
        f->ip = ip - 1;
        f->sp = sp;
        return PY_VM_YIELD;
    }
    sp[-1] = out;
    DISPATCH();
}
op_GET_YIELD_FROM_ITER:
    sp[-1] = py_vm_get_yield_from_iter(f, sp[-1]);
    DISPATCH();
op_GET_AWAITABLE:
    sp[-1] = py_gen_get_awaitable(sp[-1]);
    DISPATCH();
op_GET_AITER:
    sp[-1] = py_vm_get_aiter(sp[-1]);
    DISPATCH();
op_GET_ANEXT : {
    py_obj_t a = py_vm_get_anext(sp[-1]);
    *sp++ = a;
    DISPATCH();
}
op_END_ASYNC_FOR:
    py_vm_end_async_for(f, sp[-1]);
    sp -= 2;
    DISPATCH();
op_BEFORE_WITH:
    py_vm_before_with(sp, false);
    sp += 2;
    DISPATCH();
op_BEFORE_ASYNC_WITH:
    py_vm_before_with(sp, true);
    sp += 2;
    DISPATCH();
op_WITH_EXCEPT_START : {
    py_obj_t r = py_vm_with_exit_exc(sp);
    *sp++ = r;
    DISPATCH();
}
op_SETUP_FINALLY : {
    int off = ARG_J();
    py_exc_block_t *b = &f->blocks[f->n_blocks++];
    b->handler = ip + off;
    b->prev_exc = PY_OBJ_NULL;
    b->depth = (uint16_t)(sp - f->stack);
    b->kind = PY_EXC_BLOCK_FINALLY;
    DISPATCH();
}
op_POP_BLOCK:
    f->n_blocks--;
    DISPATCH();
op_POP_EXCEPT:
    py_state.roots.cur_exc = f->blocks[--f->n_blocks].prev_exc;
    DISPATCH();
op_RAISE : {
    size_t n;
    ARG_U(n);
    sp -= n;
    py_vm_raise(f, n, sp);
}
op_RERAISE:
    f->reraise = true;
    py_nlr_jump(PY_OBJ_TO_PTR(sp[-1]));
op_JUMP_IF_NOT_EXC_MATCH : {
    int off = ARG_J();
    py_obj_t t = *--sp;
    if (!py_obj_exception_match(sp[-1], t)) {
        ip += off;
    }
    DISPATCH();
}
op_IMPORT_NAME : {
    size_t q;
    ARG_U(q);
    py_obj_t fromlist = *--sp;
    sp[-1] = py_import_name(q, fromlist, sp[-1]);
    DISPATCH();
}
op_IMPORT_FROM : {
    size_t q;
    ARG_U(q);
    py_obj_t v = py_import_from(sp[-1], q);
    *sp++ = v;
    DISPATCH();
}
op_IMPORT_STAR:
    py_import_all(*--sp);
    DISPATCH();
op_PRINT_EXPR:
    py_vm_print_expr(*--sp);
    DISPATCH();
}
