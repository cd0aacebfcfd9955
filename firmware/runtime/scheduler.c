// SPDX-License-Identifier: MIT
// scheduler.c: callbacks run at safe points: micropython.schedule(), soft timers, pin interrupts.

#include "scheduler.h"

#include "console.h"
#include "gc.h"
#include "hal.h"
#include "roots.h"
#include "runtime.h"

// The queue is a ring of (function, argument) pairs in the GC heap, kept alive by
// py_state.roots.sched_callbacks; the armed timers are an array kept by a port root.
static size_t queue_head;
static size_t queue_len;
static bool running;

static py_obj_t *queue(void) {
    return (py_obj_t *)py_state.roots.sched_callbacks;
}

static sched_timer_t **timers(void) {
    return (sched_timer_t **)ROOT(ROOT_SCHED_TIMERS);
}

void sched_init(void) {
    queue_head = 0;
    queue_len = 0;
    running = false;
    hal_set_alarm(UINT64_MAX);
    py_state.roots.sched_callbacks = py_new(py_obj_t, 2 * SCHED_DEPTH);
    ROOT(ROOT_SCHED_TIMERS) = py_new(sched_timer_t *, SCHED_MAX_TIMERS);
    py_state.pending_hook = sched_run_pending;
}

// The hal_ticks_us() at which the next armed timer is due; UINT64_MAX when none is armed.
static uint64_t next_due(void) {
    sched_timer_t **t = timers();
    uint64_t due = UINT64_MAX;
    for (size_t i = 0; t != NULL && i < SCHED_MAX_TIMERS; i++) {
        if (t[i] != NULL && t[i]->due_us < due) {
            due = t[i]->due_us;
        }
    }
    return due;
}

bool sched_schedule(py_obj_t fun, py_obj_t arg) {
    py_obj_t *q = queue();
    if (q == NULL || queue_len >= SCHED_DEPTH) {
        return false;
    }
    size_t i = (queue_head + queue_len) % SCHED_DEPTH;
    q[2 * i] = fun;
    q[2 * i + 1] = arg;
    queue_len++;
    py_sched_callbacks(); // the running code calls it at its next check
    return true;
}

// Queues the callbacks of the timers that are due and re-arms the periodic ones.
static void fire_due_timers(void) {
    sched_timer_t **t = timers();
    if (t == NULL) {
        return;
    }
    uint64_t now = hal_ticks_us();
    for (size_t i = 0; i < SCHED_MAX_TIMERS; i++) {
        sched_timer_t *timer = t[i];
        if (timer == NULL || timer->due_us > now) {
            continue;
        }
        if (timer->periodic) {
            timer->due_us += timer->period_us;
            if (timer->due_us <= now) {
                timer->due_us = now + timer->period_us; // missed periods are not made up
            }
        } else {
            t[i] = NULL;
        }
        if (timer->callback != PY_OBJ_NULL && timer->callback != py_const_none) {
            sched_schedule(timer->callback, PY_OBJ_FROM_PTR(timer)); // a full queue drops it
        }
    }
}

// After a run of callbacks: asks for the next one at once if something is due already (a timer
// came due, or a KeyboardInterrupt left callbacks queued), and sets the alarm for the next timer.
static void end_run(void) {
    running = false;
    uint64_t due = next_due();
    if (queue_len > 0 || due <= hal_ticks_us()) {
        py_sched_callbacks();
    }
    hal_set_alarm(due);
}

// Calls fun(arg); prints what it raises, except a KeyboardInterrupt, which goes on to the code
// that was waiting.
static void call_protected(py_obj_t fun, py_obj_t arg) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_call_function_1(fun, arg);
        py_nlr_pop();
        return;
    }
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (py_obj_is_instance(exc, &py_type_KeyboardInterrupt)) {
        end_run();
        py_nlr_jump(nlr.ret_val);
    }
    py_obj_print_exception(&py_plat_print, exc);
}

void sched_run_pending(void) {
    if (running || queue() == NULL) {
        return; // a callback's own checks: the outermost run goes on with what is due
    }
    running = true;
    fire_due_timers();
    while (queue_len > 0) {
        py_obj_t *q = queue();
        py_obj_t fun = q[2 * queue_head];
        py_obj_t arg = q[2 * queue_head + 1];
        q[2 * queue_head] = q[2 * queue_head + 1] = PY_OBJ_NULL;
        queue_head = (queue_head + 1) % SCHED_DEPTH;
        queue_len--;
        call_protected(fun, arg);
    }
    end_run();
}

uint64_t sched_wait_limit_us(uint64_t max_us) {
    if (queue_len > 0) {
        return 0;
    }
    uint64_t due = next_due();
    uint64_t now = hal_ticks_us();
    uint64_t left = due > now ? due - now : 0;
    return left < max_us ? left : max_us;
}

void sched_timer_start(sched_timer_t *timer) {
    sched_timer_t **t = timers();
    timer->due_us = hal_ticks_us() + timer->period_us;
    size_t free_slot = SCHED_MAX_TIMERS;
    for (size_t i = 0; i < SCHED_MAX_TIMERS; i++) {
        if (t[i] == timer) {
            hal_set_alarm(next_due()); // already armed: restarted with the new due time
            return;
        }
        if (t[i] == NULL && free_slot == SCHED_MAX_TIMERS) {
            free_slot = i;
        }
    }
    if (free_slot == SCHED_MAX_TIMERS) {
        py_raise_msg_varg(&py_type_ValueError, "too many timers (limit %d)", SCHED_MAX_TIMERS);
    }
    t[free_slot] = timer;
    hal_set_alarm(next_due());
}

void sched_timer_stop(sched_timer_t *timer) {
    sched_timer_t **t = timers();
    for (size_t i = 0; i < SCHED_MAX_TIMERS; i++) {
        if (t[i] == timer) {
            t[i] = NULL;
        }
    }
    hal_set_alarm(next_due());
}
