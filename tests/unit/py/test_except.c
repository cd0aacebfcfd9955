// SPDX-License-Identifier: MIT
// test_except.c: exceptions and classes from C (objexcept.c, objtype.c): traceback printing in
// MicroPython's format, str/repr of args, errno text, matching against classes and tuples,
// exceptions made while the heap cannot allocate, and C3 linearisation of class bases.

// cmocka.h needs the standard headers before it.
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
// clang-format on

#include "builtin.h"
#include "gc.h"
#include "objexcept.h"
#include "objtype.h"
#include "runtime.h"
#include "unit_port.h"

// ---- Helpers -----------------------------------------------------------------------------------

// Prints [exc] as an uncaught exception into [buf].
static void exception_text(py_obj_t exc, char *buf, size_t size) {
    py_vstr_t v;
    py_vstr_init(&v, 64);
    py_print_t p = PY_PRINT_TO_VSTR(&v);
    py_obj_print_exception(&p, exc);
    snprintf(buf, size, "%.*s", (int)v.len, v.buf);
}

static void assert_text(py_obj_t o, py_print_kind_t kind, const char *want) {
    size_t len;
    const char *s = py_obj_str_get_data(py_obj_new_str_of(o, kind), &len);
    char buf[256];
    snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
    assert_string_equal(buf, want);
}

static py_obj_t qobj(const char *s) {
    return PY_OBJ_NEW_QSTR(py_qstr_from_str(s));
}

// ---- Tests -------------------------------------------------------------------------------------

static void test_traceback_printed_outermost_first(void **state) {
    (void)state;
    py_obj_t exc = py_obj_new_exception_msg(&py_type_ValueError, "bad");
    // The VM adds entries as the exception unwinds: innermost frame first.
    py_obj_exception_add_traceback(exc, py_qstr_from_str("t.py"), 2, py_qstr_from_str("f"));
    py_obj_exception_add_traceback(exc, py_qstr_from_str("t.py"), 4, PY_QSTR_lt_module_gt);
    char buf[512];
    exception_text(exc, buf, sizeof(buf));
    assert_string_equal(buf, "Traceback (most recent call last):\n"
                             "  File \"t.py\", line 4, in <module>\n"
                             "  File \"t.py\", line 2, in f\n"
                             "ValueError: bad\n");
    py_obj_exception_clear_traceback(exc);
    exception_text(exc, buf, sizeof(buf));
    assert_string_equal(buf, "ValueError: bad\n");
}

static void test_message_forms(void **state) {
    (void)state;
    char buf[256];
    exception_text(py_obj_new_exception(&py_type_KeyboardInterrupt), buf, sizeof(buf));
    assert_string_equal(buf, "KeyboardInterrupt: \n");
    py_obj_t two[2] = {qobj("a"), PY_OBJ_NEW_SMALL_INT(2)};
    exception_text(py_obj_new_exception_args(&py_type_ValueError, 2, two), buf, sizeof(buf));
    assert_string_equal(buf, "ValueError: ('a', 2)\n");
    exception_text(py_obj_new_exception_msg_varg(&py_type_NameError, "name '%q' isn't defined",
                                                 py_qstr_from_str("xyz")),
                   buf, sizeof(buf));
    assert_string_equal(buf, "NameError: name 'xyz' isn't defined\n");
}

static void test_str_and_repr_of_args(void **state) {
    (void)state;
    py_obj_t e0 = py_obj_new_exception(&py_type_ValueError);
    assert_text(e0, PY_PRINT_STR, "");
    assert_text(e0, PY_PRINT_REPR, "ValueError()");
    py_obj_t e1 = py_obj_new_exception_arg1(&py_type_ValueError, qobj("one"));
    assert_text(e1, PY_PRINT_STR, "one");
    assert_text(e1, PY_PRINT_REPR, "ValueError('one')");
    py_obj_t k = py_obj_new_exception_arg1(&py_type_KeyError, qobj("key"));
    assert_text(k, PY_PRINT_STR, "'key'");
    assert_text(k, PY_PRINT_REPR, "KeyError('key')");
    py_obj_t two[2] = {PY_OBJ_NEW_SMALL_INT(1), qobj("x")};
    py_obj_t e2 = py_obj_new_exception_args(&py_type_Exception, 2, two);
    assert_text(e2, PY_PRINT_STR, "(1, 'x')");
    assert_text(e2, PY_PRINT_REPR, "Exception(1, 'x')");
}

static void test_oserror_text_and_attributes(void **state) {
    (void)state;
    py_obj_t e = py_obj_new_exception_arg1(&py_type_OSError, PY_OBJ_NEW_SMALL_INT(2));
    assert_text(e, PY_PRINT_STR, "[Errno 2] ENOENT");
    assert_int_equal(py_obj_get_int(py_load_attr(e, PY_QSTR_errno)), 2);
    assert_string_equal(py_errno_name(110), "ETIMEDOUT");
    assert_null(py_errno_name(250));
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_raise_OSError(13);
        py_nlr_pop();
        fail();
    }
    py_obj_t raised = PY_OBJ_FROM_PTR(nlr.ret_val);
    assert_true(py_obj_is_instance(raised, &py_type_OSError));
    char buf[128];
    exception_text(raised, buf, sizeof(buf));
    assert_string_equal(buf, "OSError: [Errno 13] EACCES\n");
}

