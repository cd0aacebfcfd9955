// SPDX-License-Identifier: MIT
// modjson.c: the json module: dumps/dump and loads/load.
//
// Output follows CPython's defaults ({"a": 1}, non-ASCII text as \uXXXX escapes, Infinity/NaN for
// non-finite floats, int/float/bool/None dict keys turned into strings); dumps takes separators=,
// indent=, sort_keys= and default=. Decoding errors are ValueError. Nesting depth is bounded by
// the interpreter's C stack limit (py_stack_check), so deep or cyclic data raises RuntimeError
// rather than crashing.

#include <math.h>
#include <string.h>

#include "extmod.h"
#include "gc.h"

// ---- Encoding -----------------------------------------------------------------------------------

typedef struct json_enc {
    py_vstr_t out;
    const char *item_sep; // between items: ", " or ","
    size_t item_sep_len;
    const char *key_sep; // between a key and its value: ": " or ":"
    size_t key_sep_len;
    const char *indent; // NULL: all on one line
    size_t indent_len;
    bool sort_keys;
    py_obj_t default_fun; // PY_OBJ_NULL when not given
} json_enc_t;

static void enc_value(json_enc_t *e, py_obj_t o, size_t depth);

static void enc_newline(json_enc_t *e, size_t depth) {
    if (e->indent == NULL) {
        return;
    }
    py_vstr_add_byte(&e->out, '\n');
    for (size_t i = 0; i < depth; i++) {
        py_vstr_add_strn(&e->out, e->indent, e->indent_len);
    }
}

static void enc_hex4(py_vstr_t *out, uint32_t u) {
    static const char hex[] = "0123456789abcdef";
    char buf[6] = {'\\',       'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15],
                   hex[u & 15]};
    py_vstr_add_strn(out, buf, 6);
}

// A JSON string literal: quotes, escapes, and every non-ASCII code point as \uXXXX (UTF-16).
static void enc_str(py_vstr_t *out, py_obj_t s) {
    size_t len;
    const byte *p = (const byte *)py_obj_str_get_data(s, &len);
    const byte *end = p + len;
    py_vstr_add_byte(out, '"');
    while (p < end) {
        byte c = *p;
        if (c >= 0x80) {
            uint32_t u = py_utf8_get_char(p, end);
            p += py_utf8_seq_len(c);
            if (u >= 0x10000) {
                u -= 0x10000;
                enc_hex4(out, 0xd800 + (u >> 10));
                enc_hex4(out, 0xdc00 + (u & 0x3ff));
            } else {
                enc_hex4(out, u);
            }
            continue;
        }
        p++;
        const char *esc = NULL;
        switch (c) {
            case '"':
                esc = "\\\"";
                break;
            case '\\':
                esc = "\\\\";
                break;
            case '\n':
                esc = "\\n";
                break;
            case '\r':
                esc = "\\r";
                break;
            case '\t':
                esc = "\\t";
                break;
            case '\b':
                esc = "\\b";
                break;
            case '\f':
                esc = "\\f";
                break;
            default:
                break;
        }
        if (esc != NULL) {
            py_vstr_add_str(out, esc);
        } else if (c < 0x20 || c == 0x7f) {
            enc_hex4(out, c);
        } else {
            py_vstr_add_byte(out, c);
        }
    }
    py_vstr_add_byte(out, '"');
}

static void enc_repr(json_enc_t *e, py_obj_t o) {
    py_print_t print = PY_PRINT_TO_VSTR(&e->out);
    py_obj_print_helper(&print, o, PY_PRINT_REPR);
}

#if PY_FEATURE_FLOAT
static void enc_float(json_enc_t *e, py_obj_t o) {
    py_float_t f = py_obj_get_float(o);
    if (isnan(f)) {
        py_vstr_add_str(&e->out, "NaN");
    } else if (isinf(f)) {
        py_vstr_add_str(&e->out, f > 0 ? "Infinity" : "-Infinity");
    } else {
        enc_repr(e, o);
    }
}
#endif

