// SPDX-License-Identifier: MIT
// objstr.c: the str and bytes types: construction, access, printing, operators and indexing.
//
// A str is UTF-8 text indexed by code point; [charlen] == [len] marks ASCII text, which indexes
// and slices in O(1). Short strs are shared: single ASCII characters and the empty str/bytes
// are const objects, and other short texts reuse an interned qstr when one exists. The methods
// live in objstr_methods.c, objstr_case.c and objstr_codec.c.

#include "objstr.h"

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objtype.h"

// Texts up to this many bytes are looked up among the qstrs before a new object is made.
#define STR_QSTR_REUSE_MAX (10)
// Bits in the filter of short qstrs' hashes that lets most texts skip that lookup (static RAM:
// fewer on the chip, where more texts then go on to the search).
#if UINTPTR_MAX > 0xffffffffu
#define STR_QSTR_FILTER_BITS (4096)
#else
#define STR_QSTR_FILTER_BITS (2048)
#endif
// Texts built in a vstr at least this long keep the vstr's buffer instead of being copied.
#define STR_VSTR_TAKEOVER_MIN (64)

// ---- Constant objects ---------------------------------------------------------------------------

// Each ASCII character followed by a NUL, for the const single-character strs.
#define T1(c)  (byte)(c), 0
#define T4(c)  T1(c), T1((c) + 1), T1((c) + 2), T1((c) + 3)
#define T16(c) T4(c), T4((c) + 4), T4((c) + 8), T4((c) + 12)
static const byte ascii_text[256] = {
    T16(0), T16(16), T16(32), T16(48), T16(64), T16(80), T16(96), T16(112),
};

// Hashes of const objects are computed on demand and never stored (they may be in flash).
#define S1(c)                                                                                      \
    { {&py_type_str}, 0, 1, 1, &ascii_text[2 * (c)] }
#define S4(c)  S1(c), S1((c) + 1), S1((c) + 2), S1((c) + 3)
#define S16(c) S4(c), S4((c) + 4), S4((c) + 8), S4((c) + 12)
static const py_obj_str_t ascii_strs[128] = {
    S16(0), S16(16), S16(32), S16(48), S16(64), S16(80), S16(96), S16(112),
};
static const py_obj_str_t empty_str = {{&py_type_str}, 0, 0, 0, &ascii_text[1]};
static const py_obj_str_t empty_bytes = {{&py_type_bytes}, 0, 0, 0, &ascii_text[1]};

// ---- Construction -------------------------------------------------------------------------------

py_obj_str_t *py_str_alloc(const py_obj_type_t *type, size_t len, byte **data) {
    if (len > SIZE_MAX / 2) {
        py_raise_MemoryError();
    }
    // The text is inside the object and the type is const: nothing for the GC to scan.
    py_obj_str_t *o = py_malloc_noscan(sizeof(py_obj_str_t) + len + 1);
    o->base.type = type;
    o->len = len;
    o->charlen = len;
    byte *d = (byte *)(o + 1);
    d[len] = 0;
    o->data = d;
    *data = d;
    return o;
}

// Code points in [len] bytes of UTF-8 at [s]; a word at a time while the text is ASCII.
static size_t str_charlen(const byte *s, size_t len) {
    size_t i = 0;
    const uintptr_t high = (uintptr_t)-1 / 0xff * 0x80; // 0x8080...80
    for (; i + sizeof(uintptr_t) <= len; i += sizeof(uintptr_t)) {
        uintptr_t w;
        memcpy(&w, s + i, sizeof(w));
        if (w & high) {
            break;
        }
    }
    return i + py_utf8_charlen(s + i, len - i);
}

void py_str_set_charlen(py_obj_str_t *s) {
    s->charlen = str_charlen(s->data, s->len);
}

// Most short texts a program makes (numbers, pieces of split strings) are not interned, and
// searching the qstrs for them (a binary search of the static ones, then a probe of the dynamic
// ones) costs more than making the object. The filter has a bit for the hash of every qstr of
// at most STR_QSTR_REUSE_MAX bytes: a clear bit means "certainly not interned". It picks up new
// dynamic qstrs as they appear. Stale bits (after py_init starts over) only cost a search, and a
// missed qstr only costs the memory of a separate object: a str need not be a qstr to be equal.
static uint32_t qstr_filter[STR_QSTR_FILTER_BITS / 32];
static size_t qstr_filter_upto; // qstrs below this number are in the filter

