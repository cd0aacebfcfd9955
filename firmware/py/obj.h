// SPDX-License-Identifier: MIT
// obj.h: the value model. Every Python value is one machine word, a py_obj_t.
//
//   ...xxxx1  small int: the word shifted right by one (31 or 63 bits, signed)
//   ...xx010  qstr: an interned str; the qstr number is the word shifted right by 3
//   ...xx110  immediate: None, False, True, Ellipsis, NotImplemented and two internal markers
//   ...xxx00  pointer to an object on the GC heap or a const object in ROM; it starts with
//             py_obj_base_t, whose [type] says what it is. PY_OBJ_NULL (0) is "no value".
//
// Types are py_obj_type_t tables: const for built-in types (they live in flash on the chip),
// heap-allocated for classes made by `class`. Operations go through the type's slots; a slot
// that returns PY_OBJ_NULL means "not supported here", and the runtime decides what to raise.

#ifndef PY_OBJ_H
#define PY_OBJ_H

#include "misc.h"
#include "qstr.h"

typedef void *py_obj_t;
typedef const void *py_const_obj_t;
typedef struct py_obj_type py_obj_type_t;

typedef struct py_obj_base {
    const py_obj_type_t *type;
} py_obj_base_t;

#define PY_OBJ_NULL        ((py_obj_t)0)
#define PY_OBJ_FROM_PTR(p) ((py_obj_t)(p))
#define PY_OBJ_TO_PTR(o)   ((void *)(o))

#define PY_OBJ_IS_SMALL_INT(o)    ((((uintptr_t)(o)) & 1) != 0)
#define PY_OBJ_SMALL_INT_VALUE(o) (((intptr_t)(o)) >> 1)
#define PY_OBJ_NEW_SMALL_INT(v)   ((py_obj_t)((((uintptr_t)(v)) << 1) | 1))
#define PY_SMALL_INT_MIN          ((intptr_t)(-((intptr_t)1 << (sizeof(intptr_t) * 8 - 2))))
#define PY_SMALL_INT_MAX          ((intptr_t)(((intptr_t)1 << (sizeof(intptr_t) * 8 - 2)) - 1))
#define PY_SMALL_INT_FITS(v)      ((v) >= PY_SMALL_INT_MIN && (v) <= PY_SMALL_INT_MAX)

#define PY_OBJ_IS_QSTR(o)    ((((uintptr_t)(o)) & 7) == 2)
#define PY_OBJ_QSTR_VALUE(o) (((uintptr_t)(o)) >> 3)
#define PY_OBJ_NEW_QSTR(q)   ((py_obj_t)((((uintptr_t)(q)) << 3) | 2))

#define PY_OBJ_IS_IMMEDIATE(o)    ((((uintptr_t)(o)) & 7) == 6)
#define PY_OBJ_IMMEDIATE(n)       ((py_obj_t)((((uintptr_t)(n)) << 3) | 6))
#define PY_OBJ_IMMEDIATE_VALUE(o) (((uintptr_t)(o)) >> 3)

#define py_const_none           PY_OBJ_IMMEDIATE(0)
#define py_const_false          PY_OBJ_IMMEDIATE(1)
#define py_const_true           PY_OBJ_IMMEDIATE(3)
#define py_const_ellipsis       PY_OBJ_IMMEDIATE(4)
#define py_const_notimplemented PY_OBJ_IMMEDIATE(5)
// Returned by iternext slots and py_iternext() when an iterator is exhausted.
#define PY_OBJ_STOP_ITERATION PY_OBJ_IMMEDIATE(6)
// A marker distinct from every value: "load" in subscr slots, "store/delete" in attr slots.
#define PY_OBJ_SENTINEL PY_OBJ_IMMEDIATE(7)

#define PY_OBJ_NEW_BOOL(b) ((b) ? py_const_true : py_const_false)

// A pointer to an object (as opposed to a small int, qstr, immediate or NULL).
#define PY_OBJ_IS_OBJ(o) ((((uintptr_t)(o)) & 3) == 0 && (o) != PY_OBJ_NULL)

