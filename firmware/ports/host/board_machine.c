// SPDX-License-Identifier: MIT
// board_machine.c: the machine module of the simulated board (Pin is in board_pin.c), and
// _board, the hooks through which tests play the world around the chip.

#include "board.h"
#include "gc.h"
#include "hal.h"
#include "modules.h"
#include "runtime.h"
#include "scheduler.h"

// The ESP8266's ADC: 10 bits, read() gives 0..1024.
#define ADC_MAX (1024)
// Watchdog timeouts machine.WDT accepts, in ms.
#define WDT_TIMEOUT_MIN_MS     (1)
#define WDT_TIMEOUT_DEFAULT_MS (5000)

enum { TIMER_ONE_SHOT = 0, TIMER_PERIODIC = 1 };

static int adc_value; // what ADC(0) reads, set by _board.set_adc
static bool wdt_armed;
static uint64_t wdt_timeout_us;
static uint64_t wdt_fed_us;

void board_machine_init(bool hard) {
    board_pin_init();
    wdt_armed = false;
    if (hard) {
        adc_value = 0;
    }
}

// ---- Module functions ---------------------------------------------------------------------------

static py_obj_t machine_reset(void) {
    hal_reset_hard(HAL_RESET_SOFT);
}
static PY_DEFINE_CONST_FUN_OBJ_0(machine_reset_obj, machine_reset);

static py_obj_t machine_soft_reset(void) {
    py_raise(PY_OBJ_FROM_PTR(&py_type_SystemExit));
}
static PY_DEFINE_CONST_FUN_OBJ_0(machine_soft_reset_obj, machine_soft_reset);

static py_obj_t machine_reset_cause(void) {
    return PY_OBJ_NEW_SMALL_INT(hal_reset_cause());
}
static PY_DEFINE_CONST_FUN_OBJ_0(machine_reset_cause_obj, machine_reset_cause);

static py_obj_t machine_freq(size_t n_args, const py_obj_t *args) {
    if (n_args == 0) {
        return py_obj_new_int_from_uint(hal_cpu_freq());
    }
    intptr_t hz = py_obj_get_int(args[0]);
    if (hz <= 0 || !hal_set_cpu_freq((uint32_t)hz)) {
        py_raise_ValueError("frequency can only be either 80Mhz or 160MHz");
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(machine_freq_obj, 0, 1, machine_freq);

static py_obj_t machine_unique_id(void) {
    uint8_t id[16];
    size_t n = hal_unique_id(id, sizeof(id));
    return py_obj_new_bytes(id, n);
}
static PY_DEFINE_CONST_FUN_OBJ_0(machine_unique_id_obj, machine_unique_id);

static py_obj_t machine_idle(void) {
    hal_wait_rx(1000);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(machine_idle_obj, machine_idle);

// ---- Timer --------------------------------------------------------------------------------------

static const py_obj_type_t timer_type;

static py_obj_t timer_init(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    enum { ARG_mode, ARG_period, ARG_callback, ARG_freq };
    static const py_arg_t allowed[] = {
        {PY_QSTR_mode, PY_ARG_INT | PY_ARG_KW_ONLY, {.u_int = TIMER_PERIODIC}},
        {PY_QSTR_period, PY_ARG_INT | PY_ARG_KW_ONLY, {.u_int = -1}},
        {PY_QSTR_callback, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = py_const_none}},
        {PY_QSTR_freq, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = py_const_none}},
    };
    py_arg_val_t v[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args - 1, args + 1, kw, PY_ARRAY_SIZE(allowed), allowed, v);
    sched_timer_t *t = PY_OBJ_TO_PTR(args[0]);
    uint64_t period_us = (uint64_t)v[ARG_period].u_int * 1000;
    if (v[ARG_freq].u_obj != py_const_none) {
        py_float_t hz = py_obj_get_float(v[ARG_freq].u_obj);
        if (hz <= 0) {
            py_raise_ValueError("invalid freq");
        }
        period_us = (uint64_t)(1e6 / hz);
    } else if (v[ARG_period].u_int < 0) {
        py_raise_ValueError("period required"); // neither period nor freq given
    }
    sched_timer_stop(t);
    t->callback = v[ARG_callback].u_obj;
    t->period_us = period_us > 0 ? period_us : 1;
    t->periodic = v[ARG_mode].u_int != TIMER_ONE_SHOT;
    sched_timer_start(t);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(timer_init_obj, 1, timer_init);

static py_obj_t timer_deinit(py_obj_t self) {
    sched_timer_stop(PY_OBJ_TO_PTR(self));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(timer_deinit_obj, timer_deinit);

static py_obj_t timer_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, true);
    sched_timer_t *t = py_new_obj(sched_timer_t, &timer_type);
    t->callback = py_const_none;
    if (n_kw > 0) {
        py_map_t kw;
        py_map_init_fixed_table(&kw, n_kw, (const py_map_elem_t *)(args + n_args));
        py_obj_t self = PY_OBJ_FROM_PTR(t);
        timer_init(1, &self, &kw);
    }
    return PY_OBJ_FROM_PTR(t);
}

static void timer_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    sched_timer_t *t = PY_OBJ_TO_PTR(self);
    py_printf(print, "Timer(period=%u, mode=%s)", (unsigned)(t->period_us / 1000),
              t->periodic ? "PERIODIC" : "ONE_SHOT");
}

