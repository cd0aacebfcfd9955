// SPDX-License-Identifier: MIT
// objint_big.c: int arithmetic beyond small ints (through mpz.h), and the int builtins abs,
// divmod, pow, round, bin, oct and hex.

#include <float.h>
#include <math.h>

#include "builtin.h"
#include "gc.h"
#include "objects.h"
#include "objint.h"
#include "runtime.h"

static PY_NORETURN void raise_negative_shift(void) {
    py_raise_ValueError("negative shift count");
}

// a << n or a >> n where the count [rhs] may itself be big.
static void big_shift(py_mpz_t *r, py_binary_op_t op, const py_mpz_t *a, py_obj_t rhs) {
    intptr_t n;
    if (py_int_is_big(rhs)) {
        const py_mpz_t *c = &((py_obj_int_t *)PY_OBJ_TO_PTR(rhs))->mpz;
        if (c->neg) {
            raise_negative_shift();
        }
        if (op == PY_BINARY_OP_RSHIFT || a->len == 0) {
            py_mpz_init_from_int(r, a->neg ? -1 : 0);
            return;
        }
        py_raise_msg(&py_type_OverflowError, "too many digits in integer");
    }
    n = py_int_truncate(rhs);
    if (n < 0) {
        raise_negative_shift();
    }
    if (op == PY_BINARY_OP_LSHIFT) {
        py_mpz_shl(r, a, (size_t)n);
    } else {
        py_mpz_shr(r, a, (size_t)n);
    }
}

// a ** b for ints, b may be negative (a float result) or big.
static py_obj_t big_pow(py_obj_t lhs, py_obj_t rhs, const py_mpz_t *a, const py_mpz_t *b) {
    if (b->neg) {
#if PY_FEATURE_FLOAT
        if (a->len == 0) {
            py_raise_zero_division();
        }
        return py_obj_new_float(pow(py_int_as_float(lhs), py_int_as_float(rhs)));
#else
        (void)lhs;
        (void)rhs;
        py_raise_ValueError("negative power with no float support");
#endif
    }
    if (py_int_is_big(rhs)) {
        // Only 0, 1 and -1 have a representable power for such an exponent.
        if (a->len == 0 || py_mpz_cmp_int(a, 1) == 0) {
            return PY_OBJ_NEW_SMALL_INT(a->len != 0);
        }
        if (py_mpz_cmp_int(a, -1) == 0) {
            return PY_OBJ_NEW_SMALL_INT(py_mpz_is_odd(b) ? -1 : 1);
        }
        py_raise_MemoryError();
    }
    py_mpz_t r;
    py_mpz_init_zero(&r);
    py_mpz_pow(&r, a, b);
    return py_int_from_mpz(&r);
}

static py_obj_t big_divmod(py_binary_op_t op, const py_mpz_t *a, const py_mpz_t *b) {
    if (b->len == 0) {
        py_raise_zero_division();
    }
    py_mpz_t q, m;
    py_mpz_init_zero(&q);
    py_mpz_init_zero(&m);
    py_mpz_divmod(op == PY_BINARY_OP_MODULO ? NULL : &q,
                  op == PY_BINARY_OP_FLOOR_DIVIDE ? NULL : &m, a, b);
    if (op == PY_BINARY_OP_FLOOR_DIVIDE) {
        return py_int_from_mpz(&q);
    }
    if (op == PY_BINARY_OP_MODULO) {
        return py_int_from_mpz(&m);
    }
    py_obj_t items[2];
    items[0] = py_int_from_mpz(&q);
    items[1] = py_int_from_mpz(&m);
    return py_obj_new_tuple(2, items);
}

py_obj_t py_int_big_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    py_int_view_t va, vb;
    const py_mpz_t *a = py_int_view(lhs, &va);
    const py_mpz_t *b = py_int_view(rhs, &vb);
    py_mpz_t r;
    py_mpz_init_zero(&r);
    switch (op) {
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL: {
            int c = py_mpz_cmp(a, b);
            return py_cmp_result(op, c < 0 ? -1 : c > 0);
        }
        case PY_BINARY_OP_OR:
            py_mpz_or(&r, a, b);
            break;
        case PY_BINARY_OP_XOR:
            py_mpz_xor(&r, a, b);
            break;
        case PY_BINARY_OP_AND:
            py_mpz_and(&r, a, b);
            break;
        case PY_BINARY_OP_LSHIFT:
        case PY_BINARY_OP_RSHIFT:
            big_shift(&r, op, a, rhs);
            break;
        case PY_BINARY_OP_ADD:
            py_mpz_add(&r, a, b);
            break;
        case PY_BINARY_OP_SUBTRACT:
            py_mpz_sub(&r, a, b);
            break;
        case PY_BINARY_OP_MULTIPLY:
            py_mpz_mul(&r, a, b);
            break;
        case PY_BINARY_OP_FLOOR_DIVIDE:
        case PY_BINARY_OP_MODULO:
        case PY_BINARY_OP_DIVMOD:
            return big_divmod(op, a, b);
#if PY_FEATURE_FLOAT
        case PY_BINARY_OP_TRUE_DIVIDE:
            return py_int_true_divide(lhs, rhs);
#endif
        case PY_BINARY_OP_POWER:
            return big_pow(lhs, rhs, a, b);
        default:
            return PY_OBJ_NULL;
    }
    return py_int_from_mpz(&r);
}

