// SPDX-License-Identifier: MIT
// pymain.c: replhub-python, the interpreter as a Linux command: FILE.py, -c CODE, or a prompt.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gc.h"
#include "hal_host.h"
#include "host_flash.h"
#include "parse.h"
#include "port.h"
#include "runtime.h"

#define EXIT_UNCAUGHT (1)
#define EXIT_USAGE    (2)
// Longest line the interactive prompt takes; longer is refused with a message.
#define PROMPT_MAX_INPUT (64 * 1024)

static void usage(void) {
    fprintf(stderr, "usage: replhub-python [-X heapsize=N[k|m]] [-X showheap] [-X flash=IMAGE]\n"
                    "                      [-c CODE | FILE [ARG...]]\n"
                    "Runs Python code with replhub's interpreter; with no FILE, a prompt.\n"
                    "  -X heapsize=N  GC heap size in bytes (suffix k or m)\n"
                    "  -X showheap    print the peak GC heap use to stderr at exit\n"
                    "  -X flash=IMAGE the board's flash image (2 MiB, made if missing) is the\n"
                    "                 filesystem: os, open() and import use it\n");
}

static void on_sigint(int sig) {
    (void)sig;
    py_sched_keyboard_interrupt();
}

// Runs [fun] under a catch site; returns the process exit status.
static int run_top_level(const char *src, size_t len, qstr source_name, py_compile_mode_t mode) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_exec_str(src, len, source_name, mode, py_state.roots.dict_main,
                    py_state.roots.dict_main);
        py_nlr_pop();
        return 0;
    }
    return hal_host_report_exception(PY_OBJ_FROM_PTR(nlr.ret_val));
}

static int run_file(const char *path) {
    size_t len;
    char *src = hal_host_read_file(path, &len);
    if (src == NULL) {
        fprintf(stderr, "replhub-python: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        return EXIT_USAGE;
    }
    py_obj_dict_store(PY_OBJ_FROM_PTR(py_state.roots.dict_main), PY_OBJ_NEW_QSTR(PY_QSTR___file__),
                      py_obj_new_str_from_cstr(path));
    int status = run_top_level(src, len, py_qstr_from_str(path), PY_COMPILE_FILE);
    free(src);
    return status;
}

static int run_prompt(void) {
    char *input = malloc(PROMPT_MAX_INPUT);
    if (input == NULL) {
        return EXIT_UNCAUGHT;
    }
    int status = 0;
    for (;;) {
        size_t len = 0;
        const char *prompt = ">>> ";
        for (;;) {
            fputs(prompt, stdout);
            fflush(stdout);
            if (fgets(input + len, (int)(PROMPT_MAX_INPUT - len), stdin) == NULL) {
                free(input);
                putchar('\n');
                return status;
            }
            len += strlen(input + len);
            if (len + 1 >= PROMPT_MAX_INPUT) {
                fputs("input too long\n", stderr);
                len = 0;
                break;
            }
            if (py_parse_input_is_complete(input, len)) {
                break;
            }
            prompt = "... ";
        }
        if (len > 0) {
            status = run_top_level(input, len, PY_QSTR_lt_stdin_gt, PY_COMPILE_SINGLE);
            fflush(stdout);
        }
    }
}

// Parses "-X heapsize=N[k|m]"; returns 0 on a bad value.
static size_t parse_heapsize(const char *opt) {
    const char *prefix = "heapsize=";
    if (strncmp(opt, prefix, strlen(prefix)) != 0) {
        return 0;
    }
    char *end;
    unsigned long long n = strtoull(opt + strlen(prefix), &end, 10);
    if (*end == 'k' || *end == 'K') {
        n *= 1024;
        end++;
    } else if (*end == 'm' || *end == 'M') {
        n *= 1024 * 1024;
        end++;
    }
    return *end == '\0' && n >= 4096 && n <= (1ULL << 34) ? (size_t)n : 0;
}

int main(int argc, char **argv) {
    int stack_top;
    size_t heap_size = PY_HEAP_SIZE;
    bool show_heap = false;
    const char *flash = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "-c") != 0; i++) {
        if (strcmp(argv[i], "-X") == 0 && i + 1 < argc && strcmp(argv[i + 1], "showheap") == 0) {
            show_heap = true;
            i++;
        } else if (strcmp(argv[i], "-X") == 0 && i + 1 < argc &&
                   strncmp(argv[i + 1], "flash=", 6) == 0) {
            flash = argv[++i] + 6;
        } else if (strcmp(argv[i], "-X") == 0 && i + 1 < argc) {
            heap_size = parse_heapsize(argv[++i]);
            if (heap_size == 0) {
                fprintf(stderr, "replhub-python: bad -X option '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else {
            usage();
            return strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ? 0 : EXIT_USAGE;
        }
    }
    void *heap = malloc(heap_size);
    if (heap == NULL) {
        fprintf(stderr, "replhub-python: can't allocate a heap of %zu bytes\n", heap_size);
        return EXIT_UNCAUGHT;
    }
    py_init(heap, heap_size, &stack_top);
    char flash_err[256];
    bool formatted;
    if (flash != NULL && host_flash_open(flash, 0, &formatted, flash_err, sizeof(flash_err)) < 0) {
        fprintf(stderr, "replhub-python: %s\n", flash_err);
        return EXIT_USAGE;
    }
    signal(SIGINT, on_sigint);
    int status;
    if (i < argc && strcmp(argv[i], "-c") == 0) {
        if (i + 1 >= argc) {
            usage();
            return EXIT_USAGE;
        }
        hal_host_set_argv(argc - i - 1, argv + i + 1, "-c");
        status =
            run_top_level(argv[i + 1], strlen(argv[i + 1]), PY_QSTR_lt_string_gt, PY_COMPILE_FILE);
    } else if (i < argc) {
        hal_host_set_argv(argc - i, argv + i, NULL);
        status = run_file(argv[i]);
    } else {
        hal_host_set_argv(0, NULL, "");
        status = run_prompt();
    }
    fflush(stdout);
    if (show_heap) {
        py_gc_collect(); // measures what is live at exit too
        py_gc_info_t info;
        py_gc_info(&info);
        fprintf(stderr, "peak heap: %zu bytes live (largest after a collection) of %zu\n",
                info.peak_live, info.total);
    }
    py_deinit();
    host_flash_close();
    free(heap);
    return status;
}
