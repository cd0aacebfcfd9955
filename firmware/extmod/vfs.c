// SPDX-License-Identifier: MIT
// vfs.c: the root filesystem, the current directory, paths, and loading modules and boot
// scripts from flash.

#include "vfs.h"

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "port.h"

// The filesystem the port mounted; static storage of the port's (not a GC object).
static fs_t *root_fs;

PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_open_obj, 1, vfs_open);

void vfs_set_root(fs_t *fs) {
    root_fs = fs;
}

fs_t *vfs_root(void) {
    return root_fs != NULL && root_fs->mounted ? root_fs : NULL;
}

void vfs_raise(int err) {
    py_raise_OSError(err < 0 ? -err : FS_ERR_IO);
}

fs_t *vfs_fs(void) {
    fs_t *fs = vfs_root();
    if (fs == NULL) {
        vfs_raise(FS_ERR_NODEV);
    }
    return fs;
}

char *vfs_abspath(py_obj_t path) {
    if (!py_obj_is_str_or_bytes(path)) {
        py_raise_msg_varg(&py_type_TypeError, "expected str, bytes or os.PathLike object, not %s",
                          py_obj_get_type_str(path));
    }
    size_t len, cwd_len = 1;
    const char *p = py_obj_str_get_data(path, &len);
    const char *cwd = "/";
    if (py_state.roots.vfs_cwd != PY_OBJ_NULL) {
        cwd = py_obj_str_get_data(py_state.roots.vfs_cwd, &cwd_len);
    }
    if (memchr(p, '\0', len) != NULL) {
        py_raise_ValueError("embedded null character in path");
    }
    // Normalising never lengthens: the result fits in the two plus a separator.
    size_t cap = cwd_len + len + 2;
    if (cap > FS_PATH_MAX) {
        cap = FS_PATH_MAX;
    }
    char *out = py_malloc_noscan(cap);
    // fs_path_join stops at FS_PATH_MAX; str data always has a NUL after it.
    int err = fs_path_join(cwd, p, out);
    if (err < 0) {
        py_free(out);
        vfs_raise(err);
    }
    return out;
}

void vfs_set_clock(fs_t *fs) {
    uint32_t now = 0;
    for (const py_builtin_module_t *m = py_port_builtin_modules; m->module != NULL; m++) {
        if (m->name != PY_QSTR_time) {
            continue;
        }
        py_map_elem_t *fun = py_map_lookup_qstr(&m->module->globals->map, PY_QSTR_time);
        if (fun != NULL) {
            // Seconds since the port's epoch (2000 on the board): 32 bits last until 2136.
            now = (uint32_t)py_obj_get_int_truncated(py_call_function_0(fun->value));
        }
        break;
    }
    fs_set_time(fs, now);
}

// ---- Reading files whole or as a stream ---------------------------------------------------------

// A source reader over a file: the compiler pulls bytes through a small buffer.
typedef struct file_reader {
    fs_t *fs;
    fs_file_t f;
    uint32_t pos, len;
    byte buf[64];
} file_reader_t;

static int reader_byte(void *data) {
    file_reader_t *r = data;
    if (r->pos == r->len) {
        int32_t n = fs_file_read(r->fs, &r->f, r->buf, sizeof(r->buf));
        if (n < 0) {
            vfs_raise(n);
        }
        if (n == 0) {
            return PY_READER_EOF;
        }
        r->pos = 0;
        r->len = (uint32_t)n;
    }
    return r->buf[r->pos++];
}

// Is [path] an existing file?
static bool is_file(fs_t *fs, const char *path) {
    fs_info_t *info = py_malloc_noscan(sizeof(fs_info_t));
    bool yes = fs_stat(fs, path, info) == 0 && info->type == FS_TYPE_FILE;
    py_free(info);
    return yes;
}

