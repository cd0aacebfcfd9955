// SPDX-License-Identifier: MIT
// obj.c: operations every value supports, dispatched through its type's slots.

#include <string.h>

#include "gc.h"
#include "objects.h"
#include "runtime.h"

void *py_obj_alloc(size_t size, const py_obj_type_t *type) {
    py_obj_base_t *o = py_malloc(size);
    o->type = type;
    return o;
}

qstr py_obj_get_type_qstr(py_const_obj_t o) {
    return py_obj_get_type(o)->name;
}

const char *py_obj_get_type_str(py_const_obj_t o) {
    return py_qstr_str(py_obj_get_type_qstr(o));
}

void py_obj_print_helper(const py_print_t *print, py_obj_t o, py_print_kind_t kind) {
    py_stack_check(); // printing nested containers recurses
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->print != NULL) {
        type->print(print, o, kind);
    } else {
        py_printf(print, "<%q object at %p>", type->name, o);
    }
}

void py_obj_print(py_obj_t o, py_print_kind_t kind) {
    py_obj_print_helper(&py_plat_print, o, kind);
}

py_obj_t py_obj_new_str_of(py_obj_t o, py_print_kind_t kind) {
    py_vstr_t vstr;
    py_vstr_init(&vstr, 16);
    py_print_t print = PY_PRINT_TO_VSTR(&vstr);
    py_obj_print_helper(&print, o, kind);
    return py_obj_new_str_from_vstr(&vstr);
}

// str() of a small int, the commonest conversion, without printing through a vstr.
static py_obj_t small_int_str(py_obj_t o) {
    char buf[3 * sizeof(intptr_t) + 2]; // digits and sign
    char *p = buf + sizeof(buf);
    intptr_t v = PY_OBJ_SMALL_INT_VALUE(o);
    uintptr_t u = v < 0 ? (uintptr_t)-v : (uintptr_t)v; // small ints cannot overflow here
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        *--p = '-';
    }
    return py_obj_new_str(p, (size_t)(buf + sizeof(buf) - p));
}

py_obj_t py_obj_repr(py_obj_t o) {
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return small_int_str(o);
    }
    return py_obj_new_str_of(o, PY_PRINT_REPR);
}

py_obj_t py_obj_str(py_obj_t o) {
    if (PY_OBJ_IS_QSTR(o) || py_obj_is_type(o, &py_type_str)) {
        return o;
    }
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return small_int_str(o);
    }
    return py_obj_new_str_of(o, PY_PRINT_STR);
}

bool py_obj_is_true(py_obj_t o) {
    if (o == py_const_false || o == py_const_none) {
        return false;
    }
    if (o == py_const_true) {
        return true;
    }
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return PY_OBJ_SMALL_INT_VALUE(o) != 0;
    }
    if (PY_OBJ_IS_QSTR(o)) {
        return py_qstr_len(PY_OBJ_QSTR_VALUE(o)) != 0;
    }
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->unary_op != NULL) {
        py_obj_t r = type->unary_op(PY_UNARY_OP_BOOL, o);
        if (r != PY_OBJ_NULL) {
            return r == py_const_true;
        }
        r = type->unary_op(PY_UNARY_OP_LEN, o);
        if (r != PY_OBJ_NULL) {
            return r != PY_OBJ_NEW_SMALL_INT(0);
        }
    }
    return true;
}

bool py_obj_is_callable(py_obj_t o) {
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->call == NULL) {
        return false;
    }
    if (type->flags & PY_TYPE_FLAG_IS_HEAP) {
        return py_type_lookup(type, PY_QSTR___call__) != PY_OBJ_NULL;
    }
    return true;
}

bool py_obj_equal(py_obj_t a, py_obj_t b) {
    if (a == b) {
        return true; // containers treat an object as equal to itself, even nan
    }
    return py_binary_op(PY_BINARY_OP_EQUAL, a, b) == py_const_true;
}