static void qstr_filter_update(size_t n) {
    if (n < qstr_filter_upto) {
        memset(qstr_filter, 0, sizeof(qstr_filter));
        qstr_filter_upto = 0;
    }
    for (size_t q = qstr_filter_upto > 0 ? qstr_filter_upto : 1; q < n; q++) {
        if (py_qstr_len(q) <= STR_QSTR_REUSE_MAX) {
            size_t bit = py_qstr_hash(q) % STR_QSTR_FILTER_BITS;
            qstr_filter[bit / 32] |= (uint32_t)1 << (bit % 32);
        }
    }
    qstr_filter_upto = n;
}

static inline bool maybe_qstr(size_t hash) {
    size_t n = PY_QSTR_NUMBER_OF_STATIC + py_state.qstr_n_dynamic;
    if (PY_UNLIKELY(n != qstr_filter_upto)) {
        qstr_filter_update(n);
    }
    size_t bit = hash % STR_QSTR_FILTER_BITS;
    return (qstr_filter[bit / 32] >> (bit % 32)) & 1;
}

py_obj_t py_obj_new_str(const char *data, size_t len) {
    if (len == 0) {
        return PY_OBJ_FROM_PTR((py_obj_str_t *)&empty_str);
    }
    if (len == 1 && (byte)data[0] < 0x80) {
        return PY_OBJ_FROM_PTR((py_obj_str_t *)&ascii_strs[(byte)data[0]]);
    }
    size_t hash = 0;
    if (len <= STR_QSTR_REUSE_MAX) {
        hash = py_str_hash((const byte *)data, len);
        if (maybe_qstr(hash)) {
            qstr q = py_qstr_find_strn(data, len);
            if (q != PY_QSTR_NULL) {
                return PY_OBJ_NEW_QSTR(q);
            }
        }
    }
    byte *d;
    py_obj_str_t *o = py_str_alloc(&py_type_str, len, &d);
    memcpy(d, data, len);
    py_str_set_charlen(o);
    o->hash = hash;
    return PY_OBJ_FROM_PTR(o);
}

py_obj_t py_obj_new_str_from_cstr(const char *s) {
    return py_obj_new_str(s, strlen(s));
}

py_obj_t py_obj_new_bytes(const byte *data, size_t len) {
    if (len == 0) {
        return PY_OBJ_FROM_PTR((py_obj_str_t *)&empty_bytes);
    }
    byte *d;
    py_obj_str_t *o = py_str_alloc(&py_type_bytes, len, &d);
    memcpy(d, data, len);
    return PY_OBJ_FROM_PTR(o);
}

// A str or bytes over the vstr's own buffer (shrunk to fit), or a copy of short texts.
static py_obj_t new_from_vstr(const py_obj_type_t *type, py_vstr_t *vstr) {
    if (vstr->fixed || vstr->len < STR_VSTR_TAKEOVER_MIN) {
        py_obj_t o = type == &py_type_str ? py_obj_new_str(vstr->buf, vstr->len)
                                          : py_obj_new_bytes((const byte *)vstr->buf, vstr->len);
        py_vstr_clear(vstr);
        return o;
    }
    // Shrink the buffer first (in place: it cannot fail), so that the object fits in the slack
    // given back; if allocating the object raises, the vstr still owns its buffer.
    size_t len = vstr->len;
    byte *buf = (byte *)py_realloc(vstr->buf, vstr->alloc, len + 1);
    vstr->buf = (char *)buf;
    vstr->alloc = len + 1;
    py_obj_str_t *o = py_new_obj(py_obj_str_t, type);
    buf[len] = 0;
    o->len = len;
    o->data = buf;
    o->charlen = type == &py_type_str ? str_charlen(buf, len) : len;
    vstr->buf = NULL;
    vstr->alloc = 0;
    vstr->len = 0;
    return PY_OBJ_FROM_PTR(o);
}

py_obj_t py_obj_new_str_from_vstr(py_vstr_t *vstr) {
    return new_from_vstr(&py_type_str, vstr);
}

py_obj_t py_obj_new_bytes_from_vstr(py_vstr_t *vstr) {
    return new_from_vstr(&py_type_bytes, vstr);
}

py_obj_t py_str_new_of_type(const py_obj_type_t *type, const byte *data, size_t len) {
    if (type == &py_type_str) {
        return py_obj_new_str((const char *)data, len);
    }
    if (type == &py_type_bytes) {
        return py_obj_new_bytes(data, len);
    }
    return py_obj_new_bytearray(len, data);
}

py_obj_t py_str_new_of_type_from_vstr(const py_obj_type_t *type, py_vstr_t *vstr) {
    if (type == &py_type_bytearray) {
        py_obj_t o = py_obj_new_bytearray(vstr->len, vstr->buf);
        py_vstr_clear(vstr);
        return o;
    }
    return new_from_vstr(type, vstr);
}

// ---- Access -------------------------------------------------------------------------------------

bool py_obj_is_str(py_const_obj_t o) {
    return PY_OBJ_IS_QSTR((py_obj_t)o) || py_obj_is_type(o, &py_type_str);
}

