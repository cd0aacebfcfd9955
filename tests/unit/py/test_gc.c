// SPDX-License-Identifier: MIT
// test_gc.c: the collector keeps what is reachable, frees what is not, and fails cleanly.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gc.h"
#include "runtime.h"
#include "unit_port.h"

// Overwrites dead stack below the caller, so stale copies of pointers left there by returned
// functions cannot keep garbage alive in the conservative scan.
static __attribute__((noinline)) void clobber_stack(void) {
    volatile char junk[8192];
    memset((char *)junk, 0, sizeof(junk));
}

static void collect(void) {
    clobber_stack();
    py_gc_collect();
}

typedef struct node {
    struct node *next;
    size_t value;
} node_t;

// Builds a chain of [n] nodes on the heap; returns its head.
static __attribute__((noinline)) node_t *make_chain(size_t n) {
    node_t *head = NULL;
    for (size_t i = 0; i < n; i++) {
        node_t *nd = py_gc_alloc(sizeof(node_t), 0);
        assert_non_null(nd);
        nd->next = head;
        nd->value = i;
        head = nd;
    }
    return head;
}

static __attribute__((noinline)) void make_garbage(size_t n) {
    for (size_t i = 0; i < n; i++) {
        volatile void *p = py_gc_alloc(64, 0);
        assert_non_null((void *)p);
    }
}

static void gc_alloc_returns_zeroed_blocks(void **state) {
    (void)state;
    byte *p = py_gc_alloc(10, 0);
    assert_non_null(p);
    assert_int_equal(py_gc_nbytes(p), PY_GC_BLOCK_BYTES);
    for (size_t i = 0; i < py_gc_nbytes(p); i++) {
        assert_int_equal(p[i], 0);
    }
    memset(p, 0xab, 10);
    py_gc_free(p);
    byte *q = py_gc_alloc(10, 0);
    assert_ptr_equal(p, q); // reused at once, and zeroed again
    assert_int_equal(q[0], 0);
}

static void gc_collect_frees_unreachable_allocations(void **state) {
    (void)state;
    py_gc_collect();
    py_gc_info_t before, after;
    py_gc_info(&before);
    make_garbage(1000);
    collect();
    py_gc_info(&after);
    // A conservative scan may keep a few stale words alive, never most of 64 KiB.
    assert_true(after.used < before.used + 16 * 64);
}

static void gc_keeps_a_chain_reachable_from_a_root(void **state) {
    (void)state;
    py_state.roots.port_roots[0] = make_chain(5000); // deep: overflows the mark stack
    make_garbage(500);
    collect();
    size_t n = 0;
    for (node_t *nd = py_state.roots.port_roots[0]; nd != NULL; nd = nd->next) {
        assert_true(py_gc_is_heap_ptr(nd));
        assert_int_equal(nd->value, 4999 - n);
        n++;
    }
    assert_int_equal(n, 5000);
    py_state.roots.port_roots[0] = NULL;
}

#define PLANTED (100)

// Fills [holder] with the addresses of fresh allocations; returns them scrambled in [scrambled],
// so frames still live when the collector runs hold no copy of the pointers.
static __attribute__((noinline)) void plant(void **holder, uintptr_t *scrambled) {
    for (size_t i = 0; i < PLANTED; i++) {
        holder[i] = make_chain(1);
        scrambled[i] = (uintptr_t)holder[i] ^ 0x5a5a5a5a;
    }
}

static void gc_noscan_blocks_do_not_keep_their_words_alive(void **state) {
    (void)state;
    void **holder = py_gc_alloc(PLANTED * sizeof(void *), PY_GC_NOSCAN);
    py_state.roots.port_roots[0] = holder;
    uintptr_t scrambled[PLANTED];
    plant(holder, scrambled);
    collect();
    size_t survivors = 0;
    for (size_t i = 0; i < PLANTED; i++) {
        survivors += py_gc_is_heap_ptr((void *)(scrambled[i] ^ 0x5a5a5a5a));
    }
    // A register or two may still hold a recent pointer (the scan is conservative); a scanned
    // no-scan block would keep all of them.
    assert_true(survivors <= 2);
    assert_true(py_gc_is_heap_ptr(holder));
    py_state.roots.port_roots[0] = NULL;
}

static void gc_realloc_keeps_contents(void **state) {
    (void)state;
    byte *p = py_gc_alloc(32, 0);
    for (int i = 0; i < 32; i++) {
        p[i] = (byte)i;
    }
    byte *q = py_gc_realloc(p, 4096, true);
    assert_non_null(q);
    for (int i = 0; i < 32; i++) {
        assert_int_equal(q[i], i);
    }
    assert_true(py_gc_nbytes(q) >= 4096);
    byte *r = py_gc_realloc(q, 16, false); // shrinking never moves
    assert_ptr_equal(q, r);
    assert_int_equal(py_gc_nbytes(r), PY_GC_BLOCK_BYTES);
}

static void gc_exhaustion_returns_null_then_recovers(void **state) {
    (void)state;
    py_state.roots.port_roots[1] = NULL;
    // Fill the heap with reachable blocks linked from a root.
    node_t **last = (node_t **)&py_state.roots.port_roots[1];
    size_t n = 0;
    for (;;) {
        node_t *nd = py_gc_alloc(sizeof(node_t) * 16, 0);
        if (nd == NULL) {
            break;
        }
        *last = nd;
        last = &nd->next;
        n++;
    }
    assert_true(n > 10);
    assert_null(py_gc_alloc(1024, 0));
    py_state.roots.port_roots[1] = NULL;
    last = NULL;
    collect();
    assert_non_null(py_gc_alloc(1024, 0));
}

static void py_malloc_raises_memory_error_when_full(void **state) {
    (void)state;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_malloc(UNIT_HEAP_BYTES * 2);
        py_nlr_pop();
        fail_msg("py_malloc returned for an impossible size");
    } else {
        assert_true(py_obj_is_instance(PY_OBJ_FROM_PTR(nlr.ret_val), &py_type_MemoryError));
    }
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(gc_alloc_returns_zeroed_blocks, unit_py_setup),
        cmocka_unit_test_setup(gc_collect_frees_unreachable_allocations, unit_py_setup),
        cmocka_unit_test_setup(gc_keeps_a_chain_reachable_from_a_root, unit_py_setup),
        cmocka_unit_test_setup(gc_noscan_blocks_do_not_keep_their_words_alive, unit_py_setup),
        cmocka_unit_test_setup(gc_realloc_keeps_contents, unit_py_setup),
        cmocka_unit_test_setup(gc_exhaustion_returns_null_then_recovers, unit_py_setup),
        cmocka_unit_test_setup(py_malloc_raises_memory_error_when_full, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
