// SPDX-License-Identifier: MIT
// board_hal.c: the simulated board's clocks, CPU frequency, resets and chip id (hal.h).
//
// A thread plays the chip's timer interrupt for soft timers: it sleeps until the alarm the
// scheduler set and then asks the running code to run its callbacks (py_sched_callbacks).

#include <pthread.h>
#include <setjmp.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "board.h"
#include "board_flash.h"
#include "hal.h"
#include "runtime.h"
#include "vfs.h"

// The ESP8266 runs at 80 MHz and can be switched to 160 MHz.
#define CPU_FREQ_DEFAULT (80000000u)
#define CPU_FREQ_FAST    (160000000u)
// Seconds from 1970-01-01 to 2000-01-01, the board's epoch.
#define EPOCH_2000_UNIX (946684800ull)

static const uint8_t chip_id[4] = {0x52, 0x48, 0x42, 0x01}; // "RHB" and a serial number

static uint64_t start_us;
static uint32_t cpu_freq = CPU_FREQ_DEFAULT;
// The RTC keeps the host's time plus this offset (set by machine.RTC().datetime()).
static int64_t rtc_offset_us;
static int reset_cause = HAL_RESET_PWRON;
static jmp_buf *reset_point;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;   // signalled when the alarm changes; waits on CLOCK_MONOTONIC
    uint64_t monotonic_us; // when the alarm goes off, UINT64_MAX for never
} alarm = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, UINT64_MAX};

static uint64_t monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void *alarm_thread(void *arg) {
    (void)arg;
    pthread_mutex_lock(&alarm.lock);
    for (;;) {
        uint64_t t = alarm.monotonic_us;
        if (t == UINT64_MAX) {
            pthread_cond_wait(&alarm.cond, &alarm.lock);
        } else if (monotonic_us() >= t) {
            alarm.monotonic_us = UINT64_MAX;
            py_sched_callbacks();
        } else {
            struct timespec ts = {(time_t)(t / 1000000u), (long)(t % 1000000u) * 1000};
            pthread_cond_timedwait(&alarm.cond, &alarm.lock, &ts);
        }
    }
    return NULL;
}

// Starts the alarm thread once, with a condition that waits on the monotonic clock.
static void start_alarm(void) {
    static bool started;
    if (started) {
        return;
    }
    started = true;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&alarm.cond, &attr);
    pthread_t thread;
    if (pthread_create(&thread, NULL, alarm_thread, NULL) == 0) {
        pthread_detach(thread);
    } // without it timers still fire at every wait, only not inside busy loops
}

void board_hal_start(jmp_buf *on_reset) {
    start_us = monotonic_us();
    reset_point = on_reset;
    start_alarm();
}

void hal_set_alarm(uint64_t due_us) {
    pthread_mutex_lock(&alarm.lock);
    alarm.monotonic_us = due_us > UINT64_MAX - start_us ? UINT64_MAX : start_us + due_us;
    pthread_cond_signal(&alarm.cond);
    pthread_mutex_unlock(&alarm.lock);
}

uint64_t hal_ticks_us(void) {
    return monotonic_us() - start_us;
}

uint32_t hal_ticks_cpu(void) {
    return (uint32_t)(hal_ticks_us() * (cpu_freq / 1000000u));
}

uint32_t hal_cpu_freq(void) {
    return cpu_freq;
}

bool hal_set_cpu_freq(uint32_t hz) {
    if (hz != CPU_FREQ_DEFAULT && hz != CPU_FREQ_FAST) {
        return false;
    }
    cpu_freq = hz;
    return true;
}

static uint64_t host_us_since_2000(void) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return ((uint64_t)tv.tv_sec - EPOCH_2000_UNIX) * 1000000u + (uint64_t)tv.tv_usec;
}

uint64_t hal_rtc_get_us(void) {
    return (uint64_t)((int64_t)host_us_since_2000() + rtc_offset_us);
}

void hal_rtc_set_us(uint64_t us_since_2000) {
    rtc_offset_us = (int64_t)us_since_2000 - (int64_t)host_us_since_2000();
}

void hal_reset_hard(int cause) {
    hal_set_interrupt_char(-1);
    py_deinit();
    board_uart_flush_rx();
    reset_cause = cause;
    cpu_freq = CPU_FREQ_DEFAULT;
    longjmp(*reset_point, 1);
}

int hal_reset_cause(void) {
    return reset_cause;
}

size_t hal_unique_id(uint8_t *buf, size_t max) {
    size_t n = max < sizeof(chip_id) ? max : sizeof(chip_id);
    memcpy(buf, chip_id, n);
    return n;
}

void hal_board_init(bool hard) {
    board_machine_init(hard);
    board_flash_boot(hard);
}

void hal_poll_hook(void) {
    board_wdt_check();
}

py_obj_t hal_file_source(const char *path) {
    return vfs_read_file(path); // PY_OBJ_NULL without --flash
}
