// SPDX-License-Identifier: MIT
// parsestr.c: string literals: concatenation of adjacent literals and f-strings split into
// JoinedStr / FormattedValue nodes, each field's expression parsed by a nested lexer.

#include <string.h>

#include "objects.h"
#include "parsepriv.h"
#include "runtime.h"

// Strings up to this many bytes, or identifier-like ones up to PY_PARSE_INTERN_MAX, become
// qstrs: equal literals then share one copy and compare fast.
#define PY_PARSE_INTERN_SHORT (10)
#define PY_PARSE_INTERN_MAX   (32)

static bool is_identifier_like(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) {
            return false;
        }
    }
    return true;
}

static py_obj_t new_str_value(const char *s, size_t len) {
    if (len <= PY_PARSE_INTERN_SHORT ||
        (len <= PY_PARSE_INTERN_MAX && is_identifier_like(s, len))) {
        return PY_OBJ_NEW_QSTR(py_qstr_from_strn(s, len));
    }
    return py_obj_new_str(s, len);
}

static py_ast_expr_t *new_constant(py_parser_t *p, py_obj_t value, uint32_t line) {
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_CONSTANT, line);
    e->u.constant.value = value;
    return e;
}

// Turns the pending literal text into a Constant piece on the pointer stack.
static void flush_literal(py_parser_t *p, py_vstr_t *lit, uint32_t line) {
    if (lit->len > 0) {
        py_parse_push_ptr(p, new_constant(p, new_str_value(lit->buf, lit->len), line));
        lit->len = 0;
    }
}

// Appends the raw literal text [s, end) of an f-string to [lit], decoding escapes.
static void add_literal(py_parser_t *p, py_vstr_t *lit, const char *s, const char *end, bool raw,
                        uint32_t line) {
    if (raw) {
        py_vstr_add_strn(lit, s, (size_t)(end - s));
    } else {
        py_lexer_decode_escapes(lit, s, (size_t)(end - s), false, p->source_name, line);
    }
}

// Parses [len] bytes at [text] as the expression of an f-string field.
static py_ast_expr_t *parse_field_expr(py_parser_t *p, const char *text, size_t len,
                                       uint32_t line) {
    py_reader_t reader;
    py_reader_mem_t state;
    py_reader_init_mem(&reader, &state, (const byte *)text, len);
    py_lexer_t sub;
    py_lexer_t *outer = p->lex;
    py_lexer_init(&sub, &reader, p->source_name, line, PY_LEXER_FLAG_NESTED);
    p->lex = &sub;
    if (py_parse_tok(p) == PY_TOK_END) {
        py_parse_error_at(p, line, "f-string: empty expression not allowed");
    }
    // The field is parsed as if in parentheses: `f'{a, b}'` is a tuple.
    py_ast_expr_t *e = py_parse_paren_body(p, PY_TOK_END, line);
    if (py_parse_tok(p) != PY_TOK_END) {
        py_parse_syntax_error(p);
    }
    p->lex = outer;
    py_lexer_deinit(&sub);
    return e;
}

// Finds the end of a field's expression starting at [s]: the '}', '!', ':' or debug '=' that
// ends it at bracket depth 0. Raises on text an f-string expression may not contain.
static const char *scan_field_expr(py_parser_t *p, const char *s, const char *end, uint32_t line) {
    int depth = 0;
    char quote = 0;
    for (; s < end; s++) {
        char c = *s;
        if (quote) {
            quote = c == quote ? 0 : quote;
            continue;
        }
        if (c == '\\') {
            py_parse_error_at(p, line, "f-string expression part cannot include a backslash");
        } else if (c == '#') {
            py_parse_error_at(p, line, "f-string expression part cannot include '#'");
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                if (c == '}') {
                    return s;
                }
                py_parse_error_at(p, line, "f-string: unmatched ')'");
            }
            depth--;
        } else if (depth == 0 && (c == '!' || c == '=' || c == '<' || c == '>') && s + 1 < end &&
                   s[1] == '=') {
            s++; // != == <= >=
        } else if (depth == 0 && (c == '!' || c == ':' || c == '=')) {
            return s;
        }
    }
    py_parse_error_at(p, line, "f-string: expecting '}'");
}

static const char *parse_fstring_pieces(py_parser_t *p, const char *s, const char *end, bool raw,
                                        py_vstr_t *lit, bool in_spec, uint32_t line);

static uint32_t count_newlines(const char *s, const char *end) {
    uint32_t n = 0;
    for (; s < end; s++) {
        n += *s == '\n';
    }
    return n;
}

// The format spec after ':' of a field, as a JoinedStr; returns it with *[s] at the '}'.
static py_ast_expr_t *parse_format_spec(py_parser_t *p, const char **s, const char *end, bool raw,
                                        uint32_t line) {
    size_t mark = py_parse_ptrs_mark(p);
    py_vstr_t lit;
    py_vstr_init(&lit, 8);
    *s = parse_fstring_pieces(p, *s, end, raw, &lit, true, line);
    flush_literal(p, &lit, line);
    py_vstr_clear(&lit);
    py_ast_expr_t *spec = py_parse_new_expr(p, PY_AST_EXPR_JOINEDSTR, line);
    spec->u.joinedstr.values =
        (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &spec->u.joinedstr.n_values);
    return spec;
}

