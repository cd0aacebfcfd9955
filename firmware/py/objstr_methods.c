// SPDX-License-Identifier: MIT
// objstr_methods.c: searching, splitting, joining and trimming methods of str, bytes, bytearray,
// the method tables of str and bytes, and their iterators.
//
// Every method here takes its self as a str, bytes or bytearray (py_str_get_self) and returns
// results of the same type. Positions a str method takes or returns count code points; for
// ASCII text these equal byte offsets, which is the fast path.

#include <string.h>

#include "gc.h"
#include "objstr.h"

// ---- Helpers ------------------------------------------------------------------------------------

// [self] itself when it is an immutable object holding exactly bytes [a, b) of [s], else a new
// object of the same type holding them.
static py_obj_t sub_or_self(py_obj_t self, const py_strarg_t *s, size_t a, size_t b) {
    if (a == 0 && b == s->len && s->type != &py_type_bytearray &&
        py_obj_get_type(self) == s->type) {
        return self;
    }
    return py_str_new_of_type(s->type, s->data + a, b - a);
}

static bool is_ascii(const py_strarg_t *s) {
    for (size_t i = 0; i < s->len; i++) {
        if (s->data[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

// Number of code points of self (bytes for byte sequences).
static size_t self_charlen(py_obj_t self, const py_strarg_t *s) {
    if (s->type != &py_type_str) {
        return s->len;
    }
    if (PY_OBJ_IS_QSTR(self) || !py_obj_is_type(self, &py_type_str)) {
        return py_utf8_charlen(s->data, s->len);
    }
    return ((py_obj_str_t *)self)->charlen;
}

// One start/end argument: None or absent gives [def]; negative values count from the end.
static intptr_t bound_arg(size_t n_args, const py_obj_t *args, size_t i, intptr_t def, size_t len) {
    if (i >= n_args || args[i] == py_const_none) {
        return def;
    }
    intptr_t v;
    if (!py_obj_is_int(args[i]) || !py_obj_get_int_maybe(args[i], &v)) {
        py_raise_TypeError("slice indices must be integers or None or have an __index__ method");
    }
    if (v < 0) {
        v += (intptr_t)len;
        if (v < 0) {
            v = 0;
        }
    }
    return v;
}

// The byte range [*a, *b) of self selected by start/end arguments args[i], args[i + 1] (code
// points for str). Returns false when start lies beyond the end, so nothing can match.
static bool get_range(py_obj_t self, const py_strarg_t *s, size_t n_args, const py_obj_t *args,
                      size_t i, size_t *a, size_t *b) {
    size_t charlen = self_charlen(self, s);
    intptr_t start = bound_arg(n_args, args, i, 0, charlen);
    intptr_t end = bound_arg(n_args, args, i + 1, (intptr_t)charlen, charlen);
    if ((size_t)start > charlen || start > end) {
        return false;
    }
    if ((size_t)end > charlen) {
        end = (intptr_t)charlen;
    }
    *a = py_utf8_offset_of(s->data, s->len, charlen, (size_t)start);
    *b = py_utf8_offset_of(s->data, s->len, charlen, (size_t)end);
    return true;
}

// The needle of find/count/index: a str for str, bytes-like or an int byte for the others.
static const byte *needle_arg(const py_strarg_t *s, py_obj_t arg, size_t *len, byte *one) {
    if (s->type != &py_type_str && py_obj_is_int(arg)) {
        *one = py_str_byte_value(arg);
        *len = 1;
        return one;
    }
    return py_str_get_arg(s->type, arg, len);
}

// Code point index of byte offset [off] in self.
static size_t char_index(const py_strarg_t *s, size_t off) {
    return s->type == &py_type_str ? py_utf8_charlen(s->data, off) : off;
}

// ---- find, rfind, index, rindex, count ----------------------------------------------------------

static intptr_t find_common(size_t n_args, const py_obj_t *args, int dir) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    byte one;
    size_t nlen;
    const byte *needle = needle_arg(&s, args[1], &nlen, &one);
    size_t a, b;
    if (!get_range(args[0], &s, n_args, args, 2, &a, &b)) {
        return -1;
    }
    intptr_t pos = py_bytes_find(s.data + a, b - a, needle, nlen, dir);
    if (pos < 0) {
        return -1;
    }
    return (intptr_t)char_index(&s, a + (size_t)pos);
}

static py_obj_t str_find(size_t n_args, const py_obj_t *args) {
    return PY_OBJ_NEW_SMALL_INT(find_common(n_args, args, 1));
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_find_obj, 2, 4, str_find);

static py_obj_t str_rfind(size_t n_args, const py_obj_t *args) {
    return PY_OBJ_NEW_SMALL_INT(find_common(n_args, args, -1));
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_rfind_obj, 2, 4, str_rfind);

static PY_NORETURN void raise_not_found(py_obj_t self) {
    py_raise_ValueError(py_obj_is_str(self) ? "substring not found" : "subsection not found");
}

static py_obj_t str_index(size_t n_args, const py_obj_t *args) {
    intptr_t i = find_common(n_args, args, 1);
    if (i < 0) {
        raise_not_found(args[0]);
    }
    return PY_OBJ_NEW_SMALL_INT(i);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_index_obj, 2, 4, str_index);

static py_obj_t str_rindex(size_t n_args, const py_obj_t *args) {
    intptr_t i = find_common(n_args, args, -1);
    if (i < 0) {
        raise_not_found(args[0]);
    }
    return PY_OBJ_NEW_SMALL_INT(i);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_rindex_obj, 2, 4, str_rindex);

static py_obj_t str_count(size_t n_args, const py_obj_t *args) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    byte one;
    size_t nlen;
    const byte *needle = needle_arg(&s, args[1], &nlen, &one);
    size_t a, b;
    if (!get_range(args[0], &s, n_args, args, 2, &a, &b)) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    if (nlen == 0) {
        return PY_OBJ_NEW_SMALL_INT(char_index(&s, b) - char_index(&s, a) + 1);
    }
    size_t n = 0;
    while (a + nlen <= b) {
        intptr_t pos = py_bytes_find(s.data + a, b - a, needle, nlen, 1);
        if (pos < 0) {
            break;
        }
        n++;
        a += (size_t)pos + nlen;
    }
    return PY_OBJ_NEW_SMALL_INT(n);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_count_obj, 2, 4, str_count);

// ---- startswith, endswith -----------------------------------------------------------------------

static py_obj_t starts_ends(size_t n_args, const py_obj_t *args, bool ends, const char *name) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    py_obj_t *items = (py_obj_t *)&args[1];
    size_t n_items = 1;
    if (py_obj_is_type(args[1], &py_type_tuple)) {
        py_obj_get_array(args[1], &n_items, &items);
    } else if (s.type == &py_type_str ? !py_obj_is_str(py_str_native(args[1]))
                                      : py_obj_is_str(args[1])) {
        py_raise_msg_varg(&py_type_TypeError, "%s first arg must be %s or a tuple of %s, not %s",
                          name, s.type == &py_type_str ? "str" : "bytes",
                          s.type == &py_type_str ? "str" : "bytes", py_obj_get_type_str(args[1]));
    }
    size_t a, b;
    if (!get_range(args[0], &s, n_args, args, 2, &a, &b)) {
        return py_const_false;
    }
    for (size_t i = 0; i < n_items; i++) {
        size_t plen;
        const byte *p = py_str_get_arg(s.type, items[i], &plen);
        if (plen <= b - a && memcmp(s.data + (ends ? b - plen : a), p, plen) == 0) {
            return py_const_true;
        }
    }
    return py_const_false;
}

static py_obj_t str_startswith(size_t n_args, const py_obj_t *args) {
    return starts_ends(n_args, args, false, "startswith");
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_startswith_obj, 2, 4, str_startswith);

static py_obj_t str_endswith(size_t n_args, const py_obj_t *args) {
    return starts_ends(n_args, args, true, "endswith");
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_endswith_obj, 2, 4, str_endswith);

// ---- split, rsplit, splitlines ------------------------------------------------------------------

// Is the character at byte [i] whitespace? Sets [*n] to its length in bytes.
static bool space_at(const py_strarg_t *s, size_t i, size_t *n) {
    byte b = s->data[i];
    if (b < 0x80 || s->type != &py_type_str) {
        *n = 1;
        return b == ' ' || (b >= '\t' && b <= '\r') ||
               (s->type == &py_type_str && b >= 0x1c && b <= 0x1f);
    }
    size_t k = 1;
    while (i + k < s->len && py_utf8_is_cont(s->data[i + k])) {
        k++;
    }
    *n = k;
    return py_unichar_isspace(py_utf8_get_char(s->data + i, s->data + s->len));
}

// As space_at, for the character that ends just before byte [i].
static bool space_before(const py_strarg_t *s, size_t i, size_t *n) {
    size_t start = s->type == &py_type_str ? py_utf8_prev(s->data, i) : i - 1;
    bool sp = space_at(s, start, n);
    *n = i - start;
    return sp;
}

static const py_arg_t split_args[] = {
    {PY_QSTR_sep, PY_ARG_OBJ, {.u_obj = py_const_none}},
    {PY_QSTR_maxsplit, PY_ARG_INT, {.u_int = -1}},
};

static py_obj_t split_whitespace(const py_strarg_t *s, intptr_t maxsplit, bool reverse) {
    py_obj_t list = py_obj_new_list(0, NULL);
    size_t n;
    if (!reverse) {
        size_t i = 0;
        for (;;) {
            while (i < s->len && space_at(s, i, &n)) {
                i += n;
            }
            if (i == s->len) {
                break;
            }
            if (maxsplit == 0) {
                py_obj_list_append(list, py_str_new_of_type(s->type, s->data + i, s->len - i));
                break;
            }
            size_t start = i;
            while (i < s->len && !space_at(s, i, &n)) {
                i += n;
            }
            py_obj_list_append(list, py_str_new_of_type(s->type, s->data + start, i - start));
            maxsplit--;
        }
        return list;
    }
    size_t i = s->len;
    for (;;) {
        while (i > 0 && space_before(s, i, &n)) {
            i -= n;
        }
        if (i == 0) {
            break;
        }
        if (maxsplit == 0) {
            py_obj_list_append(list, py_str_new_of_type(s->type, s->data, i));
            break;
        }
        size_t end = i;
        while (i > 0 && !space_before(s, i, &n)) {
            i -= n;
        }
        py_obj_list_append(list, py_str_new_of_type(s->type, s->data + i, end - i));
        maxsplit--;
    }
    return list;
}

static void list_reverse(py_obj_t list) {
    py_obj_list_t *l = PY_OBJ_TO_PTR(list);
    for (size_t i = 0, j = l->len; i + 1 < j; i++, j--) {
        py_obj_t t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
}

static py_obj_t split_common(size_t n_args, const py_obj_t *args, py_map_t *kw, bool reverse) {
    // Arguments first: converting them may run Python code that resizes a bytearray self.
    py_arg_val_t v[2];
    py_arg_parse_all(n_args - 1, args + 1, kw, 2, split_args, v);
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    intptr_t maxsplit = v[1].u_int;
    if (v[0].u_obj == py_const_none) {
        py_obj_t list = split_whitespace(&s, maxsplit, reverse);
        if (reverse) {
            list_reverse(list);
        }
        return list;
    }
    size_t seplen;
    const byte *sep = py_str_get_arg(s.type, v[0].u_obj, &seplen);
    if (seplen == 0) {
        py_raise_ValueError("empty separator");
    }
    py_obj_t list = py_obj_new_list(0, NULL);
    if (!reverse) {
        size_t i = 0;
        for (; maxsplit != 0; maxsplit--) {
            intptr_t pos = py_bytes_find(s.data + i, s.len - i, sep, seplen, 1);
            if (pos < 0) {
                break;
            }
            py_obj_list_append(list, py_str_new_of_type(s.type, s.data + i, (size_t)pos));
            i += (size_t)pos + seplen;
        }
        py_obj_list_append(list, py_str_new_of_type(s.type, s.data + i, s.len - i));
        return list;
    }
    size_t end = s.len;
    for (; maxsplit != 0; maxsplit--) {
        intptr_t pos = py_bytes_find(s.data, end, sep, seplen, -1);
        if (pos < 0) {
            break;
        }
        size_t after = (size_t)pos + seplen;
        py_obj_list_append(list, py_str_new_of_type(s.type, s.data + after, end - after));
        end = (size_t)pos;
    }
    py_obj_list_append(list, py_str_new_of_type(s.type, s.data, end));
    list_reverse(list);
    return list;
}

static py_obj_t str_split(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return split_common(n_args, args, kw, false);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_split_obj, 1, str_split);

static py_obj_t str_rsplit(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return split_common(n_args, args, kw, true);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_rsplit_obj, 1, str_rsplit);

// Length in bytes of the line break at byte [i], or 0 if there is none.
static size_t linebreak_at(const py_strarg_t *s, size_t i) {
    byte b = s->data[i];
    if (b == '\r') {
        return i + 1 < s->len && s->data[i + 1] == '\n' ? 2 : 1;
    }
    if (b == '\n') {
        return 1;
    }
    if (s->type != &py_type_str) {
        return 0;
    }
    if (b < 0x80) {
        return py_unichar_islinebreak(b) ? 1 : 0;
    }
    uint32_t c = py_utf8_get_char(s->data + i, s->data + s->len);
    return py_unichar_islinebreak(c) ? py_utf8_seq_len(b) : 0;
}

static const py_arg_t splitlines_args[] = {
    {PY_QSTR_keepends, PY_ARG_BOOL, {.u_bool = false}},
};

static py_obj_t str_splitlines(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_val_t v[1];
    py_arg_parse_all(n_args - 1, args + 1, kw, 1, splitlines_args, v);
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    py_obj_t list = py_obj_new_list(0, NULL);
    size_t start = 0, i = 0;
    while (i < s.len) {
        size_t n = linebreak_at(&s, i);
        if (n == 0) {
            do {
                i++;
            } while (s.type == &py_type_str && i < s.len && py_utf8_is_cont(s.data[i]));
            continue;
        }
        size_t end = v[0].u_bool ? i + n : i;
        py_obj_list_append(list, py_str_new_of_type(s.type, s.data + start, end - start));
        i += n;
        start = i;
    }
    if (start < s.len) {
        py_obj_list_append(list, py_str_new_of_type(s.type, s.data + start, s.len - start));
    }
    return list;
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_splitlines_obj, 1, str_splitlines);

// ---- join ---------------------------------------------------------------------------------------

static py_obj_t str_join(py_obj_t self, py_obj_t iterable) {
    // Iterate first: that may run Python code that resizes a bytearray self.
    py_obj_t seq = iterable;
    if (!py_obj_is_type(seq, &py_type_list) && !py_obj_is_type(seq, &py_type_tuple)) {
        seq = py_obj_list_from_iterable(iterable);
    }
    py_strarg_t s;
    py_str_get_self(self, &s);
    size_t n;
    py_obj_t *items;
    py_obj_get_array(seq, &n, &items);
    size_t total = n == 0 ? 0 : s.len * (n - 1);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        py_buffer_info_t info;
        bool ok = s.type == &py_type_str
                      ? py_obj_is_str(py_str_native(items[i]))
                      : !py_obj_is_str(items[i]) && py_get_buffer(items[i], &info, PY_BUFFER_READ);
        if (!ok) {
            py_raise_msg_varg(&py_type_TypeError, "sequence item %u: expected %s, %s found",
                              (unsigned)i,
                              s.type == &py_type_str ? "str instance" : "a bytes-like object",
                              py_obj_get_type_str(items[i]));
        }
        py_str_get_arg(s.type, items[i], &len);
        total += len;
    }
    if (n == 1 && py_obj_get_type(items[0]) == s.type && s.type != &py_type_bytearray) {
        return items[0];
    }
    py_vstr_t v;
    py_vstr_init(&v, total + 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            py_vstr_add_strn(&v, (const char *)s.data, s.len);
        }
        size_t len;
        const byte *d = py_str_get_arg(s.type, items[i], &len);
        py_vstr_add_strn(&v, (const char *)d, len);
    }
    return py_str_new_of_type_from_vstr(s.type, &v);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_join_obj, str_join);