bool py_obj_is_str_or_bytes(py_const_obj_t o) {
    return py_obj_is_str(o) || py_obj_is_type(o, &py_type_bytes);
}

py_obj_t py_str_native(py_obj_t o) {
    if (PY_OBJ_IS_OBJ(o) && py_type_is_heap(py_obj_get_type(o))) {
        py_obj_t n = py_instance_native(o);
        if (n != PY_OBJ_NULL) {
            return n;
        }
    }
    return o;
}

const char *py_obj_str_get_data(py_obj_t self, size_t *len) {
    if (!py_obj_is_str_or_bytes(self)) {
        self = py_str_native(self);
        if (!py_obj_is_str_or_bytes(self)) {
            py_raise_msg_varg(&py_type_TypeError, "can't convert '%s' object to str implicitly",
                              py_obj_get_type_str(self));
        }
    }
    return (const char *)py_str_data(self, len);
}

const char *py_obj_str_get_str(py_obj_t self) {
    size_t len;
    const char *data = py_obj_str_get_data(self, &len);
    // A str sharing a buffer with longer strs (see str_append_inplace) has no NUL after it.
    if (data[len] == '\0') {
        return data;
    }
    char *copy = py_malloc_noscan(len + 1);
    memcpy(copy, data, len);
    return copy;
}

qstr py_obj_str_get_qstr(py_obj_t self) {
    if (PY_OBJ_IS_QSTR(self)) {
        return PY_OBJ_QSTR_VALUE(self);
    }
    size_t len;
    const char *data = py_obj_str_get_data(self, &len);
    return py_qstr_from_strn(data, len);
}

size_t py_str_charlen(py_const_obj_t o) {
    if (PY_OBJ_IS_QSTR((py_obj_t)o)) {
        size_t len;
        const byte *d = py_str_data(o, &len);
        return py_utf8_charlen(d, len);
    }
    return ((const py_obj_str_t *)o)->charlen;
}

void py_str_get_self(py_obj_t self, py_strarg_t *out) {
    if (PY_OBJ_IS_QSTR(self)) {
        out->data = py_str_data(self, &out->len);
        out->type = &py_type_str;
        return;
    }
    if (PY_OBJ_IS_OBJ(self)) {
        const py_obj_type_t *t = ((py_obj_base_t *)self)->type;
        if (t == &py_type_str || t == &py_type_bytes) {
            out->data = py_str_data(self, &out->len);
            out->type = t;
            return;
        }
        if (t == &py_type_bytearray) {
            py_obj_bytearray_t *ba = PY_OBJ_TO_PTR(self);
            out->data = ba->items;
            out->len = ba->len;
            out->type = t;
            return;
        }
        py_obj_t n = py_str_native(self);
        if (n != self) {
            py_str_get_self(n, out);
            return;
        }
    }
    py_raise_msg_varg(&py_type_TypeError, "descriptor needs a str, bytes or bytearray, not '%s'",
                      py_obj_get_type_str(self));
}

const byte *py_str_get_arg(const py_obj_type_t *self_type, py_obj_t arg, size_t *len) {
    if (self_type == &py_type_str) {
        if (py_obj_is_str(arg)) {
            return py_str_data(arg, len);
        }
        py_obj_t n = py_str_native(arg);
        if (py_obj_is_str(n)) {
            return py_str_data(n, len);
        }
        py_raise_msg_varg(&py_type_TypeError, "can't convert '%s' object to str implicitly",
                          py_obj_get_type_str(arg));
    }
    py_buffer_info_t info;
    if (!py_obj_is_str(arg) && py_get_buffer(arg, &info, PY_BUFFER_READ)) {
        *len = info.len;
        return info.buf;
    }
    py_raise_msg_varg(&py_type_TypeError, "a bytes-like object is required, not '%s'",
                      py_obj_get_type_str(arg));
}

size_t py_str_hash_of(py_obj_t o) {
    if (PY_OBJ_IS_QSTR(o)) {
        return py_qstr_hash(PY_OBJ_QSTR_VALUE(o));
    }
    py_obj_str_t *s = PY_OBJ_TO_PTR(o);
    if (s->hash != 0) {
        return s->hash;
    }
    size_t h = py_str_hash(s->data, s->len);
    if (py_gc_is_heap_ptr(s)) {
        s->hash = h;
    }
    return h;
}

byte py_str_byte_value(py_obj_t c) {
    intptr_t v;
    if (!py_obj_get_int_maybe(c, &v)) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                          py_obj_get_type_str(c));
    }
    if (v < 0 || v > 255) {
        py_raise_ValueError("byte must be in range(0, 256)");
    }
    return (byte)v;
}

