// SPDX-License-Identifier: MIT
// sort.c: the stable sort behind list.sort() and sorted().
//
// A natural merge sort in the manner of timsort: the array is cut into ascending runs (strictly
// descending runs are reversed in place), short runs are extended with binary insertion, and runs
// are merged from a stack that keeps their lengths balanced. Merging copies the shorter run to a
// temporary buffer. Comparisons call Python code that may raise; a raise in the middle of a merge
// copies the buffered items back into the gap they came from, so the array is always left a
// permutation of its items.
//
// With a key function, the keys are computed once per item into a separate array and moved in
// step with the items. reverse=True sorts by "strictly greater first", which keeps equal items in
// their original order as CPython does.

#include <string.h>

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

// Runs shorter than this are extended by binary insertion before merging.
#define SORT_MIN_MERGE (64)
// Pending runs on the merge stack. The stack invariant makes run lengths grow at least like the
// Fibonacci numbers, so 96 runs covers any array that fits in memory.
#define SORT_MAX_PENDING (96)

typedef struct sort_run {
    size_t base;
    size_t len;
} sort_run_t;

typedef struct sort_state {
    py_obj_t *keys; // what is compared
    py_obj_t *vals; // moved with keys; NULL when keys are the items themselves
    py_obj_t *tmp_keys;
    py_obj_t *tmp_vals;
    size_t tmp_alloc;
    bool reverse;
    bool all_small_ints; // every key is a small int: compare the words directly
    // While a merge runs: tmp[repair_lo, repair_hi) belongs at keys[repair_dst...]. Written before
    // every comparison, read after a raise unwinds to py_sort.
    volatile bool merging;
    volatile size_t repair_dst;
    volatile size_t repair_lo;
    volatile size_t repair_hi;
    size_t n_runs;
    sort_run_t runs[SORT_MAX_PENDING];
} sort_state_t;

// a < b, with fast paths for small ints, strs and floats.
static bool sort_lt(py_obj_t a, py_obj_t b) {
    if (PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b)) {
        return (intptr_t)a < (intptr_t)b; // the tagged words order as their values
    }
    bool a_str = PY_OBJ_IS_QSTR(a) || py_obj_is_type(a, &py_type_str);
    if (a_str && (PY_OBJ_IS_QSTR(b) || py_obj_is_type(b, &py_type_str))) {
        // UTF-8 byte order is code point order.
        size_t a_len, b_len;
        const char *a_data = py_obj_str_get_data(a, &a_len);
        const char *b_data = py_obj_str_get_data(b, &b_len);
        int c = memcmp(a_data, b_data, a_len < b_len ? a_len : b_len);
        return c < 0 || (c == 0 && a_len < b_len);
    }
#if PY_FEATURE_FLOAT
    if (py_obj_is_type(a, &py_type_float) && py_obj_is_type(b, &py_type_float)) {
        return ((py_obj_float_t *)a)->value < ((py_obj_float_t *)b)->value;
    }
#endif
    return py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, a, b));
}

// Must [x] come strictly before [y]?
static inline bool before(const sort_state_t *st, py_obj_t x, py_obj_t y) {
    if (st->all_small_ints) {
        // Tagged small ints order as their values; no comparison can raise.
        return st->reverse ? (intptr_t)y < (intptr_t)x : (intptr_t)x < (intptr_t)y;
    }
    return st->reverse ? sort_lt(y, x) : sort_lt(x, y);
}

static void move_items(sort_state_t *st, size_t dst, size_t src, size_t n) {
    memmove(st->keys + dst, st->keys + src, n * sizeof(py_obj_t));
    if (st->vals != NULL) {
        memmove(st->vals + dst, st->vals + src, n * sizeof(py_obj_t));
    }
}

static void reverse_items(py_obj_t *a, size_t lo, size_t hi) {
    while (lo + 1 < hi) {
        py_obj_t t = a[lo];
        a[lo++] = a[--hi];
        a[hi] = t;
    }
}

