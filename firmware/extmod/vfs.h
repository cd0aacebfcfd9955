// SPDX-License-Identifier: MIT
// vfs.h: Python's view of the flash filesystem: os, open(), the vfs module, and imports and
// boot scripts from flash.
//
// A port mounts an fs_t (fs.h) on its block device and hands it to vfs_set_root(); it becomes
// "/". Paths from Python are joined onto the current directory (os.chdir) and normalised before
// they reach the filesystem. Filesystem errors become OSError(errno), printed by MicroPython as
// "OSError: [Errno 2] ENOENT". With no root mounted every call raises OSError(ENODEV).

#ifndef PY_VFS_H
#define PY_VFS_H

#include "fs.h"
#include "runtime.h"

// Makes [fs] (mounted) the root filesystem, or none with NULL. The fs_t must outlive its use.
void vfs_set_root(fs_t *fs);
// The root filesystem, or NULL.
fs_t *vfs_root(void);

// Raises OSError for filesystem error [err] (a negative FS_ERR_* value).
PY_NORETURN void vfs_raise(int err);
// The root filesystem; raises OSError(ENODEV) when there is none.
fs_t *vfs_fs(void);
// [path] (a str) joined onto the current directory and normalised, in a new GC buffer.
char *vfs_abspath(py_obj_t path);
// Sets [fs]'s clock (fs_set_time) to what the port's time.time() says now, before an operation
// that may stamp an entry; 0 when the port has no time module. Calls Python code: never from
// a finaliser or inside a filesystem call.
void vfs_set_clock(fs_t *fs);

// Loads module [name] ("pkg.mod" looks for pkg/mod.py, then pkg/mod/__init__.py) from the
// directories of sys.path on the filesystem; PY_OBJ_NULL when there is no such file (or no
// filesystem). The port's py_port_import_source calls it.
py_obj_t vfs_import_source(qstr name);
// The contents of file [path] as a bytes object, or PY_OBJ_NULL when it does not exist (or there
// is no filesystem). Boot runs boot.py and main.py through it.
py_obj_t vfs_read_file(const char *path);

// open(file, mode='r', buffering=-1, encoding=None): the function behind the builtin
// py_builtin_open_obj (builtin.h; defined in vfs.c, so that linking the VFS links open()).
py_obj_t vfs_open(size_t n_args, const py_obj_t *args, py_map_t *kw);
// The objects open() returns.
extern const py_obj_type_t vfs_fileio_type;
extern const py_obj_type_t vfs_textio_type;
// Opens [path] (absolute) with FS_O_* [flags] as a text or binary file object.
py_obj_t vfs_file_open(const char *path, int flags, bool text);

// The os and vfs modules (modos.c).
extern const py_obj_module_t py_module_os;
extern const py_obj_module_t py_module_vfs;

#endif
