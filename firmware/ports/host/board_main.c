// SPDX-License-Identifier: MIT
// board_main.c: replhub-board, the simulated board: options, the UART, signals, resets.

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "board_flash.h"
#include "boot.h"
#include "pyconfig.h"

#define EXIT_USAGE (2)
#define ERR_LEN    (256)
// Largest heap --heap accepts (the chip has far less; this only guards against typos).
#define HEAP_MAX (256u * 1024 * 1024)
#define HEAP_MIN (8u * 1024)

typedef struct options {
    board_uart_config_t uart;
    size_t heap;
} options_t;

static void usage(FILE *f) {
    fprintf(f,
            "usage: replhub-board [--uart pty|stdio] [--link PATH] [--baud N] [--rx-buffer N]\n"
            "                     [--heap N] [--flash FILE [--flash-size 1M|2M|4M]]\n"
            "The simulated board: replhub's firmware with its UART on a pseudo-terminal.\n"
            "  --uart pty|stdio  UART on a new pseudo-terminal (default; its path is printed)\n"
            "                    or on this process's stdin/stdout (Ctrl-] quits a terminal)\n"
            "  --link PATH       make PATH a symlink to the pseudo-terminal\n"
            "  --baud N          pace both directions at N baud, 8N1 (0: unpaced; default 0)\n"
            "  --rx-buffer N     RX buffer bytes; more arriving is dropped (default %d)\n"
            "  --heap N          Python heap bytes (default %zu, the ESP8266 build's)\n"
            "  --flash FILE      flash image (made erased if missing): the filesystem\n"
            "  --flash-size S    size of a new image: 1M, 2M (default) or 4M\n",
            BOARD_RX_BUFFER_DEFAULT, (size_t)PY_HEAP_SIZE);
}

// Parses a non-negative decimal [text] into [*out] within [min, max].
static bool parse_size(const char *text, size_t min, size_t max, size_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v < min || v > max) {
        return false;
    }
    *out = (size_t)v;
    return true;
}

// Handles option [argv[*i]] (and its value); returns false after printing why it is wrong.
static bool parse_option(int argc, char **argv, int *i, options_t *opt) {
    const char *name = argv[*i];
    if (*i + 1 >= argc) {
        fprintf(stderr, "replhub-board: %s needs a value\n", name);
        return false;
    }
    const char *value = argv[++*i];
    size_t n;
    if (strcmp(name, "--uart") == 0 && (!strcmp(value, "pty") || !strcmp(value, "stdio"))) {
        opt->uart.kind = value[0] == 'p' ? BOARD_UART_PTY : BOARD_UART_STDIO;
    } else if (strcmp(name, "--link") == 0) {
        opt->uart.link = value;
    } else if (strcmp(name, "--baud") == 0 && parse_size(value, 0, 100000000, &n)) {
        opt->uart.baud = (unsigned)n;
    } else if (strcmp(name, "--rx-buffer") == 0 &&
               parse_size(value, BOARD_RX_BUFFER_MIN, BOARD_RX_BUFFER_MAX, &n)) {
        opt->uart.rx_buffer = n;
    } else if (strcmp(name, "--heap") == 0 && parse_size(value, HEAP_MIN, HEAP_MAX, &n)) {
        opt->heap = n;
    } else if (board_flash_option(name, value) != 0) {
        return board_flash_option(name, value) > 0;
    } else if (strcmp(name, "--webrepl-port") == 0) {
        fprintf(stderr, "replhub-board: %s is not supported yet\n", name);
        return false;
    } else {
        fprintf(stderr, "replhub-board: bad option %s %s\n", name, value);
        return false;
    }
    return true;
}

static int parse_args(int argc, char **argv, options_t *opt) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            exit(0);
        }
        if (!parse_option(argc, argv, &i, opt)) {
            usage(stderr);
            return -1;
        }
    }
    if (opt->uart.link != NULL && opt->uart.kind != BOARD_UART_PTY) {
        fprintf(stderr, "replhub-board: --link needs --uart pty\n");
        return -1;
    }
    return 0;
}

void board_exit(int status) {
    board_uart_cleanup();
    _exit(status);
}

// Ends the process cleanly on SIGTERM, SIGINT or SIGHUP, whatever the interpreter is doing.
static void *signal_thread(void *arg) {
    sigset_t *set = arg;
    int sig;
    sigwait(set, &sig);
    board_exit(0);
}

static void start_signal_thread(void) {
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL); // inherited by every thread started after this
    signal(SIGPIPE, SIG_IGN);
    pthread_t thread;
    pthread_create(&thread, NULL, signal_thread, &set);
    pthread_detach(thread);
}

int main(int argc, char **argv) {
    options_t opt = {{BOARD_UART_PTY, NULL, 0, BOARD_RX_BUFFER_DEFAULT}, PY_HEAP_SIZE};
    if (parse_args(argc, argv, &opt) < 0) {
        return EXIT_USAGE;
    }
    void *heap = malloc(opt.heap);
    if (heap == NULL) {
        fprintf(stderr, "replhub-board: can't allocate a %zu-byte heap\n", opt.heap);
        return 1;
    }
    start_signal_thread();
    char err[ERR_LEN];
    if (board_flash_start(err, sizeof(err)) < 0) {
        fprintf(stderr, "replhub-board: %s; running without a filesystem\n", err);
    }
    if (board_uart_open(&opt.uart, err, sizeof(err)) < 0) {
        fprintf(stderr, "replhub-board: %s\n", err);
        board_exit(1);
    }
    if (board_uart_path() != NULL) {
        printf("replhub-board: UART on %s\n", board_uart_path());
        fflush(stdout);
    }
    static jmp_buf reset_point;
    int stack_top;
    setjmp(reset_point); // a hard reset starts over from here
    board_hal_start(&reset_point);
    boot_run(heap, opt.heap, &stack_top);
}
