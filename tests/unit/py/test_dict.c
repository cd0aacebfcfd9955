// SPDX-License-Identifier: MIT
// test_dict.c: dicts over maps (objdict.c, map.c): insertion order through deletes and growth,
// popitem order, many keys, keys of different types that Python considers equal, KeyError,
// recursive repr, the size check of dict iterators, and CPython's set order (objset.c). Also list
// sorting (sort.c), whose stability and exception safety are easiest to check from C.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "builtin.h"
#include "gc.h"
#include "objcontainer.h"
#include "runtime.h"
#include "unit_port.h"

// ---- Helpers -----------------------------------------------------------------------------------

static py_obj_t i2o(intptr_t v) {
    return py_obj_new_int(v);
}

static void assert_repr(py_obj_t o, const char *want) {
    size_t len;
    const char *s = py_obj_str_get_data(py_obj_repr(o), &len);
    char buf[1024];
    snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
    assert_string_equal(buf, want);
}

// self.attr(*args)
static py_obj_t call_method(py_obj_t self, qstr attr, size_t n_args, const py_obj_t *args) {
    py_obj_t call[2 + 4];
    assert_true(n_args <= 4);
    py_load_method(self, attr, call);
    if (n_args > 0) {
        memcpy(call + 2, args, n_args * sizeof(py_obj_t));
    }
    return py_call_method_n_kw(n_args, 0, call);
}

typedef void (*thunk_t)(py_obj_t a, py_obj_t b);

// The exception fn(a, b) raised, or PY_OBJ_NULL if it returned normally.
static py_obj_t raised_by(thunk_t fn, py_obj_t a, py_obj_t b) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        fn(a, b);
        py_nlr_pop();
        return PY_OBJ_NULL;
    }
    return PY_OBJ_FROM_PTR(nlr.ret_val);
}

static void do_subscr(py_obj_t a, py_obj_t b) {
    py_obj_subscr(a, b, PY_OBJ_SENTINEL);
}

static void do_popitem(py_obj_t a, py_obj_t b) {
    (void)b;
    call_method(a, PY_QSTR_popitem, 0, NULL);
}

// Iterates [a] and stores key [b] into it on the first step.
static void do_iter_and_add(py_obj_t a, py_obj_t b) {
    py_obj_t it = py_getiter(a, NULL);
    py_iternext(it);
    py_obj_dict_store(a, b, py_const_none);
    py_iternext(it);
}

static void do_sort(py_obj_t a, py_obj_t b) {
    py_list_sort(a, b, false);
}

// The keys of dict [d] in iteration order, as small ints.
static size_t dict_keys(py_obj_t d, intptr_t *out, size_t max) {
    size_t n = 0;
    py_obj_t it = py_getiter(d, NULL);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        assert_true(n < max);
        out[n++] = py_obj_get_int(k);
    }
    return n;
}

// ---- Dict tests ---------------------------------------------------------------------------------

static void test_insertion_order_survives_deletes_and_growth(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    for (intptr_t i = 0; i < 100; i++) {
        py_obj_dict_store(d, i2o(i), i2o(i * 10));
    }
    for (intptr_t i = 0; i < 100; i += 2) {
        py_obj_dict_delete(d, i2o(i));
    }
    // Growing compacts the table; the survivors must keep their order.
    for (intptr_t i = 100; i < 300; i++) {
        py_obj_dict_store(d, i2o(i), i2o(i * 10));
    }
    // Re-storing an existing key keeps its position.
    py_obj_dict_store(d, i2o(1), i2o(-1));
    static intptr_t keys[300];
    size_t n = dict_keys(d, keys, 300);
    assert_int_equal(n, 250);
    assert_int_equal(py_obj_dict_len(d), 250);
    for (size_t j = 0; j < 50; j++) {
        assert_int_equal(keys[j], 2 * j + 1);
    }
    for (size_t j = 50; j < 250; j++) {
        assert_int_equal(keys[j], 100 + (intptr_t)(j - 50));
    }
    assert_int_equal(py_obj_get_int(py_obj_dict_get(d, i2o(1))), -1);
    assert_int_equal(py_obj_get_int(py_obj_dict_get(d, i2o(299))), 2990);
    assert_null(py_obj_dict_get(d, i2o(2)));
}

