// SPDX-License-Identifier: MIT
// qstr.c: interned strings: a sorted static table in ROM, and dynamic ones on the GC heap.
//
// Static qstrs are numbered in order of their text, so finding one is a binary search. Dynamic
// qstrs get the following numbers; each has an entry {hash, len, data} in a growing array and
// its own NUL-terminated copy of the bytes, and an open-addressing index maps hashes to numbers.
// Both the array and the index hang off py_state.roots, so the GC keeps them.

#include "qstr.h"

#include <string.h>

#include "gc.h"
#include "runtime.h"
#include "state.h"

typedef struct static_qstr {
    uint32_t hash;
    uint16_t len;
    const char *str;
} static_qstr_t;

static const static_qstr_t static_qstrs[] = {
    {0, 0, ""}, // PY_QSTR_NULL
#define QDEF(id, hash, len, str) {hash, len, str},
#include "genhdr/qstrdefs.generated.h"
#undef QDEF
};

typedef struct dyn_qstr {
    size_t hash;
    size_t len;
    const char *data;
} dyn_qstr_t;

#define INDEX_EMPTY (0)

size_t py_str_hash(const byte *data, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ data[i]) * 16777619u;
    }
    // 30 bits, so the hash is the same whether kept raw or as a small int on a 32-bit chip.
    h &= 0x3fffffffu;
    return h != 0 ? h : 1;
}

void py_qstr_init(void) {
    py_state.roots.qstr_pools = NULL;
    py_state.roots.qstr_index = NULL;
    py_state.qstr_n_dynamic = 0;
    py_state.qstr_bytes = 0;
    py_state.qstr_index_alloc = 0;
}

static inline dyn_qstr_t *dyn_table(void) {
    return py_state.roots.qstr_pools;
}

static qstr find_static(const char *str, size_t len) {
    size_t lo = 1, hi = PY_QSTR_NUMBER_OF_STATIC;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const static_qstr_t *q = &static_qstrs[mid];
        size_t n = q->len < len ? q->len : len;
        int c = memcmp(q->str, str, n);
        if (c == 0) {
            c = q->len < len ? -1 : q->len > len ? 1 : 0;
        }
        if (c == 0) {
            return mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return PY_QSTR_NULL;
}

static qstr find_dynamic(const char *str, size_t len, size_t hash) {
    size_t mask = py_state.qstr_index_alloc - 1;
    uint32_t *index = py_state.roots.qstr_index;
    if (index == NULL) {
        return PY_QSTR_NULL;
    }
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t id = index[i];
        if (id == INDEX_EMPTY) {
            return PY_QSTR_NULL;
        }
        const dyn_qstr_t *d = &dyn_table()[id - PY_QSTR_NUMBER_OF_STATIC];
        if (d->hash == hash && d->len == len && memcmp(d->data, str, len) == 0) {
            return id;
        }
    }
}

qstr py_qstr_find_strn(const char *str, size_t len) {
    qstr q = find_static(str, len);
    if (q != PY_QSTR_NULL) {
        return q;
    }
    return find_dynamic(str, len, py_str_hash((const byte *)str, len));
}

static void index_insert(uint32_t *index, size_t alloc, size_t hash, uint32_t id) {
    size_t mask = alloc - 1;
    size_t i = hash & mask;
    while (index[i] != INDEX_EMPTY) {
        i = (i + 1) & mask;
    }
    index[i] = id;
}

// Keeps the index at most half full so probes stay short.
static void index_grow_if_needed(void) {
    size_t n = py_state.qstr_n_dynamic + 1;
    if (py_state.roots.qstr_index != NULL && n * 2 <= py_state.qstr_index_alloc) {
        return;
    }
    size_t alloc = py_state.qstr_index_alloc == 0 ? 32 : py_state.qstr_index_alloc * 2;
    uint32_t *index = py_malloc_noscan(alloc * sizeof(uint32_t));
    for (size_t k = 0; k < py_state.qstr_n_dynamic; k++) {
        index_insert(index, alloc, dyn_table()[k].hash, (uint32_t)(k + PY_QSTR_NUMBER_OF_STATIC));
    }
    py_free(py_state.roots.qstr_index);
    py_state.roots.qstr_index = index;
    py_state.qstr_index_alloc = alloc;
}

qstr py_qstr_from_strn(const char *str, size_t len) {
    qstr q = py_qstr_find_strn(str, len);
    if (q != PY_QSTR_NULL) {
        return q;
    }
    if (len > PY_QSTR_MAX_LEN) {
        py_raise_ValueError("name too long");
    }
    size_t hash = py_str_hash((const byte *)str, len);
    char *copy = py_malloc_noscan(len + 1);
    memcpy(copy, str, len);
    index_grow_if_needed();
    size_t n = py_state.qstr_n_dynamic;
    size_t cap = dyn_table() == NULL ? 0 : py_gc_nbytes(dyn_table()) / sizeof(dyn_qstr_t);
    if (n == cap) {
        size_t new_cap = cap == 0 ? 16 : cap * 2;
        py_state.roots.qstr_pools = py_realloc(py_state.roots.qstr_pools, cap * sizeof(dyn_qstr_t),
                                               new_cap * sizeof(dyn_qstr_t));
    }
    dyn_table()[n] = (dyn_qstr_t){hash, len, copy};
    q = n + PY_QSTR_NUMBER_OF_STATIC;
    index_insert(py_state.roots.qstr_index, py_state.qstr_index_alloc, hash, (uint32_t)q);
    py_state.qstr_n_dynamic = n + 1;
    py_state.qstr_bytes += len + 1;
    return q;
}

qstr py_qstr_from_str(const char *str) {
    return py_qstr_from_strn(str, strlen(str));
}

const byte *py_qstr_data(qstr q, size_t *len) {
    if (q < PY_QSTR_NUMBER_OF_STATIC) {
        *len = static_qstrs[q].len;
        return (const byte *)static_qstrs[q].str;
    }
    const dyn_qstr_t *d = &dyn_table()[q - PY_QSTR_NUMBER_OF_STATIC];
    *len = d->len;
    return (const byte *)d->data;
}

const char *py_qstr_str(qstr q) {
    size_t len;
    return (const char *)py_qstr_data(q, &len);
}

size_t py_qstr_len(qstr q) {
    size_t len;
    py_qstr_data(q, &len);
    return len;
}

size_t py_qstr_hash(qstr q) {
    if (q < PY_QSTR_NUMBER_OF_STATIC) {
        return static_qstrs[q].hash;
    }
    return dyn_table()[q - PY_QSTR_NUMBER_OF_STATIC].hash;
}

void py_qstr_stats(py_qstr_stats_t *stats) {
    stats->n_dynamic = py_state.qstr_n_dynamic;
    stats->n_bytes = py_state.qstr_bytes;
}
