// SPDX-License-Identifier: MIT
// objstr_case.c: case conversion, character class tests, padding (center, ljust, rjust, zfill,
// expandtabs) and translate/maketrans of str, bytes and bytearray.
//
// bytes and bytearray know ASCII only, as in CPython; str uses objunicode.c beyond ASCII.

#include <string.h>

#include "nlr.h"
#include "objstr.h"

#define SHARP_S         (0xdfu) // ß: upper case "SS"
#define CAPITAL_SHARP_S (0x1e9eu)
#define CAPITAL_SIGMA   (0x3a3u)
#define FINAL_SIGMA     (0x3c2u)

// The character starting at byte [i] of [s]: its value and (in [*n]) its length.
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

// Character classes: bytes methods see ASCII only.
static bool c_isupper(bool uni, uint32_t c) {
    return uni ? py_unichar_isupper(c) : (c >= 'A' && c <= 'Z');
}
static bool c_islower(bool uni, uint32_t c) {
    return uni ? py_unichar_islower(c) : (c >= 'a' && c <= 'z');
}
static uint32_t c_toupper(bool uni, uint32_t c) {
    return uni || c < 0x80 ? py_unichar_toupper(c) : c;
}
static uint32_t c_tolower(bool uni, uint32_t c) {
    return uni || c < 0x80 ? py_unichar_tolower(c) : c;
}

// ---- Case conversion ----------------------------------------------------------------------------

typedef enum {
    CASE_UPPER,
    CASE_LOWER,
    CASE_SWAP,
    CASE_CAPITALIZE,
    CASE_TITLE,
    CASE_FOLD,
} case_op_t;

static void emit(py_vstr_t *v, bool uni, uint32_t c) {
    if (uni) {
        py_vstr_add_char(v, c);
    } else {
        py_vstr_add_byte(v, (byte)c);
    }
}

// Σ lowers to final ς at the end of a word: after a cased letter and not before one.
static uint32_t lower_sigma(const py_strarg_t *s, size_t i, size_t n, bool prev_cased) {
    size_t next_n;
    bool next_cased = i + n < s->len && py_unichar_iscased(char_at(s, i + n, &next_n));
    return prev_cased && !next_cased ? FINAL_SIGMA : 0x3c3u;
}

// Appends [c] converted up ([up]) or down, with the special cases that are not one-to-one.
static void emit_case(py_vstr_t *v, const py_strarg_t *s, size_t i, size_t n, uint32_t c, bool up,
                      bool title, bool prev_cased, bool fold) {
    bool uni = s->type == &py_type_str;
    if (uni && up && c == SHARP_S) {
        py_vstr_add_str(v, title ? "Ss" : "SS");
    } else if (uni && !up && c == CAPITAL_SIGMA && !fold) {
        py_vstr_add_char(v, lower_sigma(s, i, n, prev_cased));
    } else if (uni && fold && (c == SHARP_S || c == CAPITAL_SHARP_S)) {
        py_vstr_add_str(v, "ss");
    } else if (uni && fold && c == FINAL_SIGMA) {
        py_vstr_add_char(v, 0x3c3u);
    } else {
        uint32_t r = !up            ? c_tolower(uni, c)
                     : uni && title ? py_unichar_totitle(c)
                                    : c_toupper(uni, c);
        if (uni && fold) {
            r = py_unichar_tolower(py_unichar_toupper(r)); // ſ -> s, µ -> μ
        }
        emit(v, uni, r);
    }
}

static bool ascii_isupper(byte b) {
    return b >= 'A' && b <= 'Z';
}
static bool ascii_islower(byte b) {
    return b >= 'a' && b <= 'z';
}

