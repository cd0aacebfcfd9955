// SPDX-License-Identifier: MIT
// modos.c: the os module (files and directories on the flash filesystem, uname, urandom) and
// the vfs module's mount table, in MicroPython's shapes: stat() is a 10-tuple with mode 0x4000
// for a directory and 0x8000 for a file and the entry's time (seconds since the port's epoch,
// time.time()) as st_atime, st_mtime and st_ctime; ilistdir() yields (name, type, inode, size).

#include <string.h>

#include "extmod.h"
#include "gc.h"
#include "port.h"
#include "vfs.h"

#define MODE_DIR  (0x4000)
#define MODE_FILE (0x8000)

// The path argument [args[i]] when given, else the current directory "".
static char *path_arg(size_t n_args, const py_obj_t *args, size_t i) {
    vfs_fs();
    return vfs_abspath(n_args > i ? args[i] : PY_OBJ_NEW_QSTR(PY_QSTR_));
}

static void check(int err) {
    if (err < 0) {
        vfs_raise(err);
    }
}

// ---- Directories --------------------------------------------------------------------------------

// The entries of the directory [args[0]] (or the current one): names, or ilistdir's tuples.
static py_obj_t list_dir(size_t n_args, const py_obj_t *args, bool tuples) {
    fs_t *fs = vfs_fs();
    bool as_bytes = n_args > 0 && py_obj_is_type(args[0], &py_type_bytes);
    char *path = path_arg(n_args, args, 0);
    fs_dir_t dir;
    int err = fs_dir_open(fs, &dir, path);
    py_free(path);
    check(err);
    fs_info_t *info = py_malloc_noscan(sizeof(fs_info_t));
    py_obj_t list = py_obj_new_list(0, NULL);
    while ((err = fs_dir_read(fs, &dir, info)) > 0) {
        size_t len = strlen(info->name);
        py_obj_t name = as_bytes ? py_obj_new_bytes((const byte *)info->name, len)
                                 : py_obj_new_str(info->name, len);
        if (tuples) {
            py_obj_t items[4] = {
                name, PY_OBJ_NEW_SMALL_INT(info->type == FS_TYPE_DIR ? MODE_DIR : MODE_FILE),
                PY_OBJ_NEW_SMALL_INT(0), py_obj_new_int_from_uint(info->size)};
            name = py_obj_new_tuple(4, items);
        }
        py_obj_list_append(list, name);
    }
    fs_dir_close(fs, &dir);
    py_free(info);
    check(err);
    return list;
}

