// SPDX-License-Identifier: MIT
// objinstance.c: instances of Python classes: the generic slots that call dunder methods, the
// attribute protocol with descriptors, and subclasses of built-in types (see objtype.h).

#include <string.h>

#include "bc.h"
#include "gc.h"
#include "objexcept.h"
#include "objtype.h"
#include "runtime.h"

// Instances of Python classes are always heap (or ROM) objects, never tagged words.
static const py_obj_heap_type_t *heap_of(py_obj_t self) {
    return (const py_obj_heap_type_t *)((const py_obj_base_t *)PY_OBJ_TO_PTR(self))->type;
}

static const py_obj_type_t *native_of(py_obj_t self) {
    return heap_of(self)->native_base;
}

py_obj_t py_instance_native(py_obj_t self) {
    switch (heap_of(self)->layout) {
        case PY_LAYOUT_SUBOBJ:
            return ((py_obj_instance_t *)PY_OBJ_TO_PTR(self))->subobj[0];
        case PY_LAYOUT_SELF:
            return self;
        default:
            return PY_OBJ_NULL;
    }
}

// [o] itself, or its native subobject when it is an instance of a subclass of a built-in type.
static py_obj_t unwrap(py_obj_t o) {
    if (PY_OBJ_IS_OBJ(o) && py_type_is_heap(py_obj_get_type(o)) &&
        heap_of(o)->layout == PY_LAYOUT_SUBOBJ) {
        return py_instance_native(o);
    }
    return o;
}

static bool is_metaclass_instance(py_obj_t self) {
    const py_obj_heap_type_t *t = heap_of(self);
    return t->layout == PY_LAYOUT_SELF && !(t->type.flags & PY_TYPE_FLAG_IS_EXCEPTION);
}

static py_obj_dict_t *get_dict(py_obj_t self, bool create) {
    const py_obj_type_t *t = py_obj_get_type(self);
    bool is_exc = (t->flags & PY_TYPE_FLAG_IS_EXCEPTION) != 0;
    if (!is_exc && (!py_type_is_heap(t) || is_metaclass_instance(self))) {
        return NULL;
    }
    py_obj_instance_t *inst = PY_OBJ_TO_PTR(self);
    if (inst->dict == NULL && create) {
        if (is_exc && ((py_obj_exception_t *)inst)->is_emergency) {
            return NULL;
        }
        size_t n = py_type_is_heap(t) ? ((const py_obj_heap_type_t *)t)->dict_size : 0;
        inst->dict = PY_OBJ_TO_PTR(py_obj_new_dict(n));
    }
    return inst->dict;
}

// The instance dict of [self] is about to be seen by code that may add any name to it.
static void note_dict_escape(py_obj_t self) {
    const py_obj_type_t *t = py_obj_get_type(self);
    if (py_type_is_heap(t)) {
        ((py_obj_heap_type_t *)t)->dict_shadows = 1;
    }
}

py_obj_dict_t *py_instance_get_dict(py_obj_t self, bool create) {
    py_obj_dict_t *d = get_dict(self, create);
    if (d != NULL) {
        note_dict_escape(self);
    }
    return d;
}

// Most-attributes-seen bookkeeping for py_instance_get_dict's first allocation.
#define DICT_SIZE_HINT_MAX (16)

static inline void note_dict_size(py_obj_t self, const py_map_t *map) {
    py_obj_heap_type_t *ht = (py_obj_heap_type_t *)heap_of(self);
    if (map->used > ht->dict_size && map->used <= DICT_SIZE_HINT_MAX) {
        ht->dict_size = (uint8_t)map->used;
    }
}

py_obj_t py_obj_id_hash(py_obj_t o) {
    return PY_OBJ_NEW_SMALL_INT((intptr_t)((uintptr_t)o >> 2));
}

// Calls [member] (found in self's class) as a method of [self].
static py_obj_t call_member(py_obj_t self, py_obj_t member, size_t n_args, size_t n_kw,
                            const py_obj_t *args) {
    size_t n = n_args + 2 * n_kw;
    if (n < 8 && py_obj_is_type(member, &py_type_fun_bc)) {
        // A Python method (the usual dunder): straight to its call with self prepended.
        py_obj_t all[8];
        all[0] = self;
        for (size_t i = 0; i < n; i++) {
            all[i + 1] = args[i];
        }
        return py_fun_bc_call(member, n_args + 1, n_kw, all);
    }
    py_obj_t dest[2] = {PY_OBJ_NULL, PY_OBJ_NULL};
    py_convert_member_lookup(self, py_obj_get_type(self), member, dest);
    if (dest[1] != PY_OBJ_NULL) {
        return py_call_with_self(dest[0], dest[1], n_args, n_kw, args);
    }
    return py_call_function_n_kw(dest[0], n_args, n_kw, args);
}

py_obj_t py_instance_call_dunder(py_obj_t self, qstr name, size_t n_args, const py_obj_t *args) {
    py_obj_t m = py_type_lookup_heap(py_obj_get_type(self), name);
    if (m == PY_OBJ_NULL) {
        return PY_OBJ_NULL;
    }
    return call_member(self, m, n_args, 0, args);
}