size_t py_utf8_offset_of(const byte *data, size_t len, size_t charlen, size_t index) {
    if (charlen == len || index == 0) {
        return index;
    }
    if (index >= charlen) {
        return len;
    }
    if (index <= charlen / 2) {
        size_t pos = 0;
        for (; index > 0; index--) {
            do {
                pos++;
            } while (pos < len && py_utf8_is_cont(data[pos]));
        }
        return pos;
    }
    size_t pos = len;
    for (size_t back = charlen - index; back > 0; back--) {
        pos = py_utf8_prev(data, pos);
    }
    return pos;
}

intptr_t py_bytes_find(const byte *hay, size_t hlen, const byte *needle, size_t nlen, int dir) {
    if (nlen > hlen) {
        return -1;
    }
    if (nlen == 0) {
        return dir > 0 ? 0 : (intptr_t)hlen;
    }
    size_t last = hlen - nlen;
    if (dir > 0) {
        const byte *p = hay;
        const byte *stop = hay + last;
        while (p <= stop) {
            p = memchr(p, needle[0], (size_t)(stop - p) + 1);
            if (p == NULL) {
                return -1;
            }
            if (memcmp(p, needle, nlen) == 0) {
                return p - hay;
            }
            p++;
        }
        return -1;
    }
    for (size_t i = last + 1; i-- > 0;) {
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0) {
            return (intptr_t)i;
        }
    }
    return -1;
}

int py_bytes_cmp(const byte *a, size_t alen, const byte *b, size_t blen) {
    size_t n = alen < blen ? alen : blen;
    int c = n == 0 ? 0 : memcmp(a, b, n);
    if (c != 0) {
        return c;
    }
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

bool py_bytes_contains(const byte *data, size_t len, py_obj_t item) {
    if (py_obj_is_int(item)) {
        byte b = py_str_byte_value(item);
        return len != 0 && memchr(data, b, len) != NULL;
    }
    size_t nlen;
    const byte *needle = py_str_get_arg(&py_type_bytes, item, &nlen);
    return py_bytes_find(data, len, needle, nlen, 1) >= 0;
}

// ---- Buffer protocol ----------------------------------------------------------------------------

static int str_buffer(py_obj_t self, py_buffer_info_t *info, unsigned flags) {
    if (flags & PY_BUFFER_WRITE) {
        return 1;
    }
    size_t len;
    info->buf = (void *)py_str_data(self, &len);
    info->len = len;
    info->typecode = 'B';
    return 0;
}

bool py_get_buffer(py_obj_t o, py_buffer_info_t *info, unsigned flags) {
    if (PY_OBJ_IS_QSTR(o)) {
        if (str_buffer(o, info, flags) == 0) {
            return true;
        }
    } else if (PY_OBJ_IS_OBJ(o)) {
        const py_obj_type_t *t = py_obj_get_type(o);
        if (t->buffer != NULL && t->buffer(o, info, flags) == 0) {
            return true;
        }
        py_obj_t n = py_str_native(o);
        if (n != o) {
            return py_get_buffer(n, info, flags);
        }
    }
    if (flags & PY_BUFFER_RAISE_IF_UNSUPPORTED) {
        py_raise_TypeError("object with buffer protocol required");
    }
    return false;
}

void py_get_buffer_raise(py_obj_t o, py_buffer_info_t *info, unsigned flags) {
    py_get_buffer(o, info, flags | PY_BUFFER_RAISE_IF_UNSUPPORTED);
}

// ---- Printing -----------------------------------------------------------------------------------

static void print_escape(const py_print_t *print, uint32_t c, char quote) {
    switch (c) {
        case '\\':
            py_print_str(print, "\\\\");
            return;
        case '\n':
            py_print_str(print, "\\n");
            return;
        case '\r':
            py_print_str(print, "\\r");
            return;
        case '\t':
            py_print_str(print, "\\t");
            return;
        default:
            break;
    }
    if (c == (uint32_t)quote) {
        char esc[2] = {'\\', quote};
        py_print_strn(print, esc, 2);
    } else if (c < 0x100) {
        py_printf(print, "\\x%02x", (unsigned)c);
    } else if (c < 0x10000) {
        py_printf(print, "\\u%04x", (unsigned)c);
    } else {
        py_printf(print, "\\U%08x", (unsigned)c);
    }
}

void py_str_print_quoted(const py_print_t *print, const byte *data, size_t len, bool is_bytes) {
    bool has_single = len != 0 && memchr(data, '\'', len) != NULL;
    bool has_double = len != 0 && memchr(data, '"', len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    py_print_str(print, is_bytes ? "b" : "");
    py_print_strn(print, &quote, 1);
    const byte *p = data, *end = data + len, *run = data;
    while (p < end) {
        byte b = *p;
        if (b >= 0x20 && b < 0x7f && b != '\\' && b != (byte)quote) {
            p++;
            continue;
        }
        uint32_t c = b;
        size_t n = 1;
        if (b >= 0x80 && !is_bytes) {
            c = py_utf8_get_char(p, end);
            while (p + n < end && py_utf8_is_cont(p[n]) && n < 4) {
                n++;
            }
            if (py_unichar_isprintable(c)) {
                p += n;
                continue;
            }
        }
        if (p > run) {
            py_print_strn(print, (const char *)run, (size_t)(p - run));
        }
        print_escape(print, c, quote);
        p += n;
        run = p;
    }
    if (p > run) {
        py_print_strn(print, (const char *)run, (size_t)(p - run));
    }
    py_print_strn(print, &quote, 1);
}

void py_str_print_ascii_escaped(py_vstr_t *out, const byte *data, size_t len) {
    py_print_t print = PY_PRINT_TO_VSTR(out);
    const byte *p = data, *end = data + len;
    while (p < end) {
        if (*p < 0x80) {
            py_vstr_add_byte(out, *p++);
            continue;
        }
        uint32_t c = py_utf8_get_char(p, end);
        do {
            p++;
        } while (p < end && py_utf8_is_cont(*p));
        print_escape(&print, c, 0);
    }
}

py_obj_t py_str_ascii_of(py_obj_t o) {
    py_obj_t r = py_obj_repr(o);
    size_t len;
    const byte *d = py_str_data(r, &len);
    if (py_str_charlen(r) == len) {
        return r;
    }
    py_vstr_t v;
    py_vstr_init(&v, len + 16);
    py_str_print_ascii_escaped(&v, d, len);
    return py_obj_new_str_from_vstr(&v);
}

static void str_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    size_t len;
    const byte *d = py_str_data(self, &len);
    if (kind == PY_PRINT_REPR) {
        py_str_print_quoted(print, d, len, false);
    } else {
        py_print_strn(print, (const char *)d, len);
    }
}

static void bytes_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    size_t len;
    const byte *d = py_str_data(self, &len);
    py_str_print_quoted(print, d, len, true);
}

