// SPDX-License-Identifier: MIT
// test_str.c: str, bytes, bytearray and formatting internals (objstr*.c, objunicode.c,
// objstrformat*.c, objbytearray.c, objmemoryview.c) that are easiest to check from C: the shared
// buffer of `s += t`, sharing of short strs, code point offsets, the format-spec engine on its
// own, the case tables' consistency, and views onto a bytearray that grows.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// cmocka.h needs the headers above first.
// clang-format off
#include <cmocka.h>
// clang-format on

#include "gc.h"
#include "objexcept.h"
#include "objstr.h"
#include "runtime.h"
#include "unit_port.h"

// ---- Helpers -----------------------------------------------------------------------------------

static py_obj_t s2o(const char *s) {
    return py_obj_new_str_from_cstr(s);
}

static void assert_text(py_obj_t o, const char *want) {
    size_t len;
    const char *d = py_obj_str_get_data(o, &len);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(d, want, len);
}

static void assert_repr(py_obj_t o, const char *want) {
    assert_text(py_obj_repr(o), want);
}

// format(value, spec) as a C string in [buf].
static const char *fmt(py_obj_t value, const char *spec, char *buf, size_t size) {
    py_obj_t r = py_format_value(value, s2o(spec));
    size_t len;
    const char *d = py_obj_str_get_data(r, &len);
    snprintf(buf, size, "%.*s", (int)len, d);
    return buf;
}

typedef py_obj_t (*thunk_t)(py_obj_t a, py_obj_t b);

// The type of the exception fn(a, b) raised, or NULL if it returned normally.
static const py_obj_type_t *raised_by(thunk_t fn, py_obj_t a, py_obj_t b) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        fn(a, b);
        py_nlr_pop();
        return NULL;
    }
    return py_obj_get_type(PY_OBJ_FROM_PTR(nlr.ret_val));
}

static py_obj_t do_format(py_obj_t a, py_obj_t b) {
    return py_format_value(a, b);
}

static py_obj_t do_modulo(py_obj_t a, py_obj_t b) {
    return py_binary_op(PY_BINARY_OP_MODULO, a, b);
}

// ---- s += t ------------------------------------------------------------------------------------

static void test_append_inplace_keeps_views(void **state) {
    (void)state;
    py_obj_t s = py_obj_new_str("", 0);
    py_obj_t views[40];
    for (int i = 0; i < 40; i++) {
        char c = (char)('a' + i % 26);
        s = py_binary_op(PY_BINARY_OP_INPLACE_ADD, s, py_obj_new_str(&c, 1));
        views[i] = s;
    }
    // Every earlier view still sees exactly its own prefix.
    for (int i = 0; i < 40; i++) {
        size_t len;
        const char *d = py_obj_str_get_data(views[i], &len);
        assert_int_equal(len, (size_t)i + 1);
        for (int k = 0; k <= i; k++) {
            assert_int_equal(d[k], 'a' + k % 26);
        }
        // A view that later appends overran still gives a NUL-terminated C string.
        const char *c = py_obj_str_get_str(views[i]);
        assert_int_equal(strlen(c), (size_t)i + 1);
        assert_memory_equal(c, d, len);
    }
    // Appending to an older (shorter) view must copy, not overwrite the newer views' bytes.
    py_obj_t branch = py_binary_op(PY_BINARY_OP_INPLACE_ADD, views[9], s2o("XYZ"));
    assert_text(branch, "abcdefghijXYZ");
    size_t len;
    const char *d = py_obj_str_get_data(views[39], &len);
    assert_int_equal(d[10], 'k');
    assert_int_equal(d[11], 'l');
    // The grown strs compare and hash like any other str of the same text.
    py_obj_t plain = py_binary_op(PY_BINARY_OP_ADD, views[9], s2o("XYZ"));
    assert_true(py_obj_equal(branch, plain));
    assert_int_equal(py_obj_hash_value(branch), py_obj_hash_value(plain));
}