// Calls dunder [name] with one argument; PY_OBJ_NULL when absent or it returns NotImplemented.
static py_obj_t try_dunder1(py_obj_t self, qstr name, py_obj_t arg) {
    py_obj_t r = py_instance_call_dunder(self, name, 1, &arg);
    return r == py_const_notimplemented ? PY_OBJ_NULL : r;
}

// ---- Creation -----------------------------------------------------------------------------------

py_obj_t py_instance_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                         const py_obj_t *args) {
    const py_obj_heap_type_t *t = (const py_obj_heap_type_t *)type;
    switch (t->layout) {
        case PY_LAYOUT_PLAIN:
            return PY_OBJ_FROM_PTR(py_obj_alloc(sizeof(py_obj_instance_t), type));
        case PY_LAYOUT_SUBOBJ: {
            const py_obj_type_t *native = t->native_base;
            if (native->make_new == NULL) {
                py_raise_msg_varg(&py_type_TypeError, "cannot create '%q' instances",
                                  (qstr)native->name);
            }
            py_obj_t sub = native->make_new(native, n_args, n_kw, args);
            py_obj_instance_t *inst =
                py_obj_alloc(sizeof(py_obj_instance_t) + sizeof(py_obj_t), type);
            inst->subobj[0] = sub;
            return PY_OBJ_FROM_PTR(inst);
        }
        default:
            if (type->flags & PY_TYPE_FLAG_IS_EXCEPTION) {
                return py_exception_alloc(type, n_args, args);
            }
            py_raise_msg_varg(&py_type_TypeError,
                              "object.__new__(%q) is not safe, use type.__new__()",
                              (qstr)type->name);
    }
}

// Built-in types whose constructor fills the object (so __init__ must do it instead).
static bool native_is_mutable(const py_obj_type_t *native) {
    return native == &py_type_list || native == &py_type_dict || native == &py_type_set ||
           native == &py_type_bytearray;
}

static py_obj_t instance_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                  const py_obj_t *args) {
    const py_obj_heap_type_t *t = (const py_obj_heap_type_t *)type;
    py_obj_t new_fn = py_type_lookup(type, PY_QSTR___new__);
    py_obj_t init_fn = py_type_lookup_heap(type, PY_QSTR___init__);
    py_obj_t inst;
    if (new_fn == PY_OBJ_NULL || new_fn == PY_OBJ_FROM_PTR(&py_object___new___obj)) {
        if (t->layout == PY_LAYOUT_PLAIN && init_fn == PY_OBJ_NULL && n_args + n_kw > 0) {
            py_raise_msg_varg(&py_type_TypeError, "%q() takes no arguments", (qstr)type->name);
        }
        if (init_fn != PY_OBJ_NULL && t->layout == PY_LAYOUT_SUBOBJ &&
            native_is_mutable(t->native_base)) {
            inst = py_instance_new(type, 0, 0, NULL);
        } else {
            inst = py_instance_new(type, n_args, n_kw, args);
        }
    } else {
        if (py_obj_is_type(new_fn, &py_type_staticmethod)) {
            new_fn = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(new_fn))->fun;
        }
        inst = py_call_with_self(new_fn, PY_OBJ_FROM_PTR(type), n_args, n_kw, args);
        if (!py_obj_is_instance(inst, type)) {
            return inst;
        }
    }
    if (init_fn != PY_OBJ_NULL) {
        py_obj_t r = call_member(inst, init_fn, n_args, n_kw, args);
        if (r != py_const_none) {
            py_raise_msg_varg(&py_type_TypeError, "__init__() should return None, not '%s'",
                              py_obj_get_type_str(r));
        }
    }
    return inst;
}

// ---- print, call --------------------------------------------------------------------------------

void py_instance_print_default(const py_print_t *print, py_obj_t self) {
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_t mod = py_type_is_heap(type) ? py_type_lookup(type, PY_QSTR___module__) : PY_OBJ_NULL;
    py_print_str(print, "<");
    if (mod != PY_OBJ_NULL && py_obj_is_str(mod) &&
        !py_obj_equal(mod, PY_OBJ_NEW_QSTR(PY_QSTR_builtins))) {
        py_obj_print_helper(print, mod, PY_PRINT_STR);
        py_print_str(print, ".");
    }
    py_printf(print, "%q object at 0x%p>", (qstr)type->name, PY_OBJ_TO_PTR(self));
}

static void instance_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    const py_obj_type_t *type = py_obj_get_type(self);
    const py_obj_type_t *native = native_of(self);
    py_obj_t r = PY_OBJ_NULL;
    if (kind == PY_PRINT_STR) {
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___str__);
        if (m != PY_OBJ_NULL) {
            r = call_member(self, m, 0, 0, NULL);
        } else if (native != NULL && native->print != NULL &&
                   ((native->flags & PY_TYPE_FLAG_IS_EXCEPTION) || native == &py_type_str)) {
            // Only str and exceptions have a __str__ of their own; for the other built-in
            // types str() is repr(), so a Python __repr__ must win.
            native->print(print, py_instance_native(self), PY_PRINT_STR);
            return;
        }
    }
    if (r == PY_OBJ_NULL) {
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___repr__);
        if (m != PY_OBJ_NULL) {
            r = call_member(self, m, 0, 0, NULL);
        } else if (native != NULL && native->print != NULL) {
            native->print(print, py_instance_native(self), PY_PRINT_REPR);
            return;
        } else {
            py_instance_print_default(print, self);
            return;
        }
    }
    if (!py_obj_is_str(r)) {
        py_raise_msg_varg(&py_type_TypeError, "__%s__ returned non-string (type %s)",
                          kind == PY_PRINT_STR ? "str" : "repr", py_obj_get_type_str(r));
    }
    py_obj_print_helper(print, r, PY_PRINT_STR);
}