// ---- True division ---------------------------------------------------------------------------

#if PY_FEATURE_FLOAT
// Bits kept in the scaled quotient: 53 for the double, one rounding bit, one sticky bit.
#define TRUEDIV_BITS 55

py_obj_t py_int_true_divide(py_obj_t lhs, py_obj_t rhs) {
    py_int_view_t va, vb;
    const py_mpz_t *a = py_int_view(lhs, &va);
    const py_mpz_t *b = py_int_view(rhs, &vb);
    if (b->len == 0) {
        py_raise_zero_division();
    }
    bool neg = a->neg != b->neg;
    size_t abits = py_mpz_bit_length(a), bbits = py_mpz_bit_length(b);
    if (abits <= 53 && bbits <= 53) {
        return py_obj_new_float(py_mpz_as_double(a) / py_mpz_as_double(b));
    }
    if (abits > bbits && abits - bbits > DBL_MAX_EXP + 1) {
        py_raise_msg(&py_type_OverflowError, "integer division result too large for a float");
    }
    if (abits == 0 || (bbits > abits && bbits - abits > -DBL_MIN_EXP + DBL_MANT_DIG + 2)) {
        return py_obj_new_float(neg ? -0.0 : 0.0);
    }
    // Scale so that the integer quotient has TRUEDIV_BITS or one more bits, then fold the
    // remainder into the lowest bit: converting that to double rounds exactly once.
    intptr_t k = (intptr_t)abits - (intptr_t)bbits - TRUEDIV_BITS;
    py_mpz_t ma = *a, mb = *b; // read-only magnitudes sharing the digits
    ma.neg = 0;
    mb.neg = 0;
    py_mpz_t t, q, m;
    py_mpz_init_zero(&t);
    py_mpz_init_zero(&q);
    py_mpz_init_zero(&m);
    if (k >= 0) {
        py_mpz_shl(&t, &mb, (size_t)k);
        py_mpz_divmod(&q, &m, &ma, &t);
    } else {
        py_mpz_shl(&t, &ma, (size_t)-k);
        py_mpz_divmod(&q, &m, &t, &mb);
    }
    if (m.len != 0 && !py_mpz_is_odd(&q)) {
        py_int_view_t one;
        py_mpz_add(&q, &q, py_int_view_of_value(&one, 1));
    }
    py_float_t d = ldexp(py_mpz_as_double(&q), (int)k);
    py_mpz_deinit(&t);
    py_mpz_deinit(&q);
    py_mpz_deinit(&m);
    if (isinf(d)) {
        py_raise_msg(&py_type_OverflowError, "integer division result too large for a float");
    }
    return py_obj_new_float(neg ? -d : d);
}
#endif

// ---- pow with a modulus, round, gcd ------------------------------------------------------------

// The inverse of [a] modulo [m] (m > 0), in [0, m); raises ValueError if there is none.
static void mod_inverse(py_mpz_t *inv, const py_mpz_t *a, const py_mpz_t *m) {
    py_mpz_t r0, r1, s0, s1, q, t;
    py_mpz_init_zero(&r0);
    py_mpz_init_zero(&q);
    py_mpz_init_zero(&t);
    py_mpz_divmod(NULL, &r0, a, m);
    py_mpz_init_zero(&r1);
    py_mpz_set(&r1, m);
    py_mpz_init_from_int(&s0, 1);
    py_mpz_init_zero(&s1);
    // Invariant: r0 == s0 * a (mod m) and r1 == s1 * a (mod m).
    while (r1.len != 0) {
        py_mpz_divmod(&q, &t, &r0, &r1);
        py_mpz_set(&r0, &r1);
        py_mpz_set(&r1, &t);
        py_mpz_mul(&t, &q, &s1);
        py_mpz_sub(&t, &s0, &t);
        py_mpz_set(&s0, &s1);
        py_mpz_set(&s1, &t);
    }
    if (py_mpz_cmp_int(&r0, 1) != 0 && py_mpz_cmp_int(m, 1) != 0) {
        py_raise_ValueError("base is not invertible for the given modulus");
    }
    py_mpz_divmod(NULL, inv, &s0, m);
    py_mpz_deinit(&r0);
    py_mpz_deinit(&r1);
    py_mpz_deinit(&s1);
    py_mpz_deinit(&q);
    py_mpz_deinit(&t);
}

