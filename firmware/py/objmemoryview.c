// SPDX-License-Identifier: MIT
// objmemoryview.c: the memoryview type: a window onto another object's bytes, without copying.
//
// Only one-dimensional byte views ('B') exist. Slicing with step 1 makes a new view onto the same
// bytes, so `f.readinto(memoryview(buf)[4:])` writes into buf.

#include <string.h>

#include "gc.h"
#include "objexcept.h"
#include "objstr.h"

static py_obj_memoryview_t *mv_of(py_obj_t o) {
    return PY_OBJ_TO_PTR(o);
}

// The address of the view's bytes now (a bytearray owner may have moved or shrunk them).
static byte *mv_data(py_obj_memoryview_t *mv) {
    if (mv->released) {
        py_raise_ValueError("operation forbidden on released memoryview object");
    }
    if (py_obj_is_type(mv->owner, &py_type_bytearray)) {
        py_obj_bytearray_t *ba = PY_OBJ_TO_PTR(mv->owner);
        if (mv->offset + mv->len > ba->len) {
            py_raise_msg(&py_type_BufferError, "memoryview: underlying bytearray was resized");
        }
        return ba->items + mv->offset;
    }
    return mv->items;
}

py_obj_t py_obj_new_memoryview(py_obj_t owner, byte *items, size_t len, bool readonly) {
    py_obj_memoryview_t *mv = py_new_obj(py_obj_memoryview_t, &py_type_memoryview);
    if (py_obj_is_type(owner, &py_type_memoryview)) {
        py_obj_memoryview_t *src = mv_of(owner);
        readonly = readonly || src->readonly;
        owner = src->owner;
    }
    mv->owner = owner;
    mv->len = len;
    mv->readonly = readonly;
    if (py_obj_is_type(owner, &py_type_bytearray)) {
        py_obj_bytearray_t *ba = PY_OBJ_TO_PTR(owner);
        mv->offset = len == 0 ? 0 : (size_t)(items - ba->items);
    } else {
        mv->items = items;
    }
    return PY_OBJ_FROM_PTR(mv);
}

static py_obj_t memoryview_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                    const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 1, false);
    py_obj_t obj = args[0];
    py_buffer_info_t info;
    if (py_obj_is_str(obj) || !py_get_buffer(obj, &info, PY_BUFFER_READ)) {
        py_raise_msg_varg(&py_type_TypeError,
                          "memoryview: a bytes-like object is required, not '%s'",
                          py_obj_get_type_str(obj));
    }
    py_buffer_info_t winfo;
    bool readonly = !py_get_buffer(obj, &winfo, PY_BUFFER_WRITE);
    return py_obj_new_memoryview(obj, info.buf, info.len, readonly);
}

static void memoryview_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_printf(print, "<memory at 0x%p>", PY_OBJ_TO_PTR(self));
}

static py_obj_t memoryview_unary_op(py_unary_op_t op, py_obj_t self) {
    py_obj_memoryview_t *mv = mv_of(self);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(mv->len != 0);
        case PY_UNARY_OP_LEN:
            mv_data(mv);
            return PY_OBJ_NEW_SMALL_INT(mv->len);
        case PY_UNARY_OP_HASH:
            if (!mv->readonly) {
                py_raise_ValueError("cannot hash writable memoryview object");
            }
            return PY_OBJ_NEW_SMALL_INT(py_str_hash(mv_data(mv), mv->len));
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t memoryview_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (op != PY_BINARY_OP_EQUAL && op != PY_BINARY_OP_NOT_EQUAL) {
        return PY_OBJ_NULL;
    }
    py_obj_memoryview_t *mv = mv_of(lhs);
    py_buffer_info_t info;
    if (py_obj_is_str(rhs) || !py_get_buffer(rhs, &info, PY_BUFFER_READ)) {
        return PY_OBJ_NULL;
    }
    return py_str_cmp_op(op, py_bytes_cmp(mv_data(mv), mv->len, info.buf, info.len));
}

static void check_writable(py_obj_memoryview_t *mv) {
    if (mv->readonly) {
        py_raise_TypeError("cannot modify read-only memory");
    }
}

