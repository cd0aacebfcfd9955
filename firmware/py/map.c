// SPDX-License-Identifier: MIT
// map.c: insertion-ordered hash maps (see map.h for the layout).
//
// [table] holds entries in insertion order. Maps with more than LINEAR_MAX slots also keep an
// index: a word holding its mask, then an open-addressing table of uint32 positions into
// [table], sized to the next power of two at least twice [alloc], so it is at most half full.
// Deleting leaves a hole (key NULL) in [table] and a DELETED mark in the index; growing
// compacts both.
//
// A watched map (a class's dict) tells the type lookup cache about every change.

#include "map.h"

#include <string.h>

#include "gc.h"
#include "objects.h"
#include "runtime.h"

#define LINEAR_MAX    (8)
#define INDEX_EMPTY   (0xffffffffu)
#define INDEX_DELETED (0xfffffffeu)
// Largest number of entries a map may hold; the index stores positions as uint32.
#define MAP_MAX_ENTRIES (0x7fffffffu)

// The index's probe slots and mask.
static inline uint32_t *index_slots(const py_map_t *map) {
    return (uint32_t *)map->index + 1;
}

static inline size_t index_mask(const py_map_t *map) {
    return *(const uint32_t *)map->index;
}

// Called before every change of [map]'s keys or values.
static inline void note_change(const py_map_t *map) {
    if (map->is_watched) {
        py_type_cache_invalidate();
    }
}

static size_t index_size(size_t alloc) {
    size_t n = 16;
    while (n < alloc * 2) {
        n *= 2;
    }
    return n;
}

void py_map_init(py_map_t *map, size_t n) {
    map->all_keys_are_qstrs = 1;
    map->is_fixed = 0;
    map->is_watched = 0;
    map->used = 0;
    map->filled = 0;
    map->alloc = 0;
    map->table = NULL;
    map->index = NULL;
    if (n > 0) {
        map->table = py_new(py_map_elem_t, n);
        map->alloc = n;
    }
}

void py_map_init_fixed_table(py_map_t *map, size_t n, const py_map_elem_t *table) {
    map->all_keys_are_qstrs = 1;
    map->is_fixed = 1;
    map->is_watched = 0;
    map->used = n;
    map->filled = n;
    map->alloc = n;
    map->table = (py_map_elem_t *)table;
    map->index = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!PY_OBJ_IS_QSTR(table[i].key)) {
            map->all_keys_are_qstrs = 0;
        }
    }
}

void py_map_deinit(py_map_t *map) {
    note_change(map);
    if (!map->is_fixed) {
        py_free(map->table);
        py_free(map->index);
    }
    map->used = map->filled = map->alloc = 0;
    map->table = NULL;
    map->index = NULL;
}

void py_map_clear(py_map_t *map) {
    py_map_deinit(map);
    map->all_keys_are_qstrs = 1;
    map->is_fixed = 0;
}

static inline size_t key_hash(py_obj_t key) {
    if (PY_OBJ_IS_QSTR(key)) {
        return py_qstr_hash(PY_OBJ_QSTR_VALUE(key));
    }
    return py_obj_hash_value(key);
}

static inline bool keys_equal(py_obj_t a, py_obj_t b) {
    if (a == b) {
        return true;
    }
    // Two distinct qstrs always differ; small ints are unique words too.
    if ((PY_OBJ_IS_QSTR(a) && PY_OBJ_IS_QSTR(b)) ||
        (PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b))) {
        return false;
    }
    return py_obj_equal(a, b);
}

static void index_rebuild(py_map_t *map) {
    py_free(map->index);
    map->index = NULL;
    if (map->alloc <= LINEAR_MAX) {
        return;
    }
    size_t n = index_size(map->alloc);
    uint32_t *index = py_malloc_noscan((n + 1) * sizeof(uint32_t));
    index[0] = (uint32_t)(n - 1);
    index++;
    memset(index, 0xff, n * sizeof(uint32_t));
    size_t mask = n - 1;
    for (size_t i = 0; i < map->filled; i++) {
        if (map->table[i].key == PY_OBJ_NULL) {
            continue;
        }
        size_t h = key_hash(map->table[i].key) & mask;
        while (index[h] != INDEX_EMPTY) {
            h = (h + 1) & mask;
        }
        index[h] = (uint32_t)i;
    }
    map->index = index - 1;
}

// Compacts [table] and makes room for at least one more entry.
static void grow(py_map_t *map) {
    size_t new_alloc = map->used < 4 ? 4 : map->used * 2;
    if (new_alloc > MAP_MAX_ENTRIES) {
        py_raise_MemoryError();
    }
    py_map_elem_t *table = py_new(py_map_elem_t, new_alloc);
    size_t k = 0;
    for (size_t i = 0; i < map->filled; i++) {
        if (map->table[i].key != PY_OBJ_NULL) {
            table[k++] = map->table[i];
        }
    }
    py_free(map->table);
    map->table = table;
    map->alloc = new_alloc;
    map->filled = k;
    index_rebuild(map);
}

static py_map_elem_t *lookup_linear(py_map_t *map, py_obj_t key) {
    py_map_elem_t *t = map->table;
    if (PY_OBJ_IS_QSTR(key) && map->all_keys_are_qstrs) {
        for (size_t i = 0; i < map->filled; i++) {
            if (t[i].key == key) {
                return &t[i];
            }
        }
        return NULL;
    }
    for (size_t i = 0; i < map->filled; i++) {
        if (t[i].key != PY_OBJ_NULL && keys_equal(t[i].key, key)) {
            return &t[i];
        }
    }
    return NULL;
}