static void test_append_inplace_survives_gc(void **state) {
    (void)state;
    py_obj_t s = s2o("start:");
    for (int i = 0; i < 200; i++) {
        s = py_binary_op(PY_BINARY_OP_INPLACE_ADD, s, s2o("0123456789"));
    }
    py_gc_collect();
    // Fill the heap with other allocations: the buffer must not have been reused.
    for (int i = 0; i < 200; i++) {
        py_obj_new_bytes((const byte *)"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 32);
    }
    size_t len;
    const char *d = py_obj_str_get_data(s, &len);
    assert_int_equal(len, 6 + 200 * 10);
    assert_memory_equal(d, "start:", 6);
    for (size_t i = 6; i < len; i++) {
        assert_int_equal(d[i], '0' + (int)((i - 6) % 10));
    }
}

static void test_append_inplace_unicode(void **state) {
    (void)state;
    py_obj_t s = s2o("h");
    s = py_binary_op(PY_BINARY_OP_INPLACE_ADD, s, s2o("\xc3\xa9"));
    s = py_binary_op(PY_BINARY_OP_INPLACE_ADD, s, s2o("llo \xe2\x98\x83"));
    assert_int_equal(PY_OBJ_SMALL_INT_VALUE(py_obj_len(s)), 7);
    assert_text(py_obj_subscr(s, PY_OBJ_NEW_SMALL_INT(-1), PY_OBJ_SENTINEL), "\xe2\x98\x83");
    assert_text(py_obj_subscr(s, PY_OBJ_NEW_SMALL_INT(1), PY_OBJ_SENTINEL), "\xc3\xa9");
}

// ---- Construction and sharing ------------------------------------------------------------------

static void test_short_strs_are_shared(void **state) {
    (void)state;
    // One ASCII character: a const object, the same each time.
    assert_ptr_equal(py_obj_new_str("a", 1), py_obj_new_str("a", 1));
    // An interned text comes back as the qstr.
    qstr q = py_qstr_from_str("hello");
    assert_ptr_equal(py_obj_new_str("hello", 5), PY_OBJ_NEW_QSTR(q));
    // Long texts are never interned, but still equal qstrs and hash like them.
    char buf[64];
    memset(buf, 'q', sizeof(buf));
    qstr lq = py_qstr_from_strn(buf, 40);
    py_obj_t heap_str = py_obj_new_str(buf, 40);
    assert_false(PY_OBJ_IS_QSTR(heap_str));
    assert_true(py_obj_equal(heap_str, PY_OBJ_NEW_QSTR(lq)));
    assert_true(py_obj_equal(PY_OBJ_NEW_QSTR(lq), heap_str));
    assert_int_equal(py_obj_hash_value(heap_str), py_obj_hash_value(PY_OBJ_NEW_QSTR(lq)));
    // Const single characters hash correctly too (their hash is never cached in the object).
    qstr one = py_qstr_from_str("z");
    assert_int_equal(py_obj_hash_value(py_obj_new_str("z", 1)),
                     py_obj_hash_value(PY_OBJ_NEW_QSTR(one)));
}

static void test_vstr_takeover(void **state) {
    (void)state;
    py_vstr_t v;
    py_vstr_init(&v, 8);
    for (int i = 0; i < 100; i++) {
        py_vstr_add_str(&v, "\xc3\xa9");
    }
    py_obj_t s = py_obj_new_str_from_vstr(&v);
    assert_int_equal(v.len, 0);
    assert_int_equal(PY_OBJ_SMALL_INT_VALUE(py_obj_len(s)), 100);
    assert_int_equal(strlen(py_obj_str_get_str(s)), 200);
    // A str made this way is not mistaken for a shared += buffer: appending copies.
    py_obj_t t = py_binary_op(PY_BINARY_OP_INPLACE_ADD, s, s2o("!"));
    assert_int_equal(PY_OBJ_SMALL_INT_VALUE(py_obj_len(t)), 101);
    assert_int_equal(PY_OBJ_SMALL_INT_VALUE(py_obj_len(s)), 100);
}

// A buffer filled from a stream grows by an eighth of its length (a step at least), so its slack
// stays small, and never past the limit its reader knows.
static void test_vstr_reserve_read_bounds_the_slack(void **state) {
    (void)state;
    py_vstr_t v;
    py_vstr_init(&v, 16);
    size_t grows = 0;
    for (size_t i = 0; i < 40000; i++) {
        size_t alloc = v.alloc;
        py_vstr_reserve_read(&v, 1, SIZE_MAX);
        v.buf[v.len++] = (char)i;
        if (v.alloc != alloc) {
            grows++;
            assert_true(v.alloc <= v.len + 1 + PY_VSTR_READ_STEP + v.len / 8);
        }
        assert_true(v.alloc >= v.len + 1);
    }
    assert_true(grows < 60); // linear: geometric growth, not a step per byte
    py_vstr_clear(&v);
    py_vstr_init(&v, 16);
    for (size_t i = 0; i < 1000; i++) {
        py_vstr_reserve_read(&v, 1, 1001);
        v.buf[v.len++] = 'x';
        assert_true(v.alloc <= 1001);
    }
    assert_int_equal(v.alloc, 1001);
    py_vstr_reserve_read(&v, 3, 1001); // past the limit only as far as needed
    assert_int_equal(v.alloc, 1004);
    py_vstr_clear(&v);
}

// Text streams check what they read: UnicodeDecodeError names the first bad byte as decode() does.
static void test_check_utf8(void **state) {
    (void)state;
    py_str_check_utf8((const byte *)"caf\xc3\xa9 \xe2\x82\xac", 9);
    const char *bad[] = {"ab\xff", "ab\xc3", "\xed\xa0\x80", "\xc0\x80"};
    const char *msg[] = {
        "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte",
        "'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data",
        "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
        "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"};
    for (size_t i = 0; i < PY_ARRAY_SIZE(bad); i++) {
        py_nlr_buf_t nlr;
        if (py_nlr_push(&nlr) == 0) {
            py_str_check_utf8((const byte *)bad[i], strlen(bad[i]));
            py_nlr_pop();
            fail_msg("no error for case %zu", i);
        }
        py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
        assert_true(py_obj_is_instance(exc, &py_type_UnicodeDecodeError));
        assert_text(py_obj_str(exc), msg[i]);
    }
}

static void test_utf8_offsets(void **state) {
    (void)state;
    const byte *d = (const byte *)"a\xc3\xa9\xe2\x98\x83z\xf0\x9f\x98\x80";
    size_t len = strlen((const char *)d);
    size_t charlen = py_utf8_charlen(d, len);
    assert_int_equal(charlen, 5);
    static const size_t want[] = {0, 1, 3, 6, 7, 11};
    for (size_t i = 0; i <= charlen; i++) {
        assert_int_equal(py_utf8_offset_of(d, len, charlen, i), want[i]);
    }
    assert_int_equal(py_utf8_prev(d, len), 7);
    assert_int_equal(py_utf8_prev(d, 3), 1);
}

static void test_quoting(void **state) {
    (void)state;
    assert_repr(s2o("it's"), "\"it's\"");
    assert_repr(s2o("a'b\"c"), "'a\\'b\"c'");
    assert_repr(s2o("\x7f\x1b\t\\"), "'\\x7f\\x1b\\t\\\\'");
    assert_repr(s2o("\xc3\xa9\xc2\xa0\xe2\x80\xa8"), "'\xc3\xa9\\xa0\\u2028'");
    assert_repr(py_obj_new_bytes((const byte *)"\xff'", 2), "b\"\\xff'\"");
    assert_text(py_str_ascii_of(s2o("\xc3\xa9\xf0\x9f\x98\x80")), "'\\xe9\\U0001f600'");
}

// ---- The format engine -------------------------------------------------------------------------

static void test_format_ints(void **state) {
    (void)state;
    char b[128];
    assert_string_equal(fmt(py_obj_new_int(1234567), "010,", b, sizeof(b)), "01,234,567");
    assert_string_equal(fmt(py_obj_new_int(1234567), "012,", b, sizeof(b)), "0,001,234,567");
    assert_string_equal(fmt(py_obj_new_int(255), "#012_x", b, sizeof(b)), "0x0_0000_00ff");
    assert_string_equal(fmt(py_obj_new_int(-42), "0=8", b, sizeof(b)), "-0000042");
    assert_string_equal(fmt(py_obj_new_int(-5), "x<+5", b, sizeof(b)), "-5xxx");
    assert_string_equal(fmt(py_obj_new_int(42), "\xc3\xa9^7", b, sizeof(b)),
                        "\xc3\xa9\xc3\xa9\x34\x32\xc3\xa9\xc3\xa9\xc3\xa9");
    assert_string_equal(fmt(py_obj_new_int(0x263a), "c", b, sizeof(b)), "\xe2\x98\xba");
    assert_string_equal(fmt(py_const_true, "", b, sizeof(b)), "True");
    assert_string_equal(fmt(py_const_true, "d", b, sizeof(b)), "1");
    py_obj_t big = py_binary_op(PY_BINARY_OP_LSHIFT, py_obj_new_int(1), py_obj_new_int(70));
    assert_string_equal(fmt(big, ",", b, sizeof(b)), "1,180,591,620,717,411,303,424");
    assert_string_equal(fmt(big, "#x", b, sizeof(b)), "0x400000000000000000");
    assert_ptr_equal(raised_by(do_format, py_obj_new_int(1), s2o(",x")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_obj_new_int(1), s2o(".2d")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_obj_new_int(1), s2o("s")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_obj_new_int(1), s2o(",_")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_obj_new_int(1), s2o("99999999999")),
                     &py_type_ValueError);
}

static void test_format_floats(void **state) {
    (void)state;
    char b[128];
    assert_string_equal(fmt(py_obj_new_float(1.0), "", b, sizeof(b)), "1.0");
    assert_string_equal(fmt(py_obj_new_float(1e20), "", b, sizeof(b)), "1e+20");
    assert_string_equal(fmt(py_obj_new_float(100.0), ".3", b, sizeof(b)), "1e+02");
    assert_string_equal(fmt(py_obj_new_float(12.5), ".3", b, sizeof(b)), "12.5");
    assert_string_equal(fmt(py_obj_new_float(1.0), ".2", b, sizeof(b)), "1.0");
    assert_string_equal(fmt(py_obj_new_float(-0.0), "+", b, sizeof(b)), "-0.0");
    assert_string_equal(fmt(py_obj_new_float(-0.0001), "z.1f", b, sizeof(b)), "0.0");
    assert_string_equal(fmt(py_obj_new_float(1234.5), "012,.2f", b, sizeof(b)), "0,001,234.50");
    assert_string_equal(fmt(py_obj_new_float(0.125), ".0%", b, sizeof(b)), "12%");
    py_float_t inf = py_obj_get_float(py_obj_new_float_from_str("inf", 3));
    assert_string_equal(fmt(py_obj_new_float(inf), "010", b, sizeof(b)), "0000000inf");
    assert_string_equal(fmt(py_obj_new_float(inf), "015,.2f", b, sizeof(b)), "000000000000inf");
    assert_string_equal(fmt(py_obj_new_float(-inf), "=+8", b, sizeof(b)), "-    inf");
    assert_ptr_equal(raised_by(do_format, py_obj_new_float(1.5), s2o("d")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_obj_new_float(1.5), s2o(".")), &py_type_ValueError);
}

static void test_format_strs(void **state) {
    char b[128];
    (void)state;
    assert_string_equal(fmt(s2o("ab"), "05", b, sizeof(b)), "ab000");
    assert_string_equal(fmt(s2o("h\xc3\xa9llo"), "*^9.3", b, sizeof(b)), "***h\xc3\xa9l***");
    assert_ptr_equal(raised_by(do_format, s2o("x"), s2o("=5")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, s2o("x"), s2o("+")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, s2o("x"), s2o("d")), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_format, py_const_none, s2o(">5")), &py_type_TypeError);
    assert_string_equal(fmt(py_const_none, "", b, sizeof(b)), "None");
}