static inline bool py_obj_is_type(py_const_obj_t o, const py_obj_type_t *t) {
    return PY_OBJ_IS_OBJ((py_obj_t)o) && ((const py_obj_base_t *)o)->type == t;
}

// ---- Slots ----------------------------------------------------------------------------------

typedef enum {
    PY_PRINT_STR,  // str() / print()
    PY_PRINT_REPR, // repr()
} py_print_kind_t;

typedef enum {
    PY_UNARY_OP_BOOL, // __bool__: return py_const_true/false
    PY_UNARY_OP_LEN,  // __len__: return a small int
    PY_UNARY_OP_HASH, // __hash__: return a small int
    PY_UNARY_OP_ABS,
    PY_UNARY_OP_POSITIVE,
    PY_UNARY_OP_NEGATIVE,
    PY_UNARY_OP_INVERT,
    PY_UNARY_OP_NOT,   // handled by the runtime through BOOL; types never see it
    PY_UNARY_OP_INT,   // __int__ (int(x) of a user object)
    PY_UNARY_OP_FLOAT, // __float__
    PY_UNARY_OP_INDEX, // __index__
    PY_UNARY_OP_NUM,
} py_unary_op_t;

// ORDER PY_BINARY_OP: the in-place, plain and reversed groups list the same operators in the same
// order, so PY_BINARY_OP_ADD - PY_BINARY_OP_OR == PY_BINARY_OP_INPLACE_ADD -
// PY_BINARY_OP_INPLACE_OR.
typedef enum {
    PY_BINARY_OP_LESS,
    PY_BINARY_OP_MORE,
    PY_BINARY_OP_EQUAL,
    PY_BINARY_OP_LESS_EQUAL,
    PY_BINARY_OP_MORE_EQUAL,
    PY_BINARY_OP_NOT_EQUAL,
    PY_BINARY_OP_IN,
    PY_BINARY_OP_IS,
    PY_BINARY_OP_EXCEPTION_MATCH,

    PY_BINARY_OP_INPLACE_OR,
    PY_BINARY_OP_INPLACE_XOR,
    PY_BINARY_OP_INPLACE_AND,
    PY_BINARY_OP_INPLACE_LSHIFT,
    PY_BINARY_OP_INPLACE_RSHIFT,
    PY_BINARY_OP_INPLACE_ADD,
    PY_BINARY_OP_INPLACE_SUBTRACT,
    PY_BINARY_OP_INPLACE_MULTIPLY,
    PY_BINARY_OP_INPLACE_MAT_MULTIPLY,
    PY_BINARY_OP_INPLACE_FLOOR_DIVIDE,
    PY_BINARY_OP_INPLACE_TRUE_DIVIDE,
    PY_BINARY_OP_INPLACE_MODULO,
    PY_BINARY_OP_INPLACE_POWER,

    PY_BINARY_OP_OR,
    PY_BINARY_OP_XOR,
    PY_BINARY_OP_AND,
    PY_BINARY_OP_LSHIFT,
    PY_BINARY_OP_RSHIFT,
    PY_BINARY_OP_ADD,
    PY_BINARY_OP_SUBTRACT,
    PY_BINARY_OP_MULTIPLY,
    PY_BINARY_OP_MAT_MULTIPLY,
    PY_BINARY_OP_FLOOR_DIVIDE,
    PY_BINARY_OP_TRUE_DIVIDE,
    PY_BINARY_OP_MODULO,
    PY_BINARY_OP_POWER,

    // The reflected operators (__radd__ ...): the runtime calls rhs's type with
    // (PY_BINARY_OP_REVERSE_ADD, rhs, lhs) when lhs's type did not handle PY_BINARY_OP_ADD.
    PY_BINARY_OP_REVERSE_OR,
    PY_BINARY_OP_REVERSE_XOR,
    PY_BINARY_OP_REVERSE_AND,
    PY_BINARY_OP_REVERSE_LSHIFT,
    PY_BINARY_OP_REVERSE_RSHIFT,
    PY_BINARY_OP_REVERSE_ADD,
    PY_BINARY_OP_REVERSE_SUBTRACT,
    PY_BINARY_OP_REVERSE_MULTIPLY,
    PY_BINARY_OP_REVERSE_MAT_MULTIPLY,
    PY_BINARY_OP_REVERSE_FLOOR_DIVIDE,
    PY_BINARY_OP_REVERSE_TRUE_DIVIDE,
    PY_BINARY_OP_REVERSE_MODULO,
    PY_BINARY_OP_REVERSE_POWER,

    PY_BINARY_OP_DIVMOD,   // divmod(lhs, rhs): return a 2-tuple
    PY_BINARY_OP_CONTAINS, // `rhs in lhs`, asked of lhs's type (the container)
    PY_BINARY_OP_NUM,
} py_binary_op_t;