// (b ** e) % m for small values when every product fits 64 bits.
static py_obj_t small_pow_mod(intptr_t b, intptr_t e, intptr_t m) {
    uint64_t um = (uint64_t)(m < 0 ? -m : m);
    int64_t bm = (int64_t)b % (int64_t)um;
    uint64_t x = (uint64_t)(bm < 0 ? bm + (int64_t)um : bm), r = 1 % um;
    while (e > 0) {
        if (e & 1) {
            r = r * x % um;
        }
        x = x * x % um;
        e >>= 1;
    }
    intptr_t res = (intptr_t)r;
    if (m < 0 && res != 0) {
        res -= (intptr_t)um;
    }
    return PY_OBJ_NEW_SMALL_INT(res);
}

py_obj_t py_int_pow3(py_obj_t base, py_obj_t exp, py_obj_t mod) {
    if (!py_obj_is_int(base) || !py_obj_is_int(exp) || !py_obj_is_int(mod)) {
        py_raise_TypeError("pow() 3rd argument not allowed unless all arguments are integers");
    }
    py_int_view_t vb, ve, vm;
    const py_mpz_t *b = py_int_view(base, &vb);
    const py_mpz_t *e = py_int_view(exp, &ve);
    const py_mpz_t *m = py_int_view(mod, &vm);
    if (m->len == 0) {
        py_raise_ValueError("pow() 3rd argument cannot be 0");
    }
    py_mpz_t inv, r;
    py_mpz_init_zero(&inv);
    py_mpz_init_zero(&r);
    if (e->neg) {
        py_mpz_t am = *m;
        am.neg = 0;
        mod_inverse(&inv, b, &am);
        b = &inv;
        py_mpz_neg(&r, e);
        e = &r;
    }
    if (!py_int_is_big(base) && b != &inv && !py_int_is_big(exp) && !py_int_is_big(mod)) {
        intptr_t mv = py_int_truncate(mod);
        if (mv < 0x7fffffff && mv > -0x7fffffff) {
            return small_pow_mod(py_int_truncate(base), py_int_truncate(exp), mv);
        }
    }
    py_mpz_t res;
    py_mpz_init_zero(&res);
    py_mpz_pow_mod(&res, b, e, m);
    py_mpz_deinit(&inv);
    py_mpz_deinit(&r);
    return py_int_from_mpz(&res);
}

py_obj_t py_int_round(py_obj_t self, intptr_t ndigits) {
    if (ndigits >= 0) {
        return py_int_unary_op(PY_UNARY_OP_POSITIVE, self);
    }
    py_int_view_t vx, vten, vn;
    const py_mpz_t *x = py_int_view(self, &vx);
    // 10**k exceeds |x| by far once k passes its decimal length: the result is 0.
    size_t k = (size_t)0 - (size_t)ndigits;
    if (k > py_mpz_bit_length(x) / 3 + 2) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    py_mpz_t p, q, m;
    py_mpz_init_zero(&p);
    py_mpz_init_zero(&q);
    py_mpz_init_zero(&m);
    py_mpz_pow(&p, py_int_view_of_value(&vten, 10), py_int_view_of_value(&vn, (intptr_t)k));
    py_mpz_divmod(&q, &m, x, &p);
    // Round half to even: compare twice the remainder with the divisor.
    py_mpz_shl(&m, &m, 1);
    int c = py_mpz_cmp(&m, &p);
    if (c > 0 || (c == 0 && py_mpz_is_odd(&q))) {
        py_int_view_t one;
        py_mpz_add(&q, &q, py_int_view_of_value(&one, 1));
    }
    py_mpz_mul(&q, &q, &p);
    py_mpz_deinit(&p);
    py_mpz_deinit(&m);
    return py_int_from_mpz(&q);
}

