// SPDX-License-Identifier: MIT
// modmath.c: the math module: libm wrappers with CPython's domain and range errors, exact
// integer functions (factorial, gcd, lcm, isqrt, comb, perm) and the constants.

#include <float.h>
#include <math.h>
#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objects.h"
#include "objint.h"
#include "runtime.h"

#if PY_FEATURE_FLOAT

// fsum keeps this many partial sums on the stack before moving them to the heap.
#define FSUM_STACK_PARTIALS (16)

static PY_NORETURN void raise_domain(void) {
    py_raise_ValueError("math domain error");
}

static PY_NORETURN void raise_range(void) {
    py_raise_msg(&py_type_OverflowError, "math range error");
}

typedef py_float_t (*math_fun_1_t)(py_float_t);
typedef py_float_t (*math_fun_2_t)(py_float_t, py_float_t);

// What an infinite result from a finite argument means.
enum {
    INF_OK = 0,       // a genuine result (never happens for these functions)
    INF_OVERFLOW = 1, // OverflowError: the result is too large
    INF_DOMAIN = 2,   // ValueError: a pole such as log(0)
};

// Checks the result [r] of a function of finite-or-not [x] (and [y]) as CPython does.
static py_obj_t math_check(py_float_t r, py_float_t x, py_float_t y, int inf_kind) {
    if (isnan(r) && !isnan(x) && !isnan(y)) {
        raise_domain();
    }
    if (isinf(r) && isfinite(x) && isfinite(y)) {
        if (inf_kind == INF_DOMAIN) {
            raise_domain();
        }
        if (inf_kind == INF_OVERFLOW) {
            raise_range();
        }
    }
    return py_obj_new_float(r);
}

static py_obj_t math_call_1(py_obj_t x_in, math_fun_1_t f, int inf_kind) {
    py_float_t x = py_obj_get_float(x_in);
    return math_check(f(x), x, 0.0, inf_kind);
}

static py_obj_t math_call_2(py_obj_t x_in, py_obj_t y_in, math_fun_2_t f, int inf_kind) {
    py_float_t x = py_obj_get_float(x_in), y = py_obj_get_float(y_in);
    return math_check(f(x, y), x, y, inf_kind);
}