#define PY_BINARY_OP_INPLACE_TO_PLAIN(op) ((op)-PY_BINARY_OP_INPLACE_OR + PY_BINARY_OP_OR)
#define PY_BINARY_OP_PLAIN_TO_REVERSE(op) ((op)-PY_BINARY_OP_OR + PY_BINARY_OP_REVERSE_OR)

// Room on the caller's stack where getiter may build a small iterator instead of allocating one.
typedef struct py_obj_iter_buf {
    py_obj_base_t base;
    py_obj_t buf[3];
} py_obj_iter_buf_t;

// A contiguous memory view of an object (bytes, bytearray, memoryview, str).
typedef struct py_buffer_info {
    void *buf;
    size_t len;    // bytes
    char typecode; // 'B' for bytes-like
} py_buffer_info_t;

enum {
    PY_BUFFER_READ = 1,
    PY_BUFFER_WRITE = 2,
    PY_BUFFER_RAISE_IF_UNSUPPORTED = 4,
};

typedef void (*py_print_fun_t)(const py_print_t *print, py_obj_t self, py_print_kind_t kind);
// [args] holds [n_args] positional values then [n_kw] (name, value) pairs; names are qstr objects.
typedef py_obj_t (*py_make_new_fun_t)(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                      const py_obj_t *args);
typedef py_obj_t (*py_call_fun_t)(py_obj_t fun, size_t n_args, size_t n_kw, const py_obj_t *args);
typedef py_obj_t (*py_unary_op_fun_t)(py_unary_op_t op, py_obj_t self);
typedef py_obj_t (*py_binary_op_fun_t)(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs);
// Attribute access, one slot for all three:
//   load:   dest[0] == PY_OBJ_NULL on entry. Set dest[0] to the value; or, for a method, set
//           dest[0] to the function and dest[1] to self (the caller binds them).
//   store:  dest[0] == PY_OBJ_SENTINEL, dest[1] == value. Set dest[0] = PY_OBJ_NULL when done.
//   delete: dest[0] == PY_OBJ_SENTINEL, dest[1] == PY_OBJ_NULL. Set dest[0] = PY_OBJ_NULL when
//   done.
// Leaving dest untouched means "no such attribute here": the runtime then looks in the type's
// locals_dict (for loads) or raises AttributeError.
typedef void (*py_attr_fun_t)(py_obj_t self, qstr attr, py_obj_t *dest);
// Subscription: [value] is PY_OBJ_SENTINEL to load, PY_OBJ_NULL to delete, else the value to
// store. Returns the loaded value, py_const_none after a store/delete, or PY_OBJ_NULL if the type
// does not support the operation.
typedef py_obj_t (*py_subscr_fun_t)(py_obj_t self, py_obj_t index, py_obj_t value);
typedef py_obj_t (*py_getiter_fun_t)(py_obj_t self, py_obj_iter_buf_t *iter_buf);
// Returns the next value or PY_OBJ_STOP_ITERATION (it may also raise StopIteration).
typedef py_obj_t (*py_iternext_fun_t)(py_obj_t self);
// Fills [info]; returns 0, or nonzero if [flags] asks for what the object cannot give.
typedef int (*py_buffer_fun_t)(py_obj_t self, py_buffer_info_t *info, unsigned flags);