static void enc_seq(json_enc_t *e, py_obj_t o, size_t depth) {
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(o, &iter_buf);
    py_vstr_add_byte(&e->out, '[');
    bool first = true;
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (!first) {
            py_vstr_add_strn(&e->out, e->item_sep, e->item_sep_len);
        }
        first = false;
        enc_newline(e, depth + 1);
        enc_value(e, item, depth + 1);
    }
    if (!first) {
        enc_newline(e, depth);
    }
    py_vstr_add_byte(&e->out, ']');
}

// A dict key as JSON: a string, or an int/float/bool/None turned into one.
static void enc_key(json_enc_t *e, py_obj_t key) {
    if (py_obj_is_str(key)) {
        enc_str(&e->out, key);
        return;
    }
    py_vstr_add_byte(&e->out, '"');
    if (key == py_const_none || key == py_const_true || key == py_const_false || py_obj_is_int(key)
#if PY_FEATURE_FLOAT
        || py_obj_is_type(key, &py_type_float)
#endif
    ) {
        enc_value(e, key, 0);
    } else {
        py_raise_msg_varg(&py_type_TypeError, "keys must be str, int, float, bool or None, not %s",
                          py_obj_get_type_str(key));
    }
    py_vstr_add_byte(&e->out, '"');
}

static void enc_dict(json_enc_t *e, py_obj_t o, size_t depth) {
    // The (key, value) pairs, through items() so dict subclasses work too.
    py_obj_t dest[2];
    py_load_method(o, PY_QSTR_items, dest);
    py_obj_t items = py_obj_list_from_iterable(py_call_method_n_kw(0, 0, dest));
    py_obj_list_t *l = PY_OBJ_TO_PTR(items);
    if (e->sort_keys && l->len > 1) {
        // Sorting pairs orders by key; equal keys cannot occur in a dict.
        py_sort(l->items, l->len, PY_OBJ_NULL, false);
    }
    py_vstr_add_byte(&e->out, '{');
    for (size_t i = 0; i < l->len; i++) {
        py_obj_t *kv;
        py_obj_get_array_fixed_n(l->items[i], 2, &kv);
        if (i > 0) {
            py_vstr_add_strn(&e->out, e->item_sep, e->item_sep_len);
        }
        enc_newline(e, depth + 1);
        enc_key(e, kv[0]);
        py_vstr_add_strn(&e->out, e->key_sep, e->key_sep_len);
        enc_value(e, kv[1], depth + 1);
    }
    if (l->len > 0) {
        enc_newline(e, depth);
    }
    py_vstr_add_byte(&e->out, '}');
}

static void enc_value(json_enc_t *e, py_obj_t o, size_t depth) {
    py_stack_check();
    if (o == py_const_none) {
        py_vstr_add_str(&e->out, "null");
    } else if (o == py_const_true) {
        py_vstr_add_str(&e->out, "true");
    } else if (o == py_const_false) {
        py_vstr_add_str(&e->out, "false");
    } else if (py_obj_is_str(o)) {
        enc_str(&e->out, o);
    } else if (py_obj_is_int(o)) {
        enc_repr(e, o);
#if PY_FEATURE_FLOAT
    } else if (py_obj_is_instance(o, &py_type_float)) {
        enc_float(e, o);
#endif
    } else if (py_obj_is_instance(o, &py_type_list) || py_obj_is_instance(o, &py_type_tuple)) {
        enc_seq(e, o, depth);
    } else if (py_obj_is_instance(o, &py_type_dict)) {
        enc_dict(e, o, depth);
    } else if (e->default_fun != PY_OBJ_NULL) {
        enc_value(e, py_call_function_1(e->default_fun, o), depth);
    } else {
        py_raise_msg_varg(&py_type_TypeError, "Object of type %s is not JSON serializable",
                          py_obj_get_type_str(o));
    }
}