// ---- strip, lstrip, rstrip ----------------------------------------------------------------------

// Is the code point (or byte) [c] one of [chars]?
static bool in_chars(const py_strarg_t *s, const byte *chars, size_t clen, uint32_t c) {
    if (s->type != &py_type_str || c < 0x80) {
        return clen != 0 && memchr(chars, (int)c, clen) != NULL;
    }
    const byte *end = chars + clen;
    for (const byte *p = chars; p < end; p++) {
        if (!py_utf8_is_cont(*p) && py_utf8_get_char(p, end) == c) {
            return true;
        }
    }
    return false;
}

// The character starting at byte [i]: its value and length.
static uint32_t char_at(const py_strarg_t *s, size_t i, size_t *n) {
    byte b = s->data[i];
    if (b < 0x80 || s->type != &py_type_str) {
        *n = 1;
        return b;
    }
    size_t k = 1;
    while (i + k < s->len && py_utf8_is_cont(s->data[i + k])) {
        k++;
    }
    *n = k;
    return py_utf8_get_char(s->data + i, s->data + s->len);
}

static bool strip_this(const py_strarg_t *s, const byte *chars, size_t clen, size_t i, size_t *n) {
    if (chars == NULL) {
        return space_at(s, i, n);
    }
    return in_chars(s, chars, clen, char_at(s, i, n));
}