static py_obj_t os_listdir(size_t n_args, const py_obj_t *args) {
    return list_dir(n_args, args, false);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(os_listdir_obj, 0, 1, os_listdir);

// An iterator, as MicroPython gives; the listing is taken at the call, so removing entries
// while iterating (as `mpremote rm -r` does) is safe.
static py_obj_t os_ilistdir(size_t n_args, const py_obj_t *args) {
    return py_getiter(list_dir(n_args, args, true), NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(os_ilistdir_obj, 0, 1, os_ilistdir);

// Runs [op] on one path argument.
static py_obj_t path_op(py_obj_t arg, int (*op)(fs_t *, const char *)) {
    fs_t *fs = vfs_fs();
    char *path = vfs_abspath(arg);
    int err = op(fs, path);
    py_free(path);
    check(err);
    return py_const_none;
}

static py_obj_t os_mkdir(py_obj_t path) {
    vfs_set_clock(vfs_fs()); // a directory's time is when it was made
    return path_op(path, fs_mkdir);
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_mkdir_obj, os_mkdir);

static py_obj_t os_rmdir(py_obj_t path) {
    return path_op(path, fs_rmdir);
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_rmdir_obj, os_rmdir);

static py_obj_t os_remove(py_obj_t path) {
    return path_op(path, fs_remove);
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_remove_obj, os_remove);

static py_obj_t os_rename(py_obj_t from, py_obj_t to) {
    fs_t *fs = vfs_fs();
    char *a = vfs_abspath(from);
    char *b = vfs_abspath(to);
    int err = fs_rename(fs, a, b);
    py_free(b);
    py_free(a);
    check(err);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(os_rename_obj, os_rename);

static py_obj_t os_getcwd(void) {
    py_obj_t cwd = py_state.roots.vfs_cwd;
    return cwd != PY_OBJ_NULL ? cwd : PY_OBJ_NEW_QSTR(PY_QSTR_slash);
}
static PY_DEFINE_CONST_FUN_OBJ_0(os_getcwd_obj, os_getcwd);

static py_obj_t os_chdir(py_obj_t arg) {
    fs_t *fs = vfs_fs();
    char *path = vfs_abspath(arg);
    fs_info_t *info = py_malloc_noscan(sizeof(fs_info_t));
    int err = fs_stat(fs, path, info);
    bool dir = info->type == FS_TYPE_DIR;
    py_free(info);
    if (err == 0 && !dir) {
        err = FS_ERR_NOTDIR;
    }
    if (err < 0) {
        py_free(path);
        vfs_raise(err);
    }
    py_state.roots.vfs_cwd = strcmp(path, "/") == 0 ? PY_OBJ_NULL : py_obj_new_str_from_cstr(path);
    py_free(path);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_chdir_obj, os_chdir);

// ---- Information --------------------------------------------------------------------------------

static py_obj_t os_stat(py_obj_t arg) {
    fs_t *fs = vfs_fs();
    char *path = vfs_abspath(arg);
    fs_info_t *info = py_malloc_noscan(sizeof(fs_info_t));
    int err = fs_stat(fs, path, info);
    uint32_t size = info->size, mtime = info->mtime;
    bool dir = info->type == FS_TYPE_DIR;
    py_free(info);
    py_free(path);
    check(err);
    py_obj_t t = py_obj_new_tuple(10, NULL);
    py_obj_tuple_t *tuple = PY_OBJ_TO_PTR(t);
    for (size_t i = 0; i < 10; i++) {
        tuple->items[i] = PY_OBJ_NEW_SMALL_INT(0);
    }
    tuple->items[0] = PY_OBJ_NEW_SMALL_INT(dir ? MODE_DIR : MODE_FILE);
    tuple->items[6] = py_obj_new_int_from_uint(dir ? 0 : size);
    // One stored time, as MicroPython's littlefs gives: st_atime = st_mtime = st_ctime.
    for (size_t i = 7; i < 10; i++) {
        tuple->items[i] = py_obj_new_int_from_uint(mtime);
    }
    return t;
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_stat_obj, os_stat);

static py_obj_t os_statvfs(py_obj_t arg) {
    fs_t *fs = vfs_fs();
    char *path = vfs_abspath(arg);
    fs_info_t *info = py_malloc_noscan(sizeof(fs_info_t));
    int err = fs_stat(fs, path, info); // the path must exist, as with any statvfs
    py_free(info);
    py_free(path);
    check(err);
    fs_statvfs_t st;
    check(fs_statvfs(fs, &st));
    py_obj_t items[10] = {
        py_obj_new_int_from_uint(st.block_size),
        py_obj_new_int_from_uint(st.block_size),
        py_obj_new_int_from_uint(st.blocks),
        py_obj_new_int_from_uint(st.free),
        py_obj_new_int_from_uint(st.free),
        PY_OBJ_NEW_SMALL_INT(0),
        PY_OBJ_NEW_SMALL_INT(0),
        PY_OBJ_NEW_SMALL_INT(0),
        PY_OBJ_NEW_SMALL_INT(0),
        py_obj_new_int_from_uint(st.name_max),
    };
    return py_obj_new_tuple(10, items);
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_statvfs_obj, os_statvfs);

// Every operation is on flash when it returns; files commit when flushed or closed.
static py_obj_t os_sync(void) {
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(os_sync_obj, os_sync);

// os.urandom(n): bytes from a generator seeded by the port's entropy, stirred on every call.
static py_obj_t os_urandom(py_obj_t n_in) {
    static uint32_t state;
    intptr_t n = py_obj_get_int(n_in);
    if (n < 0) {
        py_raise_ValueError("negative argument not allowed");
    }
    state ^= py_port_random_seed() | 1u;
    py_vstr_t v;
    py_vstr_init(&v, (size_t)n + 1);
    for (intptr_t i = 0; i < n; i++) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        py_vstr_add_byte(&v, (byte)(state >> 24));
    }
    return py_obj_new_bytes_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_1(os_urandom_obj, os_urandom);

// ---- uname --------------------------------------------------------------------------------------

static const uint16_t uname_fields[5] = {PY_QSTR_sysname, PY_QSTR_nodename, PY_QSTR_release,
                                         PY_QSTR_version, PY_QSTR_machine};

// Field [i]: as on MicroPython, sysname and nodename are sys.platform, machine is the banner's
// "<board> with <mcu>".
static qstr uname_value(size_t i) {
    switch (i) {
        case 0:
        case 1:
            return py_qstr_from_str(py_port_platform());
        case 2:
            return PY_QSTR_uname_release;
        case 3:
            return PY_QSTR_uname_version;
        default:
            return py_qstr_from_str(py_port_machine());
    }
}

static void uname_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)self;
    (void)kind;
    for (size_t i = 0; i < 5; i++) {
        py_printf(print, "%s%q='%q'", i == 0 ? "(" : ", ", (qstr)uname_fields[i], uname_value(i));
    }
    py_print_str(print, ")");
}

static void uname_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    (void)self;
    for (size_t i = 0; i < 5 && dest[0] == PY_OBJ_NULL; i++) {
        if (attr == uname_fields[i]) {
            dest[0] = PY_OBJ_NEW_QSTR(uname_value(i));
        }
    }
}

static py_obj_t uname_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    if (value != PY_OBJ_SENTINEL) {
        return PY_OBJ_NULL;
    }
    size_t i = py_get_index(py_obj_get_type(self), 5, index, false);
    return PY_OBJ_NEW_QSTR(uname_value(i));
}

static py_obj_t uname_unary(py_unary_op_t op, py_obj_t self) {
    (void)self;
    return op == PY_UNARY_OP_LEN ? PY_OBJ_NEW_SMALL_INT(5) : PY_OBJ_NULL;
}

static const py_obj_type_t uname_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_uname_result,
    .print = uname_print,
    .unary_op = uname_unary,
    .attr = uname_attr,
    .subscr = uname_subscr,
};
static const py_obj_base_t uname_obj = {&uname_type};

