// SPDX-License-Identifier: MIT
// ast.c: the arena the syntax tree and its scope records live in.

#include "ast.h"

#include <string.h>

#include "gc.h"

#define ARENA_ALIGN (sizeof(void *))

void py_arena_init(py_arena_t *arena) {
    arena->head = NULL;
    arena->used = 0;
    arena->size = 0;
}

void *py_arena_alloc(py_arena_t *arena, size_t n) {
    n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (arena->head != NULL && arena->size - arena->used >= n) {
        void *ptr = (byte *)arena->head + arena->used;
        arena->used += n;
        return ptr;
    }
    size_t body = PY_AST_ARENA_CHUNK;
    if (n > body / 2) {
        // A large block gets a chunk of its own, linked behind the current one so that the
        // current chunk's free space stays usable.
        void **chunk = py_malloc(sizeof(void *) + n);
        if (arena->head == NULL) {
            arena->head = chunk;
            arena->used = arena->size = sizeof(void *) + n;
        } else {
            chunk[0] = *(void **)arena->head;
            *(void **)arena->head = chunk;
        }
        return chunk + 1;
    }
    void **chunk = py_malloc(sizeof(void *) + body);
    chunk[0] = arena->head;
    arena->head = chunk;
    arena->size = sizeof(void *) + body;
    arena->used = sizeof(void *) + n;
    return chunk + 1;
}

void py_arena_free(py_arena_t *arena) {
    void **chunk = arena->head;
    while (chunk != NULL) {
        void **prev = chunk[0];
        py_free(chunk);
        chunk = prev;
    }
    py_arena_init(arena);
}

py_arena_mark_t py_arena_mark(const py_arena_t *arena) {
    py_arena_mark_t mark = {arena->head, NULL, arena->used, arena->size};
    if (arena->head != NULL) {
        mark.link = *(void **)arena->head;
    }
    return mark;
}

void py_arena_release(py_arena_t *arena, const py_arena_mark_t *mark) {
    // Chunks started since the mark are newer than its head in the chain.
    while (arena->head != mark->head) {
        void **chunk = arena->head;
        arena->head = chunk[0];
        py_free(chunk);
    }
    if (mark->head == NULL) {
        py_arena_init(arena);
        return;
    }
    // Large blocks allocated since then were linked right behind the mark's head.
    void **head = mark->head;
    while (head[0] != mark->link) {
        void **chunk = head[0];
        head[0] = chunk[0];
        py_free(chunk);
    }
    // Allocations hand out zeroed memory: clear what the released nodes used.
    memset((byte *)head + mark->used, 0, mark->size - mark->used);
    arena->used = mark->used;
    arena->size = mark->size;
}