static py_obj_t strip_common(size_t n_args, const py_obj_t *args, bool left, bool right) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    const byte *chars = NULL;
    size_t clen = 0;
    if (n_args > 1 && args[1] != py_const_none) {
        chars = py_str_get_arg(s.type, args[1], &clen);
    }
    size_t a = 0, b = s.len, n;
    if (left) {
        while (a < b && strip_this(&s, chars, clen, a, &n)) {
            a += n;
        }
    }
    if (right) {
        while (b > a) {
            size_t start = s.type == &py_type_str ? py_utf8_prev(s.data, b) : b - 1;
            if (!strip_this(&s, chars, clen, start, &n)) {
                break;
            }
            b = start;
        }
    }
    return sub_or_self(args[0], &s, a, b);
}

static py_obj_t str_strip(size_t n_args, const py_obj_t *args) {
    return strip_common(n_args, args, true, true);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_strip_obj, 1, 2, str_strip);

static py_obj_t str_lstrip(size_t n_args, const py_obj_t *args) {
    return strip_common(n_args, args, true, false);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_lstrip_obj, 1, 2, str_lstrip);

static py_obj_t str_rstrip(size_t n_args, const py_obj_t *args) {
    return strip_common(n_args, args, false, true);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_rstrip_obj, 1, 2, str_rstrip);

