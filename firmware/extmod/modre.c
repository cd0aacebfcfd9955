// SPDX-License-Identifier: MIT
// modre.c: the re module: Pattern and Match objects over the engine in re_compile.c/re_exec.c.
//
// compile, match, search, fullmatch, sub, subn, split, findall, finditer and escape, at module
// level and as Pattern methods (which also take pos and endpos). Positions seen by Python are in
// code points for str and bytes for bytes; inside, everything is a byte offset. Empty matches
// follow CPython 3.7+: after an empty match the next one may start at the same position only if
// it is not empty. re.error is ValueError; a pattern that backtracks without end raises
// RuntimeError (re_engine.h's limits).

#include <string.h>

#include "extmod.h"
#include "gc.h"
#include "objstr.h"
#include "re_engine.h"

// CPython's re.UNICODE, reported in the flags of str patterns.
#define RE_FLAG_UNICODE (32)

typedef struct re_pattern {
    py_obj_base_t base;
    py_obj_t pattern; // the source, str or bytes
    py_re_prog_t prog;
} re_pattern_t;

typedef struct re_match {
    py_obj_base_t base;
    re_pattern_t *re;
    py_obj_t string;
    size_t n_groups;
    intptr_t caps[]; // 2 * n_groups byte offsets, -1 where a group did not take part
} re_match_t;

static const py_obj_type_t re_pattern_type;
static const py_obj_type_t re_match_type;

// The subject of a search: its bytes, and how to turn offsets into Python indices.
typedef struct re_text {
    py_obj_t obj;
    const byte *data;
    size_t len;
    bool is_text;
    bool ascii; // a str whose offsets and indices coincide (or bytes)
} re_text_t;

static void get_text(const re_pattern_t *pat, py_obj_t o, re_text_t *t) {
    t->obj = o;
    t->is_text = pat->prog.is_text;
    if (pat->prog.is_text) {
        if (!py_obj_is_str(o)) {
            py_raise_TypeError("cannot use a string pattern on a bytes-like object");
        }
        t->data = (const byte *)py_obj_str_get_data(o, &t->len);
        t->ascii = py_str_charlen(o) == t->len;
    } else {
        if (py_obj_is_str(o)) {
            py_raise_TypeError("cannot use a bytes pattern on a string-like object");
        }
        py_buffer_info_t buf;
        py_get_buffer_raise(o, &buf, PY_BUFFER_READ);
        t->data = buf.buf;
        t->len = buf.len;
        t->ascii = true;
    }
}

// Python index (code points) of byte offset [off].
static py_obj_t index_of(const re_text_t *t, intptr_t off) {
    if (off < 0 || t->ascii) {
        return py_obj_new_int(off);
    }
    return py_obj_new_int_from_uint(py_utf8_charlen(t->data, (size_t)off));
}

// Byte offset of Python index [index], clamped to [0, len].
static size_t offset_of(const re_text_t *t, intptr_t index) {
    size_t n_chars = t->ascii ? t->len : py_utf8_charlen(t->data, t->len);
    if (index < 0) {
        index = 0;
    }
    if ((size_t)index > n_chars) {
        index = (intptr_t)n_chars;
    }
    return t->ascii ? (size_t)index : py_utf8_offset_of(t->data, t->len, n_chars, (size_t)index);
}

static py_obj_t substring(const re_text_t *t, intptr_t s, intptr_t e) {
    if (s < 0 || e < 0) {
        return py_const_none;
    }
    if (t->is_text) {
        return py_obj_new_str((const char *)t->data + s, (size_t)(e - s));
    }
    return py_obj_new_bytes(t->data + s, (size_t)(e - s));
}

// ---- Compiling ----------------------------------------------------------------------------------

static py_obj_t re_compile_obj(py_obj_t pattern, py_obj_t flags_in) {
    intptr_t flags = flags_in == PY_OBJ_NULL ? 0 : py_obj_get_int(flags_in);
    if (py_obj_is_type(pattern, &re_pattern_type)) {
        if (flags != 0) {
            py_raise_ValueError("cannot process flags argument with a compiled pattern");
        }
        return pattern;
    }
    re_pattern_t *pat = py_new_obj(re_pattern_t, &re_pattern_type);
    pat->pattern = pattern;
    bool is_text = py_obj_is_str(pattern);
    py_buffer_info_t buf;
    if (is_text) {
        buf.buf = (void *)py_obj_str_get_data(pattern, &buf.len);
    } else if (!py_get_buffer(pattern, &buf, PY_BUFFER_READ)) {
        py_raise_TypeError("first argument must be string or compiled pattern");
    }
    py_re_compile(&pat->prog, buf.buf, buf.len, is_text,
                  (unsigned)flags & ~(unsigned)RE_FLAG_UNICODE);
    return PY_OBJ_FROM_PTR(pat);
}