// ---- Operators ----------------------------------------------------------------------------------

static py_obj_t str_unary_op(py_unary_op_t op, py_obj_t self) {
    size_t len;
    py_str_data(self, &len);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(len != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(py_str_charlen(self));
        case PY_UNARY_OP_HASH:
            return PY_OBJ_NEW_SMALL_INT(py_str_hash_of(self));
        default:
            return PY_OBJ_NULL;
    }
}

// self * n for str and bytes.
static py_obj_t str_repeat(py_obj_t self, py_obj_t count) {
    intptr_t n;
    if (!py_obj_is_int(count) || !py_obj_get_int_maybe(count, &n)) {
        return PY_OBJ_NULL;
    }
    const py_obj_type_t *type = py_obj_get_type(self);
    size_t len;
    const byte *d = py_str_data(self, &len);
    if (n <= 0 || len == 0) {
        return py_str_new_of_type(type, NULL, 0);
    }
    if (n == 1) {
        return self;
    }
    if ((size_t)n > SIZE_MAX / 2 / len) {
        py_raise_MemoryError();
    }
    size_t charlen = py_str_charlen(self);
    byte *out;
    py_obj_str_t *o = py_str_alloc(type, len * (size_t)n, &out);
    // Copy the original once, then double the copied part until full.
    memcpy(out, d, len);
    size_t done = len, total = len * (size_t)n;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        memcpy(out + done, out, k);
        done += k;
    }
    o->charlen = charlen * (size_t)n;
    return PY_OBJ_FROM_PTR(o);
}

// ---- Appending in place: s += t ----------------------------------------------------------------
//
// `s += t` in a loop would copy the whole string each time. Instead, a str made by += keeps its
// text in a separate, over-allocated buffer that begins with a small header:
//
//     buf: [size_t used][size_t room][text bytes ...][spare]
//
// Several strs may view the same buffer, each seeing its first [len] bytes. The next += on a str
// whose len equals [used] (so it is the longest view) writes the new bytes after [used] and
// returns a new str object over the same buffer. Bytes below [used] are never changed, so every
// existing view keeps its text; only the NUL after a shorter view gets overwritten, which is why
// py_obj_str_get_str checks for it. Appending to any shorter view copies into a new buffer.
//
// Such a str is allocated with one extra word holding the buffer's start, which keeps the buffer
// alive (the GC only follows pointers to the start of an allocation). It is recognised by that
// word pointing at a live allocation that starts GROW_HDR bytes before its data: no other str
// has data at such a place (inline text sits right after its object; vstr buffers start at an
// allocation; const strs are not on the heap), and GROW_HDR is less than a GC block, so the
// header start of a non-growable str is never the start of an allocation.