// ---- partition, rpartition ----------------------------------------------------------------------

static py_obj_t partition_common(py_obj_t self, py_obj_t sep_in, int dir) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    size_t seplen;
    const byte *sep = py_str_get_arg(s.type, sep_in, &seplen);
    if (seplen == 0) {
        py_raise_ValueError("empty separator");
    }
    // Results must be fresh objects for bytearray; immutable ones may be shared.
    bool fresh = s.type == &py_type_bytearray;
    py_obj_t parts[3];
    intptr_t pos = py_bytes_find(s.data, s.len, sep, seplen, dir);
    if (pos < 0) {
        py_obj_t whole = sub_or_self(self, &s, 0, s.len);
        py_obj_t empty = py_str_new_of_type(s.type, NULL, 0);
        parts[0] = dir > 0 ? whole : empty;
        parts[1] = fresh ? py_str_new_of_type(s.type, NULL, 0) : empty;
        parts[2] = dir > 0 ? (fresh ? py_str_new_of_type(s.type, NULL, 0) : empty) : whole;
    } else {
        size_t p = (size_t)pos;
        parts[0] = py_str_new_of_type(s.type, s.data, p);
        parts[1] = !fresh && py_obj_get_type(sep_in) == s.type
                       ? sep_in
                       : py_str_new_of_type(s.type, sep, seplen);
        parts[2] = py_str_new_of_type(s.type, s.data + p + seplen, s.len - p - seplen);
    }
    return py_obj_new_tuple(3, parts);
}