#define MATH_FUN_1(name, c_fun, inf_kind)                                                          \
    static py_obj_t math_##name(py_obj_t x) {                                                      \
        return math_call_1(x, c_fun, inf_kind);                                                    \
    }                                                                                              \
    static PY_DEFINE_CONST_FUN_OBJ_1(math_##name##_obj, math_##name)

#define MATH_FUN_2(name, c_fun, inf_kind)                                                          \
    static py_obj_t math_##name(py_obj_t x, py_obj_t y) {                                          \
        return math_call_2(x, y, c_fun, inf_kind);                                                 \
    }                                                                                              \
    static PY_DEFINE_CONST_FUN_OBJ_2(math_##name##_obj, math_##name)

static py_float_t degrees(py_float_t x) {
    return x * (180.0 / M_PI);
}

static py_float_t radians(py_float_t x) {
    return x * (M_PI / 180.0);
}

MATH_FUN_1(sqrt, sqrt, INF_OVERFLOW);
MATH_FUN_1(exp, exp, INF_OVERFLOW);
MATH_FUN_1(expm1, expm1, INF_OVERFLOW);
MATH_FUN_1(log1p, log1p, INF_DOMAIN);
MATH_FUN_1(fabs, fabs, INF_OK);
MATH_FUN_1(sin, sin, INF_OVERFLOW);
MATH_FUN_1(cos, cos, INF_OVERFLOW);
MATH_FUN_1(tan, tan, INF_OVERFLOW);
MATH_FUN_1(asin, asin, INF_OVERFLOW);
MATH_FUN_1(acos, acos, INF_OVERFLOW);
MATH_FUN_1(atan, atan, INF_OVERFLOW);
MATH_FUN_1(sinh, sinh, INF_OVERFLOW);
MATH_FUN_1(cosh, cosh, INF_OVERFLOW);
MATH_FUN_1(tanh, tanh, INF_OVERFLOW);
MATH_FUN_1(asinh, asinh, INF_OVERFLOW);
MATH_FUN_1(acosh, acosh, INF_OVERFLOW);
MATH_FUN_1(atanh, atanh, INF_DOMAIN);
MATH_FUN_1(erf, erf, INF_OVERFLOW);
MATH_FUN_1(erfc, erfc, INF_OVERFLOW);
MATH_FUN_1(degrees, degrees, INF_OVERFLOW);
MATH_FUN_1(radians, radians, INF_OVERFLOW);
MATH_FUN_2(atan2, atan2, INF_OVERFLOW);
MATH_FUN_2(copysign, copysign, INF_OK);

static py_obj_t math_fmod(py_obj_t x_in, py_obj_t y_in) {
    py_float_t x = py_obj_get_float(x_in), y = py_obj_get_float(y_in);
    if (isinf(y) && isfinite(x)) {
        return py_obj_new_float(x); // C99 agrees, but some libms do not
    }
    return math_check(fmod(x, y), x, y, INF_OVERFLOW);
}
static PY_DEFINE_CONST_FUN_OBJ_2(math_fmod_obj, math_fmod);

static py_obj_t math_pow(py_obj_t x_in, py_obj_t y_in) {
    py_float_t x = py_obj_get_float(x_in), y = py_obj_get_float(y_in);
    if (x == 0.0 && y < 0.0 && isfinite(y)) {
        raise_domain();
    }
    return math_check(pow(x, y), x, y, INF_OVERFLOW);
}
static PY_DEFINE_CONST_FUN_OBJ_2(math_pow_obj, math_pow);

// gamma and lgamma: a pole at 0 and the negative integers is a domain error, a huge result an
// overflow.
static py_obj_t gamma_common(py_obj_t x_in, math_fun_1_t f) {
    py_float_t x = py_obj_get_float(x_in);
    if (isfinite(x) && x <= 0.0 && x == floor(x)) {
        raise_domain();
    }
    return math_check(f(x), x, 0.0, INF_OVERFLOW);
}

static py_obj_t math_gamma(py_obj_t x) {
    return gamma_common(x, tgamma);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_gamma_obj, math_gamma);

static py_obj_t math_lgamma(py_obj_t x) {
    return gamma_common(x, lgamma);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_lgamma_obj, math_lgamma);

// ---- Logarithms (ints too large for a float still have one) ------------------------------------

// [x] (a big int > 0) as m * 2**[*e] with m in [0.5, 1) rounded to 53 bits, as frexp would give
// if the int were a double.
static py_float_t big_frexp(py_obj_t x, size_t *e) {
    py_int_view_t view;
    size_t bits = py_mpz_bit_length(py_int_view(x, &view));
    // Keep 55 bits and fold whatever is shifted out into the lowest, so the conversion to double
    // rounds once, correctly.
    py_obj_t shift = py_obj_new_int_from_uint(bits - 55);
    py_obj_t top = py_binary_op(PY_BINARY_OP_RSHIFT, x, shift);
    if (!py_obj_equal(py_binary_op(PY_BINARY_OP_LSHIFT, top, shift), x)) {
        top = py_binary_op(PY_BINARY_OP_OR, top, PY_OBJ_NEW_SMALL_INT(1));
    }
    py_float_t m = ldexp(py_int_as_float(top), -55);
    *e = bits;
    if (m == 1.0) {
        m = 0.5;
        (*e)++;
    }
    return m;
}

// [f]([x]) for a positive number; an int too large for a float goes through its mantissa and
// exponent, as CPython does.
static py_float_t log_of(py_obj_t x, math_fun_1_t f) {
    if (py_int_is_big(x)) {
        py_int_view_t view;
        const py_mpz_t *z = py_int_view(x, &view);
        if (z->neg) {
            raise_domain();
        }
        py_float_t d;
        if (!py_mpz_as_double_checked(z, &d)) {
            size_t e;
            py_float_t m = big_frexp(x, &e);
            return f(m) + f(2.0) * (py_float_t)e;
        }
    }
    py_float_t v = py_obj_get_float(x);
    if (v <= 0.0 || isnan(v)) {
        if (isnan(v)) {
            return v;
        }
        raise_domain();
    }
    return f(v);
}

static py_obj_t math_log(size_t n_args, const py_obj_t *args) {
    py_float_t r = log_of(args[0], log);
    if (n_args == 2) {
        py_float_t b = log_of(args[1], log);
        if (b == 0.0) {
            py_raise_zero_division();
        }
        r /= b;
    }
    return py_obj_new_float(r);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(math_log_obj, 1, 2, math_log);

static py_obj_t math_log2(py_obj_t x) {
    return py_obj_new_float(log_of(x, log2));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_log2_obj, math_log2);

static py_obj_t math_log10(py_obj_t x) {
    return py_obj_new_float(log_of(x, log10));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_log10_obj, math_log10);

// ---- Functions returning ints or tuples ---------------------------------------------------------

// floor/ceil/trunc: ints stay as they are, objects may define [dunder], the rest go via float.
static py_obj_t to_integral(py_obj_t x, qstr dunder, math_fun_1_t f) {
    if (py_obj_is_int(x)) {
        return py_int_unary_op(PY_UNARY_OP_POSITIVE, x);
    }
    if (py_obj_get_type(x)->flags & PY_TYPE_FLAG_IS_HEAP) {
        py_obj_t dest[2];
        py_load_method_maybe(x, dunder, dest);
        if (dest[0] != PY_OBJ_NULL) {
            return py_call_method_n_kw(0, 0, dest);
        }
    }
    return py_obj_new_int_from_float(f(py_obj_get_float(x)));
}

static py_obj_t math_floor(py_obj_t x) {
    return to_integral(x, PY_QSTR___floor__, floor);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_floor_obj, math_floor);

static py_obj_t math_ceil(py_obj_t x) {
    return to_integral(x, PY_QSTR___ceil__, ceil);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_ceil_obj, math_ceil);

static py_obj_t math_trunc(py_obj_t x) {
    return to_integral(x, PY_QSTR___trunc__, trunc);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_trunc_obj, math_trunc);

static py_obj_t new_pair(py_obj_t a, py_obj_t b) {
    py_obj_t items[2] = {a, b};
    return py_obj_new_tuple(2, items);
}

static py_obj_t math_modf(py_obj_t x_in) {
    py_float_t x = py_obj_get_float(x_in), ip;
    if (isinf(x)) {
        return new_pair(py_obj_new_float(copysign(0.0, x)), py_obj_new_float(x));
    }
    py_float_t frac = modf(x, &ip);
    return new_pair(py_obj_new_float(frac), py_obj_new_float(ip));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_modf_obj, math_modf);

static py_obj_t math_frexp(py_obj_t x_in) {
    py_float_t x = py_obj_get_float(x_in);
    int e = 0;
    py_float_t m = isfinite(x) ? frexp(x, &e) : x;
    return new_pair(py_obj_new_float(m), PY_OBJ_NEW_SMALL_INT(e));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_frexp_obj, math_frexp);

static PY_NORETURN void raise_not_integer(py_obj_t x) {
    py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                      py_obj_get_type_str(x));
}

// An int argument (bool included, __index__ honoured for objects of Python classes).
static py_obj_t int_arg(py_obj_t x) {
    if (py_obj_is_int(x)) {
        return py_int_unary_op(PY_UNARY_OP_POSITIVE, x);
    }
    py_obj_t r = py_int_from_index(x);
    if (r == PY_OBJ_NULL) {
        raise_not_integer(x);
    }
    return r;
}

static py_obj_t math_ldexp(py_obj_t x_in, py_obj_t i_in) {
    py_float_t x = py_obj_get_float(x_in);
    py_obj_t i = int_arg(i_in);
    // Exponents beyond any double's range saturate without changing the result.
    intptr_t e;
    if (py_int_is_big(i)) {
        e = py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, i, PY_OBJ_NEW_SMALL_INT(0))) ? -100000
                                                                                        : 100000;
    } else {
        e = py_int_truncate(i);
        e = e > 100000 ? 100000 : e < -100000 ? -100000 : e;
    }
    return math_check(ldexp(x, (int)e), x, 0.0, INF_OVERFLOW);
}
static PY_DEFINE_CONST_FUN_OBJ_2(math_ldexp_obj, math_ldexp);