// case_convert for ASCII text (all of bytes' cases): byte by byte into [out].
static void case_convert_ascii(const byte *in, size_t len, byte *out, case_op_t op) {
    bool prev_cased = false;
    for (size_t i = 0; i < len; i++) {
        byte b = in[i];
        bool up;
        switch (op) {
            case CASE_UPPER:
                up = true;
                break;
            case CASE_SWAP:
                up = ascii_islower(b);
                break;
            case CASE_CAPITALIZE:
                up = i == 0;
                break;
            case CASE_TITLE:
                up = !prev_cased;
                break;
            default:
                up = false;
                break;
        }
        prev_cased = ascii_isupper(b) || ascii_islower(b);
        out[i] =
            up ? (ascii_islower(b) ? (byte)(b - 32) : b) : (ascii_isupper(b) ? (byte)(b + 32) : b);
    }
}

// Is str [self] (seen as [s]) ASCII? O(1) for str objects, which know their length in code points.
static bool text_is_ascii(py_obj_t self, const py_strarg_t *s) {
    if (py_obj_is_str(self)) {
        return py_str_charlen(self) == s->len;
    }
    return py_utf8_charlen(s->data, s->len) == s->len;
}

static py_obj_t case_convert(py_obj_t self, case_op_t op) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    bool uni = s.type == &py_type_str;
    if (!uni || text_is_ascii(self, &s)) {
        // ASCII text converts in place in a result of the same length.
        if (s.type == &py_type_bytearray) {
            py_obj_t r = py_obj_new_bytearray(s.len, NULL);
            py_obj_bytearray_t *ba = PY_OBJ_TO_PTR(r);
            case_convert_ascii(s.data, s.len, ba->items, op);
            return r;
        }
        if (s.len == 0) {
            return py_str_new_of_type(s.type, NULL, 0);
        }
        byte *out;
        py_obj_str_t *o = py_str_alloc(s.type, s.len, &out);
        case_convert_ascii(s.data, s.len, out, op);
        return PY_OBJ_FROM_PTR(o);
    }
    py_vstr_t v;
    py_vstr_init(&v, s.len + 1);
    bool prev_cased = false;
    for (size_t i = 0; i < s.len;) {
        size_t n;
        uint32_t c = char_at(&s, i, &n);
        bool up;
        switch (op) {
            case CASE_UPPER:
                up = true;
                break;
            case CASE_SWAP:
                up = c_islower(uni, c);
                if (!up && !c_isupper(uni, c)) {
                    emit(&v, uni, c);
                    i += n;
                    continue;
                }
                break;
            case CASE_CAPITALIZE:
                up = i == 0;
                break;
            case CASE_TITLE:
                up = !prev_cased;
                break;
            default:
                up = false;
                break;
        }
        bool title = op == CASE_CAPITALIZE || op == CASE_TITLE;
        emit_case(&v, &s, i, n, c, up, title, prev_cased, op == CASE_FOLD);
        prev_cased = uni ? py_unichar_iscased(c) : c_isupper(uni, c) || c_islower(uni, c);
        i += n;
    }
    return py_str_new_of_type_from_vstr(s.type, &v);
}

static py_obj_t str_upper(py_obj_t self) {
    return case_convert(self, CASE_UPPER);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_upper_obj, str_upper);

static py_obj_t str_lower(py_obj_t self) {
    return case_convert(self, CASE_LOWER);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_lower_obj, str_lower);

static py_obj_t str_swapcase(py_obj_t self) {
    return case_convert(self, CASE_SWAP);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_swapcase_obj, str_swapcase);

static py_obj_t str_capitalize(py_obj_t self) {
    return case_convert(self, CASE_CAPITALIZE);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_capitalize_obj, str_capitalize);

static py_obj_t str_title(py_obj_t self) {
    return case_convert(self, CASE_TITLE);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_title_obj, str_title);

static py_obj_t str_casefold(py_obj_t self) {
    return case_convert(self, CASE_FOLD);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_casefold_obj, str_casefold);

// ---- Character class tests ----------------------------------------------------------------------

typedef enum {
    IS_DIGIT,
    IS_ALPHA,
    IS_SPACE,
    IS_ALNUM,
    IS_DECIMAL,
    IS_NUMERIC,
    IS_PRINTABLE,
} is_class_t;

