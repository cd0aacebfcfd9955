// SPDX-License-Identifier: MIT
// objstrformat_method.c: str.format and str.format_map: replacement fields
// {name.attr[key]!conv:spec}, automatic and manual numbering, nested fields in specs, {{ }}.

#include <string.h>

#include "objstr.h"

// Replacement fields may nest inside a format spec this deep (as in CPython).
#define FORMAT_MAX_NESTING (2)

typedef struct format_ctx {
    size_t n_args; // positional arguments
    const py_obj_t *args;
    py_map_t *kw;     // keyword arguments (format), or NULL
    py_obj_t mapping; // the mapping (format_map), or PY_OBJ_NULL
    size_t next_auto; // next automatic field number
    int numbering;    // 0 not yet known, 1 automatic, 2 manual
} format_ctx_t;

static bool all_digits(const byte *s, size_t len) {
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

static size_t parse_index(const byte *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (n > SIZE_MAX / 16) {
            py_raise_ValueError("Too many decimal digits in format string");
        }
        n = n * 10 + (size_t)(s[i] - '0');
    }
    return n;
}

// The argument named by the first part of a field name: "", a number or an identifier.
static py_obj_t field_base(format_ctx_t *ctx, const byte *name, size_t len) {
    size_t index;
    if (len == 0 || all_digits(name, len)) {
        int mode = len == 0 ? 1 : 2;
        if (ctx->numbering != 0 && ctx->numbering != mode) {
            py_raise_ValueError(mode == 1 ? "cannot switch from manual field specification to "
                                            "automatic field numbering"
                                          : "cannot switch from automatic field numbering to "
                                            "manual field specification");
        }
        ctx->numbering = mode;
        index = len == 0 ? ctx->next_auto++ : parse_index(name, len);
        if (index >= ctx->n_args) {
            py_raise_msg_varg(&py_type_IndexError,
                              "Replacement index %u out of range for positional args tuple",
                              (unsigned)index);
        }
        return ctx->args[index];
    }
    py_obj_t key = py_obj_new_str((const char *)name, len);
    if (ctx->mapping != PY_OBJ_NULL) {
        return py_obj_subscr(ctx->mapping, key, PY_OBJ_SENTINEL);
    }
    py_map_elem_t *e = ctx->kw == NULL ? NULL : py_map_lookup(ctx->kw, key, PY_MAP_LOOKUP);
    if (e == NULL) {
        py_raise(py_obj_new_exception_arg1(&py_type_KeyError, key));
    }
    return e->value;
}