// Sorts [lo, hi) given that [lo, start) is already sorted.
static void binary_insertion(sort_state_t *st, size_t lo, size_t hi, size_t start) {
    for (size_t i = start; i < hi; i++) {
        py_obj_t pivot = st->keys[i];
        size_t l = lo, r = i;
        while (l < r) {
            size_t mid = l + (r - l) / 2;
            if (before(st, pivot, st->keys[mid])) {
                r = mid;
            } else {
                l = mid + 1;
            }
        }
        // Only now move anything: a raise above leaves the array as it was.
        py_obj_t pivot_val = st->vals != NULL ? st->vals[i] : PY_OBJ_NULL;
        move_items(st, l + 1, l, i - l);
        st->keys[l] = pivot;
        if (st->vals != NULL) {
            st->vals[l] = pivot_val;
        }
    }
}

// Length of the run starting at [lo]; a strictly descending run is reversed first.
static size_t count_run(sort_state_t *st, size_t lo, size_t hi) {
    size_t i = lo + 1;
    if (i == hi) {
        return 1;
    }
    if (before(st, st->keys[i], st->keys[lo])) {
        for (i++; i < hi && before(st, st->keys[i], st->keys[i - 1]); i++) {
        }
        reverse_items(st->keys, lo, i);
        if (st->vals != NULL) {
            reverse_items(st->vals, lo, i);
        }
    } else {
        for (i++; i < hi && !before(st, st->keys[i], st->keys[i - 1]); i++) {
        }
    }
    return i - lo;
}

static void ensure_tmp(sort_state_t *st, size_t n) {
    if (st->tmp_alloc >= n) {
        return;
    }
    py_free(st->tmp_keys);
    py_free(st->tmp_vals);
    st->tmp_keys = NULL;
    st->tmp_vals = NULL;
    st->tmp_keys = py_new(py_obj_t, n);
    if (st->vals != NULL) {
        st->tmp_vals = py_new(py_obj_t, n);
    }
    st->tmp_alloc = n;
}

static void to_tmp(sort_state_t *st, size_t src, size_t n) {
    memcpy(st->tmp_keys, st->keys + src, n * sizeof(py_obj_t));
    if (st->vals != NULL) {
        memcpy(st->tmp_vals, st->vals + src, n * sizeof(py_obj_t));
    }
}

static void from_tmp(sort_state_t *st, size_t dst, size_t tmp_lo, size_t n) {
    memcpy(st->keys + dst, st->tmp_keys + tmp_lo, n * sizeof(py_obj_t));
    if (st->vals != NULL) {
        memcpy(st->vals + dst, st->tmp_vals + tmp_lo, n * sizeof(py_obj_t));
    }
}

static inline void put(sort_state_t *st, size_t dst, py_obj_t *keys, py_obj_t *vals, size_t src) {
    st->keys[dst] = keys[src];
    if (st->vals != NULL) {
        st->vals[dst] = vals[src];
    }
}

// Merges [a, a + na) and [a + na, a + na + nb) with the first run in the buffer (na <= nb).
static void merge_lo(sort_state_t *st, size_t a, size_t na, size_t nb) {
    ensure_tmp(st, na);
    to_tmp(st, a, na);
    size_t i = 0, j = a + na, k = a, end = a + na + nb;
    st->merging = true;
    while (i < na && j < end) {
        st->repair_dst = k;
        st->repair_lo = i;
        st->repair_hi = na;
        if (before(st, st->keys[j], st->tmp_keys[i])) {
            put(st, k++, st->keys, st->vals, j++);
        } else {
            put(st, k++, st->tmp_keys, st->tmp_vals, i++);
        }
    }
    from_tmp(st, k, i, na - i);
    st->merging = false;
}

// As merge_lo but with the second run in the buffer (nb < na), merging from the right.
static void merge_hi(sort_state_t *st, size_t a, size_t na, size_t nb) {
    ensure_tmp(st, nb);
    to_tmp(st, a + na, nb);
    // i items of the buffer and j items of the first run remain; k is one past the next slot.
    size_t i = nb, j = na, k = a + na + nb;
    st->merging = true;
    while (i > 0 && j > 0) {
        st->repair_dst = a + j;
        st->repair_lo = 0;
        st->repair_hi = i;
        if (before(st, st->tmp_keys[i - 1], st->keys[a + j - 1])) {
            put(st, --k, st->keys, st->vals, a + --j);
        } else {
            put(st, --k, st->tmp_keys, st->tmp_vals, --i);
        }
    }
    from_tmp(st, a + j, 0, i);
    st->merging = false;
}

