// SPDX-License-Identifier: MIT
// help.c: help(), the board's short guide.

#include "help.h"

#include <string.h>

#include "builtin.h"
#include "objtype.h"
#include "port.h"
#include "runtime.h"

static const char guide[] =
    "Welcome to replhub's MicroPython-compatible board!\n"
    "\n"
    "Type Python at the prompt; results are printed. A few things to try:\n"
    "  import machine, time\n"
    "  led = machine.Pin(2, machine.Pin.OUT)   # a GPIO as an output\n"
    "  led.on(); led.off(); led.toggle(); led.value()\n"
    "  button = machine.Pin(0, machine.Pin.IN, machine.Pin.PULL_UP)\n"
    "  button.irq(lambda p: print('pressed'), machine.Pin.IRQ_FALLING)\n"
    "  t = machine.Timer(-1)\n"
    "  t.init(period=1000, callback=lambda t: print('tick'))   # t.deinit() stops it\n"
    "  time.sleep_ms(500); time.ticks_ms(); machine.RTC().datetime()\n"
    "  machine.ADC(0).read(); machine.freq(); machine.reset()\n"
    "\n"
    "Board modules: machine, time, micropython, select; also sys, gc, math.\n"
    "help('modules') lists every built-in module; help(obj) describes obj.\n"
    "\n"
    "Keys at the prompt:\n"
    "  CTRL-A  raw REPL (what tools such as mpremote use)\n"
    "  CTRL-B  leave the raw REPL; print the banner\n"
    "  CTRL-C  interrupt a running program, or clear the line\n"
    "  CTRL-D  soft reset (on an empty line)\n"
    "  CTRL-E  paste mode: paste a block, then CTRL-D to run it (CTRL-C cancels)\n"
    "  Tab     complete a name or attribute; Up/Down: history\n";

static void print_modules(const py_print_t *print) {
    static const uint16_t core[] = {PY_QSTR_builtins, PY_QSTR_gc, PY_QSTR_math, PY_QSTR_sys};
    for (size_t i = 0; i < PY_ARRAY_SIZE(core); i++) {
        py_printf(print, "%q\n", (qstr)core[i]);
    }
    for (const py_builtin_module_t *m = py_port_builtin_modules; m->module != NULL; m++) {
        py_printf(print, "%q\n", (qstr)m->name);
    }
}

static void print_map(const py_print_t *print, const py_map_t *map) {
    for (size_t i = 0; i < map->filled; i++) {
        if (py_map_slot_is_filled(map, i)) {
            py_print_str(print, "  ");
            py_obj_print_helper(print, map->table[i].key, PY_PRINT_STR);
            py_print_str(print, " -- ");
            py_obj_print_helper(print, map->table[i].value, PY_PRINT_STR);
            py_print_str(print, "\n");
        }
    }
}

static void print_object(const py_print_t *print, py_obj_t obj) {
    py_print_str(print, "object ");
    py_obj_print_helper(print, obj, PY_PRINT_STR);
    py_printf(print, " is of type %s\n", py_obj_get_type_str(obj));
    if (py_obj_is_type(obj, &py_type_module)) {
        print_map(print, &py_obj_module_get_globals(obj)->map);
        return;
    }
    const py_obj_type_t *type = py_obj_get_type(obj);
    if (py_obj_is_type_obj(obj)) {
        type = PY_OBJ_TO_PTR(obj);
    }
    if (type->locals_dict != NULL) {
        print_map(print, &type->locals_dict->map);
    }
}

static py_obj_t help(size_t n_args, const py_obj_t *args) {
    const py_print_t *print = &py_plat_print;
    if (n_args == 0) {
        py_print_str(print, guide);
    } else if (py_obj_is_str(args[0]) && strcmp(py_obj_str_get_str(args[0]), "modules") == 0) {
        print_modules(print);
    } else {
        print_object(print, args[0]);
    }
    return py_const_none;
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(help_obj, 0, 1, help);