static py_obj_t math_hypot(size_t n_args, const py_obj_t *args) {
    if (n_args == 2) {
        py_float_t x = py_obj_get_float(args[0]), y = py_obj_get_float(args[1]);
        return math_check(hypot(x, y), x, y, INF_OVERFLOW);
    }
    // Scale by the largest magnitude so the squares neither overflow nor underflow.
    py_float_t max = 0.0;
    bool any_nan = false;
    for (size_t i = 0; i < n_args; i++) {
        py_float_t v = fabs(py_obj_get_float(args[i]));
        any_nan |= isnan(v);
        if (v > max) {
            max = v;
        }
    }
    if (isinf(max)) {
        return py_obj_new_float((py_float_t)INFINITY);
    }
    if (any_nan) {
        return py_obj_new_float((py_float_t)NAN);
    }
    if (max == 0.0) {
        return py_obj_new_float(0.0);
    }
    py_float_t sum = 0.0;
    for (size_t i = 0; i < n_args; i++) {
        py_float_t v = py_obj_get_float(args[i]) / max;
        sum += v * v;
    }
    return py_obj_new_float(max * sqrt(sum));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(math_hypot_obj, 0, math_hypot);

// ---- Predicates
// ----------------------------------------------------------------------------------

static py_obj_t math_isfinite(py_obj_t x) {
    return PY_OBJ_NEW_BOOL(py_obj_is_int(x) || isfinite(py_obj_get_float(x)));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_isfinite_obj, math_isfinite);

static py_obj_t math_isinf(py_obj_t x) {
    return PY_OBJ_NEW_BOOL(!py_obj_is_int(x) && isinf(py_obj_get_float(x)));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_isinf_obj, math_isinf);

static py_obj_t math_isnan(py_obj_t x) {
    return PY_OBJ_NEW_BOOL(!py_obj_is_int(x) && isnan(py_obj_get_float(x)));
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_isnan_obj, math_isnan);

static py_obj_t math_isclose(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_a, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_b, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_rel_tol, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_abs_tol, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = PY_OBJ_NULL}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_float_t a = py_obj_get_float(vals[0].u_obj), b = py_obj_get_float(vals[1].u_obj);
    py_float_t rel = vals[2].u_obj == PY_OBJ_NULL ? 1e-9 : py_obj_get_float(vals[2].u_obj);
    py_float_t abs_tol = vals[3].u_obj == PY_OBJ_NULL ? 0.0 : py_obj_get_float(vals[3].u_obj);
    if (rel < 0.0 || abs_tol < 0.0) {
        py_raise_ValueError("tolerances must be non-negative");
    }
    if (a == b) {
        return py_const_true;
    }
    if (isinf(a) || isinf(b)) {
        return py_const_false;
    }
    py_float_t diff = fabs(b - a);
    return PY_OBJ_NEW_BOOL(diff <= fabs(rel * b) || diff <= fabs(rel * a) || diff <= abs_tol);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(math_isclose_obj, 0, math_isclose);

// ---- Exact sums and integer functions ----------------------------------------------------------

// hi = x + y rounded, *lo = the rounding error (for |x| >= |y|). The volatile forces each step
// to double precision on FPUs that keep wider intermediates (x87 in 32-bit host builds).
static py_float_t two_sum(py_float_t x, py_float_t y, py_float_t *lo) {
    volatile py_float_t hi = x + y;
    volatile py_float_t t = hi - x;
    *lo = y - t;
    return hi;
}

// fsum: Shewchuk's exact running sum as a list of non-overlapping partials.
static py_obj_t math_fsum(py_obj_t iterable) {
    py_float_t stack_partials[FSUM_STACK_PARTIALS];
    py_float_t *p = stack_partials;
    size_t n = 0, alloc = FSUM_STACK_PARTIALS;
    py_float_t special = 0.0; // sum of infinities and nans, kept apart
    bool have_special = false;
    py_obj_t it = py_getiter(iterable, NULL);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        py_float_t x = py_obj_get_float(item);
        if (!isfinite(x)) {
            special += x;
            have_special = true;
            continue;
        }
        size_t k = 0;
        py_float_t lo_part;
        for (size_t i = 0; i < n; i++) {
            py_float_t y = p[i];
            if (fabs(x) < fabs(y)) {
                py_float_t t = x;
                x = y;
                y = t;
            }
            py_float_t hi = two_sum(x, y, &lo_part), lo = lo_part;
            if (lo != 0.0) {
                p[k++] = lo;
            }
            x = hi;
        }
        if (isinf(x)) {
            raise_range(); // intermediate overflow
        }
        if (k == alloc) {
            py_float_t *np = py_new_noscan(py_float_t, alloc * 2);
            memcpy(np, p, k * sizeof(py_float_t));
            if (p != stack_partials) {
                py_free(p);
            }
            p = np;
            alloc *= 2;
        }
        p[k++] = x;
        n = k;
    }
    if (have_special) {
        if (p != stack_partials) {
            py_free(p);
        }
        if (isnan(special)) {
            raise_domain(); // inf - inf, or a nan among the items
        }
        return py_obj_new_float(special);
    }
    // Add the partials from the top, correcting the final rounding as the exact sum requires.
    py_float_t hi = 0.0;
    if (n > 0) {
        size_t i = n - 1;
        hi = p[i];
        py_float_t lo = 0.0;
        while (i > 0) {
            py_float_t x = hi, y = p[--i];
            hi = two_sum(x, y, &lo);
            if (lo != 0.0) {
                break;
            }
        }
        if (i > 0 && ((lo < 0.0 && p[i - 1] < 0.0) || (lo > 0.0 && p[i - 1] > 0.0))) {
            volatile py_float_t y = lo * 2.0, x = hi + y;
            if (y == x - hi) {
                hi = x;
            }
        }
    }
    if (p != stack_partials) {
        py_free(p);
    }
    return py_obj_new_float(hi);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_fsum_obj, math_fsum);