// Probes the index for [key]; returns its entry or NULL, and in [*slot] the index slot where it
// would be inserted.
static py_map_elem_t *lookup_indexed(py_map_t *map, py_obj_t key, size_t hash, size_t *slot) {
    uint32_t *index = index_slots(map);
    size_t mask = index_mask(map);
    size_t first_free = SIZE_MAX;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t pos = index[i];
        if (pos == INDEX_EMPTY) {
            *slot = first_free != SIZE_MAX ? first_free : i;
            return NULL;
        }
        if (pos == INDEX_DELETED) {
            if (first_free == SIZE_MAX) {
                first_free = i;
            }
            continue;
        }
        py_map_elem_t *e = &map->table[pos];
        if (keys_equal(e->key, key)) {
            *slot = i;
            return e;
        }
    }
}

py_map_elem_t *py_map_lookup(py_map_t *map, py_obj_t key, py_map_lookup_kind_t kind) {
    py_map_elem_t *e;
    size_t hash = 0, slot = 0;
    if (map->index == NULL) {
        e = lookup_linear(map, key);
    } else {
        hash = key_hash(key);
        e = lookup_indexed(map, key, hash, &slot);
    }
    if (kind != PY_MAP_LOOKUP) {
        note_change(map);
    }
    if (e != NULL || kind == PY_MAP_LOOKUP) {
        if (e == NULL && map->index == NULL && !PY_OBJ_IS_QSTR(key) && !PY_OBJ_IS_SMALL_INT(key)) {
            key_hash(key); // unhashable keys raise TypeError even on a miss, as in CPython
        }
        return e;
    }
    if (map->is_fixed) {
        py_raise_TypeError("dict is read-only");
    }
    if (map->index == NULL) {
        key_hash(key); // raises for unhashable keys before anything changes
    }
    if (map->filled == map->alloc) {
        grow(map);
        if (map->index != NULL) {
            hash = key_hash(key);
            lookup_indexed(map, key, hash, &slot);
        }
    }
    if (map->is_watched) {
        py_state.type_key_gen++;
    }
    e = &map->table[map->filled];
    if (map->index != NULL) {
        index_slots(map)[slot] = (uint32_t)map->filled;
    }
    map->filled++;
    map->used++;
    e->key = key;
    e->value = PY_OBJ_NULL;
    if (!PY_OBJ_IS_QSTR(key)) {
        map->all_keys_are_qstrs = 0;
    }
    return e;
}

py_map_elem_t *py_map_lookup_qstr(py_map_t *map, qstr key) {
    py_obj_t k = PY_OBJ_NEW_QSTR(key);
    if (!map->all_keys_are_qstrs) {
        // A str key equal to [key] need not be the same qstr word: compare by value.
        return py_map_lookup(map, k, PY_MAP_LOOKUP);
    }
    py_map_elem_t *t = map->table;
    if (map->index == NULL) {
        for (size_t i = 0, n = map->filled; i < n; i++) {
            if (t[i].key == k) {
                return &t[i];
            }
        }
        return NULL;
    }
    // Only qstr keys: the same text is the same word, so probing compares words.
    const uint32_t *index = index_slots(map);
    size_t mask = index_mask(map);
    for (size_t i = py_qstr_hash(key) & mask;; i = (i + 1) & mask) {
        uint32_t pos = index[i];
        if (pos == INDEX_EMPTY) {
            return NULL;
        }
        if (pos != INDEX_DELETED && t[pos].key == k) {
            return &t[pos];
        }
    }
}

static void remove_at(py_map_t *map, py_map_elem_t *e) {
    size_t pos = (size_t)(e - map->table);
    if (map->index != NULL) {
        uint32_t *index = index_slots(map);
        size_t mask = index_mask(map);
        for (size_t i = key_hash(e->key) & mask;; i = (i + 1) & mask) {
            if (index[i] == pos) {
                index[i] = INDEX_DELETED;
                break;
            }
        }
    }
    e->key = PY_OBJ_NULL;
    e->value = PY_OBJ_NULL;
    map->used--;
    // Trailing holes can be reclaimed at once, which keeps popitem loops O(1) each.
    while (map->filled > 0 && map->table[map->filled - 1].key == PY_OBJ_NULL) {
        map->filled--;
    }
}

bool py_map_remove(py_map_t *map, py_obj_t key, py_obj_t *value) {
    if (map->is_fixed) {
        py_raise_TypeError("dict is read-only");
    }
    note_change(map);
    py_map_elem_t *e = py_map_lookup(map, key, PY_MAP_LOOKUP);
    if (e == NULL) {
        return false;
    }
    if (value != NULL) {
        *value = e->value;
    }
    remove_at(map, e);
    return true;
}

bool py_map_pop_last(py_map_t *map, py_map_elem_t *out) {
    if (map->is_fixed) {
        py_raise_TypeError("dict is read-only");
    }
    note_change(map);
    for (size_t i = map->filled; i > 0; i--) {
        py_map_elem_t *e = &map->table[i - 1];
        if (e->key != PY_OBJ_NULL) {
            *out = *e;
            remove_at(map, e);
            return true;
        }
    }
    return false;
}

void py_map_update(py_map_t *dest, const py_map_t *src) {
    for (size_t i = 0; i < src->filled; i++) {
        if (py_map_slot_is_filled(src, i)) {
            py_obj_t key = src->table[i].key;
            py_obj_t value = src->table[i].value;
            py_map_lookup(dest, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
        }
    }
}
