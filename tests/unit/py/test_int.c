// SPDX-License-Identifier: MIT
// test_int.c: int and float conversions at the small-int boundaries, normalisation of big
// results, number parsing and float text (objint.c, objint_big.c, objfloat.c, formatfloat.c).
//
// Runs on 64-bit and, built with -m32 (REPLHUB_M32), on 32-bit: expectations are derived from
// PY_SMALL_INT_MIN/MAX rather than written for one width.

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "objint.h"
#include "runtime.h"
#include "unit_port.h"

// ---- Helpers -----------------------------------------------------------------------------------

// repr(o) compared with [want].
static void assert_repr(py_obj_t o, const char *want) {
    size_t len;
    const char *s = py_obj_str_get_data(py_obj_repr(o), &len);
    char buf[512];
    snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
    assert_string_equal(buf, want);
}

static py_obj_t op(py_binary_op_t o, py_obj_t a, py_obj_t b) {
    return py_binary_op(o, a, b);
}

static py_obj_t parse(const char *s, unsigned base) {
    return py_obj_new_int_from_str_len(s, strlen(s), false, base);
}

// The exception type raised by fn(arg), or NULL if it returned normally.
typedef void (*thunk_t)(const void *arg);
static const py_obj_type_t *raised_by(thunk_t fn, const void *arg) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        fn(arg);
        py_nlr_pop();
        return NULL;
    }
    return py_obj_get_type(PY_OBJ_FROM_PTR(nlr.ret_val));
}

static void do_parse10(const void *s) {
    parse(s, 10);
}

static void do_get_int(const void *o) {
    py_obj_get_int((py_obj_t)o);
}

static void do_float_str(const void *s) {
    py_obj_new_float_from_str(s, strlen(s));
}

static void do_int_from_float(const void *f) {
    py_obj_new_int_from_float(*(const double *)f);
}

static void do_lshift_neg(const void *unused) {
    (void)unused;
    op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(-1));
}

static void do_floordiv_zero(const void *a) {
    op(PY_BINARY_OP_FLOOR_DIVIDE, (py_obj_t)a, PY_OBJ_NEW_SMALL_INT(0));
}

// ---- Small-int boundaries ----------------------------------------------------------------------

static void small_int_boundaries(void **state) {
    (void)state;
    py_obj_t max = py_obj_new_int(PY_SMALL_INT_MAX);
    py_obj_t min = py_obj_new_int(PY_SMALL_INT_MIN);
    assert_true(PY_OBJ_IS_SMALL_INT(max));
    assert_true(PY_OBJ_IS_SMALL_INT(min));
    py_obj_t above = py_obj_new_int(PY_SMALL_INT_MAX + 1);
    py_obj_t below = py_obj_new_int(PY_SMALL_INT_MIN - 1);
    assert_true(py_int_is_big(above));
    assert_true(py_int_is_big(below));
    assert_int_equal(py_obj_get_int(above), PY_SMALL_INT_MAX + 1);
    assert_int_equal(py_obj_get_int(below), PY_SMALL_INT_MIN - 1);
    // Arithmetic across the boundary, both ways, always normalised.
    py_obj_t one = PY_OBJ_NEW_SMALL_INT(1);
    py_obj_t sum = op(PY_BINARY_OP_ADD, max, one);
    assert_true(py_int_is_big(sum));
    assert_true(py_obj_equal(sum, above));
    py_obj_t back = op(PY_BINARY_OP_SUBTRACT, sum, one);
    assert_true(PY_OBJ_IS_SMALL_INT(back));
    assert_ptr_equal(back, max);
    assert_ptr_equal(op(PY_BINARY_OP_ADD, below, one), min);
    // -MIN and MIN // -1 overflow the small range.
    py_obj_t neg = py_unary_op(PY_UNARY_OP_NEGATIVE, min);
    assert_true(py_int_is_big(neg));
    assert_true(py_obj_equal(neg, above));
    assert_true(py_obj_equal(op(PY_BINARY_OP_FLOOR_DIVIDE, min, PY_OBJ_NEW_SMALL_INT(-1)), above));
    assert_ptr_equal(py_unary_op(PY_UNARY_OP_NEGATIVE, neg), min);
    assert_true(py_obj_equal(py_unary_op(PY_UNARY_OP_ABS, min), above));
    assert_ptr_equal(py_unary_op(PY_UNARY_OP_INVERT, max), min);
}