static py_obj_t instance_call(py_obj_t self, size_t n_args, size_t n_kw, const py_obj_t *args) {
    py_obj_t m = py_type_lookup_heap(py_obj_get_type(self), PY_QSTR___call__);
    if (m != PY_OBJ_NULL) {
        return call_member(self, m, n_args, n_kw, args);
    }
    const py_obj_type_t *native = native_of(self);
    if (native != NULL && native->call != NULL) {
        return native->call(py_instance_native(self), n_args, n_kw, args);
    }
    py_raise_msg_varg(&py_type_TypeError, "'%s' object isn't callable", py_obj_get_type_str(self));
}

// ---- Unary operators ----------------------------------------------------------------------------

static const uint16_t unary_op_names[PY_UNARY_OP_NUM] = {
    [PY_UNARY_OP_BOOL] = PY_QSTR___bool__,     [PY_UNARY_OP_LEN] = PY_QSTR___len__,
    [PY_UNARY_OP_HASH] = PY_QSTR___hash__,     [PY_UNARY_OP_ABS] = PY_QSTR___abs__,
    [PY_UNARY_OP_POSITIVE] = PY_QSTR___pos__,  [PY_UNARY_OP_NEGATIVE] = PY_QSTR___neg__,
    [PY_UNARY_OP_INVERT] = PY_QSTR___invert__, [PY_UNARY_OP_INT] = PY_QSTR___int__,
    [PY_UNARY_OP_FLOAT] = PY_QSTR___float__,   [PY_UNARY_OP_INDEX] = PY_QSTR___index__,
};

// Checks what __len__ returned: a non-negative int.
static py_obj_t check_len(py_obj_t r) {
    if (!py_obj_is_int(r)) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                          py_obj_get_type_str(r));
    }
    intptr_t n = py_obj_get_int(r);
    if (n < 0) {
        py_raise_ValueError("__len__() should return >= 0");
    }
    return PY_OBJ_NEW_SMALL_INT(n);
}

// What a dunder method's result becomes for [op].
static py_obj_t unary_result(py_unary_op_t op, py_obj_t r) {
    switch (op) {
        case PY_UNARY_OP_BOOL:
            if (r != py_const_true && r != py_const_false) {
                py_raise_msg_varg(&py_type_TypeError, "__bool__ should return bool, returned %s",
                                  py_obj_get_type_str(r));
            }
            return r;
        case PY_UNARY_OP_LEN:
            return check_len(r);
        case PY_UNARY_OP_HASH:
            if (!py_obj_is_int(r)) {
                py_raise_TypeError("__hash__ method should return an integer");
            }
            return PY_OBJ_IS_SMALL_INT(r) ? r : py_obj_hash(r);
        default:
            return r;
    }
}

static py_obj_t instance_unary_op(py_unary_op_t op, py_obj_t self) {
    if (op >= PY_UNARY_OP_NUM || op == PY_UNARY_OP_NOT) {
        return PY_OBJ_NULL;
    }
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_t m = py_type_lookup_heap(type, unary_op_names[op]);
    if (op == PY_UNARY_OP_HASH && m == py_const_none) {
        py_raise_msg_varg(&py_type_TypeError, "unhashable type: '%q'", (qstr)type->name);
    }
    if (m != PY_OBJ_NULL) {
        return unary_result(op, call_member(self, m, 0, 0, NULL));
    }
    if (op == PY_UNARY_OP_BOOL) {
        m = py_type_lookup_heap(type, PY_QSTR___len__);
        if (m != PY_OBJ_NULL) {
            py_obj_t n = check_len(call_member(self, m, 0, 0, NULL));
            return PY_OBJ_NEW_BOOL(n != PY_OBJ_NEW_SMALL_INT(0));
        }
    }
    const py_obj_type_t *native = native_of(self);
    if (native != NULL) {
        py_obj_t sub = py_instance_native(self);
        if (native->unary_op != NULL) {
            py_obj_t r = native->unary_op(op, sub);
            if (r != PY_OBJ_NULL || op == PY_UNARY_OP_HASH) {
                return r;
            }
        }
        // int(x) and float(x) of a subclass of int or float give the plain value.
        if ((op == PY_UNARY_OP_INT || op == PY_UNARY_OP_INDEX) && py_obj_is_int(sub)) {
            return sub;
        }
#if PY_FEATURE_FLOAT
        if (op == PY_UNARY_OP_FLOAT && py_obj_is_type(sub, &py_type_float)) {
            return sub;
        }
#endif
    }
    if (op == PY_UNARY_OP_BOOL) {
        return py_const_true;
    }
    if (op == PY_UNARY_OP_HASH) {
        return py_obj_id_hash(self);
    }
    return PY_OBJ_NULL;
}

// ---- Binary operators ---------------------------------------------------------------------------