static void test_popitem_is_lifo(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    for (intptr_t i = 0; i < 20; i++) {
        py_obj_dict_store(d, i2o(i), i2o(i));
    }
    py_obj_dict_delete(d, i2o(19));
    py_obj_dict_store(d, i2o(5), i2o(55)); // an update does not move the key
    py_obj_dict_store(d, i2o(100), i2o(100));
    assert_repr(call_method(d, PY_QSTR_popitem, 0, NULL), "(100, 100)");
    assert_repr(call_method(d, PY_QSTR_popitem, 0, NULL), "(18, 18)");
    for (intptr_t i = 17; i >= 0; i--) {
        py_obj_t kv = call_method(d, PY_QSTR_popitem, 0, NULL);
        py_obj_t *items;
        py_obj_get_array_fixed_n(kv, 2, &items);
        assert_int_equal(py_obj_get_int(items[0]), i);
        assert_int_equal(py_obj_get_int(items[1]), i == 5 ? 55 : i);
    }
    assert_int_equal(py_obj_dict_len(d), 0);
    py_obj_t exc = raised_by(do_popitem, d, PY_OBJ_NULL);
    assert_ptr_equal(py_obj_get_type(exc), &py_type_KeyError);
    // Usable again after being emptied.
    py_obj_dict_store(d, i2o(7), i2o(8));
    assert_repr(d, "{7: 8}");
}

static void test_many_keys(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    const intptr_t n = 10000;
    for (intptr_t i = 0; i < n; i++) {
        py_obj_dict_store(d, i2o(i * 7919), i2o(i));
    }
    assert_int_equal(py_obj_dict_len(d), n);
    for (intptr_t i = 0; i < n; i++) {
        assert_int_equal(py_obj_get_int(py_obj_dict_get(d, i2o(i * 7919))), i);
    }
    assert_null(py_obj_dict_get(d, i2o(1)));
    // Keys made of text: str objects and qstrs.
    py_obj_t s = py_obj_new_dict(0);
    char buf[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof(buf), "key_number_%d", i);
        py_obj_dict_store(s, py_obj_new_str(buf, strlen(buf)), i2o(i));
    }
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof(buf), "key_number_%d", i);
        assert_int_equal(py_obj_get_int(py_obj_dict_get(s, py_obj_new_str(buf, strlen(buf)))), i);
    }
    assert_int_equal(py_obj_dict_len(s), 2000);
}

static void test_equal_keys_of_different_types(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    py_obj_dict_store(d, i2o(1), PY_OBJ_NEW_QSTR(PY_QSTR_int));
    py_obj_dict_store(d, py_const_true, PY_OBJ_NEW_QSTR(PY_QSTR_bool));
#if PY_FEATURE_FLOAT
    py_obj_dict_store(d, py_obj_new_float(1.0), PY_OBJ_NEW_QSTR(PY_QSTR_float));
    assert_ptr_equal(py_obj_dict_get(d, py_obj_new_float(1.0)), PY_OBJ_NEW_QSTR(PY_QSTR_float));
#endif
    assert_int_equal(py_obj_dict_len(d), 1);
    assert_repr(d, "{1: 'float'}");
    py_obj_dict_store(d, py_const_false, i2o(0));
    assert_ptr_equal(py_obj_dict_get(d, i2o(0)), i2o(0));

    // A heap str and the qstr with the same text are the same key.
    const char *text = "a_key_long_enough_not_to_be_interned_already";
    py_obj_t heap_str = py_obj_new_str(text, strlen(text));
    py_obj_dict_store(d, heap_str, i2o(42));
    py_obj_t q = PY_OBJ_NEW_QSTR(py_qstr_from_str(text));
    assert_ptr_equal(py_obj_dict_get(d, q), i2o(42));
    py_obj_dict_store(d, q, i2o(43));
    assert_int_equal(py_obj_dict_len(d), 3);
    assert_ptr_equal(py_obj_dict_get(d, heap_str), i2o(43));

    // Big ints equal by value.
    py_obj_t big1 = py_obj_new_int_from_ll(0x123456789abcdefLL);
    py_obj_t big2 =
        py_binary_op(PY_BINARY_OP_ADD, py_obj_new_int_from_ll(0x123456789abcdeeLL), i2o(1));
    py_obj_dict_store(d, big1, i2o(1));
    assert_ptr_equal(py_obj_dict_get(d, big2), i2o(1));

    // Tuples hash by value.
    py_obj_t t1 = py_obj_new_tuple(2, (py_obj_t[]){i2o(1), q});
    py_obj_t t2 = py_obj_new_tuple(2, (py_obj_t[]){py_const_true, heap_str});
    py_obj_dict_store(d, t1, i2o(5));
    assert_ptr_equal(py_obj_dict_get(d, t2), i2o(5));
}