static py_obj_t str_partition(py_obj_t self, py_obj_t sep) {
    return partition_common(self, sep, 1);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_partition_obj, str_partition);

static py_obj_t str_rpartition(py_obj_t self, py_obj_t sep) {
    return partition_common(self, sep, -1);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_rpartition_obj, str_rpartition);

// ---- replace ------------------------------------------------------------------------------------

// replace('', new): [new] before every character and at the end, at most [count] times.
static py_obj_t replace_empty(const py_strarg_t *s, const byte *nd, size_t nlen, intptr_t count) {
    py_vstr_t v;
    py_vstr_init(&v, s->len + nlen + 1);
    size_t i = 0;
    for (;;) {
        if (count != 0) {
            py_vstr_add_strn(&v, (const char *)nd, nlen);
            count--;
        }
        if (i >= s->len) {
            break;
        }
        size_t n;
        char_at(s, i, &n);
        py_vstr_add_strn(&v, (const char *)s->data + i, n);
        i += n;
    }
    return py_str_new_of_type_from_vstr(s->type, &v);
}

static py_obj_t str_replace(size_t n_args, const py_obj_t *args) {
    intptr_t count = n_args > 3 ? py_obj_get_int(args[3]) : -1;
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    size_t olen, nlen;
    const byte *od = py_str_get_arg(s.type, args[1], &olen);
    const byte *nd = py_str_get_arg(s.type, args[2], &nlen);
    if (count == 0) {
        return sub_or_self(args[0], &s, 0, s.len);
    }
    if (olen == 0) {
        return replace_empty(&s, nd, nlen, count);
    }
    py_vstr_t v;
    py_vstr_init(&v, s.len + 1);
    size_t i = 0;
    bool changed = false;
    while (count != 0) {
        intptr_t pos = py_bytes_find(s.data + i, s.len - i, od, olen, 1);
        if (pos < 0) {
            break;
        }
        py_vstr_add_strn(&v, (const char *)s.data + i, (size_t)pos);
        py_vstr_add_strn(&v, (const char *)nd, nlen);
        i += (size_t)pos + olen;
        changed = true;
        count--;
    }
    if (!changed) {
        py_vstr_clear(&v);
        return sub_or_self(args[0], &s, 0, s.len);
    }
    py_vstr_add_strn(&v, (const char *)s.data + i, s.len - i);
    return py_str_new_of_type_from_vstr(s.type, &v);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_replace_obj, 3, 4, str_replace);

