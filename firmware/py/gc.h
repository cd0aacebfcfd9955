// SPDX-License-Identifier: MIT
// gc.h: the one heap every Python object lives in: mark-sweep over a fixed arena from the port.
//
// The heap is divided into blocks of PY_GC_BLOCK_BYTES; an allocation is a run of blocks. Marking
// starts from the roots in py_state and from every word of the C stack (and saved registers), then
// scans each reachable allocation word by word: any word that holds the address of the start of
// an allocation keeps it alive. Allocations made with PY_GC_NOSCAN (string bytes, bignum digits)
// are kept alive but not scanned. Memory is always zeroed when handed out.
//
// Finalisers: an object allocated with PY_GC_FINALISE (py_new_obj_with_finaliser) has the
// __del__ method of its type's own locals_dict called when a collection finds it unreachable,
// just before its memory is freed, and at the latest by py_gc_sweep_all() when the interpreter
// stops (py_deinit). A finaliser runs inside the collection: it must not allocate (allocation
// fails while it runs), and an exception it raises is dropped. Freeing such an object with
// py_gc_free skips its finaliser. Objects without the flag cost nothing extra to allocate, free
// or sweep (one finaliser bit per block is kept in the arena's tables).

#ifndef PY_GC_H
#define PY_GC_H

#include "misc.h"

#define PY_GC_BLOCK_BYTES (4 * sizeof(void *))

enum {
    PY_GC_NOSCAN = 1,   // the allocation holds no pointers to GC memory
    PY_GC_FINALISE = 2, // the allocation is an object whose type's __del__ runs before it is freed
};

// Takes [start, end) as the heap. Call once, before anything allocates.
void py_gc_init(void *start, void *end);
// Returns [n] zeroed bytes, collecting first if needed, or NULL when the heap cannot provide them.
void *py_gc_alloc(size_t n, unsigned flags);
// Resizes [ptr] (NULL allocates); returns NULL, leaving [ptr] as it was, when it cannot.
void *py_gc_realloc(void *ptr, size_t n, bool allow_move);
// Frees [ptr] at once (NULL or a pointer outside the heap is ignored).
void py_gc_free(void *ptr);
// Bytes usable at [ptr], a pointer returned by py_gc_alloc.
size_t py_gc_nbytes(const void *ptr);
// Is [ptr] the start of a live allocation?
bool py_gc_is_heap_ptr(const void *ptr);
// Runs a full collection now.
void py_gc_collect(void);
// Runs the finaliser of every object that has one, reachable or not (the interpreter is
// stopping: open files are closed); each runs once. Nothing is freed.
void py_gc_sweep_all(void);
// While locked, allocation fails instead of collecting (used while a collection cannot be run).
void py_gc_lock(void);
void py_gc_unlock(void);
bool py_gc_is_locked(void);
// Enables or disables automatic collection (Python's gc.enable()/gc.disable()).
void py_gc_set_auto(bool enabled);
bool py_gc_is_auto(void);

typedef struct py_gc_info {
    size_t total;    // bytes in the heap
    size_t used;     // bytes in live (or not yet collected) allocations
    size_t free;     // bytes free
    size_t max_free; // largest free run in bytes
    size_t
        peak_used; // highest [used] seen since py_gc_init (or py_gc_reset_peak), garbage included
    size_t peak_live; // highest [used] right after a collection: the largest live set measured
    size_t n_collect; // collections run
} py_gc_info_t;

void py_gc_info(py_gc_info_t *info);
void py_gc_reset_peak(void);

// Marks [ptr] (and what it reaches) as reachable during a collection. Ports call this from
// py_port_gc_collect_roots for roots that live outside py_state and the C stack.
void py_gc_mark(const void *ptr);
// Marks every word in [ptrs, ptrs + n) that looks like a heap pointer.
void py_gc_mark_words(void *const *ptrs, size_t n);

// The allocating functions below never return NULL: on exhaustion they raise MemoryError.
void *py_malloc(size_t n);
void *py_malloc_noscan(size_t n);
// [old_n] is the size the caller asked for before (used for accounting only).
void *py_realloc(void *ptr, size_t old_n, size_t new_n);
void py_free(void *ptr);

#define py_new(type, n)        ((type *)py_malloc(sizeof(type) * (n)))
#define py_new_noscan(type, n) ((type *)py_malloc_noscan(sizeof(type) * (n)))
#define py_renew(type, ptr, old_n, new_n)                                                          \
    ((type *)py_realloc((ptr), sizeof(type) * (old_n), sizeof(type) * (new_n)))
// Allocates an object of struct [type] plus [extra] trailing bytes; sets its base type to [t].
#define py_new_obj_var(type, extra, t) ((type *)py_obj_alloc(sizeof(type) + (extra), (t)))
#define py_new_obj(type, t)            py_new_obj_var(type, 0, t)
// The same for an object whose type's __del__ must run before it is freed (see above).
#define py_new_obj_with_finaliser(type, t) ((type *)py_obj_alloc_with_finaliser(sizeof(type), (t)))
struct py_obj_type;
void *py_obj_alloc_with_finaliser(size_t size, const struct py_obj_type *type);

#endif
