// SPDX-License-Identifier: MIT
// board_uart.c: the simulated board's UART0 on a pseudo-terminal or stdio, at a baud rate.
//
// A receive thread plays the UART interrupt: it reads what the host wrote, lets each byte
// "arrive" one character time (10 bits) after the previous one, and puts it in a bounded RX
// ring, dropping it when the ring is full, whatever the interpreter is doing. While code runs,
// the interrupt character schedules KeyboardInterrupt instead of entering the ring.
// Unpaced (--baud 0) there is no wire time in which the board drains the ring, so a full ring
// holds the byte back while the interpreter is still reading (as a real link's speed would let
// it keep up); only when nothing is read for UNPACED_STALL_MS are bytes dropped, and then at
// once until it reads again, so a Ctrl-C behind them still reaches code that never reads.
// Transmission blocks the interpreter as a full TX FIFO would, so output leaves at the line rate.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "hal.h"
#include "runtime.h"

// The chip's TX FIFO: this much output may be ahead of the wire before writing blocks.
#define TX_FIFO_BYTES (128)
// Output is paced in pieces of at most this many bytes.
#define TX_CHUNK_BYTES (16)
// A host that reads nothing for this long loses output (as a real UART's would) until it reads.
#define TX_STALL_MS (1000)
// Bytes taken from the host per read() by the receive thread (the host's side of the wire).
#define RX_READ_CHUNK (4096)
// Waits this long or longer are waits without a time limit (callers wait again if they must).
#define WAIT_FOREVER_US (1000000ull * 3600 * 24 * 365)
// Ctrl-]: on an interactive --uart stdio terminal, ends the board process.
#define CHAR_QUIT (0x1d)