typedef struct str_grow {
    py_obj_str_t s;
    byte *buf;
} str_grow_t;

typedef struct grow_hdr {
    size_t used; // bytes of text written
    size_t room; // bytes of text the buffer can hold (a NUL always fits after them)
} grow_hdr_t;

#define GROW_HDR (sizeof(grow_hdr_t))

// The shared buffer of [s] if it has one, else NULL.
static grow_hdr_t *grow_buf_of(py_obj_str_t *s) {
    byte *cand = (byte *)((uintptr_t)s->data - GROW_HDR);
    if (!py_gc_is_heap_ptr(s) || py_gc_nbytes(s) < sizeof(str_grow_t)) {
        return NULL;
    }
    if (((str_grow_t *)s)->buf != cand || !py_gc_is_heap_ptr(cand)) {
        return NULL;
    }
    return (grow_hdr_t *)cand;
}

static py_obj_t grow_new_view(grow_hdr_t *h, size_t charlen) {
    str_grow_t *g = py_malloc(sizeof(str_grow_t));
    g->s.base.type = &py_type_str;
    g->s.len = h->used;
    g->s.charlen = charlen;
    g->s.data = (byte *)h + GROW_HDR;
    g->buf = (byte *)h;
    return PY_OBJ_FROM_PTR(g);
}

// Room to allocate for [len] bytes of text that are likely to grow further.
static size_t grow_room(size_t len) {
    return len + len / 2 + 16;
}

static py_obj_t str_append_inplace(py_obj_t lhs, const byte *ld, size_t llen, const byte *rd,
                                   size_t rlen, size_t charlen) {
    size_t newlen = llen + rlen;
    if (newlen > SIZE_MAX / 4) {
        py_raise_MemoryError();
    }
    grow_hdr_t *h = PY_OBJ_IS_QSTR(lhs) ? NULL : grow_buf_of(PY_OBJ_TO_PTR(lhs));
    if (h != NULL && h->used == llen) {
        if (h->room < newlen) {
            size_t room = grow_room(newlen);
            if (py_gc_realloc(h, GROW_HDR + room + 1, false) != NULL) {
                h->room = room; // grown in place: the blocks after it were free
            }
        }
        if (h->room >= newlen) {
            byte *text = (byte *)h + GROW_HDR;
            memcpy(text + llen, rd, rlen);
            text[newlen] = 0;
            h->used = newlen;
            return grow_new_view(h, charlen);
        }
    }
    // A new buffer with room to grow; exact size if the heap cannot spare more.
    size_t room = grow_room(newlen);
    h = py_gc_alloc(GROW_HDR + room + 1, PY_GC_NOSCAN);
    if (h == NULL) {
        room = newlen;
        h = py_malloc_noscan(GROW_HDR + room + 1);
    }
    byte *text = (byte *)h + GROW_HDR;
    memcpy(text, ld, llen);
    memcpy(text + llen, rd, rlen);
    text[newlen] = 0;
    h->used = newlen;
    h->room = room;
    return grow_new_view(h, charlen);
}

// lhs + rhs (or lhs += rhs) for two strs or two byte sequences of result type [type].
static py_obj_t str_concat(const py_obj_type_t *type, py_obj_t lhs, py_obj_t rhs, const byte *rd,
                           size_t rlen, bool inplace) {
    size_t llen;
    const byte *ld = py_str_data(lhs, &llen);
    if (rlen == 0) {
        return lhs;
    }
    if (llen == 0 && py_obj_get_type(rhs) == type) {
        return rhs;
    }
    if (llen + rlen < llen || llen + rlen > SIZE_MAX / 2) {
        py_raise_MemoryError();
    }
    size_t charlen = llen + rlen;
    if (type == &py_type_str) {
        charlen = py_str_charlen(lhs) + py_str_charlen(rhs);
        if (inplace) {
            return str_append_inplace(lhs, ld, llen, rd, rlen, charlen);
        }
    }
    byte *out;
    py_obj_str_t *o = py_str_alloc(type, llen + rlen, &out);
    memcpy(out, ld, llen);
    memcpy(out + llen, rd, rlen);
    o->charlen = charlen;
    return PY_OBJ_FROM_PTR(o);
}

static py_obj_t str_contains(const py_obj_type_t *type, const byte *d, size_t len, py_obj_t item) {
    if (type == &py_type_bytes) {
        return PY_OBJ_NEW_BOOL(py_bytes_contains(d, len, item));
    }
    if (!py_obj_is_str(item)) {
        py_obj_t n = py_str_native(item);
        if (!py_obj_is_str(n)) {
            py_raise_msg_varg(&py_type_TypeError,
                              "'in <string>' requires string as left operand, not %s",
                              py_obj_get_type_str(item));
        }
        item = n;
    }
    size_t nlen;
    const byte *nd = py_str_data(item, &nlen);
    return PY_OBJ_NEW_BOOL(py_bytes_find(d, len, nd, nlen, 1) >= 0);
}