static const uint16_t binary_op_names[PY_BINARY_OP_NUM] = {
    [PY_BINARY_OP_LESS] = PY_QSTR___lt__,
    [PY_BINARY_OP_MORE] = PY_QSTR___gt__,
    [PY_BINARY_OP_EQUAL] = PY_QSTR___eq__,
    [PY_BINARY_OP_LESS_EQUAL] = PY_QSTR___le__,
    [PY_BINARY_OP_MORE_EQUAL] = PY_QSTR___ge__,
    [PY_BINARY_OP_NOT_EQUAL] = PY_QSTR___ne__,
    [PY_BINARY_OP_INPLACE_OR] = PY_QSTR___ior__,
    [PY_BINARY_OP_INPLACE_XOR] = PY_QSTR___ixor__,
    [PY_BINARY_OP_INPLACE_AND] = PY_QSTR___iand__,
    [PY_BINARY_OP_INPLACE_LSHIFT] = PY_QSTR___ilshift__,
    [PY_BINARY_OP_INPLACE_RSHIFT] = PY_QSTR___irshift__,
    [PY_BINARY_OP_INPLACE_ADD] = PY_QSTR___iadd__,
    [PY_BINARY_OP_INPLACE_SUBTRACT] = PY_QSTR___isub__,
    [PY_BINARY_OP_INPLACE_MULTIPLY] = PY_QSTR___imul__,
    [PY_BINARY_OP_INPLACE_MAT_MULTIPLY] = PY_QSTR___imatmul__,
    [PY_BINARY_OP_INPLACE_FLOOR_DIVIDE] = PY_QSTR___ifloordiv__,
    [PY_BINARY_OP_INPLACE_TRUE_DIVIDE] = PY_QSTR___itruediv__,
    [PY_BINARY_OP_INPLACE_MODULO] = PY_QSTR___imod__,
    [PY_BINARY_OP_INPLACE_POWER] = PY_QSTR___ipow__,
    [PY_BINARY_OP_OR] = PY_QSTR___or__,
    [PY_BINARY_OP_XOR] = PY_QSTR___xor__,
    [PY_BINARY_OP_AND] = PY_QSTR___and__,
    [PY_BINARY_OP_LSHIFT] = PY_QSTR___lshift__,
    [PY_BINARY_OP_RSHIFT] = PY_QSTR___rshift__,
    [PY_BINARY_OP_ADD] = PY_QSTR___add__,
    [PY_BINARY_OP_SUBTRACT] = PY_QSTR___sub__,
    [PY_BINARY_OP_MULTIPLY] = PY_QSTR___mul__,
    [PY_BINARY_OP_MAT_MULTIPLY] = PY_QSTR___matmul__,
    [PY_BINARY_OP_FLOOR_DIVIDE] = PY_QSTR___floordiv__,
    [PY_BINARY_OP_TRUE_DIVIDE] = PY_QSTR___truediv__,
    [PY_BINARY_OP_MODULO] = PY_QSTR___mod__,
    [PY_BINARY_OP_POWER] = PY_QSTR___pow__,
    [PY_BINARY_OP_REVERSE_OR] = PY_QSTR___ror__,
    [PY_BINARY_OP_REVERSE_XOR] = PY_QSTR___rxor__,
    [PY_BINARY_OP_REVERSE_AND] = PY_QSTR___rand__,
    [PY_BINARY_OP_REVERSE_LSHIFT] = PY_QSTR___rlshift__,
    [PY_BINARY_OP_REVERSE_RSHIFT] = PY_QSTR___rrshift__,
    [PY_BINARY_OP_REVERSE_ADD] = PY_QSTR___radd__,
    [PY_BINARY_OP_REVERSE_SUBTRACT] = PY_QSTR___rsub__,
    [PY_BINARY_OP_REVERSE_MULTIPLY] = PY_QSTR___rmul__,
    [PY_BINARY_OP_REVERSE_MAT_MULTIPLY] = PY_QSTR___rmatmul__,
    [PY_BINARY_OP_REVERSE_FLOOR_DIVIDE] = PY_QSTR___rfloordiv__,
    [PY_BINARY_OP_REVERSE_TRUE_DIVIDE] = PY_QSTR___rtruediv__,
    [PY_BINARY_OP_REVERSE_MODULO] = PY_QSTR___rmod__,
    [PY_BINARY_OP_REVERSE_POWER] = PY_QSTR___rpow__,
    [PY_BINARY_OP_DIVMOD] = PY_QSTR___divmod__,
    [PY_BINARY_OP_CONTAINS] = PY_QSTR___contains__,
};

// The comparison asked of the right operand when the left one cannot answer.
static const uint8_t swapped_compare[] = {
    [PY_BINARY_OP_LESS] = PY_BINARY_OP_MORE,
    [PY_BINARY_OP_MORE] = PY_BINARY_OP_LESS,
    [PY_BINARY_OP_EQUAL] = PY_BINARY_OP_EQUAL,
    [PY_BINARY_OP_LESS_EQUAL] = PY_BINARY_OP_MORE_EQUAL,
    [PY_BINARY_OP_MORE_EQUAL] = PY_BINARY_OP_LESS_EQUAL,
    [PY_BINARY_OP_NOT_EQUAL] = PY_BINARY_OP_NOT_EQUAL,
};

static bool is_heap_instance(py_obj_t o) {
    return PY_OBJ_IS_OBJ(o) && py_type_is_heap(py_obj_get_type(o));
}

