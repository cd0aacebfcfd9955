// SPDX-License-Identifier: MIT
// fuzz_exec.c: libFuzzer target: compiles and runs arbitrary bytes as Python.
//
// Each input runs in a fresh interpreter over a small heap (as on the chip), with its output
// discarded. Running code is stopped after a budget of CPU time by the same pending-interrupt
// path Ctrl-C uses, so infinite loops end as KeyboardInterrupt. Any crash, sanitizer report or
// uncaught C-level failure is a bug; Python exceptions are expected and ignored.

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "port.h"
#include "runtime.h"

#define FUZZ_HEAP_BYTES    (96 * 1024)
#define FUZZ_CPU_BUDGET_US (200 * 1000)

static char fuzz_heap[FUZZ_HEAP_BYTES] __attribute__((aligned(16)));

static void discard_strn(void *data, const char *str, size_t len) {
    (void)data;
    (void)str;
    (void)len;
}

const py_print_t py_plat_print = {NULL, discard_strn};

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
    return -1;
}

const char *py_port_platform(void) {
    return "linux";
}

const char *py_port_machine(void) {
    return "fuzzer with replhub";
}

int py_port_readline(py_vstr_t *line) {
    (void)line;
    return PY_PORT_LINE_EOF;
}

void py_port_stderr_write(const char *str, size_t len) {
    (void)str;
    (void)len;
}

void py_port_stdout_write_raw(bool is_stderr, const char *str, size_t len) {
    (void)is_stderr;
    (void)str;
    (void)len;
}

const py_builtin_module_t py_port_builtin_modules[] = {
    {0, NULL},
};

static void on_budget(int sig) {
    (void)sig;
    py_sched_keyboard_interrupt();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int stack_top;
    py_init(fuzz_heap, sizeof(fuzz_heap), &stack_top);
    signal(SIGPROF, on_budget);
    struct itimerval budget = {{0, FUZZ_CPU_BUDGET_US}, {0, FUZZ_CPU_BUDGET_US}};
    setitimer(ITIMER_PROF, &budget, NULL);
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_exec_str((const char *)data, size, PY_QSTR_lt_stdin_gt, PY_COMPILE_FILE,
                    py_state.roots.dict_main, py_state.roots.dict_main);
        py_nlr_pop();
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_PROF, &off, NULL);
    py_deinit();
    return 0;
}
