// SPDX-License-Identifier: MIT
// scheduler.h: callbacks run between bytecodes: micropython.schedule(), soft timers, pin
// interrupts.
//
// As on MicroPython, queued callbacks and due timers run at the VM's next pending check (a
// backward jump or a call, where a Ctrl-C is raised too), so they run inside busy loops and long
// computations; and at every safe point (each wait in console.h, the end of each REPL command).
// Queueing asks for that check at once; a timer asks for it through the port's alarm
// (hal_set_alarm) when it comes due. Callbacks do not interrupt callbacks. A callback that
// raises has its traceback printed; the code that was running goes on.

#ifndef RUNTIME_SCHEDULER_H
#define RUNTIME_SCHEDULER_H

#include <stdbool.h>
#include <stdint.h>

#include "obj.h"

// Callbacks that may wait in the queue; micropython.schedule() raises beyond that.
#ifndef SCHED_DEPTH
#define SCHED_DEPTH (8)
#endif
// Timers that may be armed at once; arming one more raises ValueError.
#ifndef SCHED_MAX_TIMERS
#define SCHED_MAX_TIMERS (16)
#endif

// A soft timer; ports embed it at the start of their Timer objects (base is their type).
typedef struct sched_timer {
    py_obj_base_t base;
    py_obj_t callback; // called with the timer object
    uint64_t due_us;   // hal_ticks_us() of the next expiry
    uint64_t period_us;
    bool periodic;
} sched_timer_t;

// Empties the queue and disarms every timer (after every start of the interpreter).
void sched_init(void);
// Queues fun(arg); false when the queue is full.
bool sched_schedule(py_obj_t fun, py_obj_t arg);
// Runs due timers' callbacks and everything queued (not re-entered from a callback); it is
// py_state.pending_hook, so the VM calls it too.
void sched_run_pending(void);
// [max_us] shortened to the time until the next timer is due (0 while callbacks wait).
uint64_t sched_wait_limit_us(uint64_t max_us);

// Arms [timer] to fire [timer]->period_us from now (re-arming an armed one restarts it).
// Raises ValueError when SCHED_MAX_TIMERS are armed already.
void sched_timer_start(sched_timer_t *timer);
void sched_timer_stop(sched_timer_t *timer);

#endif
