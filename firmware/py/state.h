// SPDX-License-Identifier: MIT
// state.h: py_state, the interpreter's one global, holding everything that lives across calls.
//
// Fields under [roots] are scanned by the GC as words: any GC pointer there keeps its object
// alive. Add a field there for every heap object reachable only through py_state.

#ifndef PY_STATE_H
#define PY_STATE_H

#include "map.h"
#include "nlr.h"
#include "obj.h"

// Number of exception objects kept in reserve for when the heap is full.
#define PY_EMERGENCY_EXC_COUNT (2)
// Size classes of multi-block allocations on small heaps (gc.c): runs of 2, 3, ... blocks, the
// last class taking every longer one too.
#define PY_GC_FIT_CLASSES (7)

typedef struct py_state_roots {
    py_obj_dict_t *dict_globals;   // the running code's globals
    py_obj_dict_t *dict_locals;    // the running code's locals (== globals at module level)
    py_obj_dict_t *dict_main;      // __main__'s globals
    py_obj_dict_t *loaded_modules; // sys.modules
    py_obj_t sys_path;             // list
    py_obj_t sys_argv;             // list
    py_obj_t keyboard_interrupt;   // preallocated KeyboardInterrupt instance
    py_obj_t emergency_exc[PY_EMERGENCY_EXC_COUNT]; // spare exceptions for a full heap
    void *qstr_pools;                               // dynamic qstr storage (qstr.c)
    void *qstr_index;                               // dynamic qstr lookup table (qstr.c)
    py_obj_t sched_callbacks;                       // micropython.schedule() queue (list or NULL)
    py_obj_t cur_exc;        // the exception being handled (sys.exc_info()), vm.c
    py_obj_t vm_propagating; // the exception last let out of a frame, vm.c
    py_obj_t vfs_cwd;        // os.getcwd() as a str, NULL for "/" (extmod/vfs.c)
    py_obj_t port_roots[8];  // for the port's own objects
} py_state_roots_t;

typedef struct py_state {
    // Nonzero while py_handle_pending has work: the one word the VM tests on backward jumps and
    // calls. Set asynchronously (signal handler, UART interrupt, timer) after what it announces:
    // an exception to raise, or callbacks for [pending_hook] to run.
    volatile int pending;
    volatile py_obj_t pending_exception;
    volatile bool pending_callbacks;
    void (*pending_hook)(void); // runs the port's due callbacks; NULL if it has none
    py_nlr_buf_t *nlr_top;
    char *stack_top; // outermost C stack frame of the interpreter
    void *vm_frame;  // the innermost running bytecode frame (vm.c), or NULL
    size_t stack_limit;

    // GC (gc.c)
    byte *gc_alloc_table; // 2 bits per block
    size_t gc_alloc_table_bytes;
    byte *gc_pool_start;
    byte *gc_pool_end;
    size_t gc_n_blocks;
    size_t gc_last_free_block;             // no free block lies below this one
    size_t gc_fit_hint[PY_GC_FIT_CLASSES]; // where the search for runs of each class starts
    size_t gc_used_blocks;
    size_t gc_peak_blocks;
    size_t gc_peak_live_blocks; // most blocks still in use after a collection
    size_t gc_n_collect;
    size_t gc_high_block;  // no block at or above this one is in use
    size_t gc_alloc_since; // blocks allocated since the last collection
    size_t gc_soft_limit;  // collect early once gc_alloc_since reaches this
    size_t gc_bump;        // big heaps: free blocks [gc_bump, gc_bump_end) are handed out
    size_t gc_bump_end;    // in order
    bool gc_bump_none;     // no free run was long enough for a bump region
    int gc_lock_depth;
    bool gc_auto;
    bool gc_collecting;
    void *gc_mark_stack;    // the running collection's mark stack
    size_t gc_n_finalisers; // live allocations with a finaliser (PY_GC_FINALISE)

    // Type attribute lookup cache (objtype.c). Entries are valid while their [epoch] equals
    // type_cache_epoch, which changes whenever any class's dict changes or a class is made.
    // Not a root: an entry is only used while its type, and so what it points at, is alive.
    uint32_t type_cache_epoch;
    // Changes whenever a name is added to the dict of an existing class (so instances may
    // already hold it in their dicts): see py_obj_heap_type_t.dict_shadows.
    uint32_t type_key_gen;
    struct py_type_cache_entry {
        const py_obj_type_t *type;
        const py_obj_type_t *found_in; // where [member] was found (as py_type_lookup_ex says)
        py_obj_t member;               // PY_OBJ_NULL: not found along the MRO
        uint32_t epoch;
        uint16_t key;  // the name (a qstr) times two, plus one for py_type_lookup_heap's entries
        uint8_t flags; // PY_TYPE_CACHE_* (objtype.h)
        uint8_t hint;  // where instances of [type] usually keep [attr] in their dict
    } type_cache[PY_TYPE_CACHE_SIZE];

    // qstr (qstr.c)
    size_t qstr_n_dynamic;
    size_t qstr_bytes;
    size_t qstr_index_alloc;

    struct {
        uint16_t name; // qstr, 0 for an empty entry
        uint16_t pos;  // its position in the builtins table (runtime.c)
    } builtin_cache[32];

    py_state_roots_t roots;
} py_state_t;

extern py_state_t py_state;

// The port supplies this: marks roots outside py_state and the C stack (may do nothing).
void py_port_gc_collect_roots(void);

#endif