static void machine_word_extremes(void **state) {
    (void)state;
    py_obj_t imax = py_obj_new_int(INTPTR_MAX), imin = py_obj_new_int(INTPTR_MIN);
    assert_int_equal(py_obj_get_int(imax), INTPTR_MAX);
    assert_int_equal(py_obj_get_int(imin), INTPTR_MIN);
    py_obj_t umax = py_obj_new_int_from_uint(UINTPTR_MAX);
    char want[32];
    snprintf(want, sizeof(want), "%llu", (unsigned long long)UINTPTR_MAX);
    assert_repr(umax, want);
    assert_ptr_equal(raised_by(do_get_int, umax), &py_type_OverflowError);
    assert_int_equal(py_obj_get_int_truncated(umax), -1);
    assert_repr(py_obj_new_int_from_ll(LLONG_MIN), "-9223372036854775808");
    assert_repr(py_obj_new_int_from_ull(ULLONG_MAX), "18446744073709551615");
    assert_true(PY_OBJ_IS_SMALL_INT(py_obj_new_int_from_ll(-5)));
    // One past INTPTR_MAX overflows a machine word.
    py_obj_t past = op(PY_BINARY_OP_ADD, imax, PY_OBJ_NEW_SMALL_INT(1));
    assert_ptr_equal(raised_by(do_get_int, past), &py_type_OverflowError);
    assert_ptr_equal(raised_by(do_get_int, py_const_none), &py_type_TypeError);
    assert_int_equal(py_obj_get_int(py_const_true), 1);
}

static void multiply_and_shift_overflow(void **state) {
    (void)state;
    py_obj_t max = PY_OBJ_NEW_SMALL_INT(PY_SMALL_INT_MAX);
    py_obj_t sq = op(PY_BINARY_OP_MULTIPLY, max, max);
    assert_true(py_int_is_big(sq));
    assert_ptr_equal(op(PY_BINARY_OP_FLOOR_DIVIDE, sq, max), max);
    assert_ptr_equal(op(PY_BINARY_OP_MODULO, sq, max), PY_OBJ_NEW_SMALL_INT(0));
    intptr_t bits = (intptr_t)sizeof(intptr_t) * 8;
    py_obj_t big = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(bits - 2));
    assert_true(py_int_is_big(big));
    assert_true(PY_OBJ_IS_SMALL_INT(
        op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(bits - 3))));
    py_obj_t p100 = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(3), PY_OBJ_NEW_SMALL_INT(100));
    assert_ptr_equal(op(PY_BINARY_OP_RSHIFT, p100, PY_OBJ_NEW_SMALL_INT(100)),
                     PY_OBJ_NEW_SMALL_INT(3));
    assert_ptr_equal(op(PY_BINARY_OP_RSHIFT, PY_OBJ_NEW_SMALL_INT(-5), PY_OBJ_NEW_SMALL_INT(1000)),
                     PY_OBJ_NEW_SMALL_INT(-1));
    assert_ptr_equal(raised_by(do_lshift_neg, NULL), &py_type_ValueError);
    assert_repr(op(PY_BINARY_OP_POWER, PY_OBJ_NEW_SMALL_INT(2), PY_OBJ_NEW_SMALL_INT(100)),
                "1267650600228229401496703205376");
    assert_repr(op(PY_BINARY_OP_POWER, PY_OBJ_NEW_SMALL_INT(-3), PY_OBJ_NEW_SMALL_INT(41)),
                "-36472996377170786403");
    assert_ptr_equal(raised_by(do_floordiv_zero, p100), &py_type_ZeroDivisionError);
    assert_ptr_equal(raised_by(do_floordiv_zero, PY_OBJ_NEW_SMALL_INT(7)),
                     &py_type_ZeroDivisionError);
}

