// SPDX-License-Identifier: MIT
// modselect.c: the select module: poll objects over the console and ioctl-capable streams.

#include "builtin.h"
#include "console.h"
#include "gc.h"
#include "hal.h"
#include "modules.h"
#include "runtime.h"

// Objects one poll object watches at most; registering one more raises ValueError.
#define SELECT_MAX_ENTRIES (8)
// How often objects other than the console are asked again while a poll waits.
#define SELECT_RECHECK_US (1000)

enum {
    POLL_IN = 0x0001,
    POLL_OUT = 0x0004,
    POLL_ERR = 0x0008,
    POLL_HUP = 0x0010,
    IOCTL_POLL = 3, // a stream's ioctl request: which of the events in arg are ready
    IPOLL_ONESHOT = 1,
};

typedef struct poll_entry {
    py_obj_t obj;
    uintptr_t events;
} poll_entry_t;

typedef struct poll_obj {
    py_obj_base_t base;
    size_t n;
    poll_entry_t entries[SELECT_MAX_ENTRIES];
} poll_obj_t;

static const py_obj_type_t poll_type;

// ---- Readiness ----------------------------------------------------------------------------------

typedef enum { STREAM_OTHER, STREAM_STDIN, STREAM_STDOUT } stream_kind_t;

static bool is_stream(py_obj_t obj, qstr name) {
    py_obj_t text = py_load_attr(PY_OBJ_FROM_PTR(&py_module_sys), name);
    return obj == text || obj == py_load_attr_default(text, PY_QSTR_buffer, PY_OBJ_NULL);
}

static stream_kind_t stream_kind(py_obj_t obj) {
    if (is_stream(obj, PY_QSTR_stdin)) {
        return STREAM_STDIN;
    }
    if (is_stream(obj, PY_QSTR_stdout) || is_stream(obj, PY_QSTR_stderr)) {
        return STREAM_STDOUT;
    }
    return STREAM_OTHER;
}

// The events among [events] that [obj] has ready.
static uintptr_t ready_events(py_obj_t obj, uintptr_t events) {
    switch (stream_kind(obj)) {
        case STREAM_STDIN:
            return hal_stdin_rx_any() > 0 ? events & POLL_IN : 0;
        case STREAM_STDOUT:
            return events & POLL_OUT;
        default:
            break;
    }
    py_obj_t ioctl = py_load_attr_default(obj, PY_QSTR_ioctl, PY_OBJ_NULL);
    if (ioctl == PY_OBJ_NULL) {
        py_raise_TypeError("object with stream.ioctl required");
    }
    py_obj_t r = py_call_function_2(ioctl, PY_OBJ_NEW_SMALL_INT(IOCTL_POLL),
                                    PY_OBJ_NEW_SMALL_INT((intptr_t)events));
    return (uintptr_t)py_obj_get_int(r) & (events | POLL_ERR | POLL_HUP);
}

// Collects (obj, revents) of the ready entries into a new list; [only_console] tells whether
// every entry is a console stream (so waiting for received bytes is enough).
static py_obj_t collect_ready(poll_obj_t *self, bool oneshot, bool *only_console) {
    py_obj_t list = py_obj_new_list(0, NULL);
    *only_console = true;
    for (size_t i = 0; i < self->n; i++) {
        poll_entry_t *e = &self->entries[i];
        *only_console = *only_console && stream_kind(e->obj) != STREAM_OTHER;
        uintptr_t r = ready_events(e->obj, e->events);
        if (r != 0) {
            py_obj_t pair[2] = {e->obj, PY_OBJ_NEW_SMALL_INT((intptr_t)r)};
            py_obj_list_append(list, py_obj_new_tuple(2, pair));
            if (oneshot) {
                e->events = 0;
            }
        }
    }
    return list;
}

// Waits up to [timeout_ms] (negative: for ever) for an entry to be ready.
static py_obj_t poll_wait(poll_obj_t *self, intptr_t timeout_ms, bool oneshot) {
    uint64_t start = hal_ticks_us();
    for (;;) {
        bool only_console;
        py_obj_t ready = collect_ready(self, oneshot, &only_console);
        size_t n;
        py_obj_t *items;
        py_obj_get_array(ready, &n, &items);
        uint64_t waited = hal_ticks_us() - start;
        if (n > 0 || (timeout_ms >= 0 && waited >= (uint64_t)timeout_ms * 1000)) {
            return ready;
        }
        uint64_t left = timeout_ms < 0 ? UINT64_MAX : (uint64_t)timeout_ms * 1000 - waited;
        if (!only_console && left > SELECT_RECHECK_US) {
            left = SELECT_RECHECK_US;
        }
        console_wait_rx(left);
    }
}