// Compiles and runs the module in file [path] as module [name].
static py_obj_t load_module(fs_t *fs, qstr name, const char *path, const char *file) {
    file_reader_t *r = py_malloc_noscan(sizeof(file_reader_t));
    r->fs = fs;
    r->pos = r->len = 0;
    int err = fs_file_open(fs, &r->f, path, FS_O_RDONLY);
    if (err < 0) {
        vfs_raise(err);
    }
    py_reader_t reader = {r, reader_byte, NULL};
    py_obj_t fun = py_compile(&reader, py_qstr_from_str(file), PY_COMPILE_FILE);
    fs_file_close(fs, &r->f);
    py_free(r);
    py_obj_t module = py_obj_new_module(name);
    py_obj_dict_t *globals = py_obj_module_get_globals(module);
    py_obj_dict_store(PY_OBJ_FROM_PTR(globals), PY_OBJ_NEW_QSTR(PY_QSTR___file__),
                      py_obj_new_str_from_cstr(file));
    // Registered before it runs, so that an import cycle finds the partly made module.
    py_obj_t modules = PY_OBJ_FROM_PTR(py_state.roots.loaded_modules);
    py_obj_dict_store(modules, PY_OBJ_NEW_QSTR(name), module);
    py_nlr_buf_t nlr;
    py_obj_dict_t *old_globals = py_globals_get();
    py_obj_dict_t *old_locals = py_locals_get();
    if (py_nlr_push(&nlr) == 0) {
        py_exec_code(fun, globals, globals);
        py_nlr_pop();
    } else {
        py_globals_set(old_globals);
        py_locals_set(old_locals);
        py_obj_dict_delete(modules, PY_OBJ_NEW_QSTR(name));
        py_nlr_jump(nlr.ret_val);
    }
    py_globals_set(old_globals);
    py_locals_set(old_locals);
    return module;
}

// Tries [dir]/[rel][suffix]; loads it when it is a file.
static py_obj_t try_load(fs_t *fs, qstr name, py_obj_t dir, const char *rel, const char *suffix) {
    size_t dlen;
    const char *d = py_obj_str_get_data(dir, &dlen);
    size_t rlen = strlen(rel), slen = strlen(suffix);
    if (dlen + rlen + slen + 2 > FS_PATH_MAX) {
        return PY_OBJ_NULL;
    }
    py_vstr_t file;
    py_vstr_init(&file, dlen + rlen + slen + 2);
    py_vstr_add_strn(&file, d, dlen);
    if (dlen > 0 && d[dlen - 1] != '/') {
        py_vstr_add_byte(&file, '/');
    }
    py_vstr_add_strn(&file, rel, rlen);
    py_vstr_add_strn(&file, suffix, slen);
    const char *fname = py_vstr_null_terminated_str(&file);
    char *abs = vfs_abspath(py_obj_new_str(fname, file.len));
    py_obj_t module = PY_OBJ_NULL;
    if (is_file(fs, abs)) {
        module = load_module(fs, name, abs, fname);
    }
    py_free(abs);
    py_vstr_clear(&file);
    return module;
}

py_obj_t vfs_import_source(qstr name) {
    fs_t *fs = vfs_root();
    if (fs == NULL) {
        return PY_OBJ_NULL;
    }
    // "pkg.mod" lives at pkg/mod.py.
    size_t len;
    const byte *q = py_qstr_data(name, &len);
    char rel[PY_QSTR_MAX_LEN + 1];
    for (size_t i = 0; i < len; i++) {
        rel[i] = q[i] == '.' ? '/' : (char)q[i];
    }
    rel[len] = '\0';
    size_t n_path;
    py_obj_t *dirs;
    py_obj_get_array(py_state.roots.sys_path, &n_path, &dirs);
    for (size_t i = 0; i < n_path; i++) {
        if (!py_obj_is_str(dirs[i])) {
            continue;
        }
        py_obj_t module = try_load(fs, name, dirs[i], rel, ".py");
        if (module == PY_OBJ_NULL) {
            module = try_load(fs, name, dirs[i], rel, "/__init__.py");
        }
        if (module != PY_OBJ_NULL) {
            return module;
        }
    }
    return PY_OBJ_NULL;
}

py_obj_t vfs_read_file(const char *path) {
    fs_t *fs = vfs_root();
    if (fs == NULL) {
        return PY_OBJ_NULL;
    }
    char *abs = vfs_abspath(py_obj_new_str_from_cstr(path));
    fs_file_t *f = py_malloc_noscan(sizeof(fs_file_t));
    int err = fs_file_open(fs, f, abs, FS_O_RDONLY);
    py_free(abs);
    if (err == FS_ERR_NOENT || err == FS_ERR_ISDIR) {
        py_free(f);
        return PY_OBJ_NULL;
    }
    if (err < 0) {
        vfs_raise(err);
    }
    int32_t size = fs_file_size(fs, f);
    py_vstr_t v;
    py_vstr_init(&v, size > 0 ? (size_t)size + 1 : 1); // the file and a NUL: it never grows
    int32_t n =
        size > 0 ? fs_file_read(fs, f, py_vstr_add_len(&v, (size_t)size), (uint32_t)size) : 0;
    fs_file_close(fs, f);
    py_free(f);
    if (n < 0) {
        vfs_raise(n);
    }
    v.len = (size_t)n;
    return py_obj_new_bytes_from_vstr(&v);
}