// Most arguments an entry point takes.
#define RE_MAX_ARGS (5)

// The arguments of an entry point, by position or keyword, into [out] (PY_OBJ_NULL for optional
// ones not given); the first [n_required] of the [n_names] must be given.
static void get_args(size_t n_args, const py_obj_t *args, py_map_t *kw, const uint16_t *names,
                     size_t n_names, size_t n_required, py_obj_t *out) {
    py_arg_t spec[RE_MAX_ARGS];
    py_arg_val_t vals[RE_MAX_ARGS];
    for (size_t i = 0; i < n_names; i++) {
        spec[i].name = names[i];
        spec[i].flags = (uint16_t)(PY_ARG_OBJ | (i < n_required ? PY_ARG_REQUIRED : 0));
        spec[i].defval.u_obj = PY_OBJ_NULL;
    }
    py_arg_parse_all(n_args, args, kw, n_names, spec, vals);
    for (size_t i = 0; i < n_names; i++) {
        out[i] = vals[i].u_obj;
    }
}

// Declares py_obj_t [out][] holding the function's arguments named by the qstrs that follow.
#define RE_ARGS(out, n_required, ...)                                                              \
    static const uint16_t out##_names[] = {__VA_ARGS__};                                           \
    py_obj_t out[PY_ARRAY_SIZE(out##_names)];                                                      \
    get_args(n_args, args, kw, out##_names, PY_ARRAY_SIZE(out##_names), n_required, out)

static py_obj_t re_compile(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    RE_ARGS(a, 1, PY_QSTR_pattern, PY_QSTR_flags);
    return re_compile_obj(a[0], a[1]);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_compile_fun_obj, 1, re_compile);

static re_pattern_t *compiled(py_obj_t pattern, py_obj_t flags) {
    return PY_OBJ_TO_PTR(re_compile_obj(pattern, flags));
}

// ---- Matching -----------------------------------------------------------------------------------

static py_obj_t new_match(re_pattern_t *pat, py_obj_t string, const intptr_t *caps) {
    size_t n = pat->prog.n_groups;
    re_match_t *m = py_new_obj_var(re_match_t, 2 * n * sizeof(intptr_t), &re_match_type);
    m->re = pat;
    m->string = string;
    m->n_groups = n;
    memcpy(m->caps, caps, 2 * n * sizeof(intptr_t));
    return PY_OBJ_FROM_PTR(m);
}

// Runs [pat] over [string] from index [pos_in] to [endpos_in] (PY_OBJ_NULL: the whole string).
static py_obj_t pattern_exec(re_pattern_t *pat, py_obj_t string, py_obj_t pos_in,
                             py_obj_t endpos_in, unsigned mode) {
    re_text_t t;
    get_text(pat, string, &t);
    size_t pos = pos_in == PY_OBJ_NULL ? 0 : offset_of(&t, py_obj_get_int(pos_in));
    size_t end = endpos_in == PY_OBJ_NULL || endpos_in == py_const_none
                     ? t.len
                     : offset_of(&t, py_obj_get_int(endpos_in));
    if (pos > end) {
        return py_const_none;
    }
    intptr_t *caps = py_malloc_noscan(2 * pat->prog.n_groups * sizeof(intptr_t));
    py_re_subject_t subject = {t.data, end};
    py_obj_t result = py_const_none;
    if (py_re_exec(&pat->prog, &subject, pos, mode, caps)) {
        result = new_match(pat, string, caps);
    }
    py_free(caps);
    return result;
}

// Pattern methods match/search/fullmatch(string, pos=0, endpos=None).
static py_obj_t pattern_exec_args(size_t n_args, const py_obj_t *args, py_map_t *kw,
                                  unsigned mode) {
    RE_ARGS(a, 2, PY_QSTR_self, PY_QSTR_string, PY_QSTR_pos, PY_QSTR_endpos);
    return pattern_exec(PY_OBJ_TO_PTR(a[0]), a[1], a[2], a[3], mode);
}

static py_obj_t pattern_match(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_exec_args(n_args, args, kw, PY_RE_ANCHORED);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_match_obj, 2, pattern_match);

static py_obj_t pattern_search(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_exec_args(n_args, args, kw, 0);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_search_obj, 2, pattern_search);

static py_obj_t pattern_fullmatch(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_exec_args(n_args, args, kw, PY_RE_ANCHORED | PY_RE_FULL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_fullmatch_obj, 2, pattern_fullmatch);

// Module functions match/search/fullmatch(pattern, string, flags=0).
static py_obj_t module_exec(size_t n_args, const py_obj_t *args, py_map_t *kw, unsigned mode) {
    RE_ARGS(a, 2, PY_QSTR_pattern, PY_QSTR_string, PY_QSTR_flags);
    return pattern_exec(compiled(a[0], a[2]), a[1], PY_OBJ_NULL, PY_OBJ_NULL, mode);
}

static py_obj_t re_match(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_exec(n_args, args, kw, PY_RE_ANCHORED);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_match_obj, 2, re_match);

static py_obj_t re_search(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_exec(n_args, args, kw, 0);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_search_obj, 2, re_search);

static py_obj_t re_fullmatch(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_exec(n_args, args, kw, PY_RE_ANCHORED | PY_RE_FULL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_fullmatch_obj, 2, re_fullmatch);

// ---- Iterating over matches ---------------------------------------------------------------------

// Calls [each] for successive non-overlapping matches of [pat] in [t] between byte offsets
// [pos] and [end] until it returns false or [limit] matches (0: no limit) were seen.
typedef bool (*match_fun_t)(void *ctx, const re_text_t *t, const intptr_t *caps);

static void for_each_match(re_pattern_t *pat, const re_text_t *t, size_t pos, size_t end,
                           size_t limit, match_fun_t each, void *ctx) {
    intptr_t *caps = py_malloc_noscan(2 * pat->prog.n_groups * sizeof(intptr_t));
    py_re_subject_t subject = {t->data, end};
    size_t n = 0;
    bool after_empty = false;
    while (pos <= end && (limit == 0 || n < limit)) {
        unsigned mode = after_empty ? PY_RE_NOT_EMPTY_AT : 0;
        if (!py_re_exec(&pat->prog, &subject, pos, mode, caps)) {
            break;
        }
        n++;
        if (!each(ctx, t, caps)) {
            break;
        }
        after_empty = caps[0] == caps[1];
        pos = (size_t)caps[1];
    }
    py_free(caps);
}

// ---- sub and subn -------------------------------------------------------------------------------

typedef struct sub_ctx {
    re_pattern_t *pat;
    py_obj_t repl; // a callable, or PY_OBJ_NULL when [template] is used
    const byte *template_data;
    size_t template_len;
    py_vstr_t out;
    size_t copied_to; // subject bytes before this offset are in [out]
    size_t count;
} sub_ctx_t;

static void append_group(py_vstr_t *out, const re_text_t *t, const intptr_t *caps, size_t g,
                         size_t n_groups) {
    if (g >= n_groups) {
        py_raise_msg_varg(&py_type_IndexError, "invalid group reference %u", (unsigned)g);
    }
    if (caps[2 * g] >= 0 && caps[2 * g + 1] >= 0) {
        py_vstr_add_strn(out, (const char *)t->data + caps[2 * g],
                         (size_t)(caps[2 * g + 1] - caps[2 * g]));
    }
}

// \g<name> or \g<number> after the 'g'; returns the group number.
static size_t template_group(const re_pattern_t *pat, const byte **p, const byte *end) {
    const byte *s = *p;
    if (s >= end || *s != '<') {
        py_raise_ValueError("missing <");
    }
    const byte *name = ++s;
    while (s < end && *s != '>') {
        s++;
    }
    if (s >= end || s == name) {
        py_raise_ValueError("missing group name");
    }
    *p = s + 1;
    size_t len = (size_t)(s - name);
    if (name[0] >= '0' && name[0] <= '9') {
        return (size_t)py_obj_get_int(
            py_obj_new_int_from_str_len((const char *)name, len, false, 10));
    }
    py_obj_t idx =
        pat->prog.groupindex == PY_OBJ_NULL
            ? PY_OBJ_NULL
            : py_obj_dict_get(pat->prog.groupindex, py_obj_new_str((const char *)name, len));
    if (idx == PY_OBJ_NULL) {
        py_raise_msg(&py_type_IndexError, "unknown group name");
    }
    return (size_t)py_obj_get_int(idx);
}

// Appends the replacement template with its group references filled in.
static void expand_template(sub_ctx_t *c, const re_text_t *t, const intptr_t *caps) {
    const byte *p = c->template_data, *end = p + c->template_len;
    size_t n_groups = c->pat->prog.n_groups;
    while (p < end) {
        byte ch = *p++;
        if (ch != '\\' || p >= end) {
            py_vstr_add_byte(&c->out, ch);
            continue;
        }
        ch = *p++;
        if (ch >= '0' && ch <= '9') {
            size_t g = (size_t)(ch - '0');
            if (p < end && *p >= '0' && *p <= '9') {
                g = g * 10 + (size_t)(*p++ - '0');
            }
            append_group(&c->out, t, caps, g, n_groups);
            continue;
        }
        static const char escapes[] = "n\nt\tr\rf\fv\va\a\\\\";
        const char *e = NULL;
        for (size_t i = 0; i + 1 < sizeof(escapes); i += 2) {
            if ((byte)escapes[i] == ch) {
                e = &escapes[i + 1];
                break;
            }
        }
        if (e != NULL) {
            py_vstr_add_byte(&c->out, (byte)*e);
        } else if (ch == 'g') {
            append_group(&c->out, t, caps, template_group(c->pat, &p, end), n_groups);
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            py_raise_msg_varg(&py_type_ValueError, "bad escape \\%c", ch);
        } else {
            py_vstr_add_byte(&c->out, '\\');
            py_vstr_add_byte(&c->out, ch);
        }
    }
}

static bool sub_each(void *ctx, const re_text_t *t, const intptr_t *caps) {
    sub_ctx_t *c = ctx;
    py_vstr_add_strn(&c->out, (const char *)t->data + c->copied_to, (size_t)caps[0] - c->copied_to);
    if (c->repl != PY_OBJ_NULL) {
        py_obj_t r = py_call_function_1(c->repl, new_match(c->pat, t->obj, caps));
        if (t->is_text ? !py_obj_is_str(r) : py_obj_is_str(r)) {
            py_raise_msg_varg(&py_type_TypeError, "expected %s, got %s",
                              t->is_text ? "str" : "a bytes-like object", py_obj_get_type_str(r));
        }
        py_buffer_info_t buf;
        if (t->is_text) {
            buf.buf = (void *)py_obj_str_get_data(r, &buf.len);
        } else {
            py_get_buffer_raise(r, &buf, PY_BUFFER_READ);
        }
        py_vstr_add_strn(&c->out, buf.buf, buf.len);
    } else {
        expand_template(c, t, caps);
    }
    c->copied_to = (size_t)caps[1];
    c->count++;
    return true;
}

static py_obj_t do_sub(re_pattern_t *pat, py_obj_t repl, py_obj_t string, py_obj_t count_in,
                       bool with_count) {
    re_text_t t;
    get_text(pat, string, &t);
    intptr_t limit = count_in == PY_OBJ_NULL ? 0 : py_obj_get_int(count_in);
    sub_ctx_t c = {pat, PY_OBJ_NULL, NULL, 0, {0}, 0, 0};
    if (py_obj_is_callable(repl)) {
        c.repl = repl;
    } else if (t.is_text) {
        if (!py_obj_is_str(repl)) {
            py_raise_TypeError("expected str instance");
        }
        c.template_data = (const byte *)py_obj_str_get_data(repl, &c.template_len);
    } else {
        py_buffer_info_t buf;
        py_get_buffer_raise(repl, &buf, PY_BUFFER_READ);
        c.template_data = buf.buf;
        c.template_len = buf.len;
    }
    py_vstr_init(&c.out, t.len + 16);
    if (limit >= 0) {
        for_each_match(pat, &t, 0, t.len, (size_t)limit, sub_each, &c);
    }
    py_vstr_add_strn(&c.out, (const char *)t.data + c.copied_to, t.len - c.copied_to);
    py_obj_t result =
        t.is_text ? py_obj_new_str_from_vstr(&c.out) : py_obj_new_bytes_from_vstr(&c.out);
    if (!with_count) {
        return result;
    }
    py_obj_t pair[2] = {result, py_obj_new_int_from_uint(c.count)};
    return py_obj_new_tuple(2, pair);
}

// Pattern.sub(repl, string, count=0) and Pattern.subn.
static py_obj_t pattern_sub_args(size_t n_args, const py_obj_t *args, py_map_t *kw, bool subn) {
    RE_ARGS(a, 3, PY_QSTR_self, PY_QSTR_repl, PY_QSTR_string, PY_QSTR_count);
    return do_sub(PY_OBJ_TO_PTR(a[0]), a[1], a[2], a[3], subn);
}

static py_obj_t pattern_sub(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_sub_args(n_args, args, kw, false);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_sub_obj, 3, pattern_sub);

static py_obj_t pattern_subn(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_sub_args(n_args, args, kw, true);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_subn_obj, 3, pattern_subn);

// re.sub(pattern, repl, string, count=0, flags=0) and re.subn.
static py_obj_t module_sub_args(size_t n_args, const py_obj_t *args, py_map_t *kw, bool subn) {
    RE_ARGS(a, 3, PY_QSTR_pattern, PY_QSTR_repl, PY_QSTR_string, PY_QSTR_count, PY_QSTR_flags);
    return do_sub(compiled(a[0], a[4]), a[1], a[2], a[3], subn);
}

static py_obj_t re_sub(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_sub_args(n_args, args, kw, false);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_sub_obj, 3, re_sub);

static py_obj_t re_subn(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_sub_args(n_args, args, kw, true);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_subn_obj, 3, re_subn);

// ---- split, findall, finditer -------------------------------------------------------------------

typedef struct list_ctx {
    re_pattern_t *pat;
    py_obj_t list;
    size_t last; // split: end of the previous match
    int kind;    // what to collect
} list_ctx_t;

enum { COLLECT_SPLIT, COLLECT_FINDALL, COLLECT_MATCHES };

static bool collect_each(void *ctx, const re_text_t *t, const intptr_t *caps) {
    list_ctx_t *c = ctx;
    size_t n_groups = c->pat->prog.n_groups;
    if (c->kind == COLLECT_MATCHES) {
        py_obj_list_append(c->list, new_match(c->pat, t->obj, caps));
    } else if (c->kind == COLLECT_SPLIT) {
        py_obj_list_append(c->list, substring(t, (intptr_t)c->last, caps[0]));
        for (size_t g = 1; g < n_groups; g++) {
            py_obj_list_append(c->list, substring(t, caps[2 * g], caps[2 * g + 1]));
        }
        c->last = (size_t)caps[1];
    } else if (n_groups <= 2) {
        size_t g = n_groups - 1;
        py_obj_t s = substring(t, caps[2 * g], caps[2 * g + 1]);
        py_obj_list_append(c->list, s == py_const_none ? substring(t, 0, 0) : s);
    } else {
        py_obj_tuple_t *tup = PY_OBJ_TO_PTR(py_obj_new_tuple(n_groups - 1, NULL));
        for (size_t g = 1; g < n_groups; g++) {
            py_obj_t s = substring(t, caps[2 * g], caps[2 * g + 1]);
            tup->items[g - 1] = s == py_const_none ? substring(t, 0, 0) : s;
        }
        py_obj_list_append(c->list, PY_OBJ_FROM_PTR(tup));
    }
    return true;
}

// The list split, findall or finditer make, looking between indices [pos_in] and [endpos_in]
// (PY_OBJ_NULL: the whole string).
static py_obj_t collect(re_pattern_t *pat, py_obj_t string, py_obj_t pos_in, py_obj_t endpos_in,
                        size_t limit, int kind) {
    re_text_t t;
    get_text(pat, string, &t);
    size_t pos = pos_in == PY_OBJ_NULL ? 0 : offset_of(&t, py_obj_get_int(pos_in));
    size_t end = endpos_in == PY_OBJ_NULL || endpos_in == py_const_none
                     ? t.len
                     : offset_of(&t, py_obj_get_int(endpos_in));
    list_ctx_t c = {pat, py_obj_new_list(0, NULL), 0, kind};
    if (pos <= end) {
        for_each_match(pat, &t, pos, end, limit, collect_each, &c);
    }
    if (kind == COLLECT_SPLIT) {
        py_obj_list_append(c.list, substring(&t, (intptr_t)c.last, (intptr_t)t.len));
    }
    return c.list;
}

// split with maxsplit: 0 for no limit; a negative one splits nothing, as in CPython.
static py_obj_t split_limited(re_pattern_t *pat, py_obj_t string, py_obj_t maxsplit) {
    intptr_t n = maxsplit == PY_OBJ_NULL ? 0 : py_obj_get_int(maxsplit);
    if (n < 0) {
        re_text_t t;
        get_text(pat, string, &t);
        return py_obj_new_list(1, &string);
    }
    return collect(pat, string, PY_OBJ_NULL, PY_OBJ_NULL, (size_t)n, COLLECT_SPLIT);
}

static py_obj_t pattern_split(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    RE_ARGS(a, 2, PY_QSTR_self, PY_QSTR_string, PY_QSTR_maxsplit);
    return split_limited(PY_OBJ_TO_PTR(a[0]), a[1], a[2]);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_split_obj, 2, pattern_split);

static py_obj_t re_split(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    RE_ARGS(a, 2, PY_QSTR_pattern, PY_QSTR_string, PY_QSTR_maxsplit, PY_QSTR_flags);
    return split_limited(compiled(a[0], a[3]), a[1], a[2]);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_split_obj, 2, re_split);

// Pattern.findall/finditer(string, pos=0, endpos=None).
static py_obj_t pattern_collect(size_t n_args, const py_obj_t *args, py_map_t *kw, int kind) {
    RE_ARGS(a, 2, PY_QSTR_self, PY_QSTR_string, PY_QSTR_pos, PY_QSTR_endpos);
    return collect(PY_OBJ_TO_PTR(a[0]), a[1], a[2], a[3], 0, kind);
}

// re.findall/finditer(pattern, string, flags=0).
static py_obj_t module_collect(size_t n_args, const py_obj_t *args, py_map_t *kw, int kind) {
    RE_ARGS(a, 2, PY_QSTR_pattern, PY_QSTR_string, PY_QSTR_flags);
    return collect(compiled(a[0], a[2]), a[1], PY_OBJ_NULL, PY_OBJ_NULL, 0, kind);
}

static py_obj_t pattern_findall(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return pattern_collect(n_args, args, kw, COLLECT_FINDALL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_findall_obj, 2, pattern_findall);

static py_obj_t re_findall(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return module_collect(n_args, args, kw, COLLECT_FINDALL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_findall_obj, 2, re_findall);

// finditer: the matches are found up front and handed out by a list iterator.
static py_obj_t pattern_finditer(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return py_getiter(pattern_collect(n_args, args, kw, COLLECT_MATCHES), NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(pattern_finditer_obj, 2, pattern_finditer);

static py_obj_t re_finditer(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    return py_getiter(module_collect(n_args, args, kw, COLLECT_MATCHES), NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(re_finditer_obj, 2, re_finditer);

// escape(pattern): a backslash before each character with a special meaning (CPython 3.7+).
static py_obj_t re_escape(py_obj_t pattern) {
    static const char special[] = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
    bool is_text = py_obj_is_str(pattern);
    py_buffer_info_t buf;
    if (is_text) {
        buf.buf = (void *)py_obj_str_get_data(pattern, &buf.len);
    } else {
        py_get_buffer_raise(pattern, &buf, PY_BUFFER_READ);
    }
    py_vstr_t out;
    py_vstr_init(&out, buf.len + 8);
    const byte *s = buf.buf;
    for (size_t i = 0; i < buf.len; i++) {
        if (s[i] != 0 && strchr(special, s[i]) != NULL) {
            py_vstr_add_byte(&out, '\\');
        }
        py_vstr_add_byte(&out, s[i]);
    }
    return is_text ? py_obj_new_str_from_vstr(&out) : py_obj_new_bytes_from_vstr(&out);
}
static PY_DEFINE_CONST_FUN_OBJ_1(re_escape_obj, re_escape);

// ---- The Pattern type ---------------------------------------------------------------------------

static void pattern_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    re_pattern_t *self = PY_OBJ_TO_PTR(self_in);
    py_print_str(print, "re.compile(");
    py_obj_print_helper(print, self->pattern, PY_PRINT_REPR);
    static const struct {
        unsigned flag;
        const char *name;
    } names[] = {{PY_RE_IGNORECASE, "re.IGNORECASE"},
                 {PY_RE_MULTILINE, "re.MULTILINE"},
                 {PY_RE_DOTALL, "re.DOTALL"}};
    const char *sep = ", ";
    for (size_t i = 0; i < PY_ARRAY_SIZE(names); i++) {
        if (self->prog.flags & names[i].flag) {
            py_print_str(print, sep);
            py_print_str(print, names[i].name);
            sep = "|";
        }
    }
    py_print_str(print, ")");
}

static void pattern_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    re_pattern_t *self = PY_OBJ_TO_PTR(self_in);
    if (attr == PY_QSTR_pattern) {
        dest[0] = self->pattern;
    } else if (attr == PY_QSTR_flags) {
        dest[0] =
            PY_OBJ_NEW_SMALL_INT(self->prog.flags | (self->prog.is_text ? RE_FLAG_UNICODE : 0));
    } else if (attr == PY_QSTR_groups) {
        dest[0] = PY_OBJ_NEW_SMALL_INT(self->prog.n_groups - 1);
    } else if (attr == PY_QSTR_groupindex) {
        py_obj_t d = py_obj_new_dict(0);
        if (self->prog.groupindex != PY_OBJ_NULL) {
            py_map_update(py_obj_dict_get_map(d), py_obj_dict_get_map(self->prog.groupindex));
        }
        dest[0] = d;
    }
}

static const py_map_elem_t pattern_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_match), PY_ROM_PTR(&pattern_match_obj)},
    {PY_ROM_QSTR(PY_QSTR_search), PY_ROM_PTR(&pattern_search_obj)},
    {PY_ROM_QSTR(PY_QSTR_fullmatch), PY_ROM_PTR(&pattern_fullmatch_obj)},
    {PY_ROM_QSTR(PY_QSTR_sub), PY_ROM_PTR(&pattern_sub_obj)},
    {PY_ROM_QSTR(PY_QSTR_subn), PY_ROM_PTR(&pattern_subn_obj)},
    {PY_ROM_QSTR(PY_QSTR_split), PY_ROM_PTR(&pattern_split_obj)},
    {PY_ROM_QSTR(PY_QSTR_findall), PY_ROM_PTR(&pattern_findall_obj)},
    {PY_ROM_QSTR(PY_QSTR_finditer), PY_ROM_PTR(&pattern_finditer_obj)},
};
static PY_DEFINE_CONST_DICT(pattern_locals_dict, pattern_locals_table);

static const py_obj_type_t re_pattern_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_Pattern,
    .print = pattern_print,
    .attr = pattern_attr,
    .locals_dict = (py_obj_dict_t *)&pattern_locals_dict,
};

// ---- The Match type -----------------------------------------------------------------------------

static void match_text(re_match_t *m, re_text_t *t) {
    get_text(m->re, m->string, t);
}

// The group number [g] names: an int or a group name.
static size_t group_number(re_match_t *m, py_obj_t g) {
    if (PY_OBJ_IS_SMALL_INT(g)) {
        intptr_t n = PY_OBJ_SMALL_INT_VALUE(g);
        if (n >= 0 && (size_t)n < m->n_groups) {
            return (size_t)n;
        }
    } else if (py_obj_is_str(g) && m->re->prog.groupindex != PY_OBJ_NULL) {
        py_obj_t idx = py_obj_dict_get(m->re->prog.groupindex, g);
        if (idx != PY_OBJ_NULL) {
            return (size_t)py_obj_get_int(idx);
        }
    }
    py_raise_msg(&py_type_IndexError, "no such group");
}

static py_obj_t group_value(re_match_t *m, size_t g, py_obj_t dflt) {
    re_text_t t;
    match_text(m, &t);
    py_obj_t s = substring(&t, m->caps[2 * g], m->caps[2 * g + 1]);
    return s == py_const_none ? dflt : s;
}

static py_obj_t match_group(size_t n_args, const py_obj_t *args) {
    re_match_t *m = PY_OBJ_TO_PTR(args[0]);
    if (n_args == 1) {
        return group_value(m, 0, py_const_none);
    }
    if (n_args == 2) {
        return group_value(m, group_number(m, args[1]), py_const_none);
    }
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(n_args - 1, NULL));
    for (size_t i = 1; i < n_args; i++) {
        t->items[i - 1] = group_value(m, group_number(m, args[i]), py_const_none);
    }
    return PY_OBJ_FROM_PTR(t);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(match_group_obj, 1, match_group);

static py_obj_t match_groups(size_t n_args, const py_obj_t *args) {
    re_match_t *m = PY_OBJ_TO_PTR(args[0]);
    py_obj_t dflt = n_args > 1 ? args[1] : py_const_none;
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(m->n_groups - 1, NULL));
    for (size_t g = 1; g < m->n_groups; g++) {
        t->items[g - 1] = group_value(m, g, dflt);
    }
    return PY_OBJ_FROM_PTR(t);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(match_groups_obj, 1, 2, match_groups);

static py_obj_t match_groupdict(size_t n_args, const py_obj_t *args) {
    re_match_t *m = PY_OBJ_TO_PTR(args[0]);
    py_obj_t dflt = n_args > 1 ? args[1] : py_const_none;
    py_obj_t d = py_obj_new_dict(0);
    py_obj_t index = m->re->prog.groupindex;
    if (index != PY_OBJ_NULL) {
        py_map_t *map = py_obj_dict_get_map(index);
        for (size_t i = 0; i < map->filled; i++) {
            if (py_map_slot_is_filled(map, i)) {
                size_t g = (size_t)py_obj_get_int(map->table[i].value);
                py_obj_dict_store(d, map->table[i].key, group_value(m, g, dflt));
            }
        }
    }
    return d;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(match_groupdict_obj, 1, 2, match_groupdict);

// start/end/span share this: the Python indices of group [args[1]] (0 by default).
static void match_bounds(size_t n_args, const py_obj_t *args, py_obj_t *start, py_obj_t *end) {
    re_match_t *m = PY_OBJ_TO_PTR(args[0]);
    size_t g = n_args > 1 ? group_number(m, args[1]) : 0;
    re_text_t t;
    match_text(m, &t);
    bool matched = m->caps[2 * g] >= 0 && m->caps[2 * g + 1] >= 0;
    *start = matched ? index_of(&t, m->caps[2 * g]) : PY_OBJ_NEW_SMALL_INT(-1);
    *end = matched ? index_of(&t, m->caps[2 * g + 1]) : PY_OBJ_NEW_SMALL_INT(-1);
}

static py_obj_t match_start(size_t n_args, const py_obj_t *args) {
    py_obj_t s, e;
    match_bounds(n_args, args, &s, &e);
    return s;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(match_start_obj, 1, 2, match_start);

static py_obj_t match_end(size_t n_args, const py_obj_t *args) {
    py_obj_t s, e;
    match_bounds(n_args, args, &s, &e);
    return e;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(match_end_obj, 1, 2, match_end);

static py_obj_t match_span(size_t n_args, const py_obj_t *args) {
    py_obj_t pair[2];
    match_bounds(n_args, args, &pair[0], &pair[1]);
    return py_obj_new_tuple(2, pair);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(match_span_obj, 1, 2, match_span);

static py_obj_t match_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    if (value != PY_OBJ_SENTINEL) {
        return PY_OBJ_NULL;
    }
    re_match_t *m = PY_OBJ_TO_PTR(self_in);
    return group_value(m, group_number(m, index), py_const_none);
}

static void match_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_t args[1] = {self_in};
    py_obj_t s, e;
    match_bounds(1, args, &s, &e);
    py_print_str(print, "<re.Match object; span=(");
    py_obj_print_helper(print, s, PY_PRINT_REPR);
    py_print_str(print, ", ");
    py_obj_print_helper(print, e, PY_PRINT_REPR);
    py_print_str(print, "), match=");
    py_obj_print_helper(print, group_value(PY_OBJ_TO_PTR(self_in), 0, py_const_none),
                        PY_PRINT_REPR);
    py_print_str(print, ">");
}

static void match_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    re_match_t *m = PY_OBJ_TO_PTR(self_in);
    if (attr == PY_QSTR_string) {
        dest[0] = m->string;
    } else if (attr == PY_QSTR_re) {
        dest[0] = PY_OBJ_FROM_PTR(m->re);
    } else if (attr == PY_QSTR_lastindex) {
        // The last group to close: the matched group whose end is furthest, the outer one on ties.
        intptr_t best = -1;
        size_t best_g = 0;
        for (size_t g = 1; g < m->n_groups; g++) {
            if (m->caps[2 * g + 1] >= 0 && m->caps[2 * g] >= 0 && m->caps[2 * g + 1] > best) {
                best = m->caps[2 * g + 1];
                best_g = g;
            }
        }
        dest[0] = best_g == 0 ? py_const_none : PY_OBJ_NEW_SMALL_INT(best_g);
    }
}

static const py_map_elem_t match_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_group), PY_ROM_PTR(&match_group_obj)},
    {PY_ROM_QSTR(PY_QSTR_groups), PY_ROM_PTR(&match_groups_obj)},
    {PY_ROM_QSTR(PY_QSTR_groupdict), PY_ROM_PTR(&match_groupdict_obj)},
    {PY_ROM_QSTR(PY_QSTR_start), PY_ROM_PTR(&match_start_obj)},
    {PY_ROM_QSTR(PY_QSTR_end), PY_ROM_PTR(&match_end_obj)},
    {PY_ROM_QSTR(PY_QSTR_span), PY_ROM_PTR(&match_span_obj)},
};
static PY_DEFINE_CONST_DICT(match_locals_dict, match_locals_table);

static const py_obj_type_t re_match_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_Match,
    .print = match_print,
    .subscr = match_subscr,
    .attr = match_attr,
    .locals_dict = (py_obj_dict_t *)&match_locals_dict,
};

// ---- The module ---------------------------------------------------------------------------------

static const py_map_elem_t re_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_re)},
    {PY_ROM_QSTR(PY_QSTR_compile), PY_ROM_PTR(&re_compile_fun_obj)},
    {PY_ROM_QSTR(PY_QSTR_match), PY_ROM_PTR(&re_match_obj)},
    {PY_ROM_QSTR(PY_QSTR_search), PY_ROM_PTR(&re_search_obj)},
    {PY_ROM_QSTR(PY_QSTR_fullmatch), PY_ROM_PTR(&re_fullmatch_obj)},
    {PY_ROM_QSTR(PY_QSTR_sub), PY_ROM_PTR(&re_sub_obj)},
    {PY_ROM_QSTR(PY_QSTR_subn), PY_ROM_PTR(&re_subn_obj)},
    {PY_ROM_QSTR(PY_QSTR_split), PY_ROM_PTR(&re_split_obj)},
    {PY_ROM_QSTR(PY_QSTR_findall), PY_ROM_PTR(&re_findall_obj)},
    {PY_ROM_QSTR(PY_QSTR_finditer), PY_ROM_PTR(&re_finditer_obj)},
    {PY_ROM_QSTR(PY_QSTR_escape), PY_ROM_PTR(&re_escape_obj)},
    {PY_ROM_QSTR(PY_QSTR_error), PY_ROM_PTR(&py_type_ValueError)},
    {PY_ROM_QSTR(PY_QSTR_I), PY_ROM_INT(PY_RE_IGNORECASE)},
    {PY_ROM_QSTR(PY_QSTR_IGNORECASE), PY_ROM_INT(PY_RE_IGNORECASE)},
    {PY_ROM_QSTR(PY_QSTR_M), PY_ROM_INT(PY_RE_MULTILINE)},
    {PY_ROM_QSTR(PY_QSTR_MULTILINE), PY_ROM_INT(PY_RE_MULTILINE)},
    {PY_ROM_QSTR(PY_QSTR_S), PY_ROM_INT(PY_RE_DOTALL)},
    {PY_ROM_QSTR(PY_QSTR_DOTALL), PY_ROM_INT(PY_RE_DOTALL)},
    {PY_ROM_QSTR(PY_QSTR_U), PY_ROM_INT(RE_FLAG_UNICODE)},
    {PY_ROM_QSTR(PY_QSTR_UNICODE), PY_ROM_INT(RE_FLAG_UNICODE)},
};
static PY_DEFINE_CONST_DICT(re_globals, re_globals_table);

const py_obj_module_t py_module_re = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&re_globals,
};