// self OP other through self's dunders; PY_OBJ_NULL when it has no answer.
static py_obj_t try_compare(py_binary_op_t op, py_obj_t self, py_obj_t other) {
    py_obj_t m = py_type_lookup_heap(py_obj_get_type(self), binary_op_names[op]);
    if (m != PY_OBJ_NULL) {
        py_obj_t r = call_member(self, m, 1, 0, &other);
        if (r != py_const_notimplemented) {
            return r;
        }
        return PY_OBJ_NULL;
    }
    if (op == PY_BINARY_OP_NOT_EQUAL) {
        // The default __ne__ inverts __eq__.
        py_obj_t r = try_dunder1(self, PY_QSTR___eq__, other);
        if (r != PY_OBJ_NULL) {
            return PY_OBJ_NEW_BOOL(!py_obj_is_true(r));
        }
    }
    return PY_OBJ_NULL;
}

static py_obj_t native_binary_op(py_binary_op_t op, py_obj_t self, py_obj_t other) {
    const py_obj_type_t *native = native_of(self);
    if (native == NULL || native->binary_op == NULL) {
        return PY_OBJ_NULL;
    }
    return native->binary_op(op, py_instance_native(self), unwrap(other));
}

// The runtime asks the right operand (swapped) and falls back to identity for == and != itself;
// here a subclass's reflected method goes first, as in CPython.
static py_obj_t compare(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    py_obj_t r = PY_OBJ_NULL;
    if (is_heap_instance(rhs) && py_obj_get_type(rhs) != py_obj_get_type(lhs) &&
        py_obj_is_subclass(py_obj_get_type(rhs), py_obj_get_type(lhs))) {
        r = try_compare(swapped_compare[op], rhs, lhs);
    }
    if (r == PY_OBJ_NULL) {
        r = try_compare(op, lhs, rhs);
    }
    if (r == PY_OBJ_NULL) {
        r = native_binary_op(op, lhs, rhs);
    }
    return r;
}

static py_obj_t contains(py_obj_t self, py_obj_t item) {
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_t m = py_type_lookup_heap(type, PY_QSTR___contains__);
    if (m != PY_OBJ_NULL) {
        return PY_OBJ_NEW_BOOL(py_obj_is_true(call_member(self, m, 1, 0, &item)));
    }
    py_obj_t r = native_binary_op(PY_BINARY_OP_CONTAINS, self, item);
    if (r != PY_OBJ_NULL) {
        return r;
    }
    const py_obj_type_t *native = native_of(self);
    if (py_type_lookup_heap(type, PY_QSTR___iter__) == PY_OBJ_NULL &&
        py_type_lookup_heap(type, PY_QSTR___getitem__) == PY_OBJ_NULL &&
        (native == NULL || native->getiter == NULL)) {
        py_raise_msg_varg(&py_type_TypeError, "argument of type '%q' is not iterable",
                          (qstr)type->name);
    }
    py_obj_t it = py_getiter(self, NULL);
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (py_obj_equal(x, item)) {
            return py_const_true;
        }
    }
    return py_const_false;
}

// lhs OP rhs for the plain arithmetic operators, with a subclass's reflected method first.
static py_obj_t arith(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    qstr rname = binary_op_names[PY_BINARY_OP_PLAIN_TO_REVERSE(op)];
    if (is_heap_instance(rhs) && py_obj_get_type(rhs) != py_obj_get_type(lhs) &&
        py_obj_is_subclass(py_obj_get_type(rhs), py_obj_get_type(lhs))) {
        py_obj_t rm = py_type_lookup_heap(py_obj_get_type(rhs), rname);
        if (rm != PY_OBJ_NULL && rm != py_type_lookup_heap(py_obj_get_type(lhs), rname)) {
            py_obj_t r = call_member(rhs, rm, 1, 0, &lhs);
            if (r != py_const_notimplemented) {
                return r;
            }
        }
    }
    py_obj_t r = try_dunder1(lhs, binary_op_names[op], rhs);
    if (r == PY_OBJ_NULL) {
        r = native_binary_op(op, lhs, rhs);
    }
    return r;
}

static py_obj_t instance_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (op <= PY_BINARY_OP_NOT_EQUAL) {
        return compare(op, lhs, rhs);
    }
    if (op == PY_BINARY_OP_CONTAINS) {
        return contains(lhs, rhs);
    }
    if (op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER) {
        // Without __iadd__ the runtime goes on with the plain operator.
        return try_dunder1(lhs, binary_op_names[op], rhs);
    }
    if (op >= PY_BINARY_OP_OR && op <= PY_BINARY_OP_POWER) {
        return arith(op, lhs, rhs);
    }
    if (op >= PY_BINARY_OP_REVERSE_OR && op <= PY_BINARY_OP_REVERSE_POWER) {
        // Here [lhs] is this instance and [rhs] the left operand of the expression.
        py_obj_t r = try_dunder1(lhs, binary_op_names[op], rhs);
        if (r == PY_OBJ_NULL && native_of(lhs) != NULL && native_of(lhs)->binary_op != NULL) {
            py_binary_op_t plain = op - PY_BINARY_OP_REVERSE_OR + PY_BINARY_OP_OR;
            r = native_of(lhs)->binary_op(plain, unwrap(rhs), py_instance_native(lhs));
        }
        return r;
    }
    if (op == PY_BINARY_OP_DIVMOD) {
        py_obj_t r = try_dunder1(lhs, PY_QSTR___divmod__, rhs);
        return r != PY_OBJ_NULL ? r : native_binary_op(op, lhs, rhs);
    }
    return PY_OBJ_NULL;
}