static void test_percent(void **state) {
    (void)state;
    py_obj_t two[2] = {py_obj_new_int(8), py_obj_new_float(2.5)};
    assert_text(do_modulo(s2o("[%*.*f]"),
                          py_obj_new_tuple(3, (py_obj_t[]){two[0], py_obj_new_int(3), two[1]})),
                "[   2.500]");
    assert_text(do_modulo(s2o("%+.3d|%-5x|%#o"),
                          py_obj_new_tuple(3, (py_obj_t[]){py_obj_new_int(-5), py_obj_new_int(255),
                                                           py_obj_new_int(8)})),
                "-005|ff   |0o10");
    assert_text(
        do_modulo(s2o("%c%c"), py_obj_new_tuple(2, (py_obj_t[]){py_obj_new_int(0xe9), s2o("!")})),
        "\xc3\xa9!");
    assert_ptr_equal(raised_by(do_modulo, s2o("%d %d"), py_obj_new_int(1)), &py_type_TypeError);
    assert_ptr_equal(raised_by(do_modulo, s2o("%d"), py_obj_new_tuple(2, two)), &py_type_TypeError);
    assert_ptr_equal(raised_by(do_modulo, s2o("%5%"), py_obj_new_int(1)), &py_type_ValueError);
    assert_ptr_equal(raised_by(do_modulo, s2o("%"), py_obj_new_int(1)), &py_type_ValueError);
    // A mapping: keys, and no complaint about unused arguments.
    py_obj_t d = py_obj_new_dict(1);
    py_obj_dict_store(d, s2o("k"), py_obj_new_int(7));
    assert_text(do_modulo(s2o("%(k)03d"), d), "007");
    assert_text(do_modulo(s2o("plain"), d), "plain");
    // bytes % args.
    assert_repr(do_modulo(py_obj_new_bytes((const byte *)"%s-%x", 5),
                          py_obj_new_tuple(2, (py_obj_t[]){py_obj_new_bytes((const byte *)"ab", 2),
                                                           py_obj_new_int(255)})),
                "b'ab-ff'");
}

