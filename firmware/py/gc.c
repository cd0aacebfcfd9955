// SPDX-License-Identifier: MIT
// gc.c: a mark-sweep collector over one fixed arena of equal-sized blocks.
//
// Layout of the arena: [allocation table: 2 bits per block][no-scan table: 1 bit per block]
// [finaliser table: 1 bit per block][blocks]. Each block is FREE, the HEAD of an allocation, a TAIL
// (continuation) block, or a MARKED head during a collection. Marking uses a small explicit stack;
// when it overflows, the heap is rescanned for marked allocations whose children may not have been
// visited.
//
// Blocks at or above gc_high_block are all free, so sweeping stops there. Besides running when
// an allocation finds no room, a collection runs once gc_soft_limit blocks were allocated since
// the last one (PY_GC_SOFT_LIMIT_MIN): on a big heap, memory is then reused while it is still in
// the CPU caches instead of the whole heap being walked through between collections. Big heaps
// also hand out blocks in order from a long free run (the bump region), which is much cheaper
// than searching the table for each allocation; small heaps keep first-fit, which fragments
// less.
//
// A finaliser bit is set only on the head block of a live allocation made with PY_GC_FINALISE
// and cleared when it is freed, so free blocks never carry one and allocating without the flag
// needs no clearing. After marking, the finaliser table is searched (only while such objects
// exist) for unmarked heads, whose __del__ runs before the sweep frees them.

#include "gc.h"

#include <setjmp.h>
#include <string.h>

#include "runtime.h"
#include "state.h"

enum { AT_FREE = 0, AT_HEAD = 1, AT_TAIL = 2, AT_MARK = 3 };

#define BLOCKS_PER_ATB (4)
// Bump regions are free runs of at least BUMP_RUN_MIN blocks, extended to at most BUMP_RUN_MAX.
#define BUMP_RUN_MIN (64)
#define BUMP_RUN_MAX (4096)
// Heaps of fewer blocks than this allocate first-fit only.
#define BUMP_HEAP_MIN    ((size_t)4 * PY_GC_SOFT_LIMIT_MIN / PY_GC_BLOCK_BYTES)
#define MARK_STACK_DEPTH (64)
#define BLOCK_OF(p)      ((size_t)(((const byte *)(p)-py_state.gc_pool_start) / PY_GC_BLOCK_BYTES))
#define BLOCK_ADDR(b)    (py_state.gc_pool_start + (b)*PY_GC_BLOCK_BYTES)

static inline unsigned at_get(size_t block) {
    return (py_state.gc_alloc_table[block / BLOCKS_PER_ATB] >> (2 * (block % BLOCKS_PER_ATB))) & 3;
}

static inline void at_set(size_t block, unsigned state) {
    byte *p = &py_state.gc_alloc_table[block / BLOCKS_PER_ATB];
    unsigned shift = 2 * (block % BLOCKS_PER_ATB);
    *p = (byte)((*p & ~(3u << shift)) | (state << shift));
}

// Small heaps: where searches for runs of each size class start (see find_free_run).
static void reset_fit_hints(void) {
    for (size_t c = 0; c < PY_GC_FIT_CLASSES; c++) {
        py_state.gc_fit_hint[c] = 0;
    }
}

static inline byte *noscan_table(void) {
    return py_state.gc_alloc_table + py_state.gc_alloc_table_bytes;
}

static inline bool is_noscan(size_t block) {
    return (noscan_table()[block / 8] >> (block % 8)) & 1;
}

static inline void set_noscan(size_t block, bool on) {
    byte *p = &noscan_table()[block / 8];
    if (on) {
        *p |= (byte)(1u << (block % 8));
    } else {
        *p &= (byte) ~(1u << (block % 8));
    }
}

// The finaliser table follows the no-scan table, which has a bit for each block.
static inline byte *final_table(void) {
    return noscan_table() + (py_state.gc_n_blocks + 7) / 8;
}

static inline bool is_final(size_t block) {
    return (final_table()[block / 8] >> (block % 8)) & 1;
}

static inline void set_final(size_t block, bool on) {
    byte *p = &final_table()[block / 8];
    if (on) {
        *p |= (byte)(1u << (block % 8));
        py_state.gc_n_finalisers++;
    } else {
        *p &= (byte) ~(1u << (block % 8));
        py_state.gc_n_finalisers--;
    }
}