static struct uart {
    board_uart_config_t cfg;
    int in_fd, out_fd;
    int slave_fd;  // kept open so the master never sees a hang-up
    char path[64]; // the pty slave's name
    bool link_made;
    bool stdio_raw; // stdin's terminal modes were changed
    struct termios stdio_saved;
    uint64_t byte_ns; // one character time; 0 when unpaced
    pthread_mutex_t lock;
    pthread_cond_t cond; // signalled on every received byte and interrupt
    uint8_t *ring;
    size_t head, count;
    uint64_t dropped;
    bool reader_stalled; // unpaced: the interpreter did not read for UNPACED_STALL_MS
    int interrupt_char;
    uint64_t tx_free_ns; // when the wire will have sent everything written so far
    bool tx_stalled;     // the host stopped reading: output is being dropped
} uart = {.in_fd = -1, .out_fd = -1, .slave_fd = -1, .interrupt_char = -1};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_until_ns(uint64_t t) {
    struct timespec ts = {(time_t)(t / 1000000000u), (long)(t % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

// ---- Receiving ----------------------------------------------------------------------------------

// How long an unpaced UART waits for the interpreter to make room before dropping.
#define UNPACED_STALL_MS (100)

// With the lock held and the ring full: waits for room if the UART is unpaced and the
// interpreter is reading; returns whether there is room now.
static bool wait_for_room(void) {
    if (uart.byte_ns > 0 || uart.reader_stalled) {
        return false;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline); // the clock uart.cond waits on
    deadline.tv_nsec += UNPACED_STALL_MS * 1000000L;
    deadline.tv_sec += deadline.tv_nsec / 1000000000L;
    deadline.tv_nsec %= 1000000000L;
    while (uart.count >= uart.cfg.rx_buffer) {
        if (pthread_cond_timedwait(&uart.cond, &uart.lock, &deadline) == ETIMEDOUT) {
            uart.reader_stalled = uart.count >= uart.cfg.rx_buffer;
            return !uart.reader_stalled;
        }
    }
    return true;
}

// One byte off the wire, as the UART interrupt handles it.
static void deliver(uint8_t b) {
    if (b == CHAR_QUIT && uart.cfg.kind == BOARD_UART_STDIO && uart.stdio_raw) {
        board_exit(0);
    }
    pthread_mutex_lock(&uart.lock);
    if (uart.interrupt_char >= 0 && b == uart.interrupt_char) {
        py_sched_keyboard_interrupt();
    } else if (uart.count >= uart.cfg.rx_buffer && !wait_for_room()) {
        uart.dropped++;
    } else {
        uart.ring[(uart.head + uart.count) % uart.cfg.rx_buffer] = b;
        uart.count++;
    }
    pthread_cond_broadcast(&uart.cond);
    pthread_mutex_unlock(&uart.lock);
}

// Reads what the host has sent; returns the byte count (0 at end of input).
static ssize_t read_host(uint8_t *buf, size_t len) {
    for (;;) {
        struct pollfd pfd = {uart.in_fd, POLLIN, 0};
        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
            return -1;
        }
        ssize_t n = read(uart.in_fd, buf, len);
        if (n >= 0 || (errno != EAGAIN && errno != EINTR)) {
            return n;
        }
    }
}

static void *rx_thread(void *arg) {
    (void)arg;
    uint8_t buf[RX_READ_CHUNK];
    uint64_t last_arrival = 0;
    for (;;) {
        ssize_t n = read_host(buf, sizeof(buf));
        if (n <= 0) {
            if (n < 0) {
                fprintf(stderr, "replhub-board: UART read: %s\n", strerror(errno));
            }
            board_exit(n < 0 ? 1 : 0); // the host closed stdin: the board is unplugged
        }
        // Each byte arrives a character time after the previous one, or after it was sent if
        // the line was idle; late wake-ups do not slow the line down.
        uint64_t sent = now_ns();
        for (ssize_t i = 0; i < n; i++) {
            if (uart.byte_ns > 0) {
                last_arrival = (last_arrival > sent ? last_arrival : sent) + uart.byte_ns;
                if (last_arrival > now_ns()) {
                    sleep_until_ns(last_arrival);
                }
            }
            deliver(buf[i]);
        }
    }
    return NULL;
}

int hal_stdin_rx_poll(void) {
    int c = -1;
    pthread_mutex_lock(&uart.lock);
    if (uart.count > 0) {
        c = uart.ring[uart.head];
        uart.head = (uart.head + 1) % uart.cfg.rx_buffer;
        uart.count--;
        uart.reader_stalled = false;
        pthread_cond_broadcast(&uart.cond); // an unpaced receiver may be waiting for room
    }
    pthread_mutex_unlock(&uart.lock);
    return c;
}

size_t hal_stdin_rx_any(void) {
    pthread_mutex_lock(&uart.lock);
    size_t n = uart.count;
    pthread_mutex_unlock(&uart.lock);
    return n;
}

size_t hal_stdin_rx_capacity(void) {
    return uart.cfg.rx_buffer;
}

void board_uart_flush_rx(void) {
    pthread_mutex_lock(&uart.lock);
    uart.head = 0;
    uart.count = 0;
    pthread_cond_broadcast(&uart.cond);
    pthread_mutex_unlock(&uart.lock);
}

uint64_t board_uart_dropped(void) {
    pthread_mutex_lock(&uart.lock);
    uint64_t n = uart.dropped;
    pthread_mutex_unlock(&uart.lock);
    return n;
}

// Waits on the condition until [timeout_us] from now (UINT64_MAX: no limit). Lock held.
static void cond_wait_us(uint64_t timeout_us) {
    if (timeout_us >= WAIT_FOREVER_US) {
        pthread_cond_wait(&uart.cond, &uart.lock);
        return;
    }
    uint64_t t = now_ns() + timeout_us * 1000;
    struct timespec ts = {(time_t)(t / 1000000000u), (long)(t % 1000000000u)};
    pthread_cond_timedwait(&uart.cond, &uart.lock, &ts);
}

void hal_wait_rx(uint64_t timeout_us) {
    pthread_mutex_lock(&uart.lock);
    if (uart.count == 0 && py_state.pending_exception == PY_OBJ_NULL && timeout_us > 0) {
        cond_wait_us(timeout_us);
    }
    pthread_mutex_unlock(&uart.lock);
}

void hal_wait_us(uint64_t timeout_us) {
    pthread_mutex_lock(&uart.lock);
    if (py_state.pending_exception == PY_OBJ_NULL && timeout_us > 0) {
        cond_wait_us(timeout_us);
    }
    pthread_mutex_unlock(&uart.lock);
}

void hal_set_interrupt_char(int c) {
    pthread_mutex_lock(&uart.lock);
    uart.interrupt_char = c;
    pthread_mutex_unlock(&uart.lock);
}

int hal_get_interrupt_char(void) {
    pthread_mutex_lock(&uart.lock);
    int c = uart.interrupt_char;
    pthread_mutex_unlock(&uart.lock);
    return c;
}

// ---- Transmitting -------------------------------------------------------------------------------

// Writes all of [len] bytes unless the host has stopped reading (then they are lost).
static void write_host(const char *s, size_t len) {
    while (len > 0) {
        struct pollfd pfd = {uart.out_fd, POLLOUT, 0};
        int r = poll(&pfd, 1, uart.tx_stalled ? 0 : TX_STALL_MS);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        uart.tx_stalled = r <= 0;
        if (uart.tx_stalled) {
            return;
        }
        ssize_t n = write(uart.out_fd, s, len);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) {
                continue;
            }
            return; // the host is gone; a UART does not care
        }
        s += n;
        len -= (size_t)n;
    }
}