// ---- Unicode tables ----------------------------------------------------------------------------

static void test_case_tables_consistent(void **state) {
    (void)state;
    for (uint32_t c = 0; c < 0x20000; c++) {
        uint32_t lo = py_unichar_tolower(c), up = py_unichar_toupper(c);
        if (py_unichar_isupper(c) && lo != c) {
            assert_true(py_unichar_islower(lo));
        }
        if (py_unichar_islower(c) && up != c) {
            assert_true(py_unichar_isupper(up) || py_unichar_istitle(up) || up == 0x130);
        }
        assert_false(py_unichar_isupper(c) && py_unichar_islower(c));
        if (py_unichar_isdecimal(c)) {
            assert_true(py_unichar_isdigit(c) && py_unichar_isnumeric(c));
        }
    }
    assert_int_equal(py_unichar_toupper(0xe9), 0xc9);
    assert_int_equal(py_unichar_tolower(0x3a3), 0x3c3);
    assert_int_equal(py_unichar_toupper(0x3c2), 0x3a3);
    assert_int_equal(py_unichar_tolower(0x42f), 0x44f);
    assert_int_equal(py_unichar_totitle(0x1c6), 0x1c5);
    assert_true(py_unichar_isspace(0x3000));
    assert_false(py_unichar_isprintable(0xa0));
    assert_true(py_unichar_isalpha(0x65e5));
}