// Merges runs [i] and [i + 1] of the stack.
static void merge_at(sort_state_t *st, size_t i) {
    size_t a = st->runs[i].base, na = st->runs[i].len;
    size_t b = st->runs[i + 1].base, nb = st->runs[i + 1].len;
    st->runs[i].len = na + nb;
    if (i + 3 == st->n_runs) {
        st->runs[i + 1] = st->runs[i + 2];
    }
    st->n_runs--;

    // Items of the first run that come before the second run's first item are in place.
    py_obj_t first_b = st->keys[b];
    size_t lo = 0, hi = na;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (before(st, first_b, st->keys[a + mid])) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    a += lo;
    na -= lo;
    if (na == 0) {
        return;
    }
    // Items of the second run that do not come before the first run's last item are in place.
    py_obj_t last_a = st->keys[a + na - 1];
    lo = 0;
    hi = nb;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (before(st, st->keys[b + mid], last_a)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    nb = lo;
    if (nb == 0) {
        return;
    }
    if (na <= nb) {
        merge_lo(st, a, na, nb);
    } else {
        merge_hi(st, a, na, nb);
    }
}

static void merge_collapse(sort_state_t *st) {
    while (st->n_runs > 1) {
        size_t n = st->n_runs - 2;
        sort_run_t *r = st->runs;
        if ((n > 0 && r[n - 1].len <= r[n].len + r[n + 1].len) ||
            (n > 1 && r[n - 2].len <= r[n - 1].len + r[n].len)) {
            if (r[n - 1].len < r[n + 1].len) {
                n--;
            }
        } else if (r[n].len > r[n + 1].len) {
            break;
        }
        merge_at(st, n);
    }
}

static void merge_force_collapse(sort_state_t *st) {
    while (st->n_runs > 1) {
        size_t n = st->n_runs - 2;
        if (n > 0 && st->runs[n - 1].len < st->runs[n + 1].len) {
            n--;
        }
        merge_at(st, n);
    }
}

// The shortest run worth merging: between SORT_MIN_MERGE / 2 and SORT_MIN_MERGE, chosen so that
// n / minrun is a power of two or a little less.
static size_t min_run_length(size_t n) {
    size_t r = 0;
    while (n >= SORT_MIN_MERGE) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

static void sort_all(sort_state_t *st, size_t n) {
    size_t min_run = min_run_length(n);
    for (size_t lo = 0; lo < n;) {
        size_t len = count_run(st, lo, n);
        if (len < min_run) {
            size_t force = n - lo < min_run ? n - lo : min_run;
            binary_insertion(st, lo, lo + force, lo + len);
            len = force;
        }
        if (st->n_runs == SORT_MAX_PENDING) {
            py_raise_MemoryError(); // cannot happen: the invariant bounds the stack
        }
        st->runs[st->n_runs].base = lo;
        st->runs[st->n_runs].len = len;
        st->n_runs++;
        merge_collapse(st);
        lo += len;
    }
    merge_force_collapse(st);
}

void py_sort(py_obj_t *items, size_t n, py_obj_t key, bool reverse) {
    if (n < 2) {
        return;
    }
    sort_state_t *st = py_new(sort_state_t, 1);
    st->reverse = reverse;
    st->keys = items;
    if (key != PY_OBJ_NULL && key != py_const_none) {
        py_obj_t *keys = py_new(py_obj_t, n);
        for (size_t i = 0; i < n; i++) {
            keys[i] = py_call_function_1(key, items[i]);
        }
        st->keys = keys;
        st->vals = items;
    }
    st->all_small_ints = true;
    for (size_t i = 0; i < n; i++) {
        if (!PY_OBJ_IS_SMALL_INT(st->keys[i])) {
            st->all_small_ints = false;
            break;
        }
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        sort_all(st, n);
        py_nlr_pop();
    } else {
        if (st->merging) {
            from_tmp(st, st->repair_dst, st->repair_lo, st->repair_hi - st->repair_lo);
        }
        py_nlr_jump(nlr.ret_val);
    }
    py_free(st->tmp_keys);
    py_free(st->tmp_vals);
    if (st->vals != NULL) {
        py_free(st->keys);
    }
    py_free(st);
}