static const py_map_elem_t timer_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_init), PY_ROM_PTR(&timer_init_obj)},
    {PY_ROM_QSTR(PY_QSTR_deinit), PY_ROM_PTR(&timer_deinit_obj)},
    {PY_ROM_QSTR(PY_QSTR_ONE_SHOT), PY_ROM_INT(TIMER_ONE_SHOT)},
    {PY_ROM_QSTR(PY_QSTR_PERIODIC), PY_ROM_INT(TIMER_PERIODIC)},
};
static PY_DEFINE_CONST_DICT(timer_locals, timer_locals_table);

static const py_obj_type_t timer_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_Timer,
    .print = timer_print,
    .make_new = timer_make_new,
    .locals_dict = (py_obj_dict_t *)&timer_locals,
};

// ---- ADC ----------------------------------------------------------------------------------------

static const py_obj_type_t adc_type;
static const py_obj_base_t adc_obj = {&adc_type};

static py_obj_t adc_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 1, false);
    if (py_obj_get_int(args[0]) != 0) {
        py_raise_ValueError("invalid ADC");
    }
    return PY_OBJ_FROM_PTR(&adc_obj);
}

static py_obj_t adc_read(py_obj_t self) {
    (void)self;
    return PY_OBJ_NEW_SMALL_INT(adc_value);
}
static PY_DEFINE_CONST_FUN_OBJ_1(adc_read_obj, adc_read);

static py_obj_t adc_read_u16(py_obj_t self) {
    (void)self;
    return PY_OBJ_NEW_SMALL_INT(adc_value * 65535 / ADC_MAX);
}
static PY_DEFINE_CONST_FUN_OBJ_1(adc_read_u16_obj, adc_read_u16);

static const py_map_elem_t adc_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_read), PY_ROM_PTR(&adc_read_obj)},
    {PY_ROM_QSTR(PY_QSTR_read_u16), PY_ROM_PTR(&adc_read_u16_obj)},
};
static PY_DEFINE_CONST_DICT(adc_locals, adc_locals_table);

static const py_obj_type_t adc_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_ADC,
    .make_new = adc_make_new,
    .locals_dict = (py_obj_dict_t *)&adc_locals,
};

// ---- RTC ----------------------------------------------------------------------------------------

static const py_obj_type_t rtc_type;
static const py_obj_base_t rtc_obj = {&rtc_type};

static py_obj_t rtc_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    (void)args;
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    return PY_OBJ_FROM_PTR(&rtc_obj);
}

// datetime() -> (year, month, day, weekday, hours, minutes, seconds, subseconds);
// datetime(tuple) sets the clock (the weekday given is ignored).
static py_obj_t rtc_datetime(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        uint64_t us = hal_rtc_get_us();
        py_obj_t *t;
        py_obj_get_array(modtime_gmtime_tuple((int64_t)(us / 1000000)), &(size_t){0}, &t);
        py_obj_t items[8] = {t[0], t[1], t[2], t[6],
                             t[3], t[4], t[5], PY_OBJ_NEW_SMALL_INT((intptr_t)(us % 1000000))};
        return py_obj_new_tuple(8, items);
    }
    py_obj_t *f;
    py_obj_get_array_fixed_n(args[1], 8, &f);
    py_obj_t fields[6] = {f[0], f[1], f[2], f[4], f[5], f[6]};
    int64_t secs = modtime_mktime(fields);
    int64_t sub = py_obj_get_int(f[7]);
    hal_rtc_set_us((uint64_t)(secs * 1000000 + sub));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(rtc_datetime_obj, 1, 2, rtc_datetime);

static const py_map_elem_t rtc_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_datetime), PY_ROM_PTR(&rtc_datetime_obj)},
};
static PY_DEFINE_CONST_DICT(rtc_locals, rtc_locals_table);

static const py_obj_type_t rtc_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_RTC,
    .make_new = rtc_make_new,
    .locals_dict = (py_obj_dict_t *)&rtc_locals,
};

// ---- WDT ----------------------------------------------------------------------------------------

static const py_obj_type_t wdt_type;
static const py_obj_base_t wdt_obj = {&wdt_type};

void board_wdt_check(void) {
    if (wdt_armed && hal_ticks_us() - wdt_fed_us > wdt_timeout_us) {
        wdt_armed = false;
        hal_reset_hard(HAL_RESET_WDT);
    }
}

