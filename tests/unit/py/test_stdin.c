// SPDX-License-Identifier: MIT
// test_stdin.c: sys.stdin and sys.stdin.buffer reads return what arrived and take little more
// heap than the result: read(n) reserves n bytes up front, lines grow by small steps.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

// cmocka.h needs the headers above first.
// clang-format off
#include <cmocka.h>
// clang-format on

#include "gc.h"
#include "runtime.h"
#include "unit_port.h"

// sys.stdin, or sys.stdin.buffer when [binary].
static py_obj_t get_stdin(bool binary) {
    py_obj_t sys = py_import_name(PY_QSTR_sys, py_const_none, PY_OBJ_NEW_SMALL_INT(0));
    py_obj_t in = py_load_attr(sys, PY_QSTR_stdin);
    return binary ? py_load_attr(in, PY_QSTR_buffer) : in;
}

// Calls [stream].[method](*[arg]); returns the result and the most heap it took at once, in bytes.
static py_obj_t call_measured(py_obj_t stream, qstr method, py_obj_t arg, size_t *peak) {
    py_obj_t fun = py_load_attr(stream, method);
    py_gc_collect();
    py_gc_info_t before, after;
    py_gc_info(&before);
    py_gc_reset_peak();
    py_obj_t args[1] = {arg};
    py_obj_t r = py_call_function_n_kw(fun, arg == PY_OBJ_NULL ? 0 : 1, 0, args);
    py_gc_info(&after);
    *peak = after.peak_used - before.used;
    return r;
}

static void assert_bytes(py_obj_t o, const char *want, size_t want_len) {
    size_t len;
    const char *d = py_obj_str_get_data(o, &len);
    assert_int_equal(len, want_len);
    assert_memory_equal(d, want, len);
}

// Blocks holding [n] bytes.
static size_t blocks(size_t n) {
    return (n + PY_GC_BLOCK_BYTES - 1) / PY_GC_BLOCK_BYTES * PY_GC_BLOCK_BYTES;
}

// What a result of [n] bytes needs at least: its text and a NUL, and the object; a little more
// is allowed for the call itself.
static size_t allowed(size_t n) {
    return blocks(n + 1) + blocks(sizeof(py_obj_str_t)) + 2 * PY_GC_BLOCK_BYTES;
}

static void buffer_read_n_takes_about_n(void **state) {
    (void)state;
    static char data[3000];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (char)(i * 7);
    }
    unit_set_stdin(data, sizeof(data));
    py_obj_t in = get_stdin(true);
    size_t peak;
    py_obj_t r = call_measured(in, PY_QSTR_read, PY_OBJ_NEW_SMALL_INT(1000), &peak);
    assert_bytes(r, data, 1000);
    assert_true(peak <= allowed(1000));
    // Past the bytes reserved up front, the buffer grows by small steps.
    r = call_measured(in, PY_QSTR_read, PY_OBJ_NEW_SMALL_INT(1800), &peak);
    assert_bytes(r, data + 1000, 1800);
    assert_true(peak <= allowed(1800) + blocks(PY_VSTR_READ_STEP));
    // Fewer bytes than asked for: what came, the buffer shrunk to fit.
    r = call_measured(in, PY_QSTR_read, PY_OBJ_NEW_SMALL_INT(1000), &peak);
    assert_bytes(r, data + 2800, 200);
    assert_int_equal(py_gc_nbytes(((py_obj_str_t *)PY_OBJ_TO_PTR(r))->data), blocks(201));
}

static void text_read_n_counts_characters(void **state) {
    (void)state;
    static const char data[] = "caf\xc3\xa9 \xe2\x82\xac!";
    unit_set_stdin(data, sizeof(data) - 1);
    py_obj_t in = get_stdin(false);
    size_t peak;
    py_obj_t r = call_measured(in, PY_QSTR_read, PY_OBJ_NEW_SMALL_INT(6), &peak);
    assert_bytes(r, "caf\xc3\xa9 \xe2\x82\xac", 9);
    assert_int_equal(PY_OBJ_SMALL_INT_VALUE(py_obj_len(r)), 6);
    r = call_measured(in, PY_QSTR_read, PY_OBJ_NULL, &peak);
    assert_bytes(r, "!", 1);
}

static void readline_of_a_long_line_keeps_the_slack_small(void **state) {
    (void)state;
    static char data[2102];
    memset(data, 'x', 2100);
    data[2100] = '\n';
    data[2101] = 'y';
    unit_set_stdin(data, sizeof(data));
    py_obj_t in = get_stdin(true);
    size_t peak;
    py_obj_t r = call_measured(in, PY_QSTR_readline, PY_OBJ_NULL, &peak);
    assert_bytes(r, data, 2101);
    // An eighth of the length (and a step) at most, where growing by half would take 1.5 times.
    assert_true(peak <= allowed(2101) + blocks(2101 / 8 + PY_VSTR_READ_STEP));
    r = call_measured(in, PY_QSTR_readline, PY_OBJ_NULL, &peak);
    assert_bytes(r, "y", 1);
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(buffer_read_n_takes_about_n, unit_py_setup),
        cmocka_unit_test_setup(text_read_n_counts_characters, unit_py_setup),
        cmocka_unit_test_setup(readline_of_a_long_line_keeps_the_slack_small, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