static void floor_division_signs(void **state) {
    (void)state;
    static const intptr_t cases[][4] = {
        {7, 2, 3, 1},    {-7, 2, -4, 1}, {7, -2, -4, -1},
        {-7, -2, 3, -1}, {6, 3, 2, 0},   {-6, 3, -2, 0},
    };
    for (size_t i = 0; i < PY_ARRAY_SIZE(cases); i++) {
        py_obj_t a = PY_OBJ_NEW_SMALL_INT(cases[i][0]), b = PY_OBJ_NEW_SMALL_INT(cases[i][1]);
        assert_ptr_equal(op(PY_BINARY_OP_FLOOR_DIVIDE, a, b), PY_OBJ_NEW_SMALL_INT(cases[i][2]));
        assert_ptr_equal(op(PY_BINARY_OP_MODULO, a, b), PY_OBJ_NEW_SMALL_INT(cases[i][3]));
        // The same through the big-int code.
        py_obj_t shift = PY_OBJ_NEW_SMALL_INT(80);
        py_obj_t ab = op(PY_BINARY_OP_LSHIFT, a, shift), bb = op(PY_BINARY_OP_LSHIFT, b, shift);
        assert_ptr_equal(op(PY_BINARY_OP_FLOOR_DIVIDE, ab, bb), PY_OBJ_NEW_SMALL_INT(cases[i][2]));
        assert_true(
            py_obj_equal(op(PY_BINARY_OP_MODULO, ab, bb),
                         op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(cases[i][3]), shift)));
    }
}

// ---- Parsing
// -------------------------------------------------------------------------------------

static void parse_literals(void **state) {
    (void)state;
    assert_ptr_equal(parse("123_456", 10), PY_OBJ_NEW_SMALL_INT(123456));
    assert_ptr_equal(parse("ff", 16), PY_OBJ_NEW_SMALL_INT(255));
    assert_ptr_equal(parse("_ff", 16), PY_OBJ_NEW_SMALL_INT(255)); // 0x_ff
    assert_ptr_equal(parse("0x1F", 16), PY_OBJ_NEW_SMALL_INT(31));
    assert_ptr_equal(parse("1010", 2), PY_OBJ_NEW_SMALL_INT(10));
    assert_ptr_equal(parse("0", 10), PY_OBJ_NEW_SMALL_INT(0));
    assert_repr(parse("123456789012345678901234567890", 10), "123456789012345678901234567890");
    assert_repr(parse("1_000_000_000_000_000_000_000_000", 10), "1000000000000000000000000");
    assert_repr(py_obj_new_int_from_str_len("99999999999999999999", 20, true, 10),
                "-99999999999999999999");
    // Exactly at the boundary: MAX is small, MAX + 1 is big, both ways.
    char buf[40];
    snprintf(buf, sizeof(buf), "%lld", (long long)PY_SMALL_INT_MAX);
    assert_true(PY_OBJ_IS_SMALL_INT(parse(buf, 10)));
    snprintf(buf, sizeof(buf), "%lld", (long long)PY_SMALL_INT_MAX + 1);
    assert_true(py_int_is_big(parse(buf, 10)));
    snprintf(buf, sizeof(buf), "%lld", -(long long)PY_SMALL_INT_MIN);
    assert_ptr_equal(py_obj_new_int_from_str_len(buf, strlen(buf), true, 10),
                     PY_OBJ_NEW_SMALL_INT(PY_SMALL_INT_MIN));
    static const char *const bad[] = {"", "_1", "1_", "1__2", "12a", "1 2", "-1"};
    for (size_t i = 0; i < PY_ARRAY_SIZE(bad); i++) {
        assert_ptr_equal(raised_by(do_parse10, bad[i]), &py_type_ValueError);
    }
}