static py_obj_t mv_slice(py_obj_t self, py_obj_t index, py_obj_t value) {
    py_obj_memoryview_t *mv = mv_of(self);
    py_bound_slice_t bs;
    py_obj_slice_indices(index, mv->len, &bs); // may run Python code: before taking the address
    byte *data = mv_data(mv);
    if (bs.step != 1) {
        py_raise_NotImplementedError("only slices with step=1 (aka None) are supported");
    }
    size_t a = (size_t)bs.start;
    size_t n = bs.stop > bs.start ? (size_t)(bs.stop - bs.start) : 0;
    if (value == PY_OBJ_SENTINEL) {
        return py_obj_new_memoryview(mv->owner, data + a, n, mv->readonly);
    }
    if (value == PY_OBJ_NULL) {
        py_raise_TypeError("cannot delete memory");
    }
    check_writable(mv);
    py_buffer_info_t info;
    if (py_obj_is_str(value) || !py_get_buffer(value, &info, PY_BUFFER_READ)) {
        py_raise_msg_varg(&py_type_TypeError, "a bytes-like object is required, not '%s'",
                          py_obj_get_type_str(value));
    }
    if (info.len != n) {
        py_raise_ValueError("memoryview assignment: lvalue and rvalue have different structures");
    }
    memmove(data + a, info.buf, n);
    return py_const_none;
}

static py_obj_t memoryview_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    py_obj_memoryview_t *mv = mv_of(self);
    if (py_obj_is_slice(index)) {
        return mv_slice(self, index, value);
    }
    size_t i = py_get_index(&py_type_memoryview, mv->len, index, false);
    byte *data = mv_data(mv);
    if (value == PY_OBJ_SENTINEL) {
        return PY_OBJ_NEW_SMALL_INT(data[i]);
    }
    if (value == PY_OBJ_NULL) {
        py_raise_TypeError("cannot delete memory");
    }
    check_writable(mv);
    data[i] = py_str_byte_value(value);
    return py_const_none;
}

typedef struct memoryview_it {
    py_obj_base_t base;
    py_obj_t seq;
    size_t pos;
} memoryview_it_t;

static py_obj_t mv_it_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static py_obj_t mv_it_iternext(py_obj_t self_in) {
    memoryview_it_t *it = PY_OBJ_TO_PTR(self_in);
    py_obj_memoryview_t *mv = mv_of(it->seq);
    if (it->pos >= mv->len) {
        return PY_OBJ_STOP_ITERATION;
    }
    return PY_OBJ_NEW_SMALL_INT(mv_data(mv)[it->pos++]);
}

static const py_obj_type_t memoryview_iterator_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_iterator,
    .getiter = mv_it_getiter,
    .iternext = mv_it_iternext,
};

static py_obj_t memoryview_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    mv_data(mv_of(self));
    memoryview_it_t *it;
    if (iter_buf != NULL) {
        it = (memoryview_it_t *)iter_buf;
        it->base.type = &memoryview_iterator_type;
    } else {
        it = py_new_obj(memoryview_it_t, &memoryview_iterator_type);
    }
    it->seq = self;
    it->pos = 0;
    return PY_OBJ_FROM_PTR(it);
}

static int memoryview_buffer(py_obj_t self, py_buffer_info_t *info, unsigned flags) {
    py_obj_memoryview_t *mv = mv_of(self);
    if ((flags & PY_BUFFER_WRITE) && mv->readonly) {
        return 1;
    }
    info->buf = mv_data(mv);
    info->len = mv->len;
    info->typecode = 'B';
    return 0;
}

static void memoryview_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return; // stores and deletes: no writable attributes
    }
    py_obj_memoryview_t *mv = mv_of(self);
    switch (attr) {
        case PY_QSTR_readonly:
            dest[0] = PY_OBJ_NEW_BOOL(mv->readonly);
            break;
        case PY_QSTR_nbytes:
            dest[0] = PY_OBJ_NEW_SMALL_INT(mv->len);
            break;
        case PY_QSTR_itemsize:
        case PY_QSTR_ndim:
            dest[0] = PY_OBJ_NEW_SMALL_INT(1);
            break;
        case PY_QSTR_format:
            dest[0] = PY_OBJ_NEW_QSTR(PY_QSTR_B);
            break;
        case PY_QSTR_obj:
            dest[0] = mv->owner;
            break;
        case PY_QSTR_released:
            dest[0] = PY_OBJ_NEW_BOOL(mv->released);
            break;
        default:
            break;
    }
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_memoryview_t *self_mv(py_obj_t self) {
    if (!py_obj_is_type(self, &py_type_memoryview)) {
        py_raise_msg_varg(&py_type_TypeError, "descriptor needs a 'memoryview' object, not '%s'",
                          py_obj_get_type_str(self));
    }
    return mv_of(self);
}