static py_obj_t math_factorial(py_obj_t n_in) {
    py_obj_t n_obj = int_arg(n_in);
    if (py_int_is_big(n_obj)) {
        py_int_view_t v;
        if (py_int_view(n_obj, &v)->neg) {
            py_raise_ValueError("factorial() not defined for negative values");
        }
        py_raise_msg(&py_type_OverflowError, "factorial() argument should not exceed 2**31");
    }
    intptr_t n = py_int_truncate(n_obj);
    if (n < 0) {
        py_raise_ValueError("factorial() not defined for negative values");
    }
    // Gather factors into a machine word, multiplying it into the big product when full.
    py_mpz_t r;
    py_mpz_init_from_int(&r, 1);
    uintptr_t chunk = 1;
    py_int_view_t v;
    for (intptr_t i = 2; i <= n; i++) {
        uintptr_t t;
        if (__builtin_mul_overflow(chunk, (uintptr_t)i, &t) || t > (uintptr_t)INTPTR_MAX) {
            py_mpz_mul(&r, &r, py_int_view_of_value(&v, (intptr_t)chunk));
            t = (uintptr_t)i;
        }
        chunk = t;
    }
    py_mpz_mul(&r, &r, py_int_view_of_value(&v, (intptr_t)chunk));
    return py_int_from_mpz(&r);
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_factorial_obj, math_factorial);

