// SPDX-License-Identifier: MIT
// mpz_test_shim.c: the three gc.h allocator entry points over malloc, for the mpz unit test.
//
// The real build links gc.c instead.  The shim keeps every live block on a list so the test can
// check that operations free their temporaries, and can simulate MemoryError: after a set number
// of successful allocations the next one longjmps to the test's handler, as the interpreter's
// allocator raises instead of returning NULL.  Blocks abandoned by such a "raise" are garbage
// that the GC would reclaim; mpz_shim_collect_since() frees them.

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gc.h"

// Test-facing controls (declared again in test_mpz.c).
size_t mpz_shim_live_blocks(void);
void mpz_shim_fail_after(long n, jmp_buf *handler);
size_t mpz_shim_mark(void);
void mpz_shim_collect_since(size_t mark);

// Each block is preceded by a header linking it into the list of live blocks.
typedef struct block {
    struct block *prev, *next;
    size_t seq; // allocation order, for mpz_shim_collect_since
    max_align_t align[];
} block_t;

static block_t live = {&live, &live, 0};
static size_t live_count;
static size_t next_seq = 1;
static long allocs_until_failure = -1; // -1: never fail
static jmp_buf *failure_handler;

size_t mpz_shim_live_blocks(void) {
    return live_count;
}

void mpz_shim_fail_after(long n, jmp_buf *handler) {
    allocs_until_failure = n;
    failure_handler = handler;
}

size_t mpz_shim_mark(void) {
    return next_seq;
}

static void unlink_block(block_t *b) {
    b->prev->next = b->next;
    b->next->prev = b->prev;
    live_count--;
}

static void *link_block(block_t *b) {
    b->seq = next_seq++;
    b->next = live.next;
    b->prev = &live;
    live.next->prev = b;
    live.next = b;
    live_count++;
    return b + 1;
}

void mpz_shim_collect_since(size_t mark) {
    block_t *b = live.next;
    while (b != &live) {
        block_t *next = b->next;
        if (b->seq >= mark) {
            unlink_block(b);
            free(b);
        }
        b = next;
    }
}

// Counts one allocation attempt; "raises" MemoryError when the budget is spent or the request
// is impossible, like the real allocator.
static void charge(size_t n) {
    if (allocs_until_failure == 0 || n > SIZE_MAX / 4) {
        allocs_until_failure = -1;
        if (failure_handler != NULL) {
            longjmp(*failure_handler, 1);
        }
        abort();
    }
    if (allocs_until_failure > 0) {
        allocs_until_failure--;
    }
}

void *py_malloc_noscan(size_t n) {
    charge(n);
    block_t *b = malloc(sizeof(block_t) + n);
    if (b == NULL) {
        abort();
    }
    // Garbage fill, unlike the real (zeroing) GC, so reads of unwritten digits show up.
    memset(b + 1, 0xa5, n);
    return link_block(b);
}

void *py_realloc(void *ptr, size_t old_n, size_t new_n) {
    (void)old_n;
    if (ptr == NULL) {
        return py_malloc_noscan(new_n);
    }
    charge(new_n);
    block_t *b = (block_t *)ptr - 1;
    unlink_block(b);
    block_t *nb = realloc(b, sizeof(block_t) + new_n);
    if (nb == NULL) {
        abort();
    }
    return link_block(nb);
}

void py_free(void *ptr) {
    if (ptr != NULL) {
        block_t *b = (block_t *)ptr - 1;
        unlink_block(b);
        free(b);
    }
}
