// SPDX-License-Identifier: MIT
// hal_host.c: the interpreter's port layer on Linux: stdio, files, the module path.

#include "hal_host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extmod.h"
#include "gc.h"
#include "host_flash.h"
#include "port.h"
#include "runtime.h"
#include "vfs.h"

// Longest module path the host import tries; longer names cannot be imported from files.
#define HOST_PATH_MAX (4096)
// Longest line input() reads; a longer one is refused (ValueError) rather than cut.
#define HOST_INPUT_MAX (4096)

static void stdout_strn(void *data, const char *str, size_t len) {
    (void)data;
    fwrite(str, 1, len, stdout);
}

const py_print_t py_plat_print = {NULL, stdout_strn};

static void stderr_strn(void *data, const char *str, size_t len) {
    (void)data;
    fflush(stdout);
    fwrite(str, 1, len, stderr);
}

static const py_print_t stderr_print = {NULL, stderr_strn};

void py_port_stderr_write(const char *str, size_t len) {
    stderr_strn(NULL, str, len);
}

const char *py_port_platform(void) {
    return "linux";
}

const char *py_port_machine(void) {
    return "Linux with replhub-python";
}

void py_port_stdout_write_raw(bool is_stderr, const char *str, size_t len) {
    if (is_stderr) {
        stderr_strn(NULL, str, len);
    } else {
        fwrite(str, 1, len, stdout);
    }
}

int py_port_stdin_getc(bool raw) {
    (void)raw; // Linux has no line ends to translate
    fflush(stdout);
    return getchar();
}

int py_port_readline(py_vstr_t *line) {
    fflush(stdout);
    size_t start = line->len;
    for (;;) {
        int c = getchar();
        if (c == EOF) {
            return line->len > start ? PY_PORT_LINE_OK : PY_PORT_LINE_EOF;
        }
        if (c == '\n') {
            break;
        }
        if (line->len - start >= HOST_INPUT_MAX) {
            return PY_PORT_LINE_TOO_LONG;
        }
        py_vstr_add_byte(line, (byte)c);
    }
    if (line->len > start && line->buf[line->len - 1] == '\r') {
        line->len--;
    }
    return PY_PORT_LINE_OK;
}

void py_nlr_jump_fail(void *val) {
    fflush(stdout);
    fprintf(stderr, "FATAL: uncaught exception %p\n", val);
    abort();
}

void py_port_gc_collect_roots(void) {
}

char *hal_host_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf != NULL && (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (n + 1 == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

void hal_host_set_argv(int argc, char **argv, const char *first) {
    py_obj_t list = py_state.roots.sys_argv;
    if (first != NULL) {
        py_obj_list_append(list, py_obj_new_str_from_cstr(first));
    }
    for (int i = 0; i < argc; i++) {
        py_obj_list_append(list, py_obj_new_str_from_cstr(argv[i]));
    }
}

int hal_host_report_exception(py_obj_t exc) {
    if (py_obj_is_instance(exc, &py_type_SystemExit)) {
        py_obj_t code = py_obj_exception_get_value(exc);
        if (code == py_const_none) {
            return 0;
        }
        intptr_t status;
        if (py_obj_get_int_maybe(code, &status)) {
            return (int)(status & 0xff);
        }
        py_obj_print_helper(&stderr_print, code, PY_PRINT_STR);
        stderr_strn(NULL, "\n", 1);
        return 1;
    }
    fflush(stdout);
    py_obj_print_exception(&stderr_print, exc);
    return 1;
}

// ---- Importing .py files from sys.path ----------------------------------------------------------

static py_obj_t load_module_file(qstr name, const char *path) {
    size_t len;
    char *src = hal_host_read_file(path, &len);
    if (src == NULL) {
        return PY_OBJ_NULL;
    }
    py_obj_t module = py_obj_new_module(name);
    py_obj_dict_t *globals = py_obj_module_get_globals(module);
    py_obj_dict_store(PY_OBJ_FROM_PTR(globals), PY_OBJ_NEW_QSTR(PY_QSTR___file__),
                      py_obj_new_str_from_cstr(path));
    // Registered before running, so a module that imports itself (directly or in a cycle) gets
    // the partly initialised module, as in CPython.
    py_obj_t modules = PY_OBJ_FROM_PTR(py_state.roots.loaded_modules);
    py_obj_dict_store(modules, PY_OBJ_NEW_QSTR(name), module);
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_dict_t *old_globals = py_globals_get();
        py_obj_dict_t *old_locals = py_locals_get();
        py_exec_str(src, len, py_qstr_from_str(path), PY_COMPILE_FILE, globals, globals);
        py_globals_set(old_globals);
        py_locals_set(old_locals);
        py_nlr_pop();
    } else {
        free(src);
        py_obj_dict_delete(modules, PY_OBJ_NEW_QSTR(name));
        py_nlr_jump(nlr.ret_val);
    }
    free(src);
    return module;
}

py_obj_t py_port_import_source(qstr name) {
    if (host_flash_fs() != NULL) {
        return vfs_import_source(name); // -X flash: the image is the filesystem
    }
    size_t n_path;
    py_obj_t *dirs;
    py_obj_get_array(py_state.roots.sys_path, &n_path, &dirs);
    char path[HOST_PATH_MAX];
    for (size_t i = 0; i < n_path; i++) {
        size_t dir_len;
        const char *dir = py_obj_str_get_data(dirs[i], &dir_len);
        int n = snprintf(path, sizeof(path), "%.*s%s%s.py", (int)dir_len, dir, dir_len ? "/" : "",
                         py_qstr_str(name));
        if (n < 0 || (size_t)n >= sizeof(path)) {
            continue;
        }
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            return load_module_file(name, path);
        }
    }
    return PY_OBJ_NULL;
}

// The random module's seed: the kernel's random bytes, or the time and pid without them.
uint32_t py_port_random_seed(void) {
    uint32_t seed = 0;
    FILE *f = fopen("/dev/urandom", "rb");
    if (f == NULL || fread(&seed, sizeof(seed), 1, f) != 1) {
        seed = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);
    }
    if (f != NULL) {
        fclose(f);
    }
    return seed;
}

// ---- Port modules -------------------------------------------------------------------------------

// _testhook: lets tests reach what a board's UART or timer would do, e.g. a Ctrl-C arriving while
// code runs.
static py_obj_t testhook_schedule_interrupt(void) {
    py_sched_keyboard_interrupt();
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(testhook_schedule_interrupt_obj, testhook_schedule_interrupt);

static py_obj_t testhook_heap_info(void) {
    py_gc_info_t info;
    py_gc_info(&info);
    py_obj_t items[3] = {py_obj_new_int_from_uint(info.total), py_obj_new_int_from_uint(info.used),
                         py_obj_new_int_from_uint(info.peak_used)};
    return py_obj_new_tuple(3, items);
}
static PY_DEFINE_CONST_FUN_OBJ_0(testhook_heap_info_obj, testhook_heap_info);

static const py_map_elem_t testhook_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR__testhook)},
    {PY_ROM_QSTR(PY_QSTR_schedule_interrupt), PY_ROM_PTR(&testhook_schedule_interrupt_obj)},
    {PY_ROM_QSTR(PY_QSTR_heap_info), PY_ROM_PTR(&testhook_heap_info_obj)},
};
static PY_DEFINE_CONST_DICT(testhook_globals, testhook_globals_table);

static const py_obj_module_t testhook_module = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&testhook_globals,
};

const py_builtin_module_t py_port_builtin_modules[] = {
    PY_EXTMOD_MODULES,
    {PY_QSTR__testhook, &testhook_module},
    {0, NULL},
};