void hal_stdout_tx_strn(const char *str, size_t len) {
    if (uart.byte_ns == 0) {
        write_host(str, len);
        return;
    }
    while (len > 0) {
        size_t chunk = len < TX_CHUNK_BYTES ? len : TX_CHUNK_BYTES;
        uint64_t now = now_ns();
        if (uart.tx_free_ns < now) {
            uart.tx_free_ns = now;
        }
        // Room in the FIFO for this chunk once the wire has sent enough of what is queued.
        uint64_t fifo_ns = (TX_FIFO_BYTES - chunk) * uart.byte_ns;
        if (uart.tx_free_ns > now + fifo_ns) {
            sleep_until_ns(uart.tx_free_ns - fifo_ns);
        }
        write_host(str, chunk);
        uart.tx_free_ns += chunk * uart.byte_ns;
        str += chunk;
        len -= chunk;
    }
}

// ---- Opening and closing ------------------------------------------------------------------------

static int open_pty(char *err, size_t err_len) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
        ptsname_r(master, uart.path, sizeof(uart.path)) != 0) {
        snprintf(err, err_len, "can't create a pseudo-terminal: %s", strerror(errno));
        return -1;
    }
    uart.slave_fd = open(uart.path, O_RDWR | O_NOCTTY);
    if (uart.slave_fd < 0) {
        snprintf(err, err_len, "can't open %s: %s", uart.path, strerror(errno));
        return -1;
    }
    // Raw, so the line discipline neither echoes the board's output back to it nor edits lines.
    struct termios t;
    tcgetattr(uart.slave_fd, &t);
    cfmakeraw(&t);
    tcsetattr(uart.slave_fd, TCSANOW, &t);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    uart.in_fd = uart.out_fd = master;
    if (uart.cfg.link != NULL) {
        unlink(uart.cfg.link);
        if (symlink(uart.path, uart.cfg.link) < 0) {
            snprintf(err, err_len, "can't link %s: %s", uart.cfg.link, strerror(errno));
            return -1;
        }
        uart.link_made = true;
    }
    return 0;
}

static void open_stdio(void) {
    uart.in_fd = STDIN_FILENO;
    uart.out_fd = STDOUT_FILENO;
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &uart.stdio_saved) == 0) {
        struct termios t = uart.stdio_saved;
        cfmakeraw(&t);
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        uart.stdio_raw = true;
    }
}

int board_uart_open(const board_uart_config_t *cfg, char *err, size_t err_len) {
    uart.cfg = *cfg;
    uart.byte_ns = cfg->baud > 0 ? 10000000000ull / cfg->baud : 0;
    uart.ring = malloc(cfg->rx_buffer);
    if (uart.ring == NULL) {
        snprintf(err, err_len, "can't allocate a %zu-byte RX buffer", cfg->rx_buffer);
        return -1;
    }
    pthread_mutex_init(&uart.lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&uart.cond, &attr);
    if (cfg->kind == BOARD_UART_PTY) {
        if (open_pty(err, err_len) < 0) {
            return -1;
        }
    } else {
        open_stdio();
    }
    pthread_t thread;
    if (pthread_create(&thread, NULL, rx_thread, NULL) != 0) {
        snprintf(err, err_len, "can't start the UART thread");
        return -1;
    }
    pthread_detach(thread);
    return 0;
}

const char *board_uart_path(void) {
    return uart.cfg.kind == BOARD_UART_PTY ? uart.path : NULL;
}

void board_uart_cleanup(void) {
    if (uart.stdio_raw) {
        tcsetattr(STDIN_FILENO, TCSANOW, &uart.stdio_saved);
    }
    if (uart.link_made) {
        unlink(uart.cfg.link);
    }
}