static void test_key_error_carries_key(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    py_obj_dict_store(d, i2o(1), i2o(2));
    py_obj_t exc = raised_by(do_subscr, d, PY_OBJ_NEW_QSTR(PY_QSTR_key));
    assert_ptr_equal(py_obj_get_type(exc), &py_type_KeyError);
    assert_repr(py_obj_exception_get_args(exc), "('key',)");
    // Unhashable keys are a TypeError, even when looking up.
    exc = raised_by(do_subscr, d, py_obj_new_list(0, NULL));
    assert_ptr_equal(py_obj_get_type(exc), &py_type_TypeError);
}

static void test_repr_and_recursion(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    assert_repr(d, "{}");
    py_obj_dict_store(d, PY_OBJ_NEW_QSTR(py_qstr_from_str("self")), d);
    py_obj_dict_store(d, i2o(2), py_obj_new_tuple(1, (py_obj_t[]){py_const_none}));
    assert_repr(d, "{'self': {...}, 2: (None,)}");
    py_obj_t l = py_obj_new_list(0, NULL);
    py_obj_list_append(l, l);
    py_obj_list_append(l, d);
    assert_repr(l, "[[...], {'self': {...}, 2: (None,)}]");
}

static void test_iteration_detects_size_change(void **state) {
    (void)state;
    py_obj_t d = py_obj_new_dict(0);
    py_obj_dict_store(d, i2o(1), i2o(1));
    py_obj_dict_store(d, i2o(2), i2o(2));
    py_obj_t exc = raised_by(do_iter_and_add, d, i2o(3));
    assert_ptr_equal(py_obj_get_type(exc), &py_type_RuntimeError);
    // Replacing a value is not a size change.
    exc = raised_by(do_iter_and_add, d, i2o(1));
    assert_null(exc);
}

// ---- Set order ----------------------------------------------------------------------------------

// Sets print in CPython's order: by slot in a table sized and probed as CPython's.
static void test_set_order_matches_cpython(void **state) {
    (void)state;
    assert_repr(py_obj_new_set(3, (py_obj_t[]){i2o(3), i2o(1), i2o(2)}), "{1, 2, 3}");
    assert_repr(py_obj_new_set(2, (py_obj_t[]){i2o(1), i2o(8)}), "{8, 1}");
    py_obj_t s = py_obj_new_set(0, NULL);
    intptr_t adds[] = {5, 3, 17, 1, 9, 33, 65, 2};
    for (size_t i = 0; i < PY_ARRAY_SIZE(adds); i++) {
        py_obj_set_store(s, i2o(adds[i]));
    }
    // What CPython 3.11 prints for the same additions.
    assert_repr(s, "{1, 33, 3, 65, 5, 2, 9, 17}");
    py_obj_t t = py_obj_new_set(2, (py_obj_t[]){py_obj_new_tuple(2, (py_obj_t[]){i2o(1), i2o(2)}),
                                                py_obj_new_tuple(2, (py_obj_t[]){i2o(0), i2o(0)})});
    if (sizeof(void *) == 8) {
        assert_repr(t, "{(1, 2), (0, 0)}"); // CPython's tuple hash on a 64-bit build
    }
    assert_repr(py_obj_new_set(0, NULL), "set()");
}

// ---- Sort tests ---------------------------------------------------------------------------------

// Floats sorted with key=abs: -3.0 and 3.0 have equal keys and must keep their input order.
static void test_sort_is_stable(void **state) {
    (void)state;
    enum { N = 3000 };
    static py_obj_t items[N];
    py_obj_t l = py_obj_new_list(0, NULL);
    uint32_t seed = 12345;
    for (intptr_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        items[i] = py_obj_new_float((double)((intptr_t)((seed >> 16) % 41) - 20));
        py_obj_list_append(l, items[i]);
    }
    py_list_sort(l, PY_OBJ_FROM_PTR(&py_builtin_abs_obj), false);
    py_obj_list_t *s = PY_OBJ_TO_PTR(l);
    assert_int_equal(s->len, N);
    size_t pos = 0;
    for (int k = 0; k <= 20; k++) {
        for (size_t i = 0; i < N; i++) {
            double v = py_obj_float_get(items[i]);
            if (v == k || v == -k) {
                assert_ptr_equal(s->items[pos], items[i]);
                pos++;
            }
        }
    }
    assert_int_equal(pos, N);
}