static py_obj_t math_gcd(size_t n_args, const py_obj_t *args) {
    py_obj_t g = PY_OBJ_NEW_SMALL_INT(0);
    for (size_t i = 0; i < n_args; i++) {
        g = py_int_gcd(g, int_arg(args[i]));
    }
    return g;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(math_gcd_obj, 0, math_gcd);

static py_obj_t math_lcm(size_t n_args, const py_obj_t *args) {
    py_obj_t l = PY_OBJ_NEW_SMALL_INT(1);
    for (size_t i = 0; i < n_args; i++) {
        py_obj_t x = int_arg(args[i]);
        if (x == PY_OBJ_NEW_SMALL_INT(0) || l == PY_OBJ_NEW_SMALL_INT(0)) {
            l = PY_OBJ_NEW_SMALL_INT(0);
            continue;
        }
        py_obj_t g = py_int_gcd(l, x);
        l = py_binary_op(PY_BINARY_OP_MULTIPLY, py_binary_op(PY_BINARY_OP_FLOOR_DIVIDE, l, g), x);
        l = py_unary_op(PY_UNARY_OP_ABS, l);
    }
    return l;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(math_lcm_obj, 0, math_lcm);

static py_obj_t math_isqrt(py_obj_t n_in) {
    py_obj_t n = int_arg(n_in);
    if (py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, n, PY_OBJ_NEW_SMALL_INT(0)))) {
        py_raise_ValueError("isqrt() argument must be nonnegative");
    }
    if (n == PY_OBJ_NEW_SMALL_INT(0)) {
        return n;
    }
    // Newton's iteration from above: x starts at a power of two not below the root.
    py_int_view_t v;
    size_t bits = py_mpz_bit_length(py_int_view(n, &v));
    py_obj_t x = py_binary_op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1),
                              py_obj_new_int_from_uint((bits + 1) / 2));
    for (;;) {
        py_obj_t y =
            py_binary_op(PY_BINARY_OP_ADD, x, py_binary_op(PY_BINARY_OP_FLOOR_DIVIDE, n, x));
        y = py_binary_op(PY_BINARY_OP_RSHIFT, y, PY_OBJ_NEW_SMALL_INT(1));
        if (!py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, y, x))) {
            return x;
        }
        x = y;
    }
}
static PY_DEFINE_CONST_FUN_OBJ_1(math_isqrt_obj, math_isqrt);