static bool char_is(is_class_t cls, bool uni, uint32_t c) {
    if (!uni) {
        switch (cls) {
            case IS_DIGIT:
                return c >= '0' && c <= '9';
            case IS_ALPHA:
                return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            case IS_SPACE:
                return c == ' ' || (c >= '\t' && c <= '\r');
            default:
                return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        }
    }
    switch (cls) {
        case IS_DIGIT:
            return py_unichar_isdigit(c);
        case IS_ALPHA:
            return py_unichar_isalpha(c);
        case IS_SPACE:
            return py_unichar_isspace(c);
        case IS_ALNUM:
            return py_unichar_isalpha(c) || py_unichar_isnumeric(c);
        case IS_DECIMAL:
            return py_unichar_isdecimal(c);
        case IS_NUMERIC:
            return py_unichar_isnumeric(c);
        default:
            return py_unichar_isprintable(c);
    }
}

// True if every character is in [cls]; an empty string gives [if_empty].
static py_obj_t all_chars_are(py_obj_t self, is_class_t cls, bool if_empty) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    if (s.len == 0) {
        return PY_OBJ_NEW_BOOL(if_empty);
    }
    bool uni = s.type == &py_type_str;
    for (size_t i = 0; i < s.len;) {
        size_t n;
        if (!char_is(cls, uni, char_at(&s, i, &n))) {
            return py_const_false;
        }
        i += n;
    }
    return py_const_true;
}