static void test_sort_reverse_keeps_equal_order(void **state) {
    (void)state;
    enum { N = 500 };
    py_obj_t items[N];
    py_obj_t l = py_obj_new_list(0, NULL);
    for (intptr_t i = 0; i < N; i++) {
        // Equal float values with distinct identities: stable order is checkable by identity.
        items[i] = py_obj_new_float((double)((i * 37) % 10));
        py_obj_list_append(l, items[i]);
    }
    py_list_sort(l, PY_OBJ_NULL, true);
    py_obj_list_t *s = PY_OBJ_TO_PTR(l);
    size_t pos = 0;
    for (intptr_t v = 9; v >= 0; v--) {
        for (intptr_t i = 0; i < N; i++) {
            if ((i * 37) % 10 == v) {
                assert_ptr_equal(s->items[pos], items[i]);
                pos++;
            }
        }
    }
    assert_int_equal(pos, N);
}

// Two sorted runs of pairs: [n_a] of (even, 0) and [n_b] of (odd, 'key'), but one pair of the
// second run has an even number, so comparing it with its twin in the first run,
// (n, 0) < (n, 'key'), raises TypeError in the middle of merging the runs, while part of a run
// sits in the merge buffer. The list must still hold each item exactly once.
static void check_sort_failure_in_merge(intptr_t n_a, intptr_t n_b) {
    intptr_t n = n_a + n_b;
    py_obj_t *items = py_new(py_obj_t, n);
    py_obj_t l = py_obj_new_list(0, NULL);
    py_obj_t text = PY_OBJ_NEW_QSTR(PY_QSTR_key);
    for (intptr_t i = 0; i < n; i++) {
        py_obj_t pair[2];
        if (i < n_a) {
            pair[0] = i2o(2 * i);
            pair[1] = i2o(0);
        } else {
            intptr_t j = i - n_a;
            pair[0] = i2o(j == n_b / 2 ? 2 * j : 2 * j + 1);
            pair[1] = text;
        }
        items[i] = py_obj_new_tuple(2, pair);
        py_obj_list_append(l, items[i]);
    }
    py_obj_t exc = raised_by(do_sort, l, PY_OBJ_NULL);
    assert_non_null(exc);
    assert_ptr_equal(py_obj_get_type(exc), &py_type_TypeError);
    py_obj_list_t *s = PY_OBJ_TO_PTR(l);
    assert_int_equal(s->len, n);
    for (intptr_t i = 0; i < n; i++) {
        size_t count = 0;
        for (intptr_t j = 0; j < n; j++) {
            count += s->items[j] == items[i];
        }
        assert_int_equal(count, 1);
    }
}

static void test_sort_failure_keeps_a_permutation(void **state) {
    (void)state;
    check_sort_failure_in_merge(100, 100); // the first run goes to the buffer
    check_sort_failure_in_merge(150, 80);  // the second run goes to the buffer
}

static void test_sort_sorted_and_reversed_inputs(void **state) {
    (void)state;
    enum { N = 5000 };
    py_obj_t up = py_obj_new_list(0, NULL), down = py_obj_new_list(0, NULL);
    for (intptr_t i = 0; i < N; i++) {
        py_obj_list_append(up, i2o(i));
        py_obj_list_append(down, i2o(N - i));
    }
    py_list_sort(up, PY_OBJ_NULL, false);
    py_list_sort(down, PY_OBJ_NULL, false);
    for (intptr_t i = 0; i < N; i++) {
        assert_int_equal(py_obj_get_int(((py_obj_list_t *)up)->items[i]), i);
        assert_int_equal(py_obj_get_int(((py_obj_list_t *)down)->items[i]), i + 1);
    }
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_insertion_order_survives_deletes_and_growth, unit_py_setup),
        cmocka_unit_test_setup(test_popitem_is_lifo, unit_py_setup),
        cmocka_unit_test_setup(test_many_keys, unit_py_setup),
        cmocka_unit_test_setup(test_equal_keys_of_different_types, unit_py_setup),
        cmocka_unit_test_setup(test_key_error_carries_key, unit_py_setup),
        cmocka_unit_test_setup(test_repr_and_recursion, unit_py_setup),
        cmocka_unit_test_setup(test_iteration_detects_size_change, unit_py_setup),
        cmocka_unit_test_setup(test_set_order_matches_cpython, unit_py_setup),
        cmocka_unit_test_setup(test_sort_is_stable, unit_py_setup),
        cmocka_unit_test_setup(test_sort_reverse_keeps_equal_order, unit_py_setup),
        cmocka_unit_test_setup(test_sort_failure_keeps_a_permutation, unit_py_setup),
        cmocka_unit_test_setup(test_sort_sorted_and_reversed_inputs, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