static inline bool is_plain_str(py_obj_t o) {
    return PY_OBJ_IS_QSTR(o) || py_obj_is_type(o, &py_type_str);
}

py_obj_t py_str_compare(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (!is_plain_str(lhs) || !is_plain_str(rhs)) {
        return PY_OBJ_NULL;
    }
    bool eq_op = op == PY_BINARY_OP_EQUAL || op == PY_BINARY_OP_NOT_EQUAL;
    if (lhs == rhs || (eq_op && PY_OBJ_IS_QSTR(lhs) && PY_OBJ_IS_QSTR(rhs))) {
        // The same object, or two qstrs, which are equal only when they are the same.
        return py_str_cmp_op(op, lhs == rhs ? 0 : 1);
    }
    size_t llen, rlen;
    const byte *ld = py_str_data(lhs, &llen);
    const byte *rd = py_str_data(rhs, &rlen);
    if (eq_op) {
        if (llen != rlen) {
            return py_str_cmp_op(op, 1);
        }
        return py_str_cmp_op(op, llen == 0 ? 0 : memcmp(ld, rd, llen));
    }
    return py_str_cmp_op(op, py_bytes_cmp(ld, llen, rd, rlen));
}

static py_obj_t str_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    const py_obj_type_t *type = py_obj_get_type(lhs);
    size_t llen;
    const byte *ld = py_str_data(lhs, &llen);
    switch (op) {
        case PY_BINARY_OP_MODULO:
        case PY_BINARY_OP_INPLACE_MODULO:
            return py_str_modulo(lhs, rhs);
        case PY_BINARY_OP_MULTIPLY:
        case PY_BINARY_OP_INPLACE_MULTIPLY:
        case PY_BINARY_OP_REVERSE_MULTIPLY:
            return str_repeat(lhs, rhs);
        case PY_BINARY_OP_CONTAINS:
            return str_contains(type, ld, llen, rhs);
        default:
            break;
    }
    // The remaining operators need a str (for str) or a bytes-like object (for bytes).
    const byte *rd;
    size_t rlen;
    if (type == &py_type_str) {
        if (!py_obj_is_str(rhs)) {
            return PY_OBJ_NULL;
        }
        rd = py_str_data(rhs, &rlen);
    } else {
        py_buffer_info_t info;
        if (py_obj_is_str(rhs) || !py_get_buffer(rhs, &info, PY_BUFFER_READ)) {
            return PY_OBJ_NULL;
        }
        rd = info.buf;
        rlen = info.len;
    }
    switch (op) {
        case PY_BINARY_OP_ADD:
            return str_concat(type, lhs, rhs, rd, rlen, false);
        case PY_BINARY_OP_INPLACE_ADD:
            return str_concat(type, lhs, rhs, rd, rlen, true);
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
            if (llen != rlen) {
                return PY_OBJ_NEW_BOOL(op == PY_BINARY_OP_NOT_EQUAL);
            }
            if (!PY_OBJ_IS_QSTR(lhs) && py_obj_is_type(rhs, type)) {
                // Differing cached hashes prove the texts differ.
                size_t h1 = ((py_obj_str_t *)lhs)->hash;
                size_t h2 = ((py_obj_str_t *)rhs)->hash;
                if (h1 != 0 && h2 != 0 && h1 != h2) {
                    return PY_OBJ_NEW_BOOL(op == PY_BINARY_OP_NOT_EQUAL);
                }
            }
            return py_str_cmp_op(op, llen == 0 ? 0 : memcmp(ld, rd, llen));
        default:
            return py_str_cmp_op(op, py_bytes_cmp(ld, llen, rd, rlen));
    }
}

// ---- Indexing and slicing -----------------------------------------------------------------------

py_obj_t py_bytes_slice(const py_obj_type_t *type, const byte *data, size_t len, py_obj_t slice) {
    py_bound_slice_t bs;
    py_obj_slice_indices(slice, len, &bs);
    return py_bytes_slice_bound(type, data, &bs);
}