static py_obj_t wdt_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    enum { ARG_id, ARG_timeout };
    static const py_arg_t allowed[] = {
        {PY_QSTR_id, PY_ARG_INT, {.u_int = 0}},
        {PY_QSTR_timeout, PY_ARG_INT, {.u_int = WDT_TIMEOUT_DEFAULT_MS}},
    };
    py_map_t kw;
    py_map_init_fixed_table(&kw, n_kw, (const py_map_elem_t *)(args + n_args));
    py_arg_val_t v[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, &kw, PY_ARRAY_SIZE(allowed), allowed, v);
    if (v[ARG_id].u_int != 0) {
        py_raise_ValueError("invalid WDT id");
    }
    if (v[ARG_timeout].u_int < WDT_TIMEOUT_MIN_MS) {
        py_raise_ValueError("invalid WDT timeout");
    }
    wdt_timeout_us = (uint64_t)v[ARG_timeout].u_int * 1000;
    wdt_fed_us = hal_ticks_us();
    wdt_armed = true;
    return PY_OBJ_FROM_PTR(&wdt_obj);
}

static py_obj_t wdt_feed(py_obj_t self) {
    (void)self;
    wdt_fed_us = hal_ticks_us();
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(wdt_feed_obj, wdt_feed);

static const py_map_elem_t wdt_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_feed), PY_ROM_PTR(&wdt_feed_obj)},
};
static PY_DEFINE_CONST_DICT(wdt_locals, wdt_locals_table);

static const py_obj_type_t wdt_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_WDT,
    .make_new = wdt_make_new,
    .locals_dict = (py_obj_dict_t *)&wdt_locals,
};

// ---- The modules --------------------------------------------------------------------------------

static const py_map_elem_t machine_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_machine)},
    {PY_ROM_QSTR(PY_QSTR_reset), PY_ROM_PTR(&machine_reset_obj)},
    {PY_ROM_QSTR(PY_QSTR_soft_reset), PY_ROM_PTR(&machine_soft_reset_obj)},
    {PY_ROM_QSTR(PY_QSTR_reset_cause), PY_ROM_PTR(&machine_reset_cause_obj)},
    {PY_ROM_QSTR(PY_QSTR_freq), PY_ROM_PTR(&machine_freq_obj)},
    {PY_ROM_QSTR(PY_QSTR_unique_id), PY_ROM_PTR(&machine_unique_id_obj)},
    {PY_ROM_QSTR(PY_QSTR_idle), PY_ROM_PTR(&machine_idle_obj)},
    {PY_ROM_QSTR(PY_QSTR_Pin), PY_ROM_PTR(&board_pin_type)},
    {PY_ROM_QSTR(PY_QSTR_Timer), PY_ROM_PTR(&timer_type)},
    {PY_ROM_QSTR(PY_QSTR_ADC), PY_ROM_PTR(&adc_type)},
    {PY_ROM_QSTR(PY_QSTR_RTC), PY_ROM_PTR(&rtc_type)},
    {PY_ROM_QSTR(PY_QSTR_WDT), PY_ROM_PTR(&wdt_type)},
    {PY_ROM_QSTR(PY_QSTR_PWRON_RESET), PY_ROM_INT(HAL_RESET_PWRON)},
    {PY_ROM_QSTR(PY_QSTR_HARD_RESET), PY_ROM_INT(HAL_RESET_HARD)},
    {PY_ROM_QSTR(PY_QSTR_WDT_RESET), PY_ROM_INT(HAL_RESET_WDT)},
    {PY_ROM_QSTR(PY_QSTR_DEEPSLEEP_RESET), PY_ROM_INT(HAL_RESET_DEEPSLEEP)},
    {PY_ROM_QSTR(PY_QSTR_SOFT_RESET), PY_ROM_INT(HAL_RESET_SOFT)},
};
static PY_DEFINE_CONST_DICT(machine_globals, machine_globals_table);

const py_obj_module_t board_module_machine = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&machine_globals,
};

// _board: set_pin(id, level or None), set_adc(value), uart_dropped().
static py_obj_t board_set_pin(py_obj_t id, py_obj_t level) {
    board_pin_drive(py_obj_get_int(id), level == py_const_none ? -1 : py_obj_is_true(level));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(board_set_pin_obj, board_set_pin);

static py_obj_t board_set_adc(py_obj_t value) {
    intptr_t v = py_obj_get_int(value);
    if (v < 0 || v > ADC_MAX) {
        py_raise_ValueError("ADC value out of range");
    }
    adc_value = (int)v;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(board_set_adc_obj, board_set_adc);

static py_obj_t board_uart_dropped_fun(void) {
    return py_obj_new_int_from_ull(board_uart_dropped());
}
static PY_DEFINE_CONST_FUN_OBJ_0(board_uart_dropped_obj, board_uart_dropped_fun);

static const py_map_elem_t board_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR__board)},
    {PY_ROM_QSTR(PY_QSTR_set_pin), PY_ROM_PTR(&board_set_pin_obj)},
    {PY_ROM_QSTR(PY_QSTR_set_adc), PY_ROM_PTR(&board_set_adc_obj)},
    {PY_ROM_QSTR(PY_QSTR_uart_dropped), PY_ROM_PTR(&board_uart_dropped_obj)},
};
static PY_DEFINE_CONST_DICT(board_globals, board_globals_table);

const py_obj_module_t board_module_board = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&board_globals,
};
