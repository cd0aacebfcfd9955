// SPDX-License-Identifier: MIT
// builtinimport.c: import: sys.modules, the built-in module registry, the port's source loader,
// dotted names, relative imports, `from m import name` and `from m import *`.

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objtype.h"
#include "port.h"
#include "runtime.h"

// Longest dotted module name import builds (relative imports); longer raises ImportError.
#define PY_IMPORT_MAX_NAME (PY_QSTR_MAX_LEN)

static const py_builtin_module_t core_modules[] = {
    {PY_QSTR_builtins, &py_module_builtins},
    {PY_QSTR_sys, &py_module_sys},
    {PY_QSTR_math, &py_module_math},
    {PY_QSTR_gc, &py_module_gc},
};

static py_obj_t find_builtin_module(qstr name) {
    for (size_t i = 0; i < PY_ARRAY_SIZE(core_modules); i++) {
        if (core_modules[i].name == name) {
            return PY_OBJ_FROM_PTR(core_modules[i].module);
        }
    }
    for (const py_builtin_module_t *m = py_port_builtin_modules; m->module != NULL; m++) {
        if (m->name == name) {
            return PY_OBJ_FROM_PTR(m->module);
        }
    }
    return PY_OBJ_NULL;
}

static py_obj_t modules_dict(void) {
    if (py_state.roots.loaded_modules == NULL) {
        py_state.roots.loaded_modules = PY_OBJ_TO_PTR(py_obj_new_dict(4));
    }
    return PY_OBJ_FROM_PTR(py_state.roots.loaded_modules);
}

static PY_NORETURN void raise_no_module(qstr name) {
    py_raise_msg_varg(&py_type_ImportError, "no module named '%q'", name);
}

// Makes submodule [mod] attribute [leaf] of package [parent] (when its globals can change).
static void bind_to_parent(py_obj_t parent, qstr leaf, py_obj_t mod) {
    if (!py_obj_is_type(parent, &py_type_module)) {
        return;
    }
    py_obj_dict_t *globals = py_obj_module_get_globals(parent);
    if (!globals->map.is_fixed) {
        py_obj_dict_store(PY_OBJ_FROM_PTR(globals), PY_OBJ_NEW_QSTR(leaf), mod);
    }
}

// Imports the module whose full dotted name is [full]; [parent] is its package (or NULL).
static py_obj_t import_one(qstr full, py_obj_t parent, qstr leaf) {
    py_obj_t modules = modules_dict();
    py_obj_t key = PY_OBJ_NEW_QSTR(full);
    py_obj_t mod = py_obj_dict_get(modules, key);
    if (mod == PY_OBJ_NULL) {
        mod = find_builtin_module(full);
        if (mod == PY_OBJ_NULL) {
            mod = py_port_import_source(full);
            if (mod == PY_OBJ_NULL) {
                raise_no_module(full);
            }
        }
        if (py_obj_dict_get(modules, key) == PY_OBJ_NULL) {
            py_obj_dict_store(modules, key, mod);
        }
        if (parent != PY_OBJ_NULL) {
            bind_to_parent(parent, leaf, mod);
        }
    }
    if (mod == PY_OBJ_FROM_PTR(&py_module_sys)) {
        py_sys_sync();
    }
    return mod;
}

// A str entry of the running code's globals, or PY_OBJ_NULL.
static py_obj_t globals_str(qstr name) {
    py_obj_dict_t *g = py_globals_get();
    if (g == NULL) {
        return PY_OBJ_NULL;
    }
    py_obj_t v = py_obj_dict_get(PY_OBJ_FROM_PTR(g), PY_OBJ_NEW_QSTR(name));
    return v != PY_OBJ_NULL && py_obj_is_str(v) ? v : PY_OBJ_NULL;
}

// The absolute name of `from .{level - 1 dots}name import ...` in the running module.
static qstr resolve_relative(qstr name, intptr_t level) {
    size_t len = 0;
    const char *pkg = NULL;
    py_obj_t package = globals_str(PY_QSTR___package__);
    if (package != PY_OBJ_NULL) {
        pkg = py_obj_str_get_data(package, &len);
    } else {
        py_obj_t modname = globals_str(PY_QSTR___name__);
        if (modname != PY_OBJ_NULL) {
            pkg = py_obj_str_get_data(modname, &len);
            py_obj_dict_t *g = py_globals_get();
            if (py_obj_dict_get(PY_OBJ_FROM_PTR(g), PY_OBJ_NEW_QSTR(PY_QSTR___path__)) ==
                PY_OBJ_NULL) {
                // A plain module: its package is the name up to the last dot.
                while (len > 0 && pkg[len - 1] != '.') {
                    len--;
                }
                len = len > 0 ? len - 1 : 0;
            }
        }
    }
    for (intptr_t i = 1; i < level && len > 0; i++) {
        while (len > 0 && pkg[len - 1] != '.') {
            len--;
        }
        if (len == 0) {
            break;
        }
        len--;
    }
    if (pkg == NULL || len == 0) {
        py_raise_msg(&py_type_ImportError,
                     "attempted relative import with no known parent package");
    }
    size_t name_len = py_qstr_len(name);
    if (len + 1 + name_len > PY_IMPORT_MAX_NAME) {
        py_raise_msg(&py_type_ImportError, "module name too long");
    }
    char buf[PY_IMPORT_MAX_NAME + 1];
    memcpy(buf, pkg, len);
    if (name_len > 0) {
        buf[len++] = '.';
        memcpy(buf + len, py_qstr_str(name), name_len);
        len += name_len;
    }
    return py_qstr_from_strn(buf, len);
}