static py_obj_t os_uname(void) {
    return PY_OBJ_FROM_PTR(&uname_obj);
}
static PY_DEFINE_CONST_FUN_OBJ_0(os_uname_obj, os_uname);

// ---- The module ---------------------------------------------------------------------------------

static const py_map_elem_t os_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_os)},
    {PY_ROM_QSTR(PY_QSTR_listdir), PY_ROM_PTR(&os_listdir_obj)},
    {PY_ROM_QSTR(PY_QSTR_ilistdir), PY_ROM_PTR(&os_ilistdir_obj)},
    {PY_ROM_QSTR(PY_QSTR_stat), PY_ROM_PTR(&os_stat_obj)},
    {PY_ROM_QSTR(PY_QSTR_statvfs), PY_ROM_PTR(&os_statvfs_obj)},
    {PY_ROM_QSTR(PY_QSTR_mkdir), PY_ROM_PTR(&os_mkdir_obj)},
    {PY_ROM_QSTR(PY_QSTR_rmdir), PY_ROM_PTR(&os_rmdir_obj)},
    {PY_ROM_QSTR(PY_QSTR_remove), PY_ROM_PTR(&os_remove_obj)},
    {PY_ROM_QSTR(PY_QSTR_rename), PY_ROM_PTR(&os_rename_obj)},
    {PY_ROM_QSTR(PY_QSTR_getcwd), PY_ROM_PTR(&os_getcwd_obj)},
    {PY_ROM_QSTR(PY_QSTR_chdir), PY_ROM_PTR(&os_chdir_obj)},
    {PY_ROM_QSTR(PY_QSTR_sync), PY_ROM_PTR(&os_sync_obj)},
    {PY_ROM_QSTR(PY_QSTR_uname), PY_ROM_PTR(&os_uname_obj)},
    {PY_ROM_QSTR(PY_QSTR_urandom), PY_ROM_PTR(&os_urandom_obj)},
    {PY_ROM_QSTR(PY_QSTR_sep), PY_ROM_QSTR(PY_QSTR_slash)},
};
static PY_DEFINE_CONST_DICT(os_globals, os_globals_table);

const py_obj_module_t py_module_os = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&os_globals,
};

// ---- vfs: the mount table -----------------------------------------------------------------------

static void vfsflash_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)self;
    (void)kind;
    py_print_str(print, "<VfsFlash>");
}

static py_obj_t vfsflash_statvfs(py_obj_t self, py_obj_t path) {
    (void)self;
    return os_statvfs(path);
}
static PY_DEFINE_CONST_FUN_OBJ_2(vfsflash_statvfs_obj, vfsflash_statvfs);

static const py_map_elem_t vfsflash_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_statvfs), PY_ROM_PTR(&vfsflash_statvfs_obj)},
};
static PY_DEFINE_CONST_DICT(vfsflash_locals, vfsflash_locals_table);

static const py_obj_type_t vfsflash_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_VfsFlash,
    .print = vfsflash_print,
    .locals_dict = (py_obj_dict_t *)&vfsflash_locals,
};
static const py_obj_base_t vfsflash_obj = {&vfsflash_type};

// vfs.mount(): [(filesystem, mount point)]. Mounting other filesystems is not supported.
static py_obj_t vfs_mount(size_t n_args, const py_obj_t *args) {
    (void)args;
    if (n_args > 0) {
        py_raise_OSError(1); // EPERM
    }
    py_obj_t list = py_obj_new_list(0, NULL);
    if (vfs_root() != NULL) {
        py_obj_t items[2] = {PY_OBJ_FROM_PTR(&vfsflash_obj), PY_OBJ_NEW_QSTR(PY_QSTR_slash)};
        py_obj_list_append(list, py_obj_new_tuple(2, items));
    }
    return list;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(vfs_mount_obj, 0, 3, vfs_mount);

// vfs.umount(path): only the root is mounted, and it stays.
static py_obj_t vfs_umount(py_obj_t path) {
    (void)path;
    py_raise_OSError(-FS_ERR_INVAL);
}
static PY_DEFINE_CONST_FUN_OBJ_1(vfs_umount_obj, vfs_umount);

static const py_map_elem_t vfs_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_vfs)},
    {PY_ROM_QSTR(PY_QSTR_mount), PY_ROM_PTR(&vfs_mount_obj)},
    {PY_ROM_QSTR(PY_QSTR_umount), PY_ROM_PTR(&vfs_umount_obj)},
    {PY_ROM_QSTR(PY_QSTR_VfsFlash), PY_ROM_PTR(&vfsflash_type)},
};
static PY_DEFINE_CONST_DICT(vfs_globals, vfs_globals_table);

const py_obj_module_t py_module_vfs = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&vfs_globals,
};
