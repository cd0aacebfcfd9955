// SPDX-License-Identifier: MIT
// board.h: the simulated board's parts, shared by the files of replhub-board.
//
// board_uart.c plays the chip's UART0 (a pseudo-terminal or stdio, paced at the baud rate, a
// bounded RX buffer filled by a thread as the UART interrupt would), board_hal.c the clocks and
// resets, board_machine.c and board_pin.c the machine module, board_port.c the interpreter's
// port hooks, board_main.c the process.

#ifndef BOARD_H
#define BOARD_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "objects.h"

// Default RX buffer size: the ESP8266's stdin ring.
#define BOARD_RX_BUFFER_DEFAULT (256)
// RX buffer sizes the board accepts.
#define BOARD_RX_BUFFER_MIN (16)
#define BOARD_RX_BUFFER_MAX (1024 * 1024)

typedef enum {
    BOARD_UART_PTY,
    BOARD_UART_STDIO,
} board_uart_kind_t;

typedef struct board_uart_config {
    board_uart_kind_t kind;
    const char *link; // symlink to the pty's slave, or NULL
    unsigned baud;    // 0: unpaced
    size_t rx_buffer; // bytes
} board_uart_config_t;

// Opens the UART and starts its receive thread. Returns 0, or -1 with a message in [err].
int board_uart_open(const board_uart_config_t *cfg, char *err, size_t err_len);
// The pty slave's path (NULL for stdio).
const char *board_uart_path(void);
// Undoes what board_uart_open changed outside the process (terminal modes, the symlink).
// Async-signal-safe.
void board_uart_cleanup(void);
// Drops everything buffered (a hard reset clears the UART).
void board_uart_flush_rx(void);
// Bytes dropped because the RX buffer was full, since start.
uint64_t board_uart_dropped(void);

// Starts the clocks; a hard reset longjmps to [on_reset] (board_hal.c).
void board_hal_start(jmp_buf *on_reset);

// Ends the process with [status] after board_uart_cleanup (async-signal-safe).
PY_NORETURN void board_exit(int status);

// The machine module and the board's simulation hooks (_board).
extern const py_obj_module_t board_module_machine;
extern const py_obj_module_t board_module_board;
// Resets the machine module's state (pins, timers, watchdog) after each interpreter start.
void board_machine_init(bool hard);
// Pins (board_pin.c).
extern const py_obj_type_t board_pin_type;
void board_pin_init(void);
// Drives pin [id]'s pad from outside (level 0/1, or -1 to let it float); raises ValueError for a
// pin the board does not have.
void board_pin_drive(intptr_t id, int level);
// Watchdog (board_machine.c): checked at safe points; resets the board when it expired.
void board_wdt_check(void);

#endif