// The (separators, indent, sort_keys, default) keyword arguments of dumps and dump.
enum { ARG_separators, ARG_indent, ARG_sort_keys, ARG_default, ARG_NUM };

static const py_arg_t enc_args[ARG_NUM] = {
    {PY_QSTR_separators, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = py_const_none}},
    {PY_QSTR_indent, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = py_const_none}},
    {PY_QSTR_sort_keys, PY_ARG_KW_ONLY | PY_ARG_BOOL, {.u_bool = false}},
    {PY_QSTR_default, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = py_const_none}},
};

// Largest indent= given as a number of spaces.
#define JSON_MAX_INDENT (64)

static void enc_init(json_enc_t *e, py_map_t *kw) {
    py_arg_val_t vals[ARG_NUM];
    py_arg_parse_all(0, NULL, kw, ARG_NUM, enc_args, vals);
    memset(e, 0, sizeof(*e));
    py_obj_t indent = vals[ARG_indent].u_obj;
    if (indent != py_const_none) {
        if (py_obj_is_str(indent)) {
            e->indent = py_obj_str_get_data(indent, &e->indent_len);
        } else {
            intptr_t n = py_obj_get_int(indent);
            if (n > JSON_MAX_INDENT) {
                py_raise_ValueError("indent too large");
            }
            static const char spaces[JSON_MAX_INDENT + 1] =
                "                                                                ";
            e->indent = spaces;
            e->indent_len = n > 0 ? (size_t)n : 0;
        }
    }
    e->item_sep = e->indent != NULL ? "," : ", ";
    e->key_sep = ": ";
    py_obj_t seps = vals[ARG_separators].u_obj;
    if (seps != py_const_none) {
        py_obj_t items[2];
        py_unpack_sequence(seps, 2, items);
        e->item_sep = py_obj_str_get_data(items[0], &e->item_sep_len);
        e->key_sep = py_obj_str_get_data(items[1], &e->key_sep_len);
    } else {
        e->item_sep_len = strlen(e->item_sep);
        e->key_sep_len = strlen(e->key_sep);
    }
    e->sort_keys = vals[ARG_sort_keys].u_bool;
    e->default_fun =
        vals[ARG_default].u_obj == py_const_none ? PY_OBJ_NULL : vals[ARG_default].u_obj;
    py_vstr_init(&e->out, 16);
}

