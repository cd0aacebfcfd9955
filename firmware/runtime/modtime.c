// SPDX-License-Identifier: MIT
// modtime.c: the time module: sleeps that Ctrl-C interrupts, wrapping ticks, calendar time.
//
// Ticks wrap at 2**30 as on the 32-bit chip, whatever the host's word size, so that code tested
// here behaves the same there. Calendar time counts from 2000-01-01 like the ESP8266 port.

#include "console.h"
#include "hal.h"
#include "modules.h"
#include "runtime.h"

#define TICKS_PERIOD (1L << 30)
#define TICKS_MASK   (TICKS_PERIOD - 1)
#define TICKS_HALF   (TICKS_PERIOD / 2)

#define SECS_PER_DAY (86400)
// Longest sleep in seconds that is counted; longer ones last until interrupted.
#define SLEEP_MAX_S (3.0e9)
// Days from 1970-01-01 to 2000-01-01.
#define DAYS_1970_TO_2000 (10957)

// ---- Sleeping -----------------------------------------------------------------------------------

static py_obj_t time_sleep(py_obj_t seconds) {
    py_float_t s = py_obj_get_float(seconds);
    if (s > 0) {
        // Beyond a century the conversion to microseconds would overflow: it is "for ever".
        console_delay_us(s < SLEEP_MAX_S ? (uint64_t)(s * 1e6) : UINT64_MAX);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(time_sleep_obj, time_sleep);

static py_obj_t time_sleep_ms(py_obj_t ms) {
    intptr_t n = py_obj_get_int(ms);
    if (n > 0) {
        console_delay_us((uint64_t)n * 1000);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(time_sleep_ms_obj, time_sleep_ms);

static py_obj_t time_sleep_us(py_obj_t us) {
    intptr_t n = py_obj_get_int(us);
    if (n > 0) {
        console_delay_us((uint64_t)n);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(time_sleep_us_obj, time_sleep_us);

// ---- Ticks --------------------------------------------------------------------------------------

static py_obj_t time_ticks_ms(void) {
    return PY_OBJ_NEW_SMALL_INT((intptr_t)((hal_ticks_us() / 1000) & TICKS_MASK));
}
static PY_DEFINE_CONST_FUN_OBJ_0(time_ticks_ms_obj, time_ticks_ms);

static py_obj_t time_ticks_us(void) {
    return PY_OBJ_NEW_SMALL_INT((intptr_t)(hal_ticks_us() & TICKS_MASK));
}
static PY_DEFINE_CONST_FUN_OBJ_0(time_ticks_us_obj, time_ticks_us);

static py_obj_t time_ticks_cpu(void) {
    return PY_OBJ_NEW_SMALL_INT((intptr_t)(hal_ticks_cpu() & TICKS_MASK));
}
static PY_DEFINE_CONST_FUN_OBJ_0(time_ticks_cpu_obj, time_ticks_cpu);

// The signed distance from [start] to [end] on the ticks circle.
static py_obj_t time_ticks_diff(py_obj_t end, py_obj_t start) {
    uintptr_t diff =
        (uintptr_t)py_obj_get_int_truncated(end) - (uintptr_t)py_obj_get_int_truncated(start);
    intptr_t d = (intptr_t)((diff + TICKS_HALF) & TICKS_MASK) - TICKS_HALF;
    return PY_OBJ_NEW_SMALL_INT(d);
}
static PY_DEFINE_CONST_FUN_OBJ_2(time_ticks_diff_obj, time_ticks_diff);

static py_obj_t time_ticks_add(py_obj_t ticks, py_obj_t delta) {
    intptr_t d = py_obj_get_int(delta);
    if (d < -TICKS_HALF || d >= TICKS_HALF) {
        py_raise_msg(&py_type_OverflowError, "ticks interval overflow");
    }
    uintptr_t t = (uintptr_t)py_obj_get_int_truncated(ticks) + (uintptr_t)d;
    return PY_OBJ_NEW_SMALL_INT((intptr_t)(t & TICKS_MASK));
}
static PY_DEFINE_CONST_FUN_OBJ_2(time_ticks_add_obj, time_ticks_add);

// ---- Calendar -----------------------------------------------------------------------------------

static int64_t floor_div(int64_t a, int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

// Days from 1970-01-01 to [year]-[month]-[day] (proleptic Gregorian; month 1..12).
static int64_t days_from_civil(int64_t year, int month, int64_t day) {
    year -= month <= 2;
    int64_t era = floor_div(year, 400);
    int64_t yoe = year - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// The date [days] after 1970-01-01.
static void civil_from_days(int64_t days, int64_t *year, int *month, int *day) {
    days += 719468;
    int64_t era = floor_div(days, 146097);
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

static py_obj_t new_int64(int64_t v) {
    return py_obj_new_int_from_ll((long long)v);
}

py_obj_t modtime_gmtime_tuple(int64_t secs) {
    int64_t days = floor_div(secs, SECS_PER_DAY);
    int64_t rem = secs - days * SECS_PER_DAY;
    int64_t year;
    int month, day;
    civil_from_days(days + DAYS_1970_TO_2000, &year, &month, &day);
    int64_t yday = days + DAYS_1970_TO_2000 - days_from_civil(year, 1, 1) + 1;
    py_obj_t items[8] = {
        new_int64(year),
        PY_OBJ_NEW_SMALL_INT(month),
        PY_OBJ_NEW_SMALL_INT(day),
        PY_OBJ_NEW_SMALL_INT(rem / 3600),
        PY_OBJ_NEW_SMALL_INT(rem / 60 % 60),
        PY_OBJ_NEW_SMALL_INT(rem % 60),
        PY_OBJ_NEW_SMALL_INT((intptr_t)(((days + 5) % 7 + 7) % 7)), // 2000-01-01: a Saturday
        PY_OBJ_NEW_SMALL_INT(yday),
    };
    return py_obj_new_tuple(8, items);
}

static int64_t rtc_seconds(void) {
    return (int64_t)(hal_rtc_get_us() / 1000000);
}

static py_obj_t time_gmtime(size_t n_args, const py_obj_t *args) {
    if (n_args == 0 || args[0] == py_const_none) {
        return modtime_gmtime_tuple(rtc_seconds());
    }
    return modtime_gmtime_tuple((int64_t)py_obj_get_int(args[0]));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(time_gmtime_obj, 0, 1, time_gmtime);

int64_t modtime_mktime(const py_obj_t *f) {
    int64_t year = py_obj_get_int(f[0]);
    int64_t month0 = (int64_t)py_obj_get_int(f[1]) - 1;
    year += floor_div(month0, 12);
    int month = (int)(month0 - floor_div(month0, 12) * 12) + 1;
    int64_t days = days_from_civil(year, month, 1) + py_obj_get_int(f[2]) - 1 - DAYS_1970_TO_2000;
    return days * SECS_PER_DAY + (int64_t)py_obj_get_int(f[3]) * 3600 +
           (int64_t)py_obj_get_int(f[4]) * 60 + py_obj_get_int(f[5]);
}

static py_obj_t time_mktime(py_obj_t tuple) {
    size_t n;
    py_obj_t *items;
    py_obj_get_array(tuple, &n, &items);
    if (n < 8 || n > 9) {
        py_raise_TypeError("mktime needs a tuple of length 8 or 9");
    }
    return new_int64(modtime_mktime(items));
}
static PY_DEFINE_CONST_FUN_OBJ_1(time_mktime_obj, time_mktime);

static py_obj_t time_time(void) {
    return new_int64(rtc_seconds());
}
static PY_DEFINE_CONST_FUN_OBJ_0(time_time_obj, time_time);

static py_obj_t time_time_ns(void) {
    return py_obj_new_int_from_ull((unsigned long long)hal_rtc_get_us() * 1000ULL);
}
static PY_DEFINE_CONST_FUN_OBJ_0(time_time_ns_obj, time_time_ns);

static const py_map_elem_t time_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_time)},
    {PY_ROM_QSTR(PY_QSTR_sleep), PY_ROM_PTR(&time_sleep_obj)},
    {PY_ROM_QSTR(PY_QSTR_sleep_ms), PY_ROM_PTR(&time_sleep_ms_obj)},
    {PY_ROM_QSTR(PY_QSTR_sleep_us), PY_ROM_PTR(&time_sleep_us_obj)},
    {PY_ROM_QSTR(PY_QSTR_ticks_ms), PY_ROM_PTR(&time_ticks_ms_obj)},
    {PY_ROM_QSTR(PY_QSTR_ticks_us), PY_ROM_PTR(&time_ticks_us_obj)},
    {PY_ROM_QSTR(PY_QSTR_ticks_cpu), PY_ROM_PTR(&time_ticks_cpu_obj)},
    {PY_ROM_QSTR(PY_QSTR_ticks_diff), PY_ROM_PTR(&time_ticks_diff_obj)},
    {PY_ROM_QSTR(PY_QSTR_ticks_add), PY_ROM_PTR(&time_ticks_add_obj)},
    {PY_ROM_QSTR(PY_QSTR_time), PY_ROM_PTR(&time_time_obj)},
    {PY_ROM_QSTR(PY_QSTR_time_ns), PY_ROM_PTR(&time_time_ns_obj)},
    {PY_ROM_QSTR(PY_QSTR_gmtime), PY_ROM_PTR(&time_gmtime_obj)},
    {PY_ROM_QSTR(PY_QSTR_localtime), PY_ROM_PTR(&time_gmtime_obj)},
    {PY_ROM_QSTR(PY_QSTR_mktime), PY_ROM_PTR(&time_mktime_obj)},
};
static PY_DEFINE_CONST_DICT(time_globals, time_globals_table);

const py_obj_module_t module_time = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&time_globals,
};