// A replacement field; [s] is just after its '{'. Pushes a FormattedValue (after the debug
// text of `{x=}` into [lit]) and returns the position after the closing '}'.
static const char *parse_field(py_parser_t *p, const char *s, const char *end, bool raw,
                               py_vstr_t *lit, uint32_t line) {
    const char *expr_end = scan_field_expr(p, s, end, line);
    const char *t = s;
    while (t < expr_end && (*t == ' ' || *t == '\t' || *t == '\n')) {
        t++;
    }
    if (t == expr_end) {
        py_parse_error_at(p, line, "f-string: empty expression not allowed");
    }
    py_ast_expr_t *fv = py_parse_new_expr(p, PY_AST_EXPR_FORMATTEDVALUE, line);
    fv->u.formattedvalue.conversion = PY_AST_CONV_NONE;
    fv->u.formattedvalue.value = parse_field_expr(p, s, (size_t)(expr_end - s), line);
    const char *pos = expr_end;
    bool debug = pos < end && *pos == '=';
    if (debug) {
        pos++;
        while (pos < end && (*pos == ' ' || *pos == '\t' || *pos == '\n')) {
            pos++;
        }
        py_vstr_add_strn(lit, s, (size_t)(pos - s));
    }
    flush_literal(p, lit, line);
    if (pos < end && *pos == '!') {
        pos++;
        if (pos >= end || (*pos != 's' && *pos != 'r' && *pos != 'a')) {
            py_parse_error_at(p, line,
                              "f-string: invalid conversion character: expected 's', "
                              "'r', or 'a'");
        }
        fv->u.formattedvalue.conversion = *pos++;
    }
    if (pos < end && *pos == ':') {
        pos++;
        fv->u.formattedvalue.format_spec = parse_format_spec(p, &pos, end, raw, line);
    } else if (debug && fv->u.formattedvalue.conversion == PY_AST_CONV_NONE) {
        fv->u.formattedvalue.conversion = 'r';
    }
    if (pos >= end || *pos != '}') {
        py_parse_error_at(p, line, "f-string: expecting '}'");
    }
    py_parse_push_ptr(p, fv);
    return pos + 1;
}

// Splits raw f-string text [s, end) into pieces: literal text accumulates in [lit] (flushed as a
// Constant before each field), fields are pushed as FormattedValue. In a format spec
// ([in_spec]) it stops at the '}' that closes the field and returns its position.
static const char *parse_fstring_pieces(py_parser_t *p, const char *s, const char *end, bool raw,
                                        py_vstr_t *lit, bool in_spec, uint32_t line) {
    py_stack_check();
    const char *seg = s;
    while (s < end) {
        char c = *s;
        if (c == '\\' && !raw) {
            s += (s + 1 < end && s[1] != '{' && s[1] != '}') ? 2 : 1;
            line += s[-1] == '\n';
        } else if (c == '{') {
            if (!in_spec && s + 1 < end && s[1] == '{') {
                add_literal(p, lit, seg, s + 1, raw, line);
                s += 2;
            } else {
                add_literal(p, lit, seg, s, raw, line);
                const char *field = s + 1;
                s = parse_field(p, field, end, raw, lit, line);
                line += count_newlines(field, s);
            }
            seg = s;
        } else if (c == '}') {
            if (in_spec) {
                break;
            }
            if (s + 1 >= end || s[1] != '}') {
                py_parse_error_at(p, line, "f-string: single '}' is not allowed");
            }
            add_literal(p, lit, seg, s + 1, raw, line);
            s += 2;
            seg = s;
        } else {
            line += c == '\n';
            s++;
        }
    }
    add_literal(p, lit, seg, s, raw, line);
    return s;
}

py_ast_expr_t *py_parse_strings(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    bool is_bytes = py_parse_tok(p) == PY_TOK_BYTES;
    bool has_f = false;
    size_t mark = py_parse_ptrs_mark(p);
    py_vstr_t lit;
    py_vstr_init(&lit, 16);
    for (;;) {
        py_token_kind_t t = py_parse_tok(p);
        if (t != PY_TOK_STRING && t != PY_TOK_BYTES && t != PY_TOK_FSTRING) {
            break;
        }
        if ((t == PY_TOK_BYTES) != is_bytes) {
            py_parse_error(p, "cannot mix bytes and nonbytes literals");
        }
        py_vstr_t *v = &p->lex->vstr;
        if (t == PY_TOK_FSTRING) {
            has_f = true;
            parse_fstring_pieces(p, v->buf, v->buf + v->len, p->lex->tok_raw, &lit, false,
                                 py_parse_line(p));
        } else {
            if (lit.len + v->len > PY_LEXER_MAX_TOKEN) {
                py_parse_error(p, "token too long");
            }
            py_vstr_add_strn(&lit, v->buf, v->len);
        }
        py_parse_next(p);
    }
    py_ast_expr_t *e;
    if (is_bytes) {
        e = new_constant(p, py_obj_new_bytes((const byte *)lit.buf, lit.len), line);
    } else if (!has_f || py_parse_ptrs_mark(p) == mark) {
        // No replacement fields: a plain str.
        e = new_constant(p, new_str_value(lit.buf, lit.len), line);
    } else {
        flush_literal(p, &lit, line);
        e = py_parse_new_expr(p, PY_AST_EXPR_JOINEDSTR, line);
        e->u.joinedstr.values =
            (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &e->u.joinedstr.n_values);
    }
    py_vstr_clear(&lit);
    return e;
}
