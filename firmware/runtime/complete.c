// SPDX-License-Identifier: MIT
// complete.c: Tab completion of names, dotted attributes and module names.

#include "complete.h"

#include <string.h>

#include "builtin.h"
#include "port.h"
#include "runtime.h"

// Candidates are printed in columns of this width, on lines at most this long.
#define SLOT_WIDTH (16)
#define LINE_WIDTH (4 * SLOT_WIDTH)

static const char import_kw[] = "import ";
#define IMPORT_KW_LEN (sizeof(import_kw) - 1)

static char completion[COMPLETE_NAME_MAX + 1];

static bool is_word_byte(char c) {
    return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static void add_map_names(py_obj_t names, const py_map_t *map) {
    for (size_t i = 0; i < map->filled; i++) {
        py_obj_t key = map->table[i].key;
        if (key != PY_OBJ_NULL && py_obj_is_str(key)) {
            py_obj_list_append(names, key);
        }
    }
}

static py_obj_t module_names(void) {
    static const uint16_t core[] = {PY_QSTR_builtins, PY_QSTR_sys, PY_QSTR_math, PY_QSTR_gc};
    py_obj_t names = py_obj_new_list(0, NULL);
    for (size_t i = 0; i < PY_ARRAY_SIZE(core); i++) {
        py_obj_list_append(names, PY_OBJ_NEW_QSTR(core[i]));
    }
    for (const py_builtin_module_t *m = py_port_builtin_modules; m->module != NULL; m++) {
        py_obj_list_append(names, PY_OBJ_NEW_QSTR(m->name));
    }
    return names;
}

// The names visible at the prompt ([obj] NULL) or as attributes of [obj].
static py_obj_t candidate_names(py_obj_t obj) {
    if (obj != PY_OBJ_NULL) {
        py_obj_t dir = py_load_attr(PY_OBJ_FROM_PTR(&py_module_builtins), PY_QSTR_dir);
        return py_call_function_1(dir, obj);
    }
    py_obj_t names = py_obj_new_list(0, NULL);
    add_map_names(names, &py_state.roots.dict_main->map);
    add_map_names(names, &py_module_builtins.globals->map);
    return names;
}

static py_obj_t lookup_global(qstr name) {
    py_obj_t key = PY_OBJ_NEW_QSTR(name);
    py_obj_t value = py_obj_dict_get(PY_OBJ_FROM_PTR(py_state.roots.dict_main), key);
    if (value == PY_OBJ_NULL) {
        value = py_obj_dict_get(PY_OBJ_FROM_PTR(py_module_builtins.globals), key);
    }
    return value;
}

// Follows "a.b." in [word, end) up to the last dot; returns the object reached (PY_OBJ_NULL
// for none: the prompt's names) and the last word's start in [*last], or false if a name in the
// chain does not exist.
static bool resolve_chain(const char *word, const char *end, py_obj_t *obj, const char **last) {
    *obj = PY_OBJ_NULL;
    for (;;) {
        const char *dot = memchr(word, '.', (size_t)(end - word));
        if (dot == NULL) {
            *last = word;
            return true;
        }
        qstr q = py_qstr_find_strn(word, (size_t)(dot - word));
        if (q == PY_QSTR_NULL) {
            return false;
        }
        *obj = *obj == PY_OBJ_NULL ? lookup_global(q) : py_load_attr_default(*obj, q, PY_OBJ_NULL);
        if (*obj == PY_OBJ_NULL) {
            return false;
        }
        word = dot + 1;
    }
}

// Keeps the names that start with [prefix] (not private ones for an empty prefix), sorted and
// without duplicates; returns how many, compacted at the front of [names]' items.
static size_t filter_names(py_obj_t names, const char *prefix, size_t len, py_obj_t **items) {
    size_t n;
    py_obj_get_array(names, &n, items);
    py_sort(*items, n, PY_OBJ_NULL, false);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d_len;
        const char *d = py_obj_str_get_data((*items)[i], &d_len);
        bool dup = kept > 0 && py_obj_equal((*items)[kept - 1], (*items)[i]);
        if (dup || d_len < len || d_len > COMPLETE_NAME_MAX || memcmp(d, prefix, len) != 0 ||
            (len == 0 && d[0] == '_')) {
            continue;
        }
        (*items)[kept++] = (*items)[i];
    }
    return kept;
}

// Length of the prefix every one of [n] names shares.
static size_t common_prefix(py_obj_t *items, size_t n) {
    size_t len;
    const char *first = py_obj_str_get_data(items[0], &len);
    for (size_t i = 1; i < n; i++) {
        size_t d_len;
        const char *d = py_obj_str_get_data(items[i], &d_len);
        size_t j = 0;
        while (j < len && j < d_len && d[j] == first[j]) {
            j++;
        }
        len = j;
    }
    return len;
}

static void print_names(py_obj_t *items, size_t n) {
    const py_print_t *print = &py_plat_print;
    size_t col = LINE_WIDTH; // so that the first name starts a new line
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *name = py_obj_str_get_data(items[i], &len);
        size_t gap = (col + SLOT_WIDTH - 1) / SLOT_WIDTH * SLOT_WIDTH - col;
        if (gap < 2) {
            gap += SLOT_WIDTH;
        }
        if (col + gap + len <= LINE_WIDTH) {
            for (size_t j = 0; j < gap; j++) {
                py_print_str(print, " ");
            }
            py_print_strn(print, name, len);
            col += gap + len;
        } else {
            py_printf(print, "\n%.*s", (int)len, name);
            col = len;
        }
    }
    py_print_str(print, "\n");
}

static size_t offer(const char *text, size_t len, const char **insert) {
    memcpy(completion, text, len);
    completion[len] = '\0';
    *insert = completion;
    return len;
}

static size_t complete_unprotected(const char *line, size_t len, const char **insert) {
    const char *end = line + len;
    const char *start = end;
    while (start > line && is_word_byte(start[-1])) {
        start--;
    }
    py_obj_t obj;
    const char *word;
    if (!resolve_chain(start, end, &obj, &word)) {
        return 0;
    }
    size_t word_len = (size_t)(end - word);
    bool after_import =
        obj == PY_OBJ_NULL && len >= IMPORT_KW_LEN && memcmp(line, import_kw, IMPORT_KW_LEN) == 0;
    py_obj_t names = after_import ? module_names() : candidate_names(obj);
    py_obj_t *items;
    size_t n = filter_names(names, word, word_len, &items);
    if (n == 0) {
        // The first word of a line may be the start of "import ".
        if (word == line && word_len > 0 && word_len < IMPORT_KW_LEN &&
            memcmp(word, import_kw, word_len) == 0) {
            return offer(import_kw + word_len, IMPORT_KW_LEN - word_len, insert);
        }
        return 0;
    }
    size_t common = common_prefix(items, n);
    if (n == 1 || common > word_len) {
        const char *first = py_obj_str_get_data(items[0], &(size_t){0});
        return offer(first + word_len, common - word_len, insert);
    }
    print_names(items, n);
    return COMPLETE_MANY;
}

size_t complete_word(const char *line, size_t len, const char **insert) {
    // A lookup that raises (a property, a broken __dir__) just means no completion.
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        size_t result = complete_unprotected(line, len, insert);
        py_nlr_pop();
        return result;
    }
    return 0;
}
