// SPDX-License-Identifier: MIT
// unit_port.c: the port layer unit tests link against: output to stdout, no extra modules, and a
// fresh interpreter for each case.

#include "unit_port.h"

#include <stdio.h>
#include <stdlib.h>

#include "port.h"
#include "runtime.h"

static char unit_heap[UNIT_HEAP_BYTES] __attribute__((aligned(16)));
static void *unit_stack_top;
static const char *stdin_data;
static size_t stdin_len, stdin_pos;

void unit_set_stdin(const char *data, size_t len) {
    stdin_data = data;
    stdin_len = len;
    stdin_pos = 0;
}

void unit_mark_stack_top(void *top) {
    unit_stack_top = top;
}

int unit_py_setup(void **state) {
    (void)state;
    unit_set_stdin(NULL, 0);
    py_init(unit_heap, sizeof(unit_heap), unit_stack_top);
    return 0;
}

int unit_py_setup_small(void **state) {
    (void)state;
    unit_set_stdin(NULL, 0);
    py_init(unit_heap, UNIT_SMALL_HEAP_BYTES, unit_stack_top);
    return 0;
}

static void stdout_strn(void *data, const char *str, size_t len) {
    (void)data;
    fwrite(str, 1, len, stdout);
}

const py_print_t py_plat_print = {NULL, stdout_strn};

void py_nlr_jump_fail(void *val) {
    fprintf(stderr, "FATAL: uncaught exception %p\n", val);
    abort();
}

void py_port_gc_collect_roots(void) {
}

py_obj_t py_port_import_source(qstr name) {
    (void)name;
    return PY_OBJ_NULL;
}

int py_port_stdin_getc(bool raw) {
    (void)raw;
    return stdin_pos < stdin_len ? (unsigned char)stdin_data[stdin_pos++] : -1;
}

const char *py_port_platform(void) {
    return "linux";
}

const char *py_port_machine(void) {
    return "unit tests with replhub";
}

int py_port_readline(py_vstr_t *line) {
    (void)line;
    return PY_PORT_LINE_EOF;
}

void py_port_stderr_write(const char *str, size_t len) {
    fwrite(str, 1, len, stderr);
}

void py_port_stdout_write_raw(bool is_stderr, const char *str, size_t len) {
    fwrite(str, 1, len, is_stderr ? stderr : stdout);
}

const py_builtin_module_t py_port_builtin_modules[] = {
    {0, NULL},
};
