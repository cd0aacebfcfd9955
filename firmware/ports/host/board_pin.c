// SPDX-License-Identifier: MIT
// board_pin.c: machine.Pin on the simulated board: the ESP8266's GPIOs as levels in memory.
//
// A pin's level is what its output drives (OUT; OPEN_DRAIN pulling low), else what the outside
// world drives (_board.set_pin), else its pull-up. Every change of level is an edge that
// schedules the pin's irq handler when its trigger matches, as the chip's GPIO interrupt would.

#include "board.h"
#include "gc.h"
#include "roots.h"
#include "runtime.h"
#include "scheduler.h"

// GPIO0..GPIO16; 6..11 drive the flash chip and are not usable.
#define PIN_COUNT         (17)
#define ROOT_PIN_HANDLERS (ROOT_PORT_FIRST + 0)

enum { PIN_IN = 0, PIN_OUT = 1, PIN_OPEN_DRAIN = 2 };
enum { PULL_UP = 1 };
enum { IRQ_RISING = 1, IRQ_FALLING = 2 };

typedef struct board_pin_obj {
    py_obj_base_t base;
    uint8_t id;
} board_pin_obj_t;

typedef struct pin_state {
    uint8_t mode;
    bool pull_up;
    uint8_t out;     // the output latch
    int8_t ext;      // driven from outside: 0 or 1, or -1
    uint8_t level;   // the pad's level
    uint8_t trigger; // IRQ_* edges that call the handler
} pin_state_t;

#define PIN(n)                                                                                     \
    { {&board_pin_type}, n }
static const board_pin_obj_t pins[PIN_COUNT] = {
    PIN(0), PIN(1),  PIN(2),  PIN(3),  PIN(4),  PIN(5),  PIN(6),  PIN(7),  PIN(8),
    PIN(9), PIN(10), PIN(11), PIN(12), PIN(13), PIN(14), PIN(15), PIN(16),
};
static pin_state_t state[PIN_COUNT];

static py_obj_t *handlers(void) {
    return (py_obj_t *)ROOT(ROOT_PIN_HANDLERS);
}

void board_pin_init(void) {
    for (size_t i = 0; i < PIN_COUNT; i++) {
        state[i] = (pin_state_t){PIN_IN, false, 0, -1, 0, 0};
    }
    ROOT(ROOT_PIN_HANDLERS) = py_new(py_obj_t, PIN_COUNT);
}

static size_t pin_id(py_obj_t id) {
    intptr_t n = py_obj_get_int(id);
    if (n < 0 || n >= PIN_COUNT || (n >= 6 && n <= 11)) {
        py_raise_ValueError("invalid pin");
    }
    return (size_t)n;
}

static size_t self_id(py_obj_t self) {
    return ((board_pin_obj_t *)PY_OBJ_TO_PTR(self))->id;
}

static uint8_t pad_level(const pin_state_t *s) {
    if (s->mode == PIN_OUT || (s->mode == PIN_OPEN_DRAIN && s->out == 0)) {
        return s->out;
    }
    if (s->ext >= 0) {
        return (uint8_t)s->ext;
    }
    // A floating input reads low; a released open-drain line is pulled up by the bus.
    return s->pull_up || s->mode == PIN_OPEN_DRAIN ? 1 : 0;
}

// Recomputes pin [id]'s level; an edge its trigger asks for schedules the handler.
static void update(size_t id) {
    pin_state_t *s = &state[id];
    uint8_t old = s->level;
    s->level = pad_level(s);
    unsigned edge = s->level > old ? IRQ_RISING : s->level < old ? IRQ_FALLING : 0;
    py_obj_t handler = handlers()[id];
    if ((edge & s->trigger) != 0 && handler != PY_OBJ_NULL && handler != py_const_none) {
        sched_schedule(handler, PY_OBJ_FROM_PTR(&pins[id])); // a full queue loses the edge
    }
}

void board_pin_drive(intptr_t id, int level) {
    size_t n = pin_id(PY_OBJ_NEW_SMALL_INT(id));
    state[n].ext = (int8_t)(level < 0 ? -1 : level != 0);
    update(n);
}

// ---- Methods ------------------------------------------------------------------------------------

