// SPDX-License-Identifier: MIT
// modheapq.c: the heapq module: a binary min-heap kept in a list (heap[k] <= heap[2k+1], [2k+2]).
//
// Items are compared with `<`, which may run Python code that changes the list: each step reads
// the list again and raises RuntimeError if its length changed under us, as CPython does.

#include "extmod.h"

static py_obj_list_t *get_heap(py_obj_t heap) {
    if (!py_obj_is_type(heap, &py_type_list)) {
        py_raise_TypeError("heap argument must be a list");
    }
    return PY_OBJ_TO_PTR(heap);
}

// heap[a] < heap[b], checking afterwards that the list still has [len] items.
static bool item_less(py_obj_list_t *heap, size_t len, size_t a, size_t b) {
    bool less = py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, heap->items[a], heap->items[b]));
    if (heap->len != len) {
        py_raise_msg(&py_type_RuntimeError, "list changed size during iteration");
    }
    return less;
}

static void swap(py_obj_list_t *heap, size_t a, size_t b) {
    py_obj_t t = heap->items[a];
    heap->items[a] = heap->items[b];
    heap->items[b] = t;
}

// Moves the item at [pos] up towards the root until its parent is not larger.
static void sift_up(py_obj_list_t *heap, size_t pos) {
    size_t len = heap->len;
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (!item_less(heap, len, pos, parent)) {
            break;
        }
        swap(heap, pos, parent);
        pos = parent;
    }
}

// Moves the item at [pos] down until both children are not smaller.
static void sift_down(py_obj_list_t *heap, size_t pos) {
    size_t len = heap->len;
    for (;;) {
        size_t child = 2 * pos + 1;
        if (child >= len) {
            break;
        }
        if (child + 1 < len && item_less(heap, len, child + 1, child)) {
            child++;
        }
        if (!item_less(heap, len, child, pos)) {
            break;
        }
        swap(heap, pos, child);
        pos = child;
    }
}

static py_obj_t heapq_heappush(py_obj_t heap_in, py_obj_t item) {
    py_obj_list_t *heap = get_heap(heap_in);
    py_obj_list_append(heap_in, item);
    sift_up(heap, heap->len - 1);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(heapq_heappush_obj, heapq_heappush);

static py_obj_t heapq_heappop(py_obj_t heap_in) {
    py_obj_list_t *heap = get_heap(heap_in);
    if (heap->len == 0) {
        py_raise_msg(&py_type_IndexError, "index out of range");
    }
    py_obj_t top = heap->items[0];
    heap->items[0] = heap->items[--heap->len];
    heap->items[heap->len] = PY_OBJ_NULL;
    sift_down(heap, 0);
    return top;
}
static PY_DEFINE_CONST_FUN_OBJ_1(heapq_heappop_obj, heapq_heappop);

// heapreplace(heap, item): pops the smallest, then pushes [item] (the heap must not be empty).
static py_obj_t heapq_heapreplace(py_obj_t heap_in, py_obj_t item) {
    py_obj_list_t *heap = get_heap(heap_in);
    if (heap->len == 0) {
        py_raise_msg(&py_type_IndexError, "index out of range");
    }
    py_obj_t top = heap->items[0];
    heap->items[0] = item;
    sift_down(heap, 0);
    return top;
}
static PY_DEFINE_CONST_FUN_OBJ_2(heapq_heapreplace_obj, heapq_heapreplace);

// heappushpop(heap, item): pushes [item], then pops the smallest; [item] itself when it is.
static py_obj_t heapq_heappushpop(py_obj_t heap_in, py_obj_t item) {
    py_obj_list_t *heap = get_heap(heap_in);
    if (heap->len == 0 || !py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, heap->items[0], item))) {
        return item;
    }
    return heapq_heapreplace(heap_in, item);
}
static PY_DEFINE_CONST_FUN_OBJ_2(heapq_heappushpop_obj, heapq_heappushpop);

static py_obj_t heapq_heapify(py_obj_t heap_in) {
    py_obj_list_t *heap = get_heap(heap_in);
    for (size_t i = heap->len / 2; i > 0; i--) {
        sift_down(heap, i - 1);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(heapq_heapify_obj, heapq_heapify);

static const py_map_elem_t heapq_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_heapq)},
    {PY_ROM_QSTR(PY_QSTR_heappush), PY_ROM_PTR(&heapq_heappush_obj)},
    {PY_ROM_QSTR(PY_QSTR_heappop), PY_ROM_PTR(&heapq_heappop_obj)},
    {PY_ROM_QSTR(PY_QSTR_heapify), PY_ROM_PTR(&heapq_heapify_obj)},
    {PY_ROM_QSTR(PY_QSTR_heapreplace), PY_ROM_PTR(&heapq_heapreplace_obj)},
    {PY_ROM_QSTR(PY_QSTR_heappushpop), PY_ROM_PTR(&heapq_heappushpop_obj)},
};
static PY_DEFINE_CONST_DICT(heapq_globals, heapq_globals_table);

const py_obj_module_t py_module_heapq = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&heapq_globals,
};