void py_gc_init(void *start, void *end) {
    uintptr_t s = ((uintptr_t)start + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
    size_t total = (size_t)((uintptr_t)end - s);
    // Each block costs its bytes plus 2 + 1 + 1 bits of tables.
    size_t n_blocks = (total * 8) / (PY_GC_BLOCK_BYTES * 8 + 4);
    size_t atb = (n_blocks + BLOCKS_PER_ATB - 1) / BLOCKS_PER_ATB;
    size_t ntb = (n_blocks + 7) / 8;
    // Blocks dropped below shrink the tables' use of this room, never grow it.
    uintptr_t pool =
        (s + atb + 2 * ntb + PY_GC_BLOCK_BYTES - 1) & ~(uintptr_t)(PY_GC_BLOCK_BYTES - 1);
    while (n_blocks > 0 && pool + n_blocks * PY_GC_BLOCK_BYTES > (uintptr_t)end) {
        n_blocks--;
    }
    py_state.gc_alloc_table = (byte *)s;
    py_state.gc_alloc_table_bytes = atb;
    py_state.gc_pool_start = (byte *)pool;
    py_state.gc_pool_end = (byte *)pool + n_blocks * PY_GC_BLOCK_BYTES;
    py_state.gc_n_blocks = n_blocks;
    memset(py_state.gc_alloc_table, 0, atb + 2 * ntb);
    py_state.gc_last_free_block = 0;
    py_state.gc_used_blocks = 0;
    py_state.gc_peak_blocks = 0;
    py_state.gc_peak_live_blocks = 0;
    reset_fit_hints();
    py_state.gc_n_collect = 0;
    py_state.gc_high_block = 0;
    py_state.gc_alloc_since = 0;
    py_state.gc_soft_limit = PY_GC_SOFT_LIMIT_MIN / PY_GC_BLOCK_BYTES;
    py_state.gc_bump = py_state.gc_bump_end = 0;
    py_state.gc_bump_none = false;
    py_state.gc_lock_depth = 0;
    py_state.gc_auto = true;
    py_state.gc_collecting = false;
    py_state.gc_n_finalisers = 0;
}

// The block of the allocation whose head [p] points at, or SIZE_MAX.
static inline size_t head_block_of(const void *p) {
    const byte *b = p;
    if (b < py_state.gc_pool_start || b >= py_state.gc_pool_end) {
        return SIZE_MAX;
    }
    if ((size_t)(b - py_state.gc_pool_start) % PY_GC_BLOCK_BYTES != 0) {
        return SIZE_MAX;
    }
    size_t block = BLOCK_OF(b);
    unsigned st = at_get(block);
    return st == AT_HEAD || st == AT_MARK ? block : SIZE_MAX;
}

static size_t alloc_len_blocks(size_t head) {
    size_t n = 1;
    while (head + n < py_state.gc_n_blocks && at_get(head + n) == AT_TAIL) {
        n++;
    }
    return n;
}

// ---- Marking ------------------------------------------------------------------------------------

typedef struct mark_stack {
    size_t items[MARK_STACK_DEPTH];
    size_t depth;
    bool overflowed;
} mark_stack_t;

static void scan_block_children(mark_stack_t *ms, size_t head);

static void mark_head(mark_stack_t *ms, size_t block) {
    if (at_get(block) != AT_HEAD) {
        return; // free, tail, or already marked
    }
    at_set(block, AT_MARK);
    if (is_noscan(block)) {
        return;
    }
    if (ms->depth < MARK_STACK_DEPTH) {
        ms->items[ms->depth++] = block;
    } else {
        ms->overflowed = true;
    }
}

static void drain(mark_stack_t *ms) {
    while (ms->depth > 0) {
        scan_block_children(ms, ms->items[--ms->depth]);
    }
}

static void scan_block_children(mark_stack_t *ms, size_t head) {
    void **words = (void **)BLOCK_ADDR(head);
    size_t n = alloc_len_blocks(head) * (PY_GC_BLOCK_BYTES / sizeof(void *));
    for (size_t i = 0; i < n; i++) {
        size_t b = head_block_of(words[i]);
        if (b != SIZE_MAX) {
            mark_head(ms, b);
        }
    }
}

void py_gc_mark(const void *ptr) {
    mark_stack_t *ms = py_state.gc_mark_stack; // on py_gc_collect's frame while it runs
    size_t b = head_block_of(ptr);
    if (b != SIZE_MAX && ms != NULL) {
        mark_head(ms, b);
        drain(ms);
    }
}

void py_gc_mark_words(void *const *ptrs, size_t n) {
    for (size_t i = 0; i < n; i++) {
        py_gc_mark(ptrs[i]);
    }
}

// A word on the C stack may point anywhere inside an allocation (the compiler can keep only an
// interior pointer alive), so walk back to its head.
static void mark_stack_word(mark_stack_t *ms, const void *p) {
    const byte *b = p;
    if (b < py_state.gc_pool_start || b >= py_state.gc_pool_end) {
        return;
    }
    size_t block = BLOCK_OF(b);
    while (at_get(block) == AT_TAIL && block > 0) {
        block--;
    }
    unsigned st = at_get(block);
    if (st == AT_HEAD) {
        mark_head(ms, block);
        drain(ms);
    }
}

__attribute__((no_sanitize("address"), noinline)) static void scan_c_stack(mark_stack_t *ms) {
    jmp_buf regs; // spills callee-saved registers onto the stack so their pointers are seen
    setjmp(regs);
    void **sp = (void **)(void *)&regs;
    void **top = (void **)(void *)py_state.stack_top;
    for (void **p = sp; p < top; p++) {
        mark_stack_word(ms, *p);
    }
}

static void rescan_after_overflow(mark_stack_t *ms) {
    while (ms->overflowed) {
        ms->overflowed = false;
        for (size_t b = 0; b < py_state.gc_high_block; b++) {
            if (at_get(b) == AT_MARK && !is_noscan(b)) {
                scan_block_children(ms, b);
                drain(ms);
            }
        }
    }
}

// Sweeping goes a byte of the allocation table (four blocks) at a time, through a const table
// built here by the preprocessor. Per block: a MARKed head stays (as a HEAD), an unmarked HEAD
// is freed, a TAIL goes with its allocation's head; [s] says whether the blocks before ended
// inside a freed allocation. Entry: the new byte, then (bits 8-10) how many of its blocks stay
// in use, then (bit 11) whether it ends inside a freed allocation.
#define SW_FIELD(x, i) (((x) >> (2 * (i))) & 3)
#define SW_NEXT(s, f)  ((f) == AT_HEAD ? 1 : (f) == AT_TAIL ? (s) : 0)
#define SW_OUT(s, f)   ((f) == AT_MARK ? AT_HEAD : (f) == AT_TAIL && !(s) ? AT_TAIL : AT_FREE)
#define SW_S0(s, x)    (s)
#define SW_S1(s, x)    SW_NEXT(SW_S0(s, x), SW_FIELD(x, 0))
#define SW_S2(s, x)    SW_NEXT(SW_S1(s, x), SW_FIELD(x, 1))
#define SW_S3(s, x)    SW_NEXT(SW_S2(s, x), SW_FIELD(x, 2))
#define SW_S4(s, x)    SW_NEXT(SW_S3(s, x), SW_FIELD(x, 3))
#define SW_O(s, x, i)  SW_OUT(SW_S##i(s, x), SW_FIELD(x, i))
#define SW_BYTE(s, x)  (SW_O(s, x, 0) | SW_O(s, x, 1) << 2 | SW_O(s, x, 2) << 4 | SW_O(s, x, 3) << 6)
#define SW_USED(s, x)                                                                              \
    ((SW_O(s, x, 0) != 0) + (SW_O(s, x, 1) != 0) + (SW_O(s, x, 2) != 0) + (SW_O(s, x, 3) != 0))
#define SW_ENTRY(s, x) (uint16_t)(SW_BYTE(s, x) | SW_USED(s, x) << 8 | SW_S4(s, x) << 11)
#define SW_R4(s, x)    SW_ENTRY(s, x), SW_ENTRY(s, x + 1), SW_ENTRY(s, x + 2), SW_ENTRY(s, x + 3)
#define SW_R16(s, x)   SW_R4(s, x), SW_R4(s, x + 4), SW_R4(s, x + 8), SW_R4(s, x + 12)
#define SW_R64(s, x)   SW_R16(s, x), SW_R16(s, x + 16), SW_R16(s, x + 32), SW_R16(s, x + 48)
#define SW_R256(s)     SW_R64(s, 0), SW_R64(s, 64), SW_R64(s, 128), SW_R64(s, 192)
static const uint16_t sweep_table[2][256] = {{SW_R256(0)}, {SW_R256(1)}};

static void sweep(void) {
    byte *atb = py_state.gc_alloc_table;
    size_t used = 0, high = 0;
    unsigned freeing = 0;
    size_t n = (py_state.gc_high_block + BLOCKS_PER_ATB - 1) / BLOCKS_PER_ATB;
    for (size_t i = 0; i < n; i++) {
        unsigned x = atb[i];
        if (x == 0) {
            freeing = 0; // four free blocks
            continue;
        }
        unsigned e = sweep_table[freeing][x];
        atb[i] = (byte)e;
        used += (e >> 8) & 7;
        freeing = (e >> 11) & 1;
        if ((byte)e != 0) {
            high = (i + 1) * BLOCKS_PER_ATB;
        }
    }
    py_state.gc_high_block = high < py_state.gc_n_blocks ? high : py_state.gc_n_blocks;
    py_state.gc_used_blocks = used;
    py_state.gc_alloc_since = 0;
    size_t limit = PY_GC_SOFT_LIMIT_MIN / PY_GC_BLOCK_BYTES;
    py_state.gc_soft_limit = used * 2 > limit ? used * 2 : limit;
    if (used > py_state.gc_peak_live_blocks) {
        py_state.gc_peak_live_blocks = used;
    }
    py_state.gc_last_free_block = 0;
    reset_fit_hints();
    py_state.gc_bump = py_state.gc_bump_end = 0;
    py_state.gc_bump_none = false;
}

// ---- Finalisers ---------------------------------------------------------------------------------

// Calls the __del__ of the object at [p]: the one in its type's own methods (objects with a
// finaliser are made by C code, of native types). The lookup bypasses the type attribute cache,
// which code that allocates relies on staying as it was. What __del__ raises has nowhere to go
// and is dropped.
static void call_finaliser(void *p) {
    const py_obj_base_t *o = p;
    if (o->type == NULL || o->type->locals_dict == NULL) {
        return; // allocated, but the object was never made; or a type without methods
    }
    py_map_elem_t *del = py_map_lookup_qstr(&o->type->locals_dict->map, PY_QSTR___del__);
    if (del == NULL) {
        return;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_call_function_1(del->value, PY_OBJ_FROM_PTR(p));
        py_nlr_pop();
    }
}

// Runs the finalisers of the unmarked heads, or of every head when [all]; each bit is cleared
// before its finaliser runs, so each runs once. Called with gc_collecting set, which makes
// allocation fail: a block handed out now would look unreachable to the sweep.
static void run_finalisers(bool all) {
    py_state.gc_bump = py_state.gc_bump_end = 0;
    const byte *ftb = final_table();
    size_t n = (py_state.gc_high_block + 7) / 8;
    for (size_t i = 0; i < n && py_state.gc_n_finalisers > 0; i++) {
        for (unsigned bits = ftb[i]; bits != 0; bits &= bits - 1) {
            size_t b = i * 8 + (size_t)__builtin_ctz(bits);
            if (all || at_get(b) == AT_HEAD) {
                set_final(b, false);
                call_finaliser(BLOCK_ADDR(b));
            }
        }
    }
}

void py_gc_sweep_all(void) {
    if (py_state.gc_collecting || py_state.gc_pool_start == NULL) {
        return;
    }
    py_state.gc_collecting = true;
    if (py_state.gc_n_finalisers > 0) {
        run_finalisers(true);
    }
    py_state.gc_collecting = false;
}

void py_gc_collect(void) {
    if (py_state.gc_collecting || py_state.gc_pool_start == NULL) {
        return;
    }
    py_state.gc_collecting = true;
    mark_stack_t ms = {.depth = 0, .overflowed = false};
    py_state.gc_mark_stack = &ms;
    void **roots = (void **)(void *)&py_state.roots;
    for (size_t i = 0; i < sizeof(py_state.roots) / sizeof(void *); i++) {
        size_t b = head_block_of(roots[i]);
        if (b != SIZE_MAX) {
            mark_head(&ms, b);
            drain(&ms);
        }
    }
    if (py_state.pending_exception != PY_OBJ_NULL) {
        py_gc_mark(py_state.pending_exception);
    }
    py_port_gc_collect_roots();
    scan_c_stack(&ms);
    rescan_after_overflow(&ms);
    py_state.gc_mark_stack = NULL;
    if (py_state.gc_n_finalisers > 0) {
        run_finalisers(false);
    }
    sweep();
    py_state.gc_n_collect++;
    py_state.gc_collecting = false;
}

// ---- Allocation ---------------------------------------------------------------------------------

// The first free block in [from, to), or SIZE_MAX; skips fully used bytes of the table.
static size_t scan_free_block(size_t from, size_t to) {
    size_t b = from;
    while (b < to && b % BLOCKS_PER_ATB != 0) {
        if (at_get(b) == AT_FREE) {
            return b;
        }
        b++;
    }
    const byte *atb = py_state.gc_alloc_table;
    while (b + BLOCKS_PER_ATB <= to) {
        unsigned x = atb[b / BLOCKS_PER_ATB];
        // A block is free when both its bits are clear.
        if (((x | x >> 1) & 0x55) != 0x55) {
            break;
        }
        b += BLOCKS_PER_ATB;
    }
    for (; b < to; b++) {
        if (at_get(b) == AT_FREE) {
            return b;
        }
    }
    return SIZE_MAX;
}

// How many blocks from [b] on are free, counting up to [to] at most; eight bytes of the table
// (32 free blocks) at a time where it can.
static size_t free_run_len(size_t b, size_t to) {
    size_t start = b;
    while (b < to && b % BLOCKS_PER_ATB != 0) {
        if (at_get(b) != AT_FREE) {
            return b - start;
        }
        b++;
    }
    const byte *atb = py_state.gc_alloc_table;
    while (b + 8 * BLOCKS_PER_ATB <= to) {
        uint64_t w;
        memcpy(&w, atb + b / BLOCKS_PER_ATB, sizeof(w));
        if (w != 0) {
            break;
        }
        b += 8 * BLOCKS_PER_ATB;
    }
    while (b + BLOCKS_PER_ATB <= to && atb[b / BLOCKS_PER_ATB] == 0) {
        b += BLOCKS_PER_ATB;
    }
    while (b < to && at_get(b) == AT_FREE) {
        b++;
    }
    return b - start;
}

// The first block of the first run of [n] free blocks in [from, to), or SIZE_MAX.
static size_t scan_free_run(size_t from, size_t to, size_t n) {
    size_t b = from;
    for (;;) {
        b = scan_free_block(b, to);
        if (b == SIZE_MAX || n == 1) {
            return b;
        }
        size_t len = free_run_len(b, b + n < to ? b + n : to);
        if (len >= n) {
            return b;
        }
        b += len + 1; // the block after the run is in use (or b + len == to)
        if (b >= to) {
            return SIZE_MAX;
        }
    }
}

// Small heaps place every allocation first-fit, in the lowest free run that is long enough: a
// buffer that grows (a file being read, bytecode being compiled) then keeps the free space after
// it, instead of the next small object being placed there as next-fit would, which strews
// long-lived objects across the heap until no long run is left. So that multi-block searches do
// not rescan the small holes at the bottom of the heap each time, each size class keeps a hint
// (gc_fit_hint): its search starts there, and falls back to the lowest free block only when it
// finds nothing above. A hint moves up past runs that proved too short, and down to any run freed.

// The size class of a run of [n] >= 2 blocks.
static inline size_t fit_class(size_t n) {
    return n - 2 < PY_GC_FIT_CLASSES - 1 ? n - 2 : PY_GC_FIT_CLASSES - 1;
}

// Blocks from [b] on were freed: searches must look there again.
static void note_freed(size_t b) {
    if (b < py_state.gc_last_free_block) {
        py_state.gc_last_free_block = b;
    }
    // They join the free blocks just below them into one run, long enough for any class.
    size_t stop = b > PY_GC_FIT_CLASSES ? b - PY_GC_FIT_CLASSES : 0;
    while (b > stop && at_get(b - 1) == AT_FREE) {
        b--;
    }
    for (size_t c = 0; c < PY_GC_FIT_CLASSES; c++) {
        if (b < py_state.gc_fit_hint[c]) {
            py_state.gc_fit_hint[c] = b;
        }
    }
}

static size_t find_free_run(size_t n) {
    size_t lo = py_state.gc_last_free_block;
    if (n == 1) {
        size_t b = scan_free_run(lo, py_state.gc_n_blocks, 1);
        if (b != SIZE_MAX) {
            py_state.gc_last_free_block = b + 1; // b was the lowest free block
        }
        return b;
    }
    size_t c = fit_class(n);
    size_t from = py_state.gc_fit_hint[c] > lo ? py_state.gc_fit_hint[c] : lo;
    size_t start = scan_free_run(from, py_state.gc_n_blocks, n);
    if (start == SIZE_MAX && from > lo) {
        size_t to = from + n - 1 < py_state.gc_n_blocks ? from + n - 1 : py_state.gc_n_blocks;
        start = scan_free_run(lo, to, n);
    }
    if (start == SIZE_MAX) {
        return start;
    }
    // No run of n blocks starts between the hint (or the lowest free block) and [start]. The
    // last class learns nothing for its shorter members from a longer search.
    if (c < PY_GC_FIT_CLASSES - 1 || n == PY_GC_FIT_CLASSES + 1) {
        py_state.gc_fit_hint[c] = start + n;
    }
    if (start == lo) {
        py_state.gc_last_free_block = start + n;
    }
    return start;
}

// Makes the next free run of at least max([n], BUMP_RUN_MIN) blocks (next-fit from the end of
// the last one) the bump region. Returns false, leaving it empty, when there is none.
static bool bump_refill(size_t n) {
    size_t want = n > BUMP_RUN_MIN ? n : BUMP_RUN_MIN;
    size_t lo = py_state.gc_last_free_block, end = py_state.gc_n_blocks;
    size_t from = py_state.gc_bump_end > lo ? py_state.gc_bump_end : lo;
    py_state.gc_bump = py_state.gc_bump_end = 0;
    if (py_state.gc_bump_none) {
        return false;
    }
    size_t start = scan_free_run(from, end, want);
    if (start == SIZE_MAX && from > lo) {
        start = scan_free_run(lo, from + want - 1 < end ? from + want - 1 : end, want);
    }
    if (start == SIZE_MAX) {
        py_state.gc_bump_none = true; // until the next collection frees some
        return false;
    }
    size_t stop = start + want;
    if (want < BUMP_RUN_MAX) {
        stop += free_run_len(stop, start + BUMP_RUN_MAX < end ? start + BUMP_RUN_MAX : end);
    }
    py_state.gc_bump = start;
    py_state.gc_bump_end = stop;
    return true;
}

// The first of [n] free blocks to allocate, or SIZE_MAX.
static inline size_t take_blocks(size_t n) {
    if (py_state.gc_n_blocks < BUMP_HEAP_MIN) {
        return find_free_run(n);
    }
    if (n > py_state.gc_bump_end - py_state.gc_bump && !bump_refill(n)) {
        return find_free_run(n);
    }
    size_t start = py_state.gc_bump;
    py_state.gc_bump = start + n;
    return start;
}

static void note_used(size_t delta) {
    py_state.gc_alloc_since += delta;
    py_state.gc_used_blocks += delta;
    if (py_state.gc_used_blocks > py_state.gc_peak_blocks) {
        py_state.gc_peak_blocks = py_state.gc_used_blocks;
    }
}

static inline bool may_collect(void) {
    return py_state.gc_auto && py_state.gc_lock_depth == 0 && !py_state.gc_collecting;
}

// Zeroes [n] blocks at [p]; the usual small sizes as constant-size stores.
static inline void zero_blocks(void *p, size_t n) {
    switch (n) {
        case 1:
            memset(p, 0, PY_GC_BLOCK_BYTES);
            break;
        case 2:
            memset(p, 0, 2 * PY_GC_BLOCK_BYTES);
            break;
        case 3:
            memset(p, 0, 3 * PY_GC_BLOCK_BYTES);
            break;
        default:
            memset(p, 0, n * PY_GC_BLOCK_BYTES);
            break;
    }
}

// Finds [n] free blocks, collecting first when due or when there is no room; SIZE_MAX if none.
static size_t alloc_blocks_slow(size_t n) {
    if (n > py_state.gc_n_blocks || py_state.gc_collecting) {
        return SIZE_MAX; // also before py_gc_init (no blocks), and while finalisers run
    }
    if (py_state.gc_alloc_since >= py_state.gc_soft_limit && may_collect()) {
        py_gc_collect();
    }
    size_t start = take_blocks(n);
    if (start == SIZE_MAX && may_collect()) {
        py_gc_collect();
        start = take_blocks(n);
    }
    return start;
}

void *py_gc_alloc(size_t n_bytes, unsigned flags) {
    size_t n = n_bytes == 0 ? 1 : (n_bytes + PY_GC_BLOCK_BYTES - 1) / PY_GC_BLOCK_BYTES;
    size_t start = py_state.gc_bump;
    if (PY_LIKELY(n <= py_state.gc_bump_end - start) &&
        py_state.gc_alloc_since < py_state.gc_soft_limit) {
        py_state.gc_bump = start + n; // the usual case on a big heap
    } else {
        start = alloc_blocks_slow(n);
        if (start == SIZE_MAX) {
            return NULL;
        }
    }
    // The blocks are free (both bits clear): setting bits is enough.
    byte *atb = py_state.gc_alloc_table;
    atb[start / BLOCKS_PER_ATB] |= (byte)(AT_HEAD << (2 * (start % BLOCKS_PER_ATB)));
    for (size_t b = start + 1; b < start + n; b++) {
        atb[b / BLOCKS_PER_ATB] |= (byte)(AT_TAIL << (2 * (b % BLOCKS_PER_ATB)));
    }
    if (flags & PY_GC_NOSCAN) {
        set_noscan(start, true);
    } else if (is_noscan(start)) {
        set_noscan(start, false);
    }
    if (PY_UNLIKELY(flags & PY_GC_FINALISE)) {
        set_final(start, true);
    }
    if (start + n > py_state.gc_high_block) {
        py_state.gc_high_block = start + n;
    }
    note_used(n);
    void *p = BLOCK_ADDR(start);
    zero_blocks(p, n);
    return p;
}

static void free_blocks_from(size_t first) {
    size_t b = first;
    while (b < py_state.gc_n_blocks && at_get(b) == AT_TAIL) {
        at_set(b, AT_FREE);
        b++;
    }
    py_state.gc_used_blocks -= b - first;
}

void py_gc_free(void *ptr) {
    if (py_state.gc_collecting) {
        return;
    }
    size_t head = head_block_of(ptr);
    if (head == SIZE_MAX) {
        return;
    }
    if (PY_UNLIKELY(py_state.gc_n_finalisers > 0) && is_final(head)) {
        set_final(head, false);
    }
    at_set(head, AT_FREE);
    py_state.gc_used_blocks--;
    free_blocks_from(head + 1);
    note_freed(head);
}

size_t py_gc_nbytes(const void *ptr) {
    size_t head = head_block_of(ptr);
    return head == SIZE_MAX ? 0 : alloc_len_blocks(head) * PY_GC_BLOCK_BYTES;
}

bool py_gc_is_heap_ptr(const void *ptr) {
    return head_block_of(ptr) != SIZE_MAX;
}

void *py_gc_realloc(void *ptr, size_t n_bytes, bool allow_move) {
    if (ptr == NULL) {
        return py_gc_alloc(n_bytes, 0);
    }
    size_t head = head_block_of(ptr);
    if (head == SIZE_MAX) {
        return NULL;
    }
    size_t have = alloc_len_blocks(head);
    size_t want = (n_bytes + PY_GC_BLOCK_BYTES - 1) / PY_GC_BLOCK_BYTES;
    if (want == 0) {
        want = 1;
    }
    if (want <= have) {
        if (want < have) {
            at_set(head + want, AT_FREE);
            py_state.gc_used_blocks--;
            free_blocks_from(head + want + 1);
            note_freed(head + want);
        }
        return ptr;
    }
    if (py_state.gc_collecting) {
        return NULL; // a finaliser is running: nothing may grow
    }
    // Grow in place when the blocks after the allocation are free.
    size_t free_after = 0;
    while (head + have + free_after < py_state.gc_n_blocks && free_after < want - have &&
           at_get(head + have + free_after) == AT_FREE) {
        free_after++;
    }
    if (free_after == want - have) {
        if (head + want > py_state.gc_bump && head + have < py_state.gc_bump_end) {
            py_state.gc_bump = py_state.gc_bump_end = 0; // the region loses blocks: drop it
        }
        for (size_t b = head + have; b < head + want; b++) {
            at_set(b, AT_TAIL);
        }
        if (head + want > py_state.gc_high_block) {
            py_state.gc_high_block = head + want;
        }
        memset(BLOCK_ADDR(head + have), 0, (want - have) * PY_GC_BLOCK_BYTES);
        note_used(want - have);
        return ptr;
    }
    if (!allow_move) {
        return NULL;
    }
    unsigned flags = is_noscan(head) ? PY_GC_NOSCAN : 0;
    if (py_state.gc_n_finalisers > 0 && is_final(head)) {
        flags |= PY_GC_FINALISE; // moves with the object (py_gc_free clears the old bit)
    }
    void *fresh = py_gc_alloc(n_bytes, flags);
    if (fresh == NULL) {
        return NULL;
    }
    memcpy(fresh, ptr, have * PY_GC_BLOCK_BYTES);
    py_gc_free(ptr);
    return fresh;
}

void py_gc_lock(void) {
    py_state.gc_lock_depth++;
}

void py_gc_unlock(void) {
    py_state.gc_lock_depth--;
}

bool py_gc_is_locked(void) {
    return py_state.gc_lock_depth > 0;
}

void py_gc_set_auto(bool enabled) {
    py_state.gc_auto = enabled;
}

bool py_gc_is_auto(void) {
    return py_state.gc_auto;
}

void py_gc_info(py_gc_info_t *info) {
    size_t free_run = 0, max_free = 0;
    for (size_t b = 0; b < py_state.gc_n_blocks; b++) {
        if (at_get(b) == AT_FREE) {
            if (++free_run > max_free) {
                max_free = free_run;
            }
        } else {
            free_run = 0;
        }
    }
    info->total = py_state.gc_n_blocks * PY_GC_BLOCK_BYTES;
    info->used = py_state.gc_used_blocks * PY_GC_BLOCK_BYTES;
    info->free = info->total - info->used;
    info->max_free = max_free * PY_GC_BLOCK_BYTES;
    info->peak_used = py_state.gc_peak_blocks * PY_GC_BLOCK_BYTES;
    info->peak_live = py_state.gc_peak_live_blocks * PY_GC_BLOCK_BYTES;
    info->n_collect = py_state.gc_n_collect;
}

void py_gc_reset_peak(void) {
    py_state.gc_peak_blocks = py_state.gc_used_blocks;
    py_state.gc_peak_live_blocks = 0;
}

// ---- Raising wrappers ---------------------------------------------------------------------------

void *py_malloc(size_t n) {
    void *p = py_gc_alloc(n, 0);
    if (p == NULL) {
        py_raise_MemoryError();
    }
    return p;
}

void *py_malloc_noscan(size_t n) {
    void *p = py_gc_alloc(n, PY_GC_NOSCAN);
    if (p == NULL) {
        py_raise_MemoryError();
    }
    return p;
}

void *py_realloc(void *ptr, size_t old_n, size_t new_n) {
    (void)old_n;
    void *p = py_gc_realloc(ptr, new_n, true);
    if (p == NULL) {
        py_raise_MemoryError();
    }
    return p;
}

void py_free(void *ptr) {
    py_gc_free(ptr);
}

void *py_obj_alloc_with_finaliser(size_t size, const py_obj_type_t *type) {
    py_obj_base_t *o = py_gc_alloc(size, PY_GC_FINALISE);
    if (o == NULL) {
        py_raise_MemoryError();
    }
    o->type = type;
    return o;
}
