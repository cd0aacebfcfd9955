// SPDX-License-Identifier: MIT
// map.h: insertion-ordered hash maps, the storage behind dict, set, globals, class and instance
// dicts, and keyword arguments.
//
// Entries live in [table] in insertion order; a deleted entry keeps its place with key
// PY_OBJ_NULL until the table is compacted on growth. Small maps are searched linearly; larger
// ones keep an open-addressing index of positions in [table]. Fixed maps are const tables in ROM
// (a type's methods, a built-in module's globals): read-only and always linear.

#ifndef PY_MAP_H
#define PY_MAP_H

#include "obj.h"

typedef struct py_map_elem {
    py_obj_t key;
    py_obj_t value;
} py_map_elem_t;

typedef struct py_map {
    size_t all_keys_are_qstrs : 1;
    size_t is_fixed : 1;
    size_t is_watched : 1; // a class's dict: changing it calls py_type_cache_invalidate()
    size_t used : (8 * sizeof(size_t) - 3); // live entries
    size_t filled;                          // entries in [table], deleted ones included
    size_t alloc;                           // capacity of [table]
    py_map_elem_t *table;
    void *index; // NULL while the map is searched linearly
} py_map_t;

typedef enum {
    PY_MAP_LOOKUP,
    PY_MAP_LOOKUP_ADD_IF_NOT_FOUND, // a new entry's value is PY_OBJ_NULL: the caller sets it
} py_map_lookup_kind_t;

// Initialises [map] with room for [n] entries.
void py_map_init(py_map_t *map, size_t n);
// Initialises [map] as a read-only view of [n] const entries.
void py_map_init_fixed_table(py_map_t *map, size_t n, const py_map_elem_t *table);
// Frees [map]'s storage; the map is empty afterwards.
void py_map_deinit(py_map_t *map);
void py_map_clear(py_map_t *map);
// Finds [key]; with PY_MAP_LOOKUP_ADD_IF_NOT_FOUND adds it. Returns NULL if absent (plain
// lookup). The pointer is valid until the map is next changed. Raises TypeError if [key] is
// unhashable and TypeError (read-only) when adding to a fixed map.
py_map_elem_t *py_map_lookup(py_map_t *map, py_obj_t key, py_map_lookup_kind_t kind);
// Looks up a qstr key; faster than py_map_lookup for attribute names.
py_map_elem_t *py_map_lookup_qstr(py_map_t *map, qstr key);
// Removes [key]; returns false if absent, else stores its value in [*value] (if not NULL).
bool py_map_remove(py_map_t *map, py_obj_t key, py_obj_t *value);
// Removes and returns the most recently inserted entry (dict.popitem); false if empty.
bool py_map_pop_last(py_map_t *map, py_map_elem_t *out);
// Copies every entry of [src] into [dest] (later entries overwrite).
void py_map_update(py_map_t *dest, const py_map_t *src);

// Iterates: for (size_t i = 0; i < map->filled; i++) if (py_map_slot_is_filled(map, i)) ...
static inline bool py_map_slot_is_filled(const py_map_t *map, size_t i) {
    return map->table[i].key != PY_OBJ_NULL;
}

typedef struct py_obj_dict {
    py_obj_base_t base;
    py_map_t map;
} py_obj_dict_t;

// A const dict over a const table, for a type's locals_dict or a module's globals:
//   static const py_map_elem_t list_locals_table[] = {
//       {PY_ROM_QSTR(PY_QSTR_append), PY_ROM_PTR(&list_append_obj)},
//   };
//   static PY_DEFINE_CONST_DICT(list_locals_dict, list_locals_table);
#define PY_DEFINE_CONST_DICT(dict_name, table_name)                                                \
    const py_obj_dict_t dict_name = {                                                              \
        .base = {&py_type_dict},                                                                   \
        .map =                                                                                     \
            {                                                                                      \
                .all_keys_are_qstrs = 1,                                                           \
                .is_fixed = 1,                                                                     \
                .used = PY_ARRAY_SIZE(table_name),                                                 \
                .filled = PY_ARRAY_SIZE(table_name),                                               \
                .alloc = PY_ARRAY_SIZE(table_name),                                                \
                .table = (py_map_elem_t *)(table_name),                                            \
                .index = NULL,                                                                     \
            },                                                                                     \
    }

#endif