static py_obj_t memoryview_tobytes(py_obj_t self) {
    py_obj_memoryview_t *mv = self_mv(self);
    return py_obj_new_bytes(mv_data(mv), mv->len);
}
static PY_DEFINE_CONST_FUN_OBJ_1(memoryview_tobytes_obj, memoryview_tobytes);

static py_obj_t memoryview_tolist(py_obj_t self) {
    py_obj_memoryview_t *mv = self_mv(self);
    py_obj_t list = py_obj_new_list(mv->len, NULL);
    py_obj_list_t *l = PY_OBJ_TO_PTR(list);
    const byte *d = mv_data(mv);
    for (size_t i = 0; i < mv->len; i++) {
        l->items[i] = PY_OBJ_NEW_SMALL_INT(d[i]);
    }
    return list;
}
static PY_DEFINE_CONST_FUN_OBJ_1(memoryview_tolist_obj, memoryview_tolist);

static py_obj_t memoryview_hex(size_t n_args, const py_obj_t *args) {
    py_obj_memoryview_t *mv = self_mv(args[0]);
    return py_bytes_hex(mv_data(mv), mv->len, n_args - 1, args + 1);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(memoryview_hex_obj, 1, 3, memoryview_hex);

static py_obj_t memoryview_release(py_obj_t self) {
    py_obj_memoryview_t *mv = self_mv(self);
    mv->released = true;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(memoryview_release_obj, memoryview_release);

static py_obj_t memoryview_toreadonly(py_obj_t self) {
    py_obj_memoryview_t *mv = self_mv(self);
    return py_obj_new_memoryview(mv->owner, mv_data(mv), mv->len, true);
}
static PY_DEFINE_CONST_FUN_OBJ_1(memoryview_toreadonly_obj, memoryview_toreadonly);

static py_obj_t memoryview_enter(py_obj_t self) {
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_1(memoryview_enter_obj, memoryview_enter);

static py_obj_t memoryview_exit(size_t n_args, const py_obj_t *args) {
    (void)n_args;
    return memoryview_release(args[0]);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(memoryview_exit_obj, 1, 4, memoryview_exit);

static const py_map_elem_t memoryview_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___enter__), PY_ROM_PTR(&memoryview_enter_obj)},
    {PY_ROM_QSTR(PY_QSTR___exit__), PY_ROM_PTR(&memoryview_exit_obj)},
    {PY_ROM_QSTR(PY_QSTR_hex), PY_ROM_PTR(&memoryview_hex_obj)},
    {PY_ROM_QSTR(PY_QSTR_release), PY_ROM_PTR(&memoryview_release_obj)},
    {PY_ROM_QSTR(PY_QSTR_tobytes), PY_ROM_PTR(&memoryview_tobytes_obj)},
    {PY_ROM_QSTR(PY_QSTR_tolist), PY_ROM_PTR(&memoryview_tolist_obj)},
    {PY_ROM_QSTR(PY_QSTR_toreadonly), PY_ROM_PTR(&memoryview_toreadonly_obj)},
};
static PY_DEFINE_CONST_DICT(memoryview_locals_dict, memoryview_locals_table);

const py_obj_type_t py_type_memoryview = {
    .base = {&py_type_type},
    .name = PY_QSTR_memoryview,
    .print = memoryview_print,
    .make_new = memoryview_make_new,
    .unary_op = memoryview_unary_op,
    .binary_op = memoryview_binary_op,
    .attr = memoryview_attr,
    .subscr = memoryview_subscr,
    .getiter = memoryview_getiter,
    .buffer = memoryview_buffer,
    .locals_dict = (struct py_obj_dict *)&memoryview_locals_dict,
};