static void int_text_in_bases(void **state) {
    (void)state;
    py_obj_t v = PY_OBJ_NEW_SMALL_INT(-255);
    size_t len;
    assert_memory_equal(py_obj_str_get_data(py_obj_int_format_base(v, 16, false), &len), "-ff", 3);
    assert_memory_equal(py_obj_str_get_data(py_obj_int_format_base(v, 2, false), &len), "-11111111",
                        9);
    py_obj_t big = parse("123456789abcdef0123456789abcdef", 16);
    const char *s = py_obj_str_get_data(py_obj_int_format_base(big, 16, true), &len);
    assert_int_equal(len, 31);
    assert_memory_equal(s, "123456789ABCDEF0123456789ABCDEF", 31);
}

// ---- Floats ----------------------------------------------------------------------------------

static void float_int_conversions(void **state) {
    (void)state;
    double lim = ldexp(1.0, (int)sizeof(intptr_t) * 8 - 2);
    assert_true(py_int_is_big(py_obj_new_int_from_float(lim)));
    assert_ptr_equal(py_obj_new_int_from_float(-lim), PY_OBJ_NEW_SMALL_INT(PY_SMALL_INT_MIN));
    assert_ptr_equal(py_obj_new_int_from_float(-2.9), PY_OBJ_NEW_SMALL_INT(-2));
    assert_repr(py_obj_new_int_from_float(1e20), "100000000000000000000");
    double nan = NAN, inf = INFINITY;
    assert_ptr_equal(raised_by(do_int_from_float, &nan), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_int_from_float, &inf), &py_type_OverflowError);
    // int vs float compares exactly, beyond 2**53 too.
    py_obj_t p53 = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(53));
    py_obj_t p53_1 = op(PY_BINARY_OP_ADD, p53, PY_OBJ_NEW_SMALL_INT(1));
    py_obj_t f53 = py_obj_new_float(ldexp(1.0, 53));
    assert_true(py_obj_equal(p53, f53));
    assert_false(py_obj_equal(p53_1, f53));
    assert_true(py_obj_is_true(op(PY_BINARY_OP_MORE, p53_1, f53)));
    assert_true(py_obj_is_true(op(PY_BINARY_OP_LESS, f53, p53_1)));
    // Hashes agree for equal values.
    py_obj_t p70 = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(5), PY_OBJ_NEW_SMALL_INT(70));
    py_obj_t f70 = py_obj_new_float(5.0 * ldexp(1.0, 70));
    assert_true(py_obj_equal(p70, f70));
    assert_int_equal(py_obj_hash_value(p70), py_obj_hash_value(f70));
    assert_int_equal(py_obj_hash_value(PY_OBJ_NEW_SMALL_INT(-1)),
                     py_obj_hash_value(py_obj_new_float(-1.0)));
    // The largest small int that is exactly a double, and the first value past the small range.
    intptr_t top = PY_SMALL_INT_MAX & ~(intptr_t)0x3ff;
    assert_int_equal(py_obj_hash_value(PY_OBJ_NEW_SMALL_INT(top)),
                     py_obj_hash_value(py_obj_new_float((double)top)));
    py_obj_t past = py_obj_new_int(PY_SMALL_INT_MAX + 1);
    assert_int_equal(py_obj_hash_value(past),
                     py_obj_hash_value(py_obj_new_float((double)PY_SMALL_INT_MAX + 1.0)));
}

static void true_division(void **state) {
    (void)state;
    py_obj_t a = parse("1000000000000000000000000000000", 10);
    assert_repr(op(PY_BINARY_OP_TRUE_DIVIDE, a, PY_OBJ_NEW_SMALL_INT(3)), "3.333333333333333e+29");
    py_obj_t p1000 = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(1000));
    py_obj_t p999 = op(PY_BINARY_OP_LSHIFT, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_NEW_SMALL_INT(999));
    assert_repr(op(PY_BINARY_OP_TRUE_DIVIDE, p1000, p999), "2.0");
    assert_repr(op(PY_BINARY_OP_TRUE_DIVIDE, PY_OBJ_NEW_SMALL_INT(1), p1000),
                "9.332636185032189e-302");
    assert_repr(op(PY_BINARY_OP_TRUE_DIVIDE, PY_OBJ_NEW_SMALL_INT(0), PY_OBJ_NEW_SMALL_INT(-5)),
                "-0.0");
    assert_repr(op(PY_BINARY_OP_TRUE_DIVIDE, PY_OBJ_NEW_SMALL_INT(7), PY_OBJ_NEW_SMALL_INT(2)),
                "3.5");
}