// A non-negative int argument named [what] for comb and perm.
static py_obj_t nonneg_arg(py_obj_t x, const char *what) {
    x = int_arg(x);
    if (py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, x, PY_OBJ_NEW_SMALL_INT(0)))) {
        py_raise_msg_varg(&py_type_ValueError, "%s must be a non-negative integer", what);
    }
    return x;
}

// n * (n - 1) * ... for [k] factors, divided step by step by 1, 2, ... when [divide].
static py_obj_t falling_product(py_obj_t n, py_obj_t k, bool divide) {
    py_obj_t r = PY_OBJ_NEW_SMALL_INT(1);
    intptr_t kv = py_obj_get_int(k);
    for (intptr_t i = 0; i < kv; i++) {
        py_obj_t f = py_binary_op(PY_BINARY_OP_SUBTRACT, n, PY_OBJ_NEW_SMALL_INT(i));
        r = py_binary_op(PY_BINARY_OP_MULTIPLY, r, f);
        if (divide) {
            r = py_binary_op(PY_BINARY_OP_FLOOR_DIVIDE, r, py_obj_new_int(i + 1));
        }
    }
    return r;
}

static py_obj_t math_comb(py_obj_t n_in, py_obj_t k_in) {
    py_obj_t n = nonneg_arg(n_in, "n"), k = nonneg_arg(k_in, "k");
    if (py_obj_is_true(py_binary_op(PY_BINARY_OP_MORE, k, n))) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    py_obj_t nk = py_binary_op(PY_BINARY_OP_SUBTRACT, n, k);
    if (py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, nk, k))) {
        k = nk;
    }
    return falling_product(n, k, true);
}
static PY_DEFINE_CONST_FUN_OBJ_2(math_comb_obj, math_comb);

