// SPDX-License-Identifier: MIT
// console.h: the REPL's terminal over the HAL UART: output, blocking input, interruptible waits.
//
// Everything Python prints goes through py_plat_print, which turns "\n" into "\r\n" as the
// board's terminal expects; the REPL's own texts are sent as they are with console_tx_str.
// The blocking calls here are the runtime's safe points: while they wait they deliver a pending
// KeyboardInterrupt (by raising it) and run scheduled callbacks and due timers (scheduler.h).

#ifndef RUNTIME_CONSOLE_H
#define RUNTIME_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Control characters of the REPL protocols.
enum {
    CHAR_CTRL_A = 0x01,
    CHAR_CTRL_B = 0x02,
    CHAR_CTRL_C = 0x03,
    CHAR_CTRL_D = 0x04,
    CHAR_CTRL_E = 0x05,
};

// Sends NUL-terminated [str] as it is.
void console_tx_str(const char *str);
// Sends [len] bytes at [str], each "\n" as "\r\n".
void console_tx_cooked(const char *str, size_t len);

// Returns the next received byte, waiting as long as it takes. May raise (a pending
// KeyboardInterrupt while code runs; an exception from nothing else).
int console_rx_chr(void);
// Waits at most [timeout_us] for a received byte; returns it, or -1 on timeout.
int console_rx_chr_timeout(uint64_t timeout_us);
// Waits until a byte is buffered or [timeout_us] passes; true if one is. May raise as
// console_rx_chr does.
bool console_wait_rx(uint64_t timeout_us);
// Sleeps [us] microseconds; a Ctrl-C during the sleep raises KeyboardInterrupt.
void console_delay_us(uint64_t us);

// Resets the console's settings (after every start of the interpreter).
void console_init(void);
// Sets the interrupt character of the code now running (micropython.kbd_intr; -1 disables it).
// Every REPL command, script and raw-paste starts again with Ctrl-C.
void console_set_kbd_intr_char(int c);
// Starts and ends a stretch of running Python code: enables the interrupt character, and on
// the way out disables it and discards a KeyboardInterrupt that came too late to be delivered.
void console_exec_begin(void);
void console_exec_end(void);

#endif