// ---- bytearray and memoryview ------------------------------------------------------------------

static void test_memoryview_follows_bytearray(void **state) {
    (void)state;
    py_obj_t ba = py_obj_new_bytearray(4, "abcd");
    py_obj_t mv = py_call_function_1(PY_OBJ_FROM_PTR((py_obj_type_t *)&py_type_memoryview), ba);
    py_obj_t sub = py_obj_subscr(
        mv, py_obj_new_slice(py_obj_new_int(1), py_const_none, py_const_none), PY_OBJ_SENTINEL);
    // Growing the bytearray moves its storage; the view follows it.
    py_obj_t big = py_obj_new_bytes((const byte *)"0123456789012345678901234567890123456789", 40);
    py_binary_op(PY_BINARY_OP_INPLACE_ADD, ba, big);
    py_obj_subscr(sub, PY_OBJ_NEW_SMALL_INT(0), PY_OBJ_NEW_SMALL_INT('B'));
    py_buffer_info_t info;
    py_get_buffer_raise(ba, &info, PY_BUFFER_READ | PY_BUFFER_WRITE);
    assert_int_equal(info.len, 44);
    assert_memory_equal(info.buf, "aBcd0123", 8);
    // A read-only view refuses writes through the buffer protocol.
    py_obj_t ro = py_call_function_1(PY_OBJ_FROM_PTR((py_obj_type_t *)&py_type_memoryview),
                                     py_obj_new_bytes((const byte *)"xy", 2));
    assert_false(py_get_buffer(ro, &info, PY_BUFFER_WRITE));
    assert_true(py_get_buffer(ro, &info, PY_BUFFER_READ));
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_append_inplace_keeps_views, unit_py_setup),
        cmocka_unit_test_setup(test_append_inplace_survives_gc, unit_py_setup),
        cmocka_unit_test_setup(test_append_inplace_unicode, unit_py_setup),
        cmocka_unit_test_setup(test_short_strs_are_shared, unit_py_setup),
        cmocka_unit_test_setup(test_vstr_takeover, unit_py_setup),
        cmocka_unit_test_setup(test_vstr_reserve_read_bounds_the_slack, unit_py_setup),
        cmocka_unit_test_setup(test_check_utf8, unit_py_setup),
        cmocka_unit_test_setup(test_utf8_offsets, unit_py_setup),
        cmocka_unit_test_setup(test_quoting, unit_py_setup),
        cmocka_unit_test_setup(test_format_ints, unit_py_setup),
        cmocka_unit_test_setup(test_format_floats, unit_py_setup),
        cmocka_unit_test_setup(test_format_strs, unit_py_setup),
        cmocka_unit_test_setup(test_percent, unit_py_setup),
        cmocka_unit_test_setup(test_case_tables_consistent, unit_py_setup),
        cmocka_unit_test_setup(test_memoryview_follows_bytearray, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