static py_obj_t math_perm(size_t n_args, const py_obj_t *args) {
    py_obj_t n = nonneg_arg(args[0], "n");
    if (n_args == 1 || args[1] == py_const_none) {
        return math_factorial(n);
    }
    py_obj_t k = nonneg_arg(args[1], "k");
    if (py_obj_is_true(py_binary_op(PY_BINARY_OP_MORE, k, n))) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    return falling_product(n, k, false);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(math_perm_obj, 1, 2, math_perm);

static py_obj_t math_prod(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_iterable, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_start, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = PY_ROM_INT(1)}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_obj_t r = vals[1].u_obj;
    py_obj_t it = py_getiter(vals[0].u_obj, NULL);
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        r = py_binary_op(PY_BINARY_OP_MULTIPLY, r, x);
    }
    return r;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(math_prod_obj, 0, math_prod);

// ---- The module
// ----------------------------------------------------------------------------------

static const py_obj_float_t math_e_obj = {{&py_type_float}, M_E};
static const py_obj_float_t math_pi_obj = {{&py_type_float}, M_PI};
static const py_obj_float_t math_tau_obj = {{&py_type_float}, 2.0 * M_PI};
static const py_obj_float_t math_inf_obj = {{&py_type_float}, (py_float_t)INFINITY};
static const py_obj_float_t math_nan_obj = {{&py_type_float}, (py_float_t)NAN};