typedef py_obj_t (*py_fun_0_t)(void);
typedef py_obj_t (*py_fun_1_t)(py_obj_t);
typedef py_obj_t (*py_fun_2_t)(py_obj_t, py_obj_t);
typedef py_obj_t (*py_fun_3_t)(py_obj_t, py_obj_t, py_obj_t);
typedef py_obj_t (*py_fun_var_t)(size_t n_args, const py_obj_t *args);
struct py_map;
typedef py_obj_t (*py_fun_kw_t)(size_t n_args, const py_obj_t *args, struct py_map *kw_args);

enum {
    PY_TYPE_FLAG_NONE = 0,
    PY_TYPE_FLAG_IS_HEAP = 0x0001,        // made at run time by `class` or type(name, bases, dict)
    PY_TYPE_FLAG_EQ_BY_IDENTITY = 0x0002, // == is `is`; the runtime need not call binary_op
    PY_TYPE_FLAG_BASETYPE = 0x0004,       // may be subclassed
    PY_TYPE_FLAG_HAS_FINALISER = 0x0008,  // instances define __del__
    PY_TYPE_FLAG_ITER_IS_SELF = 0x0010,   // getiter returns the object itself
    PY_TYPE_FLAG_IS_EXCEPTION = 0x0020,   // BaseException or a subclass
};

struct py_obj_dict;

struct py_obj_type {
    py_obj_base_t base; // &py_type_type
    uint16_t flags;
    uint16_t name; // qstr
    py_print_fun_t print;
    py_make_new_fun_t make_new;
    py_call_fun_t call;
    py_unary_op_fun_t unary_op;
    py_binary_op_fun_t binary_op;
    py_attr_fun_t attr;
    py_subscr_fun_t subscr;
    py_getiter_fun_t getiter;
    py_iternext_fun_t iternext;
    py_buffer_fun_t buffer;
    const void *protocol; // e.g. the stream protocol of file-like objects
    // The base class: NULL for object's direct children, a py_obj_type_t *, or for several bases
    // a tuple object of types.
    const void *parent;
    // Methods and class attributes.
    struct py_obj_dict *locals_dict;
    // Heap types: the method resolution order as a tuple (C3 linearisation), else NULL.
    py_obj_t mro;
};

// ---- Common object layouts --------------------------------------------------------------------

struct py_map;

// str and bytes. [data] points at [len] bytes (plus a NUL) usually right after the struct.
typedef struct py_obj_str {
    py_obj_base_t base;
    size_t hash;    // 0 until computed
    size_t len;     // bytes
    size_t charlen; // code points (str); == len for bytes and ASCII text
    const byte *data;
} py_obj_str_t;

typedef struct py_obj_tuple {
    py_obj_base_t base;
    size_t len;
    py_obj_t items[];
} py_obj_tuple_t;

typedef struct py_obj_list {
    py_obj_base_t base;
    size_t alloc;
    size_t len;
    py_obj_t *items;
} py_obj_list_t;

#if PY_FEATURE_FLOAT
typedef struct py_obj_float {
    py_obj_base_t base;
    py_float_t value;
} py_obj_float_t;
#endif

// A built-in function: C code with a fixed or variable number of arguments.
typedef enum {
    PY_FUN_BUILTIN_0,
    PY_FUN_BUILTIN_1,
    PY_FUN_BUILTIN_2,
    PY_FUN_BUILTIN_3,
    PY_FUN_BUILTIN_VAR, // [n_args_min, n_args_max] positional arguments, no keywords
    PY_FUN_BUILTIN_KW,  // at least n_args_min positional, keywords passed as a map
} py_fun_builtin_kind_t;

typedef struct py_obj_fun_builtin {
    py_obj_base_t base;
    uint16_t kind;
    uint16_t n_args_min;
    uint16_t n_args_max;
    union {
        py_fun_0_t _0;
        py_fun_1_t _1;
        py_fun_2_t _2;
        py_fun_3_t _3;
        py_fun_var_t var;
        py_fun_kw_t kw;
    } fun;
} py_obj_fun_builtin_t;