// ---- poll objects -------------------------------------------------------------------------------

static poll_entry_t *find_entry(poll_obj_t *self, py_obj_t obj) {
    for (size_t i = 0; i < self->n; i++) {
        if (self->entries[i].obj == obj) {
            return &self->entries[i];
        }
    }
    return NULL;
}

static py_obj_t poll_register(size_t n_args, const py_obj_t *args) {
    poll_obj_t *self = PY_OBJ_TO_PTR(args[0]);
    uintptr_t events = n_args > 2 ? (uintptr_t)py_obj_get_int(args[2]) : POLL_IN | POLL_OUT;
    poll_entry_t *e = find_entry(self, args[1]);
    if (e == NULL) {
        if (self->n >= SELECT_MAX_ENTRIES) {
            py_raise_msg_varg(&py_type_ValueError, "too many objects to poll (limit %d)",
                              SELECT_MAX_ENTRIES);
        }
        e = &self->entries[self->n++];
        e->obj = args[1];
    }
    e->events = events;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(poll_register_obj, 2, 3, poll_register);

static py_obj_t poll_unregister(py_obj_t self_in, py_obj_t obj) {
    poll_obj_t *self = PY_OBJ_TO_PTR(self_in);
    poll_entry_t *e = find_entry(self, obj);
    if (e != NULL) {
        *e = self->entries[--self->n];
        self->entries[self->n].obj = PY_OBJ_NULL;
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(poll_unregister_obj, poll_unregister);

static py_obj_t poll_modify(py_obj_t self_in, py_obj_t obj, py_obj_t events) {
    poll_entry_t *e = find_entry(PY_OBJ_TO_PTR(self_in), obj);
    if (e == NULL) {
        py_raise_OSError(2); // ENOENT, as MicroPython
    }
    e->events = (uintptr_t)py_obj_get_int(events);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(poll_modify_obj, poll_modify);

static intptr_t timeout_arg(size_t n_args, const py_obj_t *args) {
    return n_args > 1 && args[1] != py_const_none ? py_obj_get_int(args[1]) : -1;
}

static py_obj_t poll_poll(size_t n_args, const py_obj_t *args) {
    return poll_wait(PY_OBJ_TO_PTR(args[0]), timeout_arg(n_args, args), false);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(poll_poll_obj, 1, 2, poll_poll);

static py_obj_t poll_ipoll(size_t n_args, const py_obj_t *args) {
    bool oneshot = n_args > 2 && (py_obj_get_int(args[2]) & IPOLL_ONESHOT);
    py_obj_t ready = poll_wait(PY_OBJ_TO_PTR(args[0]), timeout_arg(n_args, args), oneshot);
    return py_getiter(ready, NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(poll_ipoll_obj, 1, 3, poll_ipoll);

static const py_map_elem_t poll_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_register), PY_ROM_PTR(&poll_register_obj)},
    {PY_ROM_QSTR(PY_QSTR_unregister), PY_ROM_PTR(&poll_unregister_obj)},
    {PY_ROM_QSTR(PY_QSTR_modify), PY_ROM_PTR(&poll_modify_obj)},
    {PY_ROM_QSTR(PY_QSTR_poll), PY_ROM_PTR(&poll_poll_obj)},
    {PY_ROM_QSTR(PY_QSTR_ipoll), PY_ROM_PTR(&poll_ipoll_obj)},
};
static PY_DEFINE_CONST_DICT(poll_locals, poll_locals_table);

static const py_obj_type_t poll_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_poll,
    .locals_dict = (py_obj_dict_t *)&poll_locals,
};

static py_obj_t select_poll(void) {
    poll_obj_t *self = py_new_obj(poll_obj_t, &poll_type);
    self->n = 0;
    return PY_OBJ_FROM_PTR(self);
}
static PY_DEFINE_CONST_FUN_OBJ_0(select_poll_obj, select_poll);

static const py_map_elem_t select_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_select)},
    {PY_ROM_QSTR(PY_QSTR_poll), PY_ROM_PTR(&select_poll_obj)},
    {PY_ROM_QSTR(PY_QSTR_POLLIN), PY_ROM_INT(POLL_IN)},
    {PY_ROM_QSTR(PY_QSTR_POLLOUT), PY_ROM_INT(POLL_OUT)},
    {PY_ROM_QSTR(PY_QSTR_POLLERR), PY_ROM_INT(POLL_ERR)},
    {PY_ROM_QSTR(PY_QSTR_POLLHUP), PY_ROM_INT(POLL_HUP)},
};
static PY_DEFINE_CONST_DICT(select_globals, select_globals_table);

const py_obj_module_t module_select = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&select_globals,
};