static const py_map_elem_t math_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_math)},
    {PY_ROM_QSTR(PY_QSTR_e), PY_ROM_PTR(&math_e_obj)},
    {PY_ROM_QSTR(PY_QSTR_pi), PY_ROM_PTR(&math_pi_obj)},
    {PY_ROM_QSTR(PY_QSTR_tau), PY_ROM_PTR(&math_tau_obj)},
    {PY_ROM_QSTR(PY_QSTR_inf), PY_ROM_PTR(&math_inf_obj)},
    {PY_ROM_QSTR(PY_QSTR_nan), PY_ROM_PTR(&math_nan_obj)},
    {PY_ROM_QSTR(PY_QSTR_sqrt), PY_ROM_PTR(&math_sqrt_obj)},
    {PY_ROM_QSTR(PY_QSTR_exp), PY_ROM_PTR(&math_exp_obj)},
    {PY_ROM_QSTR(PY_QSTR_expm1), PY_ROM_PTR(&math_expm1_obj)},
    {PY_ROM_QSTR(PY_QSTR_log), PY_ROM_PTR(&math_log_obj)},
    {PY_ROM_QSTR(PY_QSTR_log1p), PY_ROM_PTR(&math_log1p_obj)},
    {PY_ROM_QSTR(PY_QSTR_log2), PY_ROM_PTR(&math_log2_obj)},
    {PY_ROM_QSTR(PY_QSTR_log10), PY_ROM_PTR(&math_log10_obj)},
    {PY_ROM_QSTR(PY_QSTR_pow), PY_ROM_PTR(&math_pow_obj)},
    {PY_ROM_QSTR(PY_QSTR_fabs), PY_ROM_PTR(&math_fabs_obj)},
    {PY_ROM_QSTR(PY_QSTR_floor), PY_ROM_PTR(&math_floor_obj)},
    {PY_ROM_QSTR(PY_QSTR_ceil), PY_ROM_PTR(&math_ceil_obj)},
    {PY_ROM_QSTR(PY_QSTR_trunc), PY_ROM_PTR(&math_trunc_obj)},
    {PY_ROM_QSTR(PY_QSTR_fmod), PY_ROM_PTR(&math_fmod_obj)},
    {PY_ROM_QSTR(PY_QSTR_modf), PY_ROM_PTR(&math_modf_obj)},
    {PY_ROM_QSTR(PY_QSTR_frexp), PY_ROM_PTR(&math_frexp_obj)},
    {PY_ROM_QSTR(PY_QSTR_ldexp), PY_ROM_PTR(&math_ldexp_obj)},
    {PY_ROM_QSTR(PY_QSTR_copysign), PY_ROM_PTR(&math_copysign_obj)},
    {PY_ROM_QSTR(PY_QSTR_isfinite), PY_ROM_PTR(&math_isfinite_obj)},
    {PY_ROM_QSTR(PY_QSTR_isinf), PY_ROM_PTR(&math_isinf_obj)},
    {PY_ROM_QSTR(PY_QSTR_isnan), PY_ROM_PTR(&math_isnan_obj)},
    {PY_ROM_QSTR(PY_QSTR_isclose), PY_ROM_PTR(&math_isclose_obj)},
    {PY_ROM_QSTR(PY_QSTR_sin), PY_ROM_PTR(&math_sin_obj)},
    {PY_ROM_QSTR(PY_QSTR_cos), PY_ROM_PTR(&math_cos_obj)},
    {PY_ROM_QSTR(PY_QSTR_tan), PY_ROM_PTR(&math_tan_obj)},
    {PY_ROM_QSTR(PY_QSTR_asin), PY_ROM_PTR(&math_asin_obj)},
    {PY_ROM_QSTR(PY_QSTR_acos), PY_ROM_PTR(&math_acos_obj)},
    {PY_ROM_QSTR(PY_QSTR_atan), PY_ROM_PTR(&math_atan_obj)},
    {PY_ROM_QSTR(PY_QSTR_atan2), PY_ROM_PTR(&math_atan2_obj)},
    {PY_ROM_QSTR(PY_QSTR_sinh), PY_ROM_PTR(&math_sinh_obj)},
    {PY_ROM_QSTR(PY_QSTR_cosh), PY_ROM_PTR(&math_cosh_obj)},
    {PY_ROM_QSTR(PY_QSTR_tanh), PY_ROM_PTR(&math_tanh_obj)},
    {PY_ROM_QSTR(PY_QSTR_asinh), PY_ROM_PTR(&math_asinh_obj)},
    {PY_ROM_QSTR(PY_QSTR_acosh), PY_ROM_PTR(&math_acosh_obj)},
    {PY_ROM_QSTR(PY_QSTR_atanh), PY_ROM_PTR(&math_atanh_obj)},
    {PY_ROM_QSTR(PY_QSTR_erf), PY_ROM_PTR(&math_erf_obj)},
    {PY_ROM_QSTR(PY_QSTR_erfc), PY_ROM_PTR(&math_erfc_obj)},
    {PY_ROM_QSTR(PY_QSTR_gamma), PY_ROM_PTR(&math_gamma_obj)},
    {PY_ROM_QSTR(PY_QSTR_lgamma), PY_ROM_PTR(&math_lgamma_obj)},
    {PY_ROM_QSTR(PY_QSTR_degrees), PY_ROM_PTR(&math_degrees_obj)},
    {PY_ROM_QSTR(PY_QSTR_radians), PY_ROM_PTR(&math_radians_obj)},
    {PY_ROM_QSTR(PY_QSTR_hypot), PY_ROM_PTR(&math_hypot_obj)},
    {PY_ROM_QSTR(PY_QSTR_fsum), PY_ROM_PTR(&math_fsum_obj)},
    {PY_ROM_QSTR(PY_QSTR_factorial), PY_ROM_PTR(&math_factorial_obj)},
    {PY_ROM_QSTR(PY_QSTR_gcd), PY_ROM_PTR(&math_gcd_obj)},
    {PY_ROM_QSTR(PY_QSTR_lcm), PY_ROM_PTR(&math_lcm_obj)},
    {PY_ROM_QSTR(PY_QSTR_isqrt), PY_ROM_PTR(&math_isqrt_obj)},
    {PY_ROM_QSTR(PY_QSTR_comb), PY_ROM_PTR(&math_comb_obj)},
    {PY_ROM_QSTR(PY_QSTR_perm), PY_ROM_PTR(&math_perm_obj)},
    {PY_ROM_QSTR(PY_QSTR_prod), PY_ROM_PTR(&math_prod_obj)},
};
static PY_DEFINE_CONST_DICT(math_globals, math_globals_table);

const py_obj_module_t py_module_math = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&math_globals,
};

#endif // PY_FEATURE_FLOAT