// ---- Subscription and iteration -----------------------------------------------------------------

static py_obj_t instance_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    const py_obj_type_t *type = py_obj_get_type(self);
    if (value == PY_OBJ_SENTINEL) {
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___getitem__);
        if (m != PY_OBJ_NULL) {
            return call_member(self, m, 1, 0, &index);
        }
    } else if (value == PY_OBJ_NULL) {
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___delitem__);
        if (m != PY_OBJ_NULL) {
            call_member(self, m, 1, 0, &index);
            return py_const_none;
        }
    } else {
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___setitem__);
        if (m != PY_OBJ_NULL) {
            py_obj_t args[2] = {index, value};
            call_member(self, m, 2, 0, args);
            return py_const_none;
        }
    }
    const py_obj_type_t *native = native_of(self);
    if (value == PY_OBJ_SENTINEL && native == &py_type_dict) {
        // A dict subclass's __missing__ supplies absent keys.
        py_obj_t m = py_type_lookup_heap(type, PY_QSTR___missing__);
        py_obj_t sub = py_instance_native(self);
        if (m != PY_OBJ_NULL && py_obj_dict_get(sub, index) == PY_OBJ_NULL) {
            return call_member(self, m, 1, 0, &index);
        }
    }
    if (native != NULL && native->subscr != NULL) {
        return native->subscr(py_instance_native(self), index, value);
    }
    return PY_OBJ_NULL;
}

static py_obj_t instance_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_t m = py_type_lookup_heap(type, PY_QSTR___iter__);
    if (m != PY_OBJ_NULL) {
        py_obj_t it = call_member(self, m, 0, 0, NULL);
        if (py_obj_get_type(it)->iternext == NULL) {
            py_raise_msg_varg(&py_type_TypeError, "iter() returned non-iterator of type '%s'",
                              py_obj_get_type_str(it));
        }
        return it;
    }
    const py_obj_type_t *native = native_of(self);
    if (native != NULL && native->getiter != NULL) {
        return native->getiter(py_instance_native(self), iter_buf);
    }
    if (py_type_lookup_heap(type, PY_QSTR___getitem__) != PY_OBJ_NULL) {
        return py_obj_new_getitem_iter(self, iter_buf);
    }
    py_raise_msg_varg(&py_type_TypeError, "'%q' object isn't iterable", (qstr)type->name);
}

static py_obj_t instance_iternext(py_obj_t self) {
    py_obj_t m = py_type_lookup_heap(py_obj_get_type(self), PY_QSTR___next__);
    if (m != PY_OBJ_NULL) {
        // The StopIteration that ends a Python iterator becomes the exhausted marker.
        py_nlr_buf_t nlr;
        if (py_nlr_push(&nlr) == 0) {
            py_obj_t v = call_member(self, m, 0, 0, NULL);
            py_nlr_pop();
            return v;
        }
        if (!py_obj_exception_match(PY_OBJ_FROM_PTR(nlr.ret_val),
                                    PY_OBJ_FROM_PTR(&py_type_StopIteration))) {
            py_nlr_jump(nlr.ret_val);
        }
        return PY_OBJ_STOP_ITERATION;
    }
    const py_obj_type_t *native = native_of(self);
    if (native != NULL && native->iternext != NULL) {
        return native->iternext(py_instance_native(self));
    }
    py_raise_msg_varg(&py_type_TypeError, "'%s' object isn't an iterator",
                      py_obj_get_type_str(self));
}

static int instance_buffer(py_obj_t self, py_buffer_info_t *info, unsigned flags) {
    const py_obj_type_t *native = native_of(self);
    if (native == NULL || native->buffer == NULL) {
        return 1;
    }
    return native->buffer(py_instance_native(self), info, flags);
}

// ---- Attributes ---------------------------------------------------------------------------------

void py_instance_generic_load(py_obj_t self, qstr attr, py_obj_t *dest) {
    const py_obj_type_t *type = py_obj_get_type(self);
    if (attr == PY_QSTR___class__) {
        dest[0] = PY_OBJ_FROM_PTR(type);
        return;
    }
    if (attr == PY_QSTR___dict__) {
        py_obj_dict_t *d = py_instance_get_dict(self, true);
        if (d != NULL) {
            dest[0] = PY_OBJ_FROM_PTR(d); // (the dict escapes: noted)
            return;
        }
    }
    const py_obj_type_t *found_in;
    py_obj_t member = py_type_lookup_ex(type, attr, &found_in);
    if (member != PY_OBJ_NULL && py_obj_is_data_descriptor(member)) {
        py_instance_convert_member(self, type, found_in, member, dest);
        return;
    }
    py_obj_dict_t *d = get_dict(self, false);
    if (d != NULL) {
        py_map_elem_t *elem = py_map_lookup_qstr(&d->map, attr);
        if (elem != NULL) {
            dest[0] = elem->value;
            return;
        }
    }
    if (member != PY_OBJ_NULL) {
        py_instance_convert_member(self, type, found_in, member, dest);
        return;
    }
    const py_obj_type_t *native = py_type_is_heap(type) ? native_of(self) : NULL;
    if (native != NULL && native->attr != NULL) {
        native->attr(py_instance_native(self), attr, dest);
    }
}