enum { ARG_mode, ARG_pull, ARG_value };
static const py_arg_t init_args[] = {
    {PY_QSTR_mode, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    {PY_QSTR_pull, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    {PY_QSTR_value, PY_ARG_OBJ | PY_ARG_KW_ONLY, {.u_obj = PY_OBJ_NULL}},
};

static void pin_init_helper(size_t id, size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_val_t v[PY_ARRAY_SIZE(init_args)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(init_args), init_args, v);
    pin_state_t *s = &state[id];
    if (v[ARG_mode].u_obj != PY_OBJ_NULL && v[ARG_mode].u_obj != py_const_none) {
        intptr_t mode = py_obj_get_int(v[ARG_mode].u_obj);
        if (mode != PIN_IN && mode != PIN_OUT && mode != PIN_OPEN_DRAIN) {
            py_raise_ValueError("invalid pin mode");
        }
        s->mode = (uint8_t)mode;
    }
    if (v[ARG_pull].u_obj != PY_OBJ_NULL) {
        s->pull_up =
            v[ARG_pull].u_obj != py_const_none && py_obj_get_int(v[ARG_pull].u_obj) == PULL_UP;
    }
    if (v[ARG_value].u_obj != PY_OBJ_NULL) {
        s->out = py_obj_is_true(v[ARG_value].u_obj);
    }
    update(id);
}

static py_obj_t pin_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 3, true);
    size_t id = pin_id(args[0]);
    if (n_args > 1 || n_kw > 0) {
        py_map_t kw;
        py_map_init_fixed_table(&kw, n_kw, (const py_map_elem_t *)(args + n_args));
        pin_init_helper(id, n_args - 1, args + 1, &kw);
    }
    return PY_OBJ_FROM_PTR(&pins[id]);
}

static py_obj_t pin_init(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    pin_init_helper(self_id(args[0]), n_args - 1, args + 1, kw);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pin_init_obj, 1, pin_init);

static void set_output(size_t id, bool on) {
    state[id].out = on;
    update(id);
}

static py_obj_t pin_value(size_t n_args, const py_obj_t *args) {
    size_t id = self_id(args[0]);
    if (n_args == 1) {
        return PY_OBJ_NEW_SMALL_INT(state[id].level);
    }
    set_output(id, py_obj_is_true(args[1]));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(pin_value_obj, 1, 2, pin_value);

static py_obj_t pin_call(py_obj_t self, size_t n_args, size_t n_kw, const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    py_obj_t all[2] = {self, n_args > 0 ? args[0] : PY_OBJ_NULL};
    return pin_value(1 + n_args, all);
}

static py_obj_t pin_on(py_obj_t self) {
    set_output(self_id(self), true);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(pin_on_obj, pin_on);

static py_obj_t pin_off(py_obj_t self) {
    set_output(self_id(self), false);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(pin_off_obj, pin_off);

static py_obj_t pin_toggle(py_obj_t self) {
    size_t id = self_id(self);
    set_output(id, !state[id].out);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(pin_toggle_obj, pin_toggle);

static py_obj_t pin_irq(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    enum { ARG_handler, ARG_trigger, ARG_hard };
    static const py_arg_t allowed[] = {
        {PY_QSTR_handler, PY_ARG_OBJ, {.u_obj = py_const_none}},
        {PY_QSTR_trigger, PY_ARG_INT, {.u_int = IRQ_RISING | IRQ_FALLING}},
        {PY_QSTR_hard, PY_ARG_BOOL, {.u_bool = false}},
    };
    py_arg_val_t v[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args - 1, args + 1, kw, PY_ARRAY_SIZE(allowed), allowed, v);
    size_t id = self_id(args[0]);
    handlers()[id] = v[ARG_handler].u_obj;
    state[id].trigger = (uint8_t)(v[ARG_trigger].u_int & (IRQ_RISING | IRQ_FALLING));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pin_irq_obj, 1, pin_irq);

static void pin_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_printf(print, "Pin(%u)", (unsigned)self_id(self));
}

static const py_map_elem_t pin_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_init), PY_ROM_PTR(&pin_init_obj)},
    {PY_ROM_QSTR(PY_QSTR_value), PY_ROM_PTR(&pin_value_obj)},
    {PY_ROM_QSTR(PY_QSTR_on), PY_ROM_PTR(&pin_on_obj)},
    {PY_ROM_QSTR(PY_QSTR_off), PY_ROM_PTR(&pin_off_obj)},
    {PY_ROM_QSTR(PY_QSTR_toggle), PY_ROM_PTR(&pin_toggle_obj)},
    {PY_ROM_QSTR(PY_QSTR_irq), PY_ROM_PTR(&pin_irq_obj)},
    {PY_ROM_QSTR(PY_QSTR_IN), PY_ROM_INT(PIN_IN)},
    {PY_ROM_QSTR(PY_QSTR_OUT), PY_ROM_INT(PIN_OUT)},
    {PY_ROM_QSTR(PY_QSTR_OPEN_DRAIN), PY_ROM_INT(PIN_OPEN_DRAIN)},
    {PY_ROM_QSTR(PY_QSTR_PULL_UP), PY_ROM_INT(PULL_UP)},
    {PY_ROM_QSTR(PY_QSTR_IRQ_RISING), PY_ROM_INT(IRQ_RISING)},
    {PY_ROM_QSTR(PY_QSTR_IRQ_FALLING), PY_ROM_INT(IRQ_FALLING)},
};
static PY_DEFINE_CONST_DICT(pin_locals, pin_locals_table);

const py_obj_type_t board_pin_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_Pin,
    .print = pin_print,
    .make_new = pin_make_new,
    .call = pin_call,
    .locals_dict = (py_obj_dict_t *)&pin_locals,
};