static py_obj_t str_isdigit(py_obj_t self) {
    return all_chars_are(self, IS_DIGIT, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isdigit_obj, str_isdigit);

static py_obj_t str_isalpha(py_obj_t self) {
    return all_chars_are(self, IS_ALPHA, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isalpha_obj, str_isalpha);

static py_obj_t str_isspace(py_obj_t self) {
    return all_chars_are(self, IS_SPACE, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isspace_obj, str_isspace);

static py_obj_t str_isalnum(py_obj_t self) {
    return all_chars_are(self, IS_ALNUM, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isalnum_obj, str_isalnum);

static py_obj_t str_isdecimal(py_obj_t self) {
    return all_chars_are(self, IS_DECIMAL, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isdecimal_obj, str_isdecimal);

static py_obj_t str_isnumeric(py_obj_t self) {
    return all_chars_are(self, IS_NUMERIC, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isnumeric_obj, str_isnumeric);

static py_obj_t str_isprintable(py_obj_t self) {
    return all_chars_are(self, IS_PRINTABLE, true);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isprintable_obj, str_isprintable);

// isupper ([upper]) / islower: some cased character and none of the other case.
static py_obj_t cased_test(py_obj_t self, bool upper) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    bool uni = s.type == &py_type_str, cased = false;
    for (size_t i = 0; i < s.len;) {
        size_t n;
        uint32_t c = char_at(&s, i, &n);
        if ((upper ? c_islower(uni, c) : c_isupper(uni, c)) || (uni && py_unichar_istitle(c))) {
            return py_const_false;
        }
        cased = cased || (upper ? c_isupper(uni, c) : c_islower(uni, c));
        i += n;
    }
    return PY_OBJ_NEW_BOOL(cased);
}

static py_obj_t str_isupper(py_obj_t self) {
    return cased_test(self, true);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isupper_obj, str_isupper);

static py_obj_t str_islower(py_obj_t self) {
    return cased_test(self, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_islower_obj, str_islower);

static py_obj_t str_istitle(py_obj_t self) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    bool uni = s.type == &py_type_str, cased = false, prev_cased = false;
    for (size_t i = 0; i < s.len;) {
        size_t n;
        uint32_t c = char_at(&s, i, &n);
        if (c_isupper(uni, c) || (uni && py_unichar_istitle(c))) {
            if (prev_cased) {
                return py_const_false;
            }
            prev_cased = cased = true;
        } else if (c_islower(uni, c)) {
            if (!prev_cased) {
                return py_const_false;
            }
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
        i += n;
    }
    return PY_OBJ_NEW_BOOL(cased);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_istitle_obj, str_istitle);

static py_obj_t str_isidentifier(py_obj_t self) {
    py_strarg_t s;
    py_str_get_self(self, &s);
    if (s.len == 0) {
        return py_const_false;
    }
    for (size_t i = 0; i < s.len;) {
        size_t n;
        uint32_t c = char_at(&s, i, &n);
        bool ok = c == '_' || py_unichar_isalpha(c) || (i > 0 && py_unichar_isdecimal(c));
        if (!ok) {
            return py_const_false;
        }
        i += n;
    }
    return py_const_true;
}
PY_DEFINE_CONST_FUN_OBJ_1(py_str_isidentifier_obj, str_isidentifier);

// ---- Padding ------------------------------------------------------------------------------------

static size_t charlen_of(const py_strarg_t *s) {
    return s->type == &py_type_str ? py_utf8_charlen(s->data, s->len) : s->len;
}

// The fill argument: one character (str) or one byte (bytes-like), as its bytes.
static const byte *fill_arg(const py_strarg_t *s, size_t n_args, const py_obj_t *args,
                            size_t *flen) {
    if (n_args < 3) {
        *flen = 1;
        return (const byte *)" ";
    }
    const byte *f = py_str_get_arg(s->type, args[2], flen);
    size_t n = s->type == &py_type_str ? py_utf8_charlen(f, *flen) : *flen;
    if (n != 1) {
        py_raise_TypeError("The fill character must be exactly one character long");
    }
    return f;
}

static py_obj_t justify(size_t n_args, const py_obj_t *args, char align) {
    intptr_t width = py_obj_get_int(args[1]); // before taking self's bytes: it may run Python code
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    size_t flen;
    const byte *fill = fill_arg(&s, n_args, args, &flen);
    size_t charlen = charlen_of(&s);
    if (width <= (intptr_t)charlen) {
        if (s.type == &py_type_bytearray || py_obj_get_type(args[0]) != s.type) {
            return py_str_new_of_type(s.type, s.data, s.len);
        }
        return args[0];
    }
    size_t pad = (size_t)width - charlen;
    size_t left = align == '<' ? 0 : align == '>' ? pad : pad / 2 + (pad & (size_t)width & 1);
    py_vstr_t v;
    py_vstr_init(&v, s.len + pad * flen + 1);
    for (size_t i = 0; i < left; i++) {
        py_vstr_add_strn(&v, (const char *)fill, flen);
    }
    py_vstr_add_strn(&v, (const char *)s.data, s.len);
    for (size_t i = left; i < pad; i++) {
        py_vstr_add_strn(&v, (const char *)fill, flen);
    }
    return py_str_new_of_type_from_vstr(s.type, &v);
}

static py_obj_t str_center(size_t n_args, const py_obj_t *args) {
    return justify(n_args, args, '^');
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_center_obj, 2, 3, str_center);

static py_obj_t str_ljust(size_t n_args, const py_obj_t *args) {
    return justify(n_args, args, '<');
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_ljust_obj, 2, 3, str_ljust);

static py_obj_t str_rjust(size_t n_args, const py_obj_t *args) {
    return justify(n_args, args, '>');
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_rjust_obj, 2, 3, str_rjust);

static py_obj_t str_zfill(py_obj_t self, py_obj_t width_in) {
    intptr_t width = py_obj_get_int(width_in);
    py_strarg_t s;
    py_str_get_self(self, &s);
    size_t charlen = charlen_of(&s);
    if (width <= (intptr_t)charlen) {
        return py_str_new_of_type(s.type, s.data, s.len);
    }
    size_t pad = (size_t)width - charlen;
    py_vstr_t v;
    py_vstr_init(&v, (size_t)width + 1);
    size_t i = 0;
    if (s.len > 0 && (s.data[0] == '+' || s.data[0] == '-')) {
        py_vstr_add_byte(&v, s.data[0]);
        i = 1;
    }
    memset(py_vstr_add_len(&v, pad), '0', pad);
    py_vstr_add_strn(&v, (const char *)s.data + i, s.len - i);
    return py_str_new_of_type_from_vstr(s.type, &v);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_zfill_obj, str_zfill);

static const py_arg_t expandtabs_args[] = {
    {PY_QSTR_tabsize, PY_ARG_INT, {.u_int = 8}},
};

static py_obj_t str_expandtabs(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_val_t v[1];
    py_arg_parse_all(n_args - 1, args + 1, kw, 1, expandtabs_args, v);
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    intptr_t tabsize = v[0].u_int;
    py_vstr_t out;
    py_vstr_init(&out, s.len + 1);
    size_t col = 0;
    for (size_t i = 0; i < s.len; i++) {
        byte b = s.data[i];
        if (b == '\t') {
            if (tabsize > 0) {
                size_t n = (size_t)tabsize - col % (size_t)tabsize;
                memset(py_vstr_add_len(&out, n), ' ', n);
                col += n;
            }
            continue;
        }
        py_vstr_add_byte(&out, b);
        if (b == '\n' || b == '\r') {
            col = 0;
        } else if (s.type != &py_type_str || !py_utf8_is_cont(b)) {
            col++;
        }
    }
    return py_str_new_of_type_from_vstr(s.type, &out);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_expandtabs_obj, 1, str_expandtabs);

// ---- translate, maketrans -----------------------------------------------------------------------

// table[c] for str.translate, or PY_OBJ_NULL when the table has no entry (LookupError).
static py_obj_t translate_lookup(py_obj_t table, uint32_t c) {
    py_obj_t key = PY_OBJ_NEW_SMALL_INT(c);
    if (py_obj_is_type(table, &py_type_dict)) {
        return py_obj_dict_get(table, key);
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t r = py_obj_subscr(table, key, PY_OBJ_SENTINEL);
        py_nlr_pop();
        return r;
    }
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (!py_obj_exception_match(exc, PY_OBJ_FROM_PTR((py_obj_type_t *)&py_type_LookupError))) {
        py_nlr_jump(nlr.ret_val);
    }
    return PY_OBJ_NULL;
}

static py_obj_t translate_str(const py_strarg_t *s, py_obj_t table) {
    py_vstr_t v;
    py_vstr_init(&v, s->len + 1);
    for (size_t i = 0; i < s->len;) {
        size_t n;
        uint32_t c = char_at(s, i, &n);
        py_obj_t r = translate_lookup(table, c);
        if (r == PY_OBJ_NULL) {
            py_vstr_add_strn(&v, (const char *)s->data + i, n);
        } else if (py_obj_is_str(r)) {
            size_t rlen;
            const byte *rd = py_str_data(r, &rlen);
            py_vstr_add_strn(&v, (const char *)rd, rlen);
        } else if (py_obj_is_int(r)) {
            intptr_t k = py_obj_get_int(r);
            if (k < 0 || k > 0x10ffff) {
                py_raise_ValueError("character mapping must be in range(0x110000)");
            }
            py_vstr_add_char(&v, (uint32_t)k);
        } else if (r != py_const_none) {
            py_raise_TypeError("character mapping must return integer, None or str");
        }
        i += n;
    }
    return py_obj_new_str_from_vstr(&v);
}

static py_obj_t str_translate(size_t n_args, const py_obj_t *args) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    if (s.type == &py_type_str) {
        if (n_args > 2) {
            py_raise_TypeError("translate() takes exactly one argument");
        }
        return translate_str(&s, args[1]);
    }
    size_t tlen = 256, dlen = 0;
    const byte *table = NULL, *del = NULL;
    if (args[1] != py_const_none) {
        table = py_str_get_arg(s.type, args[1], &tlen);
        if (tlen != 256) {
            py_raise_ValueError("translation table must be 256 characters long");
        }
    }
    if (n_args > 2) {
        del = py_str_get_arg(s.type, args[2], &dlen);
    }
    py_vstr_t v;
    py_vstr_init(&v, s.len + 1);
    for (size_t i = 0; i < s.len; i++) {
        byte b = s.data[i];
        if (dlen == 0 || memchr(del, b, dlen) == NULL) {
            py_vstr_add_byte(&v, table != NULL ? table[b] : b);
        }
    }
    return py_str_new_of_type_from_vstr(s.type, &v);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_translate_obj, 2, 3, str_translate);

static py_obj_t ord_key(py_obj_t k) {
    if (py_obj_is_str(k)) {
        size_t len;
        const byte *d = py_str_data(k, &len);
        if (py_utf8_charlen(d, len) != 1) {
            py_raise_ValueError("string keys in translate table must be of length 1");
        }
        return PY_OBJ_NEW_SMALL_INT(py_utf8_get_char(d, d + len));
    }
    if (!py_obj_is_int(k)) {
        py_raise_TypeError("keys in translate table must be strings or integers");
    }
    return k;
}

// bytes.maketrans(from, to): a 256-byte table.
static py_obj_t bytes_maketrans(py_obj_t from_in, py_obj_t to_in) {
    size_t flen, tlen;
    const byte *from = py_str_get_arg(&py_type_bytes, from_in, &flen);
    const byte *to = py_str_get_arg(&py_type_bytes, to_in, &tlen);
    if (flen != tlen) {
        py_raise_ValueError("maketrans arguments must have same length");
    }
    byte *out;
    py_obj_str_t *o = py_str_alloc(&py_type_bytes, 256, &out);
    for (size_t i = 0; i < 256; i++) {
        out[i] = (byte)i;
    }
    for (size_t i = 0; i < flen; i++) {
        out[from[i]] = to[i];
    }
    return PY_OBJ_FROM_PTR(o);
}

// str.maketrans(dict) / (x, y[, z]) and bytes.maketrans(from, to), told apart by argument type.
static py_obj_t str_maketrans(size_t n_args, const py_obj_t *args) {
    if (n_args == 2 && !py_obj_is_str(args[0])) {
        return bytes_maketrans(args[0], args[1]);
    }
    py_obj_t d = py_obj_new_dict(0);
    if (n_args == 1) {
        if (!py_obj_is_type(args[0], &py_type_dict)) {
            py_raise_TypeError("if you give only one argument to maketrans it must be a dict");
        }
        py_map_t *m = py_obj_dict_get_map(args[0]);
        for (size_t i = 0; i < m->filled; i++) {
            if (py_map_slot_is_filled(m, i)) {
                py_obj_dict_store(d, ord_key(m->table[i].key), m->table[i].value);
            }
        }
        return d;
    }
    py_strarg_t x, y;
    py_str_get_self(args[0], &x);
    py_str_get_self(args[1], &y);
    if (x.type != &py_type_str || y.type != &py_type_str) {
        py_raise_TypeError("maketrans arguments must be str");
    }
    if (charlen_of(&x) != charlen_of(&y)) {
        py_raise_ValueError("the first two maketrans arguments must have equal length");
    }
    for (size_t i = 0, j = 0; i < x.len;) {
        size_t n, m;
        uint32_t a = char_at(&x, i, &n), b = char_at(&y, j, &m);
        py_obj_dict_store(d, PY_OBJ_NEW_SMALL_INT(a), PY_OBJ_NEW_SMALL_INT(b));
        i += n;
        j += m;
    }
    if (n_args > 2) {
        py_strarg_t z;
        py_str_get_self(args[2], &z);
        for (size_t i = 0; i < z.len;) {
            size_t n;
            uint32_t c = char_at(&z, i, &n);
            py_obj_dict_store(d, PY_OBJ_NEW_SMALL_INT(c), py_const_none);
            i += n;
        }
    }
    return d;
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_maketrans_fun_obj, 1, 3, str_maketrans);
PY_DEFINE_CONST_STATICMETHOD_OBJ(py_str_maketrans_obj, PY_ROM_PTR(&py_str_maketrans_fun_obj));