// Resolves a whole field name: the base, then .attr and [key] parts.
static py_obj_t field_value(format_ctx_t *ctx, const byte *name, size_t len) {
    size_t i = 0;
    while (i < len && name[i] != '.' && name[i] != '[') {
        i++;
    }
    py_obj_t obj = field_base(ctx, name, i);
    while (i < len) {
        if (name[i] == '.') {
            size_t start = ++i;
            while (i < len && name[i] != '.' && name[i] != '[') {
                i++;
            }
            if (i == start) {
                py_raise_ValueError("Empty attribute in format string");
            }
            obj = py_load_attr(obj, py_qstr_from_strn((const char *)name + start, i - start));
        } else if (name[i] == '[') {
            size_t start = ++i;
            while (i < len && name[i] != ']') {
                i++;
            }
            if (i == len) {
                py_raise_ValueError("Missing ']' in format string");
            }
            size_t klen = i - start;
            py_obj_t key = all_digits(name + start, klen)
                               ? py_obj_new_int((intptr_t)parse_index(name + start, klen))
                               : py_obj_new_str((const char *)name + start, klen);
            obj = py_obj_subscr(obj, key, PY_OBJ_SENTINEL);
            i++;
            if (i < len && name[i] != '.' && name[i] != '[') {
                py_raise_ValueError("Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            py_raise_ValueError("Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return obj;
}

static void format_into(py_vstr_t *out, format_ctx_t *ctx, const byte *s, size_t len, int depth);

// Formats one replacement field whose text (between the braces) is [f] of [len] bytes.
static void format_field(py_vstr_t *out, format_ctx_t *ctx, const byte *f, size_t len, int depth) {
    size_t i = 0;
    int brackets = 0;
    while (i < len && (brackets > 0 || (f[i] != '!' && f[i] != ':'))) {
        brackets += f[i] == '[' ? 1 : f[i] == ']' ? -1 : 0;
        i++;
    }
    size_t name_len = i;
    byte conv = 0;
    if (i < len && f[i] == '!') {
        if (i + 1 >= len) {
            py_raise_ValueError("end of string while looking for conversion specifier");
        }
        conv = f[i + 1];
        i += 2;
        if (i < len && f[i] != ':') {
            py_raise_ValueError("expected ':' after conversion specifier");
        }
    }
    const byte *spec = f + len;
    size_t spec_len = 0;
    if (i < len) {
        spec = f + i + 1;
        spec_len = len - i - 1;
    }
    py_obj_t value = field_value(ctx, f, name_len);
    if (conv == 'r') {
        value = py_obj_repr(value);
    } else if (conv == 's') {
        value = py_obj_str(value);
    } else if (conv == 'a') {
        value = py_str_ascii_of(value);
    } else if (conv != 0) {
        py_raise_msg_varg(&py_type_ValueError, "Unknown conversion specifier %c", conv);
    }
    if (spec_len != 0 && memchr(spec, '{', spec_len) != NULL) {
        // Nested fields in the spec are expanded first, sharing the argument numbering.
        if (depth + 1 >= FORMAT_MAX_NESTING) {
            py_raise_ValueError("Max string recursion exceeded");
        }
        py_vstr_t expanded;
        py_vstr_init(&expanded, spec_len + 16);
        format_into(&expanded, ctx, spec, spec_len, depth + 1);
        py_format_value_into(out, value, (const byte *)expanded.buf, expanded.len);
        py_vstr_clear(&expanded);
        return;
    }
    py_format_value_into(out, value, spec, spec_len);
}

static void format_into(py_vstr_t *out, format_ctx_t *ctx, const byte *s, size_t len, int depth) {
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '{' && s[i] != '}') {
            i++;
        }
        py_vstr_add_strn(out, (const char *)s + start, i - start);
        if (i == len) {
            break;
        }
        if (s[i] == '}') {
            if (i + 1 < len && s[i + 1] == '}') {
                py_vstr_add_byte(out, '}');
                i += 2;
                continue;
            }
            py_raise_ValueError("Single '}' encountered in format string");
        }
        if (i + 1 < len && s[i + 1] == '{') {
            py_vstr_add_byte(out, '{');
            i += 2;
            continue;
        }
        // Find the matching '}': braces nest in the spec; inside [key] they are plain text; the
        // character after '!' is the conversion, whatever it is.
        size_t j = i + 1;
        int nest = 1;
        bool in_spec = false, in_key = false;
        for (; j < len; j++) {
            byte c = s[j];
            if (in_key) {
                in_key = c != ']';
            } else if (!in_spec && c == '[') {
                in_key = true;
            } else if (!in_spec && (c == ':' || c == '!')) {
                in_spec = true;
                j += c == '!';
            } else if (c == '{') {
                nest++;
            } else if (c == '}' && --nest == 0) {
                break;
            }
        }
        if (j >= len) {
            py_raise_ValueError(i + 1 == len ? "Single '{' encountered in format string"
                                : in_spec    ? "unmatched '{' in format spec"
                                             : "expected '}' before end of string");
        }
        format_field(out, ctx, s + i + 1, j - i - 1, depth);
        i = j + 1;
    }
}

static py_obj_t do_format(py_obj_t self, format_ctx_t *ctx) {
    size_t len;
    const byte *s = py_str_get_arg(&py_type_str, self, &len);
    py_vstr_t out;
    py_vstr_init(&out, len + 16);
    format_into(&out, ctx, s, len, 0);
    return py_obj_new_str_from_vstr(&out);
}

static py_obj_t str_format(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    format_ctx_t ctx = {n_args - 1, args + 1, kw, PY_OBJ_NULL, 0, 0};
    return do_format(args[0], &ctx);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_format_obj, 1, str_format);

static py_obj_t str_format_map(py_obj_t self, py_obj_t mapping) {
    format_ctx_t ctx = {0, NULL, NULL, mapping, 0, 0};
    return do_format(self, &ctx);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_format_map_obj, str_format_map);
