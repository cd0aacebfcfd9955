// SPDX-License-Identifier: MIT
// modules.h: the runtime's portable board modules; ports list them in py_port_builtin_modules.

#ifndef RUNTIME_MODULES_H
#define RUNTIME_MODULES_H

#include "objects.h"

// time: sleep, sleep_ms, sleep_us, ticks_*, time, time_ns, gmtime, localtime, mktime (modtime.c).
extern const py_obj_module_t module_time;
// (year, month, mday, hour, minute, second, weekday 0 = Monday, yearday) of [secs] seconds after
// 2000-01-01 00:00:00.
py_obj_t modtime_gmtime_tuple(int64_t secs);
// Seconds after 2000-01-01 of [fields] = (year, month, mday, hour, minute, second); values out
// of range carry over into the next field, as C's mktime does.
int64_t modtime_mktime(const py_obj_t *fields);

// micropython: const, opt_level, mem_info, qstr_info, stack_use, heap_lock, heap_unlock,
// kbd_intr, schedule, alloc_emergency_exception_buf (modmicropython.c).
extern const py_obj_module_t module_micropython;
// select: poll() objects over the console streams and objects with an ioctl method
// (modselect.c).
extern const py_obj_module_t module_select;

#endif