void py_instance_generic_store(py_obj_t self, qstr attr, py_obj_t *dest) {
    const py_obj_type_t *type = py_obj_get_type(self);
    py_obj_t value = dest[1];
    py_obj_t member = py_type_lookup(type, attr);
    if (member != PY_OBJ_NULL) {
        if (py_obj_is_type(member, &py_type_property)) {
            py_property_set(member, self, value);
            dest[0] = PY_OBJ_NULL;
            return;
        }
        if (is_heap_instance(member)) {
            py_obj_t args[2] = {self, value};
            py_obj_t r = value != PY_OBJ_NULL
                             ? py_instance_call_dunder(member, PY_QSTR___set__, 2, args)
                             : py_instance_call_dunder(member, PY_QSTR___delete__, 1, args);
            if (r != PY_OBJ_NULL) {
                dest[0] = PY_OBJ_NULL;
                return;
            }
        }
    }
    if (type->flags & PY_TYPE_FLAG_IS_EXCEPTION) {
        // Exceptions keep args, __cause__ and friends in fields.
        py_type_BaseException.attr(self, attr, dest);
        if (dest[0] == PY_OBJ_NULL) {
            return;
        }
    }
    py_obj_dict_t *d = get_dict(self, value != PY_OBJ_NULL);
    if (value != PY_OBJ_NULL && d != NULL) {
        py_obj_dict_store(PY_OBJ_FROM_PTR(d), PY_OBJ_NEW_QSTR(attr), value);
        if (py_type_is_heap(type)) {
            note_dict_size(self, &d->map);
            if (member != PY_OBJ_NULL) {
                ((py_obj_heap_type_t *)type)->dict_shadows = 1;
            }
        }
        dest[0] = PY_OBJ_NULL;
        return;
    }
    if (value == PY_OBJ_NULL && d != NULL && py_map_remove(&d->map, PY_OBJ_NEW_QSTR(attr), NULL)) {
        dest[0] = PY_OBJ_NULL;
        return;
    }
    py_raise_AttributeError_for(self, attr);
}

// ---- Fast paths for the VM ----------------------------------------------------------------------
//
// Most attribute accesses are on instances of plain classes: a method found in the class, or a
// value in the instance's dict. These paths answer those from the type lookup cache and a
// position hint, and leave everything else (descriptors, hooks, missing names) to the general
// path above, which gives the same answers.

// Finds [key] in the small instance dict [map], trying the position [*hint] first and updating it.
static inline py_map_elem_t *dict_find(py_map_t *map, py_obj_t key, uint8_t *hint) {
    py_map_elem_t *t = map->table;
    size_t h = *hint;
    if (h < map->filled && t[h].key == key) {
        return &t[h];
    }
    if (map->index != NULL || !map->all_keys_are_qstrs) {
        return py_map_lookup(map, key, PY_MAP_LOOKUP);
    }
    for (size_t i = 0, n = map->filled; i < n; i++) {
        if (t[i].key == key) {
            *hint = (uint8_t)(i <= 0xff ? i : 0);
            return &t[i];
        }
    }
    return NULL;
}

// Can the fast paths handle instances of [ht] at all for an access that [hook] would take over?
static inline bool fast_ok(const py_obj_heap_type_t *ht, unsigned hook) {
    return !(ht->hooks & hook) && ht->layout != PY_LAYOUT_SELF;
}

bool py_instance_load_fast(py_obj_t self, qstr attr, py_obj_t *dest) {
    const py_obj_heap_type_t *ht = heap_of(self);
    if (!fast_ok(ht, PY_HOOK_GETATTRIBUTE) || attr == PY_QSTR___class__ ||
        attr == PY_QSTR___dict__) {
        return false;
    }
    py_type_cache_entry_t *e = py_type_lookup_cached(&ht->type, attr);
    if (e->flags & PY_TYPE_CACHE_DATA_DESC) {
        return false;
    }
    if ((e->flags & PY_TYPE_CACHE_METHOD) && !ht->dict_shadows &&
        ht->key_gen == py_state.type_key_gen) {
        // No instance dict can hold this name: it was never stored where the class has it, no
        // dict was handed out, and no class got new names since this one was made.
        dest[0] = e->member;
        dest[1] = self;
        return true;
    }
    py_obj_dict_t *d = ((py_obj_instance_t *)PY_OBJ_TO_PTR(self))->dict;
    if (d != NULL) {
        py_map_elem_t *elem = dict_find(&d->map, PY_OBJ_NEW_QSTR(attr), &e->hint);
        if (elem != NULL) {
            dest[0] = elem->value;
            dest[1] = PY_OBJ_NULL;
            return true;
        }
    }
    if (e->flags & PY_TYPE_CACHE_METHOD) {
        dest[0] = e->member;
        dest[1] = self;
        return true;
    }
    return false;
}