#define PY_FUN_ARGS_MAX (0xffff)

#define PY_DEFINE_CONST_FUN_OBJ_0(obj, f)                                                          \
    const py_obj_fun_builtin_t obj = {{&py_type_fun_builtin}, PY_FUN_BUILTIN_0, 0, 0, {._0 = f}}
#define PY_DEFINE_CONST_FUN_OBJ_1(obj, f)                                                          \
    const py_obj_fun_builtin_t obj = {{&py_type_fun_builtin}, PY_FUN_BUILTIN_1, 1, 1, {._1 = f}}
#define PY_DEFINE_CONST_FUN_OBJ_2(obj, f)                                                          \
    const py_obj_fun_builtin_t obj = {{&py_type_fun_builtin}, PY_FUN_BUILTIN_2, 2, 2, {._2 = f}}
#define PY_DEFINE_CONST_FUN_OBJ_3(obj, f)                                                          \
    const py_obj_fun_builtin_t obj = {{&py_type_fun_builtin}, PY_FUN_BUILTIN_3, 3, 3, {._3 = f}}
#define PY_DEFINE_CONST_FUN_OBJ_VAR(obj, n_min, f)                                                 \
    const py_obj_fun_builtin_t obj = {                                                             \
        {&py_type_fun_builtin}, PY_FUN_BUILTIN_VAR, n_min, PY_FUN_ARGS_MAX, {.var = f}}
#define PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(obj, n_min, n_max, f)                                  \
    const py_obj_fun_builtin_t obj = {                                                             \
        {&py_type_fun_builtin}, PY_FUN_BUILTIN_VAR, n_min, n_max, {.var = f}}
#define PY_DEFINE_CONST_FUN_OBJ_KW(obj, n_min, f)                                                  \
    const py_obj_fun_builtin_t obj = {                                                             \
        {&py_type_fun_builtin}, PY_FUN_BUILTIN_KW, n_min, PY_FUN_ARGS_MAX, {.kw = f}}

// staticmethod and classmethod wrappers (also usable in const locals_dict tables).
typedef struct py_obj_static_class_method {
    py_obj_base_t base;
    py_obj_t fun;
} py_obj_static_class_method_t;

#define PY_DEFINE_CONST_STATICMETHOD_OBJ(obj, fun_obj)                                             \
    const py_obj_static_class_method_t obj = {{&py_type_staticmethod}, fun_obj}
#define PY_DEFINE_CONST_CLASSMETHOD_OBJ(obj, fun_obj)                                              \
    const py_obj_static_class_method_t obj = {{&py_type_classmethod}, fun_obj}

// Entries of const tables (locals_dict, module globals).
#define PY_ROM_QSTR(q) PY_OBJ_NEW_QSTR(q)
#define PY_ROM_INT(i)  PY_OBJ_NEW_SMALL_INT(i)
#define PY_ROM_PTR(p)  ((py_obj_t)(p))

// ---- Built-in types (each defined in its own obj*.c) ------------------------------------------

extern const py_obj_type_t py_type_type;
extern const py_obj_type_t py_type_object;
extern const py_obj_type_t py_type_NoneType;
extern const py_obj_type_t py_type_bool;
extern const py_obj_type_t py_type_int;
extern const py_obj_type_t py_type_float;
extern const py_obj_type_t py_type_str;
extern const py_obj_type_t py_type_bytes;
extern const py_obj_type_t py_type_bytearray;
extern const py_obj_type_t py_type_memoryview;
extern const py_obj_type_t py_type_tuple;
extern const py_obj_type_t py_type_list;
extern const py_obj_type_t py_type_dict;
extern const py_obj_type_t py_type_set;
extern const py_obj_type_t py_type_frozenset;
extern const py_obj_type_t py_type_range;
extern const py_obj_type_t py_type_slice;
extern const py_obj_type_t py_type_ellipsis;
extern const py_obj_type_t py_type_NotImplementedType;
extern const py_obj_type_t py_type_module;
extern const py_obj_type_t py_type_fun_builtin;
extern const py_obj_type_t py_type_staticmethod;
extern const py_obj_type_t py_type_classmethod;
extern const py_obj_type_t py_type_property;
extern const py_obj_type_t py_type_bound_meth;
extern const py_obj_type_t py_type_super;