static void test_match_classes_and_tuples(void **state) {
    (void)state;
    py_obj_t exc = py_obj_new_exception(&py_type_KeyError);
    assert_true(py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_LookupError)));
    assert_true(py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_BaseException)));
    assert_false(py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_IndexError)));
    py_obj_t items[2] = {PY_OBJ_FROM_PTR(&py_type_TypeError), PY_OBJ_FROM_PTR(&py_type_KeyError)};
    assert_true(py_obj_exception_match(exc, py_obj_new_tuple(2, items)));
    assert_false(py_obj_exception_match(py_obj_new_exception(&py_type_KeyboardInterrupt),
                                        PY_OBJ_FROM_PTR(&py_type_Exception)));
    assert_true(py_obj_is_subclass(&py_type_RecursionError, &py_type_RuntimeError));
    assert_true(py_obj_is_subclass(&py_type_FileNotFoundError, &py_type_OSError));
}

static void test_exceptions_without_heap(void **state) {
    (void)state;
    // With the heap full and the collector locked nothing can be allocated: exceptions come
    // from the spares and keep their type; their traceback holds a fixed number of entries.
    py_gc_lock();
    for (size_t size = 1024; size >= 8; size /= 2) {
        while (py_gc_alloc(size, 0) != NULL) {
        }
    }
    py_obj_t exc = py_obj_new_exception_msg(&py_type_TypeError, "no room for this text");
    assert_true(py_obj_is_instance(exc, &py_type_TypeError));
    assert_false(py_gc_is_heap_ptr(PY_OBJ_TO_PTR(exc)));
    for (size_t i = 0; i < PY_EMERGENCY_TB_ENTRIES + 5; i++) {
        py_obj_exception_add_traceback(exc, PY_QSTR_lt_module_gt, i + 1, PY_QSTR_NULL);
    }
    py_gc_unlock();
    assert_int_equal(((py_obj_exception_t *)PY_OBJ_TO_PTR(exc))->tb_len, PY_EMERGENCY_TB_ENTRIES);
    char buf[1024];
    exception_text(exc, buf, sizeof(buf));
    assert_non_null(strstr(buf, "  File \"<module>\", line 1\n"));
    assert_non_null(strstr(buf, "TypeError: \n"));
}

// class name(*bases): {} as `class` statements make them.
static py_obj_t make_class(const char *name, size_t n, const py_obj_t *bases) {
    return py_type_new_class(&py_type_type, py_qstr_from_str(name), py_obj_new_tuple(n, bases),
                             py_obj_new_dict(0), NULL);
}

static void test_c3_diamond_and_conflict(void **state) {
    (void)state;
    py_obj_t a = make_class("A", 0, NULL);
    py_obj_t b = make_class("B", 1, &a);
    py_obj_t c = make_class("C", 1, &a);
    py_obj_t bc[2] = {b, c};
    py_obj_t d = make_class("D", 2, bc);
    py_obj_tuple_t *mro = PY_OBJ_TO_PTR(py_type_get_mro(PY_OBJ_TO_PTR(d)));
    assert_int_equal(mro->len, 5);
    py_obj_t want[5] = {d, b, c, a, PY_OBJ_FROM_PTR(&py_type_object)};
    for (size_t i = 0; i < 5; i++) {
        assert_ptr_equal(mro->items[i], want[i]);
    }
    // class E(A, B) cannot put A both before and after B.
    py_obj_t ab[2] = {a, b};
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        make_class("E", 2, ab);
        py_nlr_pop();
        fail();
    }
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    assert_true(py_obj_is_instance(exc, &py_type_TypeError));
    assert_text(exc, PY_PRINT_STR, "Cannot create a consistent method resolution order (MRO)");
}

static void test_user_exception_class(void **state) {
    (void)state;
    py_obj_t base = PY_OBJ_FROM_PTR(&py_type_ValueError);
    py_obj_t cls = make_class("AppError", 1, &base);
    assert_true(py_obj_is_exception_type(cls));
    py_obj_t arg = qobj("boom");
    py_obj_t exc = py_call_function_n_kw(cls, 1, 0, &arg);
    assert_true(py_obj_is_exception_instance(exc));
    assert_true(py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_ValueError)));
    assert_text(exc, PY_PRINT_REPR, "AppError('boom')");
    py_store_attr(exc, py_qstr_from_str("code"), PY_OBJ_NEW_SMALL_INT(7));
    assert_int_equal(py_obj_get_int(py_load_attr(exc, py_qstr_from_str("code"))), 7);
    py_obj_exception_add_traceback(exc, py_qstr_from_str("m.py"), 9, PY_QSTR_lt_module_gt);
    char buf[256];
    exception_text(exc, buf, sizeof(buf));
    assert_string_equal(buf, "Traceback (most recent call last):\n"
                             "  File \"m.py\", line 9, in <module>\n"
                             "AppError: boom\n");
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_traceback_printed_outermost_first, unit_py_setup),
        cmocka_unit_test_setup(test_message_forms, unit_py_setup),
        cmocka_unit_test_setup(test_str_and_repr_of_args, unit_py_setup),
        cmocka_unit_test_setup(test_oserror_text_and_attributes, unit_py_setup),
        cmocka_unit_test_setup(test_match_classes_and_tuples, unit_py_setup),
        cmocka_unit_test_setup(test_exceptions_without_heap, unit_py_setup),
        cmocka_unit_test_setup(test_c3_diamond_and_conflict, unit_py_setup),
        cmocka_unit_test_setup(test_user_exception_class, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