py_obj_t py_bytes_slice_bound(const py_obj_type_t *type, const byte *data,
                              const py_bound_slice_t *slice) {
    py_bound_slice_t bs = *slice;
    size_t n = 0;
    if (bs.step > 0 && bs.stop > bs.start) {
        n = (size_t)((bs.stop - bs.start + bs.step - 1) / bs.step);
    } else if (bs.step < 0 && bs.stop < bs.start) {
        n = (size_t)((bs.start - bs.stop - bs.step - 1) / -bs.step);
    }
    if (bs.step == 1) {
        return py_str_new_of_type(type, data + bs.start, n);
    }
    py_vstr_t v;
    py_vstr_init(&v, n + 1);
    byte *out = (byte *)py_vstr_add_len(&v, n);
    intptr_t i = bs.start;
    for (size_t k = 0; k < n; k++, i += bs.step) {
        out[k] = data[i];
    }
    return py_str_new_of_type_from_vstr(type, &v);
}

// Slicing a str with non-ASCII text: positions are code points.
static py_obj_t str_slice_unicode(const byte *d, size_t len, size_t charlen, py_obj_t slice) {
    py_bound_slice_t bs;
    py_obj_slice_indices(slice, charlen, &bs);
    if (bs.step == 1) {
        if (bs.stop <= bs.start) {
            return py_obj_new_str(NULL, 0);
        }
        size_t a = py_utf8_offset_of(d, len, charlen, (size_t)bs.start);
        size_t b = py_utf8_offset_of(d, len, charlen, (size_t)bs.stop);
        return py_obj_new_str((const char *)d + a, b - a);
    }
    size_t n = 0;
    if (bs.step > 0 && bs.stop > bs.start) {
        n = (size_t)((bs.stop - bs.start + bs.step - 1) / bs.step);
    } else if (bs.step < 0 && bs.stop < bs.start) {
        n = (size_t)((bs.start - bs.stop - bs.step - 1) / -bs.step);
    }
    py_vstr_t v;
    py_vstr_init(&v, n + 1);
    size_t pos = n == 0 ? 0 : py_utf8_offset_of(d, len, charlen, (size_t)bs.start);
    for (size_t k = 0; k < n; k++) {
        size_t end = pos + 1;
        while (end < len && py_utf8_is_cont(d[end])) {
            end++;
        }
        py_vstr_add_strn(&v, (const char *)d + pos, end - pos);
        if (k + 1 == n) {
            break;
        }
        if (bs.step > 0) {
            for (intptr_t s = 0; s < bs.step; s++) {
                do {
                    pos++;
                } while (pos < len && py_utf8_is_cont(d[pos]));
            }
        } else {
            for (intptr_t s = 0; s < -bs.step; s++) {
                pos = py_utf8_prev(d, pos);
            }
        }
    }
    return py_obj_new_str_from_vstr(&v);
}

static py_obj_t str_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    if (value != PY_OBJ_SENTINEL) {
        return PY_OBJ_NULL; // immutable: the runtime raises TypeError
    }
    const py_obj_type_t *type = py_obj_get_type(self);
    size_t len;
    const byte *d = py_str_data(self, &len);
    bool is_str = type == &py_type_str;
    size_t charlen = is_str ? py_str_charlen(self) : len;
    if (py_obj_is_slice(index)) {
        if (charlen != len) {
            return str_slice_unicode(d, len, charlen, index);
        }
        return py_bytes_slice(type, d, len, index);
    }
    if (!is_str) {
        size_t i = py_get_index(type, len, index, false);
        return PY_OBJ_NEW_SMALL_INT(d[i]);
    }
    intptr_t i;
    if (!py_obj_is_int(index) || !py_obj_get_int_maybe(index, &i)) {
        py_raise_msg_varg(&py_type_TypeError, "string indices must be integers, not '%s'",
                          py_obj_get_type_str(index));
    }
    if (i < 0) {
        i += (intptr_t)charlen;
    }
    if (i < 0 || (size_t)i >= charlen) {
        py_raise_msg(&py_type_IndexError, "string index out of range");
    }
    size_t a = py_utf8_offset_of(d, len, charlen, (size_t)i);
    size_t b = a + 1;
    while (b < len && py_utf8_is_cont(d[b])) {
        b++;
    }
    return py_obj_new_str((const char *)d + a, b - a);
}

// ---- The types ----------------------------------------------------------------------------------

const py_obj_type_t py_type_str = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_str,
    .print = str_print,
    .make_new = py_str_make_new,
    .unary_op = str_unary_op,
    .binary_op = str_binary_op,
    .subscr = str_subscr,
    .getiter = py_str_getiter,
    .buffer = str_buffer,
    .locals_dict = (struct py_obj_dict *)&py_str_locals_dict,
};

const py_obj_type_t py_type_bytes = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_bytes,
    .print = bytes_print,
    .make_new = py_bytes_make_new,
    .unary_op = str_unary_op,
    .binary_op = str_binary_op,
    .subscr = str_subscr,
    .getiter = py_str_getiter,
    .buffer = str_buffer,
    .locals_dict = (struct py_obj_dict *)&py_bytes_locals_dict,
};