// ---- Generic object operations (obj.c) --------------------------------------------------------

// Allocates [size] zeroed bytes for an object and sets its type; raises MemoryError.
void *py_obj_alloc(size_t size, const py_obj_type_t *type);

// The type of any value. Inline: nearly every operation starts here.
static inline const py_obj_type_t *py_obj_get_type(py_const_obj_t o) {
    uintptr_t w = (uintptr_t)o;
    if (PY_LIKELY((w & 3) == 0)) {
        return ((const py_obj_base_t *)o)->type;
    }
    if (w & 1) {
        return &py_type_int;
    }
    if ((w & 7) == 2) {
        return &py_type_str;
    }
    // Immediates: 1 and 3 are False and True, 4 Ellipsis, 5 NotImplemented; None and the
    // internal markers report NoneType.
    switch (PY_OBJ_IMMEDIATE_VALUE(o)) {
        case 1:
        case 3:
            return &py_type_bool;
        case 4:
            return &py_type_ellipsis;
        case 5:
            return &py_type_NotImplementedType;
        default:
            return &py_type_NoneType;
    }
}
const char *py_obj_get_type_str(py_const_obj_t o);
qstr py_obj_get_type_qstr(py_const_obj_t o);
bool py_obj_is_subclass(const py_obj_type_t *t,
                        const py_obj_type_t *base); // t is or derives from base
bool py_obj_is_instance(py_obj_t o, const py_obj_type_t *t);

void py_obj_print_helper(const py_print_t *print, py_obj_t o, py_print_kind_t kind);
void py_obj_print(py_obj_t o, py_print_kind_t kind); // to py_plat_print
py_obj_t py_obj_repr(py_obj_t o);                    // repr() as a str object
py_obj_t py_obj_str(py_obj_t o);                     // str()

bool py_obj_is_true(py_obj_t o);
bool py_obj_is_callable(py_obj_t o);
bool py_obj_equal(py_obj_t a, py_obj_t b);
// hash(); raises TypeError for unhashable objects.
py_obj_t py_obj_hash(py_obj_t o);
size_t py_obj_hash_value(py_obj_t o);
// len(); raises TypeError if it has none. py_obj_len_maybe returns PY_OBJ_NULL instead.
py_obj_t py_obj_len(py_obj_t o);
py_obj_t py_obj_len_maybe(py_obj_t o);
// o[index], o[index] = value, del o[index] (value PY_OBJ_SENTINEL / a value / PY_OBJ_NULL).
py_obj_t py_obj_subscr(py_obj_t o, py_obj_t index, py_obj_t value);

// Integers of any size to and from C. These raise TypeError for non-ints and OverflowError when
// the value does not fit.
intptr_t py_obj_get_int(py_const_obj_t o); // accepts int and bool
bool py_obj_get_int_maybe(py_const_obj_t o, intptr_t *value);
intptr_t py_obj_get_int_truncated(py_const_obj_t o); // low bits of a big int
#if PY_FEATURE_FLOAT
py_float_t py_obj_get_float(py_obj_t o); // accepts int, bool, float
bool py_obj_get_float_maybe(py_obj_t o, py_float_t *value);
#endif
// Index into a sequence of [len] items: handles negative indices, raises IndexError (naming
// [type]) if out of range, or returns the clamped index when [is_slice].
size_t py_get_index(const py_obj_type_t *type, size_t len, py_obj_t index, bool is_slice);

// Items of a tuple or list without copying.
void py_obj_get_array(py_obj_t o, size_t *len, py_obj_t **items);
// Like py_obj_get_array but raises ValueError unless there are exactly [len] items.
void py_obj_get_array_fixed_n(py_obj_t o, size_t len, py_obj_t **items);

#endif
