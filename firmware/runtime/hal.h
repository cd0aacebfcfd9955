// SPDX-License-Identifier: MIT
// hal.h: what a port supplies to the board runtime (REPL, boot, board modules): the HAL contract.
//
// The runtime sees the board as one UART (a byte stream both ways), a microsecond clock and a
// way to wait. The host port implements it over a pseudo-terminal and a thread that plays the
// UART's receive interrupt; the ESP8266 port over the chip's UART0 and its timers. Received
// bytes sit in a bounded RX buffer that the port fills at line rate and that drops bytes when
// full. While Python code runs the port compares each received byte with the interrupt
// character and, on a match, calls py_sched_keyboard_interrupt() instead of queueing it.

#ifndef RUNTIME_HAL_H
#define RUNTIME_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "obj.h"

// ---- UART ---------------------------------------------------------------------------------------

// Returns the next received byte (0..255) if one is buffered, else -1. Never blocks.
int hal_stdin_rx_poll(void);
// Number of bytes waiting in the RX buffer.
size_t hal_stdin_rx_any(void);
// Capacity of the RX buffer in bytes (raw-paste offers the host half of it as its window).
size_t hal_stdin_rx_capacity(void);
// Sleeps until a byte is received or [timeout_us] passes; returns at once if a byte is already
// buffered or a KeyboardInterrupt is pending. Early returns are allowed: callers loop.
void hal_wait_rx(uint64_t timeout_us);
// Sleeps [timeout_us] unless a KeyboardInterrupt becomes pending first (then returns early).
// Early returns are allowed: callers loop.
void hal_wait_us(uint64_t timeout_us);
// Sends [len] bytes as they are (no newline conversion), paced at the line rate; blocks while
// the transmitter is busy, as the chip's TX FIFO does.
void hal_stdout_tx_strn(const char *str, size_t len);
// While [c] is 0..255, a received byte equal to it schedules KeyboardInterrupt and is not
// queued; -1 disables the check (the byte is then an ordinary one).
void hal_set_interrupt_char(int c);
int hal_get_interrupt_char(void);

// ---- Time ---------------------------------------------------------------------------------------

// Microseconds since power-on (monotonic, never wraps in practice).
uint64_t hal_ticks_us(void);
// CPU cycle counter (wraps); its rate is hal_cpu_freq() Hz.
uint32_t hal_ticks_cpu(void);
uint32_t hal_cpu_freq(void);
// Sets the CPU frequency; returns false if the chip cannot run at [hz].
bool hal_set_cpu_freq(uint32_t hz);
// The real-time clock in microseconds since 2000-01-01 00:00:00 (the ESP8266 port's epoch), as
// kept by the port (the host port starts it from the host's clock); hal_rtc_set_us moves it.
uint64_t hal_rtc_get_us(void);
void hal_rtc_set_us(uint64_t us_since_2000);

// ---- Board --------------------------------------------------------------------------------------

// machine.reset_cause() values, the ESP8266's numbers.
enum {
    HAL_RESET_PWRON = 0,
    HAL_RESET_WDT = 1,
    HAL_RESET_SOFT = 4, // machine.reset(): the chip's software restart
    HAL_RESET_DEEPSLEEP = 5,
    HAL_RESET_HARD = 6, // the reset pin
};

// Resets the chip at once (machine.reset(), watchdog) with [cause] (HAL_RESET_*): the port
// starts over as at power-on, without ending the process. Never returns.
PY_NORETURN void hal_reset_hard(int cause);
// The cause of the last reset (HAL_RESET_*).
int hal_reset_cause(void);
// Fills [buf] with the chip's unique id and returns its length (at most [max]).
size_t hal_unique_id(uint8_t *buf, size_t max);
// Has py_sched_callbacks() called (by the port's timer interrupt or a thread) once
// hal_ticks_us() reaches [due_us], so that soft timers fire inside code that never waits; a
// due time already past calls it at once. A new call replaces the alarm; UINT64_MAX cancels it.
void hal_set_alarm(uint64_t due_us);
// Called at every safe point (each wait of the console, the end of each REPL command), where
// the runtime also runs scheduled callbacks: the port checks its watchdog and the like. May
// raise or reset.
void hal_poll_hook(void);
// Called after every start of the interpreter (power-on, hard and soft reset; [hard] tells
// which), before boot.py runs: the port resets its modules' state (pins, timers).
void hal_board_init(bool hard);
// The contents of file [path] on the board's filesystem as a bytes object, or PY_OBJ_NULL when
// there is no such file (or no filesystem yet). Boot runs boot.py and main.py through it.
py_obj_t hal_file_source(const char *path);

#endif