static void float_repr(void **state) {
    (void)state;
    static const struct {
        double f;
        const char *repr;
    } cases[] = {
        {1.0, "1.0"},
        {0.1, "0.1"},
        {1e16, "1e+16"},
        {1.5e-07, "1.5e-07"},
        {-0.0, "-0.0"},
        {123456789.0, "123456789.0"},
        {0.0001, "0.0001"},
        {1e-05, "1e-05"},
        {1e15, "1000000000000000.0"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {5e-324, "5e-324"},
        {0.30000000000000004, "0.30000000000000004"},
        {2.5, "2.5"},
        {1e22, "1e+22"},
        {-1.25e-10, "-1.25e-10"},
        {123.456, "123.456"},
    };
    for (size_t i = 0; i < PY_ARRAY_SIZE(cases); i++) {
        assert_repr(py_obj_new_float(cases[i].f), cases[i].repr);
    }
    assert_repr(py_obj_new_float(INFINITY), "inf");
    assert_repr(py_obj_new_float(-INFINITY), "-inf");
    assert_repr(py_obj_new_float(NAN), "nan");
    char buf[64];
    py_format_float(1234.5678, buf, sizeof(buf), 'e', 3, false);
    assert_string_equal(buf, "1.235e+03");
    py_format_float(0.125, buf, sizeof(buf), '%', 1, false);
    assert_string_equal(buf, "12.5%");
    py_format_float(-INFINITY, buf, sizeof(buf), 'F', 2, false);
    assert_string_equal(buf, "-INF");
    py_format_float(1e16, buf, sizeof(buf), 'g', 6, false);
    assert_string_equal(buf, "1e+16");
}

static void float_parse_and_round(void **state) {
    (void)state;
    static const struct {
        const char *s;
        const char *repr;
    } ok[] = {
        {"1_0.5", "10.5"}, {"1e5", "100000.0"},   {".5", "0.5"},
        {"5.", "5.0"},     {"-Infinity", "-inf"}, {"nAn", "nan"},
        {"+inf", "inf"},   {"1E-3", "0.001"},     {"1e500", "inf"},
    };
    for (size_t i = 0; i < PY_ARRAY_SIZE(ok); i++) {
        assert_repr(py_obj_new_float_from_str(ok[i].s, strlen(ok[i].s)), ok[i].repr);
    }
    static const char *const bad[] = {"",   "1__0", "_1", "1_", "1._5",
                                      "1e", "0x10", "in", ".",  "e5"};
    for (size_t i = 0; i < PY_ARRAY_SIZE(bad); i++) {
        assert_ptr_equal(raised_by(do_float_str, bad[i]), &py_type_ValueError);
    }
    assert_true(py_float_round(2.675, 2) == 2.67);
    assert_true(py_float_round(0.125, 2) == 0.12);
    assert_true(py_float_round(12250.4, -2) == 12300.0);
    assert_true(py_float_round(12250.0, -2) == 12200.0);
    assert_true(py_float_round(5000.0, -4) == 0.0);
    assert_true(py_float_round(6000.0, -4) == 10000.0);
    assert_true(py_float_round(99.5, -2) == 100.0);
    assert_true(signbit(py_float_round(-4.0, -1)));
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(small_int_boundaries, unit_py_setup),
        cmocka_unit_test_setup(machine_word_extremes, unit_py_setup),
        cmocka_unit_test_setup(multiply_and_shift_overflow, unit_py_setup),
        cmocka_unit_test_setup(floor_division_signs, unit_py_setup),
        cmocka_unit_test_setup(parse_literals, unit_py_setup),
        cmocka_unit_test_setup(int_text_in_bases, unit_py_setup),
        cmocka_unit_test_setup(float_int_conversions, unit_py_setup),
        cmocka_unit_test_setup(true_division, unit_py_setup),
        cmocka_unit_test_setup(float_repr, unit_py_setup),
        cmocka_unit_test_setup(float_parse_and_round, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