bool py_instance_store_fast(py_obj_t self, qstr attr, py_obj_t value) {
    const py_obj_heap_type_t *ht = heap_of(self);
    py_obj_instance_t *inst = PY_OBJ_TO_PTR(self);
    if (!fast_ok(ht, PY_HOOK_SETATTR) || (inst->dict != NULL && inst->dict->map.is_watched)) {
        return false;
    }
    // Nothing below looks types up or runs Python code (a collection runs no finalisers), so
    // the entry stays this lookup's.
    py_type_cache_entry_t *e = py_type_lookup_cached(&ht->type, attr);
    if (e->flags & PY_TYPE_CACHE_DATA_DESC) {
        return false;
    }
    py_obj_t key = PY_OBJ_NEW_QSTR(attr);
    if (e->member != PY_OBJ_NULL) {
        ((py_obj_heap_type_t *)ht)->dict_shadows = 1; // the name shadows the class's
    }
    if (inst->dict == NULL) {
        inst->dict = PY_OBJ_TO_PTR(py_obj_new_dict(ht->dict_size));
    }
    py_map_t *map = &inst->dict->map;
    py_map_elem_t *elem = dict_find(map, key, &e->hint);
    if (elem == NULL) {
        if (map->filled < map->alloc && map->index == NULL && map->all_keys_are_qstrs &&
            !map->is_fixed) {
            // dict_find searched it all: the new name goes at the end of the small table.
            elem = &map->table[map->filled++];
            map->used++;
            elem->key = key;
        } else {
            elem = py_map_lookup(map, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND);
        }
        size_t pos = (size_t)(elem - map->table);
        e->hint = (uint8_t)(pos <= 0xff ? pos : 0);
        note_dict_size(self, map);
    }
    elem->value = value;
    return true;
}

// Calls __getattr__(self, attr).
static py_obj_t call_getattr_hook(py_obj_t self, qstr attr) {
    py_obj_t name = PY_OBJ_NEW_QSTR(attr);
    return py_instance_call_dunder(self, PY_QSTR___getattr__, 1, &name);
}

static void instance_load_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    uint8_t hooks = heap_of(self)->hooks;
    if (hooks & PY_HOOK_GETATTRIBUTE) {
        py_obj_t name = PY_OBJ_NEW_QSTR(attr);
        if (!(hooks & PY_HOOK_GETATTR)) {
            dest[0] = py_instance_call_dunder(self, PY_QSTR___getattribute__, 1, &name);
            return;
        }
        py_nlr_buf_t nlr;
        if (py_nlr_push(&nlr) == 0) {
            dest[0] = py_instance_call_dunder(self, PY_QSTR___getattribute__, 1, &name);
            py_nlr_pop();
            return;
        }
        if (!py_obj_exception_match(PY_OBJ_FROM_PTR(nlr.ret_val),
                                    PY_OBJ_FROM_PTR(&py_type_AttributeError))) {
            py_nlr_jump(nlr.ret_val);
        }
        dest[0] = call_getattr_hook(self, attr);
        return;
    }
    py_instance_generic_load(self, attr, dest);
    if (dest[0] == PY_OBJ_NULL && (hooks & PY_HOOK_GETATTR)) {
        dest[0] = call_getattr_hook(self, attr);
    }
}

static void instance_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (is_metaclass_instance(self)) {
        py_type_type.attr(self, attr, dest);
        return;
    }
    if (dest[0] == PY_OBJ_NULL) {
        instance_load_attr(self, attr, dest);
        return;
    }
    uint8_t hooks = heap_of(self)->hooks;
    if (dest[1] != PY_OBJ_NULL && (hooks & PY_HOOK_SETATTR)) {
        py_obj_t args[2] = {PY_OBJ_NEW_QSTR(attr), dest[1]};
        py_instance_call_dunder(self, PY_QSTR___setattr__, 2, args);
        dest[0] = PY_OBJ_NULL;
        return;
    }
    if (dest[1] == PY_OBJ_NULL && (hooks & PY_HOOK_DELATTR)) {
        py_obj_t name = PY_OBJ_NEW_QSTR(attr);
        py_instance_call_dunder(self, PY_QSTR___delattr__, 1, &name);
        dest[0] = PY_OBJ_NULL;
        return;
    }
    py_instance_generic_store(self, attr, dest);
}

// ---- Slots --------------------------------------------------------------------------------------

static bool has(const py_obj_type_t *t, qstr name) {
    return py_type_lookup_heap(t, name) != PY_OBJ_NULL;
}

void py_heap_type_update_slots(py_obj_heap_type_t *t) {
    py_obj_type_t *type = &t->type;
    const py_obj_type_t *native = t->native_base;
    type->print = instance_print;
    type->make_new = instance_make_new;
    type->unary_op = instance_unary_op;
    type->binary_op = instance_binary_op;
    type->attr = instance_attr;
    type->subscr = instance_subscr;
    type->getiter = instance_getiter;
    bool native_call = native != NULL && native->call != NULL;
    type->call = has(type, PY_QSTR___call__) || native_call ? instance_call : NULL;
    bool native_next = native != NULL && native->iternext != NULL;
    type->iternext = has(type, PY_QSTR___next__) || native_next ? instance_iternext : NULL;
    type->buffer = native != NULL && native->buffer != NULL ? instance_buffer : NULL;
    t->hooks = (has(type, PY_QSTR___getattribute__) ? PY_HOOK_GETATTRIBUTE : 0) |
               (has(type, PY_QSTR___getattr__) ? PY_HOOK_GETATTR : 0) |
               (has(type, PY_QSTR___setattr__) ? PY_HOOK_SETATTR : 0) |
               (has(type, PY_QSTR___delattr__) ? PY_HOOK_DELATTR : 0);
}