// ---- removeprefix, removesuffix -----------------------------------------------------------------

static py_obj_t remove_affix(py_obj_t self, py_obj_t affix, bool suffix) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    size_t alen;
    const byte *a = py_str_get_arg(s.type, affix, &alen);
    if (alen == 0 || alen > s.len || memcmp(suffix ? s.data + s.len - alen : s.data, a, alen)) {
        return sub_or_self(self, &s, 0, s.len);
    }
    return suffix ? sub_or_self(self, &s, 0, s.len - alen) : sub_or_self(self, &s, alen, s.len);
}

static py_obj_t str_removeprefix(py_obj_t self, py_obj_t prefix) {
    return remove_affix(self, prefix, false);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_removeprefix_obj, str_removeprefix);

static py_obj_t str_removesuffix(py_obj_t self, py_obj_t suffix) {
    return remove_affix(self, suffix, true);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_removesuffix_obj, str_removesuffix);

// ---- isascii (needs no tables) ------------------------------------------------------------------

static py_obj_t str_isascii(py_obj_t self) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    return PY_OBJ_NEW_BOOL(is_ascii(&s));
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isascii_obj, str_isascii);

// ---- Method tables ------------------------------------------------------------------------------

static const py_map_elem_t str_locals_table[] = {
    PY_STR_SHARED_METHODS,
    {PY_ROM_QSTR(PY_QSTR_casefold), PY_ROM_PTR(&py_str_casefold_obj)},
    {PY_ROM_QSTR(PY_QSTR_encode), PY_ROM_PTR(&py_str_encode_obj)},
    {PY_ROM_QSTR(PY_QSTR_format), PY_ROM_PTR(&py_str_format_obj)},
    {PY_ROM_QSTR(PY_QSTR_format_map), PY_ROM_PTR(&py_str_format_map_obj)},
    {PY_ROM_QSTR(PY_QSTR_isdecimal), PY_ROM_PTR(&py_str_isdecimal_obj)},
    {PY_ROM_QSTR(PY_QSTR_isidentifier), PY_ROM_PTR(&py_str_isidentifier_obj)},
    {PY_ROM_QSTR(PY_QSTR_isnumeric), PY_ROM_PTR(&py_str_isnumeric_obj)},
    {PY_ROM_QSTR(PY_QSTR_isprintable), PY_ROM_PTR(&py_str_isprintable_obj)},
};
PY_DEFINE_CONST_DICT(py_str_locals_dict, str_locals_table);