static py_obj_t json_dumps(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_check_num(n_args, 0, 1, 1, false);
    json_enc_t e;
    enc_init(&e, kw);
    enc_value(&e, args[0], 0);
    return py_obj_new_str_from_vstr(&e.out);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(json_dumps_obj, 1, json_dumps);

// dump(obj, fp, **kw): writes the text with fp.write().
static py_obj_t json_dump(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_check_num(n_args, 0, 2, 2, false);
    py_obj_t text = json_dumps(1, args, kw);
    py_obj_t dest[3];
    py_load_method(args[1], PY_QSTR_write, dest);
    dest[2] = text;
    py_call_method_n_kw(1, 0, dest);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(json_dump_obj, 2, json_dump);

// ---- Decoding -----------------------------------------------------------------------------------

typedef struct json_dec {
    const byte *pos;
    const byte *end;
} json_dec_t;

static PY_NORETURN void dec_error(void) {
    py_raise_ValueError("syntax error in JSON");
}

static void dec_skip_ws(json_dec_t *d) {
    while (d->pos < d->end &&
           (*d->pos == ' ' || *d->pos == '\t' || *d->pos == '\n' || *d->pos == '\r')) {
        d->pos++;
    }
}

static bool dec_literal(json_dec_t *d, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(d->end - d->pos) >= n && memcmp(d->pos, word, n) == 0) {
        d->pos += n;
        return true;
    }
    return false;
}

static uint32_t dec_hex4(json_dec_t *d) {
    if (d->end - d->pos < 4) {
        dec_error();
    }
    uint32_t u = 0;
    for (int i = 0; i < 4; i++) {
        byte c = *d->pos++;
        int v = c >= '0' && c <= '9'                     ? c - '0'
                : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                         : -1;
        if (v < 0) {
            dec_error();
        }
        u = u << 4 | (uint32_t)v;
    }
    return u;
}

// A \uXXXX escape (after the backslash and 'u'), joining a UTF-16 surrogate pair.
static uint32_t dec_unicode_escape(json_dec_t *d) {
    uint32_t u = dec_hex4(d);
    if (u >= 0xd800 && u < 0xdc00 && d->end - d->pos >= 6 && d->pos[0] == '\\' &&
        d->pos[1] == 'u') {
        const byte *save = d->pos;
        d->pos += 2;
        uint32_t lo = dec_hex4(d);
        if (lo >= 0xdc00 && lo < 0xe000) {
            return 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
        }
        d->pos = save;
    }
    return u;
}

static py_obj_t dec_string(json_dec_t *d) {
    d->pos++; // the opening quote
    py_vstr_t v;
    py_vstr_init(&v, 16);
    for (;;) {
        if (d->pos >= d->end) {
            dec_error();
        }
        byte c = *d->pos++;
        if (c == '"') {
            break;
        }
        if (c < 0x20) {
            dec_error(); // control characters must be escaped
        }
        if (c != '\\') {
            py_vstr_add_byte(&v, c);
            continue;
        }
        if (d->pos >= d->end) {
            dec_error();
        }
        c = *d->pos++;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                py_vstr_add_byte(&v, c);
                break;
            case 'b':
                py_vstr_add_byte(&v, '\b');
                break;
            case 'f':
                py_vstr_add_byte(&v, '\f');
                break;
            case 'n':
                py_vstr_add_byte(&v, '\n');
                break;
            case 'r':
                py_vstr_add_byte(&v, '\r');
                break;
            case 't':
                py_vstr_add_byte(&v, '\t');
                break;
            case 'u':
                py_vstr_add_char(&v, dec_unicode_escape(d));
                break;
            default:
                dec_error();
        }
    }
    if (!py_utf8_is_valid((const byte *)v.buf, v.len)) {
        dec_error();
    }
    return py_obj_new_str_from_vstr(&v);
}

static size_t dec_digits(json_dec_t *d) {
    const byte *start = d->pos;
    while (d->pos < d->end && *d->pos >= '0' && *d->pos <= '9') {
        d->pos++;
    }
    return (size_t)(d->pos - start);
}

static py_obj_t dec_number(json_dec_t *d) {
    const byte *start = d->pos;
    bool neg = *d->pos == '-';
    if (neg) {
        d->pos++;
#if PY_FEATURE_FLOAT
        if (dec_literal(d, "Infinity")) {
            return py_obj_new_float(-INFINITY);
        }
#endif
    }
    const byte *digits = d->pos;
    size_t n_int = dec_digits(d);
    if (n_int == 0 || (n_int > 1 && *digits == '0')) {
        dec_error();
    }
    bool is_float = false;
    if (d->pos < d->end && *d->pos == '.') {
        d->pos++;
        if (dec_digits(d) == 0) {
            dec_error();
        }
        is_float = true;
    }
    if (d->pos < d->end && (*d->pos == 'e' || *d->pos == 'E')) {
        d->pos++;
        if (d->pos < d->end && (*d->pos == '+' || *d->pos == '-')) {
            d->pos++;
        }
        if (dec_digits(d) == 0) {
            dec_error();
        }
        is_float = true;
    }
    if (!is_float) {
        return py_obj_new_int_from_str_len((const char *)digits, n_int, neg, 10);
    }
#if PY_FEATURE_FLOAT
    return py_obj_new_float_from_str((const char *)start, (size_t)(d->pos - start));
#else
    (void)start;
    dec_error();
#endif
}

static py_obj_t dec_value(json_dec_t *d);