py_obj_t py_obj_hash(py_obj_t o) {
    if (PY_OBJ_IS_SMALL_INT(o)) {
        intptr_t v = PY_OBJ_SMALL_INT_VALUE(o);
        return PY_OBJ_NEW_SMALL_INT(v == -1 ? -2 : v); // as CPython: -1 is an error marker there
    }
    if (PY_OBJ_IS_QSTR(o)) {
        return PY_OBJ_NEW_SMALL_INT(py_qstr_hash(PY_OBJ_QSTR_VALUE(o)));
    }
    if (o == py_const_false || o == py_const_true) {
        return PY_OBJ_NEW_SMALL_INT(o == py_const_true);
    }
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->unary_op != NULL) {
        py_obj_t h = type->unary_op(PY_UNARY_OP_HASH, o);
        if (h != PY_OBJ_NULL) {
            return h;
        }
    }
    // Objects without their own equality hash by identity; those with one (list, dict, set) are
    // mutable containers and unhashable.
    if (type->binary_op == NULL || (type->flags & PY_TYPE_FLAG_EQ_BY_IDENTITY)) {
        return PY_OBJ_NEW_SMALL_INT((uintptr_t)o >> 3 & (uintptr_t)PY_SMALL_INT_MAX);
    }
    py_raise_msg_varg(&py_type_TypeError, "unhashable type: '%q'", type->name);
}

size_t py_obj_hash_value(py_obj_t o) {
    py_obj_t h = py_obj_hash(o);
    return (size_t)PY_OBJ_SMALL_INT_VALUE(h);
}

py_obj_t py_obj_len_maybe(py_obj_t o) {
    if (PY_OBJ_IS_QSTR(o)) {
        size_t len;
        const byte *data = py_qstr_data(PY_OBJ_QSTR_VALUE(o), &len);
        return PY_OBJ_NEW_SMALL_INT(py_utf8_charlen(data, len));
    }
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->unary_op != NULL) {
        return type->unary_op(PY_UNARY_OP_LEN, o);
    }
    return PY_OBJ_NULL;
}

py_obj_t py_obj_len(py_obj_t o) {
    py_obj_t len = py_obj_len_maybe(o);
    if (len == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError, "object of type '%s' has no len()",
                          py_obj_get_type_str(o));
    }
    return len;
}

py_obj_t py_obj_subscr(py_obj_t o, py_obj_t index, py_obj_t value) {
    const py_obj_type_t *type = py_obj_get_type(o);
    if (type->subscr != NULL) {
        py_obj_t r = type->subscr(o, index, value);
        if (r != PY_OBJ_NULL) {
            return r;
        }
    }
    const char *what = value == PY_OBJ_SENTINEL ? "isn't subscriptable"
                       : value == PY_OBJ_NULL   ? "doesn't support item deletion"
                                                : "doesn't support item assignment";
    py_raise_msg_varg(&py_type_TypeError, "'%q' object %s", type->name, what);
}

size_t py_get_index(const py_obj_type_t *type, size_t len, py_obj_t index, bool is_slice) {
    intptr_t i;
    if (PY_OBJ_IS_SMALL_INT(index)) {
        i = PY_OBJ_SMALL_INT_VALUE(index);
    } else if (!py_obj_get_int_maybe(index, &i)) {
        py_raise_msg_varg(&py_type_TypeError, "%q indices must be integers, not %s", type->name,
                          py_obj_get_type_str(index));
    }
    if (i < 0) {
        i += (intptr_t)len;
    }
    if (is_slice) {
        if (i < 0) {
            i = 0;
        } else if ((size_t)i > len) {
            i = (intptr_t)len;
        }
    } else if (i < 0 || (size_t)i >= len) {
        py_raise_msg_varg(&py_type_IndexError, "%q index out of range", type->name);
    }
    return (size_t)i;
}

void py_obj_get_array(py_obj_t o, size_t *len, py_obj_t **items) {
    if (py_obj_is_type(o, &py_type_tuple)) {
        py_obj_tuple_t *t = PY_OBJ_TO_PTR(o);
        *len = t->len;
        *items = t->items;
    } else if (py_obj_is_type(o, &py_type_list)) {
        py_obj_list_t *l = PY_OBJ_TO_PTR(o);
        *len = l->len;
        *items = l->items;
    } else {
        py_raise_msg_varg(&py_type_TypeError, "object '%s' isn't a tuple or list",
                          py_obj_get_type_str(o));
    }
}

void py_obj_get_array_fixed_n(py_obj_t o, size_t len, py_obj_t **items) {
    size_t have;
    py_obj_get_array(o, &have, items);
    if (have != len) {
        py_raise_msg_varg(&py_type_ValueError, "requested length %u but object has length %u",
                          (unsigned)len, (unsigned)have);
    }
}
