// SPDX-License-Identifier: MIT
// test_gc.c: the collector keeps what is reachable, frees what is not, fails cleanly, and runs
// finalisers.

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

// A buffer grows (a file being read, bytecode being compiled) while small objects that stay are
// made: they must go into the holes the buffer leaves behind when it moves, not into the free
// space after it, or they pin the heap into pieces too short for the buffer.
static void gc_growing_buffer_leaves_the_free_space_in_one_run(void **state) {
    (void)state;
    py_state.roots.port_roots[0] = NULL;
    node_t **last = (node_t **)&py_state.roots.port_roots[0];
    size_t size = 64;
    byte *buf = py_gc_alloc(size, PY_GC_NOSCAN);
    for (size_t i = 0; i < 100; i++) {
        size += 3 * PY_GC_BLOCK_BYTES;
        buf = py_gc_realloc(buf, size, true);
        assert_non_null(buf);
        py_state.roots.port_roots[1] = buf;
        node_t *nd = py_gc_alloc(3 * PY_GC_BLOCK_BYTES, 0);
        assert_non_null(nd);
        *last = nd;
        last = &nd->next;
    }
    py_gc_info_t info;
    py_gc_info(&info);
    // A quarter of the heap or more is free, most of it in one run after the buffer.
    assert_true(info.free >= UNIT_SMALL_HEAP_BYTES / 4);
    assert_true(info.max_free * 4 >= info.free * 3);
    assert_non_null(py_gc_realloc(buf, size + info.max_free / 2, true));
    py_state.roots.port_roots[0] = py_state.roots.port_roots[1] = NULL;
}

// ---- Finalisers ---------------------------------------------------------------------------------

typedef struct fin_obj {
    py_obj_base_t base;
    size_t id;
} fin_obj_t;

#define FIN_MAX (64)
static size_t fin_ids[FIN_MAX]; // ids of the objects finalised, in order
static size_t fin_count;
static size_t fin_allocs_ok; // allocations that succeeded inside a finaliser

static py_obj_t fin_del(py_obj_t self_in) {
    fin_obj_t *self = PY_OBJ_TO_PTR(self_in);
    assert_true(fin_count < FIN_MAX);
    fin_ids[fin_count++] = self->id;
    fin_allocs_ok += py_gc_alloc(16, 0) != NULL;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(fin_del_obj, fin_del);

static const py_map_elem_t fin_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___del__), PY_ROM_PTR(&fin_del_obj)},
};
static PY_DEFINE_CONST_DICT(fin_locals, fin_locals_table);

static const py_obj_type_t fin_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_object,
    .locals_dict = (py_obj_dict_t *)&fin_locals,
};

static fin_obj_t *fin_new(size_t id) {
    fin_obj_t *o = py_new_obj_with_finaliser(fin_obj_t, &fin_type);
    o->id = id;
    return o;
}

static void fin_reset(void) {
    fin_count = 0;
    fin_allocs_ok = 0;
}

// How many times object [id] was finalised.
static size_t fin_times(size_t id) {
    size_t n = 0;
    for (size_t i = 0; i < fin_count; i++) {
        n += fin_ids[i] == id;
    }
    return n;
}

// Makes [n] finalisable objects with ids [first, first + n) that nothing refers to; returns
// their addresses scrambled, so no live frame holds a copy.
static __attribute__((noinline)) void plant_fin(size_t first, size_t n, uintptr_t *scrambled) {
    for (size_t i = 0; i < n; i++) {
        scrambled[i] = (uintptr_t)fin_new(first + i) ^ 0x5a5a5a5a;
    }
}