static const py_map_elem_t bytes_locals_table[] = {
    PY_STR_SHARED_METHODS,
    {PY_ROM_QSTR(PY_QSTR_decode), PY_ROM_PTR(&py_str_decode_obj)},
    {PY_ROM_QSTR(PY_QSTR_hex), PY_ROM_PTR(&py_str_hex_obj)},
    {PY_ROM_QSTR(PY_QSTR_fromhex), PY_ROM_PTR(&py_str_fromhex_obj)},
};
PY_DEFINE_CONST_DICT(py_bytes_locals_dict, bytes_locals_table);

// ---- Iteration ----------------------------------------------------------------------------------

typedef struct str_it {
    py_obj_base_t base;
    py_obj_t seq;
    size_t pos;
} str_it_t;

static py_obj_t it_getiter_self(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static py_obj_t str_it_iternext(py_obj_t self_in) {
    str_it_t *it = PY_OBJ_TO_PTR(self_in);
    size_t len;
    const byte *d = py_str_data(it->seq, &len);
    if (it->pos >= len) {
        return PY_OBJ_STOP_ITERATION;
    }
    size_t a = it->pos, b = a + 1;
    while (b < len && py_utf8_is_cont(d[b])) {
        b++;
    }
    it->pos = b;
    return py_obj_new_str((const char *)d + a, b - a);
}

static py_obj_t bytes_it_iternext(py_obj_t self_in) {
    str_it_t *it = PY_OBJ_TO_PTR(self_in);
    size_t len;
    const byte *d = py_str_data(it->seq, &len);
    if (it->pos >= len) {
        return PY_OBJ_STOP_ITERATION;
    }
    return PY_OBJ_NEW_SMALL_INT(d[it->pos++]);
}

static const py_obj_type_t str_iterator_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_iterator,
    .getiter = it_getiter_self,
    .iternext = str_it_iternext,
};

static const py_obj_type_t bytes_iterator_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_iterator,
    .getiter = it_getiter_self,
    .iternext = bytes_it_iternext,
};

py_obj_t py_str_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    const py_obj_type_t *it_type =
        py_obj_get_type(self) == &py_type_str ? &str_iterator_type : &bytes_iterator_type;
    str_it_t *it;
    if (iter_buf != NULL) {
        it = (str_it_t *)iter_buf;
        it->base.type = it_type;
    } else {
        it = py_new_obj(str_it_t, it_type);
    }
    it->seq = self;
    it->pos = 0;
    return PY_OBJ_FROM_PTR(it);
}
