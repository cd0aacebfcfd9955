// SPDX-License-Identifier: MIT
// objint.h: internals shared by the number types (int, bool, float) and the math module.
// Nothing outside objint.c, objint_big.c, objbool.c, objfloat.c and modmath.c should need this.

#ifndef PY_OBJINT_H
#define PY_OBJINT_H

#include "map.h"
#include "mpz.h"
#include "obj.h"

// A big int: a value outside [PY_SMALL_INT_MIN, PY_SMALL_INT_MAX]. Every int result is
// normalised, so a value that fits a small int is never boxed (dicts and `is` rely on it).
typedef struct py_obj_int {
    py_obj_base_t base;
    py_mpz_t mpz;
} py_obj_int_t;

static inline bool py_int_is_big(py_const_obj_t o) {
    return py_obj_is_type(o, &py_type_int);
}

// Digits for any intptr_t magnitude.
#define PY_INT_SMALL_DIGS ((sizeof(uintptr_t) * 8 + PY_MPZ_DIG_BITS - 1) / PY_MPZ_DIG_BITS)

// Stack storage for viewing a small int (or bool) as a read-only py_mpz_t without allocating.
typedef struct py_int_view {
    py_mpz_t z;
    py_mpz_dig_t dig[PY_INT_SMALL_DIGS];
} py_int_view_t;

// Sets [view] to the value [v] and returns its mpz; use it only as an operand, never as a
// destination (its digits are not on the heap).
const py_mpz_t *py_int_view_of_value(py_int_view_t *view, intptr_t v);
// The mpz of int or bool [o]: its own for a big int, else [view] filled with its value.
const py_mpz_t *py_int_view(py_obj_t o, py_int_view_t *view);
// Turns [z] into an int object, taking over its digits (small if it fits; [z] is left zero).
py_obj_t py_int_from_mpz(py_mpz_t *z);

// The int slots (objint.c); bool's slots delegate to them. [lhs] may be a bool.
py_obj_t py_int_unary_op(py_unary_op_t op, py_obj_t self);
py_obj_t py_int_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs);
// int's attribute slot (real, imag, numerator, denominator) and methods, shared with bool.
void py_int_attr(py_obj_t self, qstr attr, py_obj_t *dest);
extern const py_obj_dict_t py_int_locals_dict;
// The int an object of a Python class stands for: __index__(), or the value of an instance of a
// subclass of int; PY_OBJ_NULL for anything else (including non-heap types).
py_obj_t py_int_from_index(py_obj_t o);
// Binary operation on two ints (small, big or bool) of which at least one is big, or whose
// small-int result overflowed (objint_big.c). [op] is a plain operator (or DIVMOD).
py_obj_t py_int_big_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs);
// pow([base], [exp], [mod]) for ints, including a negative [exp] (modular inverse).
py_obj_t py_int_pow3(py_obj_t base, py_obj_t exp, py_obj_t mod);
// round([self], [ndigits]) for int [self] (half to even for negative [ndigits]).
py_obj_t py_int_round(py_obj_t self, intptr_t ndigits);
// The value of a comparison operator [op] given [c] < 0, == 0, > 0, or 2 for unordered (nan).
py_obj_t py_cmp_result(py_binary_op_t op, int c);
// Truncates [x] (an int/bool, already checked) to the low bits of an intptr_t.
intptr_t py_int_truncate(py_obj_t x);

// gcd of two ints, always >= 0 (modmath.c uses it for gcd and lcm).
py_obj_t py_int_gcd(py_obj_t a, py_obj_t b);

#if PY_FEATURE_FLOAT
// int or bool [o] as the nearest float; raises OverflowError if it is too large.
py_float_t py_int_as_float(py_obj_t o);
// Compares int or bool [i] with [f] exactly: -1, 0, 1, or 2 if [f] is nan.
int py_int_float_cmp(py_obj_t i, py_float_t f);
// [a] [op] [b] for two floats (objfloat.c): arithmetic, comparisons and DIVMOD. [op] is plain.
py_obj_t py_float_binary_op_values(py_binary_op_t op, py_float_t a, py_float_t b);
// Hash of float [f], equal to the hash of an int of the same value.
intptr_t py_float_hash(py_float_t f);
// round([f], [ndigits]) as CPython computes it (correctly rounded, half to even).
py_float_t py_float_round(py_float_t f, intptr_t ndigits);
// [a] // [b] and [a] % [b] with Python's sign rules; raises ZeroDivisionError if [b] == 0.
void py_float_divmod(py_float_t a, py_float_t b, py_float_t *quo, py_float_t *rem);
// [a] / [b] for two ints (true division), correctly rounded.
py_obj_t py_int_true_divide(py_obj_t a, py_obj_t b);
#endif

// The ZeroDivisionError ints and floats raise.
PY_NORETURN void py_raise_zero_division(void);

// Is [c] a whitespace char as str.strip() and int()/float() understand it (ASCII)?
static inline bool py_num_is_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

#endif