static void gc_finaliser_runs_once_when_the_object_is_collected(void **state) {
    (void)state;
    fin_reset();
    py_state.roots.port_roots[0] = fin_new(1000);
    uintptr_t scrambled[20];
    plant_fin(0, 20, scrambled);
    collect();
    // A register or two may still hold a recent pointer (the scan is conservative).
    assert_true(fin_count >= 18);
    size_t alive = 0;
    for (size_t i = 0; i < 20; i++) {
        bool is_alive = py_gc_is_heap_ptr((void *)(scrambled[i] ^ 0x5a5a5a5a));
        assert_int_equal(fin_times(i), is_alive ? 0 : 1); // finalised exactly when freed
        alive += is_alive;
    }
    assert_int_equal(fin_times(1000), 0); // reachable from a root
    assert_int_equal(py_state.gc_n_finalisers, alive + 1);
    assert_int_equal(fin_allocs_ok, 0);  // allocation fails while finalisers run
    assert_non_null(py_gc_alloc(16, 0)); // and works again afterwards
    collect();
    for (size_t i = 0; i < 20; i++) {
        assert_true(fin_times(i) <= 1);
    }
    py_state.roots.port_roots[0] = NULL;
    py_gc_sweep_all(); // the survivors, once
    for (size_t i = 0; i < 20; i++) {
        assert_int_equal(fin_times(i), 1);
    }
    assert_int_equal(fin_times(1000), 1);
    assert_int_equal(py_state.gc_n_finalisers, 0);
}

static void gc_finaliser_is_skipped_when_the_object_is_freed_explicitly(void **state) {
    (void)state;
    fin_reset();
    fin_obj_t *o = fin_new(7);
    assert_int_equal(py_state.gc_n_finalisers, 1);
    py_gc_free(o);
    assert_int_equal(py_state.gc_n_finalisers, 0);
    // The freed blocks are reused by an object without a finaliser: nothing runs for it.
    void *plain = py_gc_alloc(sizeof(fin_obj_t), 0);
    py_state.roots.port_roots[0] = plain;
    collect();
    py_gc_sweep_all();
    assert_int_equal(fin_count, 0);
    py_state.roots.port_roots[0] = NULL;
}

static void gc_sweep_all_finalises_reachable_objects_once(void **state) {
    (void)state;
    fin_reset();
    fin_obj_t **holder = py_gc_alloc(10 * sizeof(void *), 0);
    py_state.roots.port_roots[0] = holder;
    for (size_t i = 0; i < 10; i++) {
        holder[i] = fin_new(i);
    }
    py_gc_alloc(100, 0); // garbage without a finaliser around them
    py_gc_sweep_all();
    assert_int_equal(fin_count, 10);
    for (size_t i = 0; i < 10; i++) {
        assert_int_equal(fin_times(i), 1);
        assert_true(py_gc_is_heap_ptr(holder[i])); // finalised, not freed
    }
    assert_int_equal(fin_allocs_ok, 0);
    assert_int_equal(py_state.gc_n_finalisers, 0);
    py_gc_sweep_all();
    py_state.roots.port_roots[0] = NULL;
    collect();
    assert_int_equal(fin_count, 10); // never twice
}

static void gc_finaliser_moves_with_a_reallocated_object(void **state) {
    (void)state;
    fin_reset();
    fin_obj_t *o = fin_new(42);
    void *wall = py_gc_alloc(16, 0); // the blocks after [o] are taken: growing must move it
    fin_obj_t *moved = py_gc_realloc(o, 4 * PY_GC_BLOCK_BYTES + sizeof(fin_obj_t), true);
    assert_non_null(moved);
    assert_ptr_not_equal(moved, o);
    assert_int_equal(moved->id, 42);
    assert_int_equal(py_state.gc_n_finalisers, 1);
    py_state.roots.port_roots[0] = wall;
    py_state.roots.port_roots[1] = moved;
    collect();
    assert_int_equal(fin_count, 0);
    py_gc_sweep_all();
    assert_int_equal(fin_count, 1);
    assert_int_equal(fin_ids[0], 42);
    py_state.roots.port_roots[0] = py_state.roots.port_roots[1] = NULL;
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
        cmocka_unit_test_setup(gc_growing_buffer_leaves_the_free_space_in_one_run,
                               unit_py_setup_small),
        cmocka_unit_test_setup(gc_finaliser_runs_once_when_the_object_is_collected, unit_py_setup),
        cmocka_unit_test_setup(gc_finaliser_is_skipped_when_the_object_is_freed_explicitly,
                               unit_py_setup),
        cmocka_unit_test_setup(gc_sweep_all_finalises_reachable_objects_once, unit_py_setup),
        cmocka_unit_test_setup(gc_finaliser_moves_with_a_reallocated_object, unit_py_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