py_obj_t py_int_gcd(py_obj_t a, py_obj_t b) {
    if (!py_int_is_big(a) && !py_int_is_big(b)) {
        intptr_t x = py_int_truncate(a), y = py_int_truncate(b);
        uintptr_t ux = x < 0 ? (uintptr_t)0 - (uintptr_t)x : (uintptr_t)x;
        uintptr_t uy = y < 0 ? (uintptr_t)0 - (uintptr_t)y : (uintptr_t)y;
        while (uy != 0) {
            uintptr_t t = ux % uy;
            ux = uy;
            uy = t;
        }
        return py_obj_new_int_from_uint(ux);
    }
    py_int_view_t va, vb;
    py_mpz_t x, y, t;
    py_mpz_init_zero(&x);
    py_mpz_init_zero(&y);
    py_mpz_init_zero(&t);
    py_mpz_abs(&x, py_int_view(a, &va));
    py_mpz_abs(&y, py_int_view(b, &vb));
    while (y.len != 0) {
        py_mpz_divmod(NULL, &t, &x, &y);
        py_mpz_set(&x, &y);
        py_mpz_set(&y, &t);
    }
    py_mpz_deinit(&y);
    py_mpz_deinit(&t);
    return py_int_from_mpz(&x);
}

// ---- Builtins ----------------------------------------------------------------------------------

static py_obj_t builtin_abs(py_obj_t x) {
    return py_unary_op(PY_UNARY_OP_ABS, x);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_abs_obj, builtin_abs);

static py_obj_t builtin_divmod(py_obj_t a, py_obj_t b) {
    return py_binary_op(PY_BINARY_OP_DIVMOD, a, b);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_builtin_divmod_obj, builtin_divmod);

static py_obj_t builtin_pow(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_base, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_exp, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_mod, PY_ARG_OBJ, {.u_obj = py_const_none}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    if (vals[2].u_obj == py_const_none) {
        return py_binary_op(PY_BINARY_OP_POWER, vals[0].u_obj, vals[1].u_obj);
    }
    return py_int_pow3(vals[0].u_obj, vals[1].u_obj, vals[2].u_obj);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_pow_obj, 0, builtin_pow);

static py_obj_t builtin_round(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_number, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_ndigits, PY_ARG_OBJ, {.u_obj = py_const_none}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_obj_t x = vals[0].u_obj, nd = vals[1].u_obj;
    intptr_t ndigits = 0;
    if (nd != py_const_none) {
        if (!py_obj_is_int(nd)) {
            py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                              py_obj_get_type_str(nd));
        }
        // Saturate: beyond a few hundred digits every float and int rounds the same.
        py_int_view_t v;
        const py_mpz_t *z = py_int_view(nd, &v);
        ndigits = py_mpz_cmp_int(z, 100000) > 0    ? 100000
                  : py_mpz_cmp_int(z, -100000) < 0 ? -100000
                                                   : py_int_truncate(nd);
    }
    if (py_obj_is_int(x)) {
        return py_int_round(x, ndigits);
    }
#if PY_FEATURE_FLOAT
    if (py_obj_is_type(x, &py_type_float)) {
        py_float_t f = ((py_obj_float_t *)PY_OBJ_TO_PTR(x))->value;
        if (nd == py_const_none) {
            return py_obj_new_int_from_float(nearbyint(f));
        }
        return py_obj_new_float(py_float_round(f, ndigits));
    }
#endif
    py_obj_t dest[3];
    py_load_method_maybe(x, PY_QSTR___round__, dest);
    if (dest[0] == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError, "type %s doesn't define __round__ method",
                          py_obj_get_type_str(x));
    }
    if (nd == py_const_none) {
        return py_call_method_n_kw(0, 0, dest);
    }
    dest[2] = nd;
    return py_call_method_n_kw(1, 0, dest);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_round_obj, 0, builtin_round);

// bin(), oct(), hex(): the digits of an int (or an object with __index__) behind a prefix.
static py_obj_t format_prefixed(py_obj_t x, unsigned base, const char *prefix) {
    if (!py_obj_is_int(x)) {
        py_obj_t r = py_int_from_index(x);
        if (r == PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                              py_obj_get_type_str(x));
        }
        x = r;
    }
    size_t len;
    const char *digits = py_obj_str_get_data(py_obj_int_format_base(x, base, false), &len);
    bool neg = digits[0] == '-';
    py_vstr_t vstr;
    py_vstr_init(&vstr, len + 3);
    if (neg) {
        py_vstr_add_byte(&vstr, '-');
    }
    py_vstr_add_str(&vstr, prefix);
    py_vstr_add_strn(&vstr, digits + neg, len - neg);
    return py_obj_new_str_from_vstr(&vstr);
}

static py_obj_t builtin_bin(py_obj_t x) {
    return format_prefixed(x, 2, "0b");
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_bin_obj, builtin_bin);

static py_obj_t builtin_oct(py_obj_t x) {
    return format_prefixed(x, 8, "0o");
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_oct_obj, builtin_oct);

static py_obj_t builtin_hex(py_obj_t x) {
    return format_prefixed(x, 16, "0x");
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_hex_obj, builtin_hex);