static py_obj_t dec_array(json_dec_t *d) {
    d->pos++;
    py_obj_t list = py_obj_new_list(0, NULL);
    dec_skip_ws(d);
    if (d->pos < d->end && *d->pos == ']') {
        d->pos++;
        return list;
    }
    for (;;) {
        py_obj_list_append(list, dec_value(d));
        dec_skip_ws(d);
        if (d->pos >= d->end) {
            dec_error();
        }
        byte c = *d->pos++;
        if (c == ']') {
            return list;
        }
        if (c != ',') {
            dec_error();
        }
    }
}

static py_obj_t dec_object(json_dec_t *d) {
    d->pos++;
    py_obj_t dict = py_obj_new_dict(0);
    dec_skip_ws(d);
    if (d->pos < d->end && *d->pos == '}') {
        d->pos++;
        return dict;
    }
    for (;;) {
        dec_skip_ws(d);
        if (d->pos >= d->end || *d->pos != '"') {
            dec_error();
        }
        py_obj_t key = dec_string(d);
        dec_skip_ws(d);
        if (d->pos >= d->end || *d->pos++ != ':') {
            dec_error();
        }
        py_obj_dict_store(dict, key, dec_value(d));
        dec_skip_ws(d);
        if (d->pos >= d->end) {
            dec_error();
        }
        byte c = *d->pos++;
        if (c == '}') {
            return dict;
        }
        if (c != ',') {
            dec_error();
        }
    }
}

static py_obj_t dec_value(json_dec_t *d) {
    py_stack_check();
    dec_skip_ws(d);
    if (d->pos >= d->end) {
        dec_error();
    }
    switch (*d->pos) {
        case '{':
            return dec_object(d);
        case '[':
            return dec_array(d);
        case '"':
            return dec_string(d);
        default:
            break;
    }
    if (*d->pos == '-' || (*d->pos >= '0' && *d->pos <= '9')) {
        return dec_number(d);
    }
    if (dec_literal(d, "null")) {
        return py_const_none;
    }
    if (dec_literal(d, "true")) {
        return py_const_true;
    }
    if (dec_literal(d, "false")) {
        return py_const_false;
    }
#if PY_FEATURE_FLOAT
    if (dec_literal(d, "NaN")) {
        return py_obj_new_float(NAN);
    }
    if (dec_literal(d, "Infinity")) {
        return py_obj_new_float(INFINITY);
    }
#endif
    dec_error();
}

static py_obj_t json_loads(py_obj_t text) {
    py_buffer_info_t buf;
    if (py_obj_is_str(text)) {
        buf.buf = (void *)py_obj_str_get_data(text, &buf.len);
    } else {
        py_get_buffer_raise(text, &buf, PY_BUFFER_READ);
    }
    json_dec_t d = {buf.buf, (const byte *)buf.buf + buf.len};
    py_obj_t value = dec_value(&d);
    dec_skip_ws(&d);
    if (d.pos != d.end) {
        dec_error();
    }
    return value;
}
static PY_DEFINE_CONST_FUN_OBJ_1(json_loads_obj, json_loads);

static py_obj_t json_load(py_obj_t fp) {
    py_obj_t dest[2];
    py_load_method(fp, PY_QSTR_read, dest);
    return json_loads(py_call_method_n_kw(0, 0, dest));
}
static PY_DEFINE_CONST_FUN_OBJ_1(json_load_obj, json_load);

static const py_map_elem_t json_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_json)},
    {PY_ROM_QSTR(PY_QSTR_dumps), PY_ROM_PTR(&json_dumps_obj)},
    {PY_ROM_QSTR(PY_QSTR_dump), PY_ROM_PTR(&json_dump_obj)},
    {PY_ROM_QSTR(PY_QSTR_loads), PY_ROM_PTR(&json_loads_obj)},
    {PY_ROM_QSTR(PY_QSTR_load), PY_ROM_PTR(&json_load_obj)},
};
static PY_DEFINE_CONST_DICT(json_globals, json_globals_table);

const py_obj_module_t py_module_json = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&json_globals,
};