py_obj_t py_import_name(qstr name, py_obj_t fromlist, py_obj_t level) {
    intptr_t lvl = level == PY_OBJ_NULL || level == py_const_none ? 0 : py_obj_get_int(level);
    if (lvl > 0) {
        name = resolve_relative(name, lvl);
    }
    size_t len;
    const char *s = (const char *)py_qstr_data(name, &len);
    py_obj_t top = PY_OBJ_NULL;
    py_obj_t mod = PY_OBJ_NULL;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '.') {
            continue;
        }
        qstr full = i == len ? name : py_qstr_from_strn(s, i);
        qstr leaf = py_qstr_from_strn(s + start, i - start);
        mod = import_one(full, mod, leaf);
        if (top == PY_OBJ_NULL) {
            top = mod;
        }
        start = i + 1;
    }
    bool has_fromlist =
        fromlist != PY_OBJ_NULL && fromlist != py_const_none && py_obj_is_true(fromlist);
    return has_fromlist ? mod : top;
}

py_obj_t py_import_from(py_obj_t module, qstr name) {
    py_obj_t dest[2];
    py_load_method_maybe(module, name, dest);
    if (dest[0] != PY_OBJ_NULL) {
        return dest[1] != PY_OBJ_NULL ? py_obj_new_bound_meth(dest[0], dest[1]) : dest[0];
    }
    // A submodule of a package that has not been imported yet.
    if (py_obj_is_type(module, &py_type_module)) {
        py_obj_t globals = PY_OBJ_FROM_PTR(py_obj_module_get_globals(module));
        py_obj_t modname = py_obj_dict_get(globals, PY_OBJ_NEW_QSTR(PY_QSTR___name__));
        if (modname != PY_OBJ_NULL &&
            py_obj_dict_get(globals, PY_OBJ_NEW_QSTR(PY_QSTR___path__)) != PY_OBJ_NULL) {
            size_t mlen;
            const char *m = py_obj_str_get_data(modname, &mlen);
            size_t nlen = py_qstr_len(name);
            if (mlen + 1 + nlen <= PY_IMPORT_MAX_NAME) {
                char buf[PY_IMPORT_MAX_NAME + 1];
                memcpy(buf, m, mlen);
                buf[mlen] = '.';
                memcpy(buf + mlen + 1, py_qstr_str(name), nlen);
                qstr full = py_qstr_from_strn(buf, mlen + 1 + nlen);
                py_obj_t sub = find_builtin_module(full);
                if (sub == PY_OBJ_NULL) {
                    sub = py_port_import_source(full);
                }
                if (sub != PY_OBJ_NULL) {
                    py_obj_dict_store(modules_dict(), PY_OBJ_NEW_QSTR(full), sub);
                    bind_to_parent(module, name, sub);
                    return sub;
                }
            }
        }
    }
    py_raise_msg_varg(&py_type_ImportError, "cannot import name '%q'", name);
}

void py_import_all(py_obj_t module) {
    py_obj_t all = py_load_attr_default(module, PY_QSTR___all__, PY_OBJ_NULL);
    if (all != PY_OBJ_NULL) {
        py_obj_t it = py_getiter(all, NULL);
        for (py_obj_t n; (n = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
            qstr q = py_obj_str_get_qstr(n);
            py_store_name(q, py_load_attr(module, q));
        }
        return;
    }
    if (!py_obj_is_type(module, &py_type_module)) {
        py_raise_TypeError("import * needs a module");
    }
    py_map_t *map = &py_obj_module_get_globals(module)->map;
    for (size_t i = 0; i < map->filled; i++) {
        if (!py_map_slot_is_filled(map, i)) {
            continue;
        }
        qstr q = py_obj_str_get_qstr(map->table[i].key);
        if (py_qstr_str(q)[0] != '_') {
            py_store_name(q, map->table[i].value);
        }
    }
}
