// SPDX-License-Identifier: MIT
// lexer.c: Python source bytes to tokens, reading the source as a stream.

#include "lexer.h"

#include <string.h>

#include "objects.h"
#include "runtime.h"

#define CUR(lex) ((lex)->chr0)

// ---- Errors ----------------------------------------------------------------------------------

void py_lexer_raise_at(const py_obj_type_t *type, const char *msg, qstr source_name,
                       uint32_t line) {
    py_obj_t exc = py_obj_new_exception_msg(type, msg);
    py_obj_exception_add_traceback(exc, source_name, line, PY_QSTR_NULL);
    py_raise(exc);
}

void py_lexer_raise(py_lexer_t *lex, const py_obj_type_t *type, const char *msg) {
    py_lexer_raise_at(type, msg, lex->source_name, lex->tok_line);
}

PY_NORETURN static void lex_syntax_error(py_lexer_t *lex) {
    py_lexer_raise(lex, &py_type_SyntaxError, "invalid syntax");
}

// ---- Characters --------------------------------------------------------------------------------

static bool is_digit(int c) {
    return c >= '0' && c <= '9';
}

static bool is_hex_digit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_base_digit(int c, unsigned base) {
    switch (base) {
        case 2:
            return c == '0' || c == '1';
        case 8:
            return c >= '0' && c <= '7';
        case 16:
            return is_hex_digit(c);
        default:
            return is_digit(c);
    }
}

// Identifier characters: ASCII letters, '_', and every byte of a non-ASCII UTF-8 sequence.
static bool is_id_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_id_char(int c) {
    return is_id_start(c) || is_digit(c);
}

static unsigned hex_value(int c) {
    if (c <= '9') {
        return (unsigned)(c - '0');
    }
    return (unsigned)((c | 0x20) - 'a' + 10);
}

// Reads one byte from the reader, turning "\r\n" and a lone "\r" into "\n".
static int read_byte(py_lexer_t *lex) {
    for (;;) {
        int c = lex->reader->readbyte(lex->reader->data);
        if (lex->skip_lf) {
            lex->skip_lf = false;
            if (c == '\n') {
                continue;
            }
        }
        if (c == '\r') {
            lex->skip_lf = true;
            c = '\n';
        }
        return c;
    }
}

static void next_char(py_lexer_t *lex) {
    if (lex->chr0 == '\n') {
        lex->line++;
        lex->column = 1;
    } else if (lex->chr0 == '\t') {
        lex->column = ((lex->column - 1 + 8) & ~7u) + 1;
    } else {
        lex->column++;
    }
    lex->chr0 = lex->chr1;
    lex->chr1 = lex->chr2;
    lex->chr2 = lex->chr2 == PY_READER_EOF ? PY_READER_EOF : read_byte(lex);
}

// Appends [c] to the token text, enforcing PY_LEXER_MAX_TOKEN.
static void tok_add(py_lexer_t *lex, int c) {
    if (lex->vstr.len >= PY_LEXER_MAX_TOKEN) {
        py_lexer_raise(lex, &py_type_SyntaxError, "token too long");
    }
    py_vstr_add_byte(&lex->vstr, (byte)c);
}

static void tok_add_next(py_lexer_t *lex) {
    tok_add(lex, lex->chr0);
    next_char(lex);
}

// ---- Escapes ---------------------------------------------------------------------------------

static byte *put_utf8(byte *d, uint32_t c) {
    if (c < 0x80) {
        *d++ = (byte)c;
    } else if (c < 0x800) {
        *d++ = (byte)(0xc0 | (c >> 6));
        *d++ = (byte)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        *d++ = (byte)(0xe0 | (c >> 12));
        *d++ = (byte)(0x80 | ((c >> 6) & 0x3f));
        *d++ = (byte)(0x80 | (c & 0x3f));
    } else {
        *d++ = (byte)(0xf0 | (c >> 18));
        *d++ = (byte)(0x80 | ((c >> 12) & 0x3f));
        *d++ = (byte)(0x80 | ((c >> 6) & 0x3f));
        *d++ = (byte)(0x80 | (c & 0x3f));
    }
    return d;
}

typedef struct {
    qstr source_name;
    uint32_t line;
} esc_ctx_t;

// Reads exactly [n] hex digits at [*s] (before [end]); raises if they are not there.
static uint32_t read_hex(const byte **s, const byte *end, size_t n, const esc_ctx_t *ctx,
                         const char *msg) {
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (*s >= end || !is_hex_digit(**s)) {
            py_lexer_raise_at(&py_type_SyntaxError, msg, ctx->source_name, ctx->line);
        }
        v = (v << 4) | hex_value(*(*s)++);
    }
    return v;
}

// Decodes one escape; [*s] points after the backslash. No escape makes the text longer than its
// source form, so decoding can run in place.
static byte *decode_one_escape(byte *d, const byte **s, const byte *end, bool is_bytes,
                               const esc_ctx_t *ctx) {
    byte c = *(*s)++;
    static const char simple_in[] = "\\'\"abfnrtv";
    static const char simple_out[] = "\\'\"\a\b\f\n\r\t\v";
    const char *p = c ? strchr(simple_in, c) : NULL;
    if (p != NULL) {
        *d++ = (byte)simple_out[p - simple_in];
        return d;
    }
    uint32_t v;
    switch (c) {
        case '\n':
            return d; // line continuation inside the literal
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
            v = c - '0';
            for (int i = 0; i < 2 && *s < end && **s >= '0' && **s <= '7'; i++) {
                v = v * 8 + (uint32_t)(*(*s)++ - '0');
            }
            break;
        case 'x':
            v = read_hex(s, end, 2, ctx, "invalid \\x escape");
            break;
        case 'u':
        case 'U':
            if (is_bytes) {
                *d++ = '\\';
                *d++ = c;
                return d;
            }
            v = read_hex(s, end, c == 'u' ? 4 : 8, ctx, "invalid \\u escape");
            if (v > 0x10ffff) {
                py_lexer_raise_at(&py_type_SyntaxError, "invalid \\U escape", ctx->source_name,
                                  ctx->line);
            }
            break;
        case 'N':
            if (!is_bytes) {
                py_lexer_raise_at(&py_type_SyntaxError, "\\N{...} escapes not supported",
                                  ctx->source_name, ctx->line);
            }
            __attribute__((fallthrough)); // in bytes it is not an escape
        default:
            *d++ = '\\';
            *d++ = c;
            return d;
    }
    if (is_bytes) {
        *d++ = (byte)v;
        return d;
    }
    return put_utf8(d, v);
}

// Decodes escapes of [len] bytes at [buf] in place; returns the new length.
static size_t decode_escapes_inplace(byte *buf, size_t len, bool is_bytes, const esc_ctx_t *ctx) {
    const byte *s = buf;
    const byte *end = buf + len;
    byte *d = buf;
    while (s < end) {
        byte c = *s++;
        if (c != '\\' || s == end) {
            *d++ = c;
        } else {
            d = decode_one_escape(d, &s, end, is_bytes, ctx);
        }
    }
    return (size_t)(d - buf);
}

void py_lexer_decode_escapes(py_vstr_t *out, const char *src, size_t len, bool is_bytes,
                             qstr source_name, uint32_t line) {
    size_t start = out->len;
    py_vstr_add_strn(out, src, len);
    esc_ctx_t ctx = {source_name, line};
    size_t n = decode_escapes_inplace((byte *)out->buf + start, len, is_bytes, &ctx);
    out->len = start + n;
}

// ---- Whitespace and indentation --------------------------------------------------------------

static void lex_set_indent(py_lexer_t *lex, uint32_t col);

// Skips blank and comment-only lines at the start of a line and measures the indentation of the
// first real one; queues INDENT/DEDENT tokens.
static void lex_line_start(py_lexer_t *lex) {
    uint32_t col;
    for (;;) {
        col = 0;
        uint32_t cont_col = 0;
        for (;;) {
            int c = CUR(lex);
            if (c == ' ' || c == '\t' || c == '\f') {
                col = c == ' ' ? col + 1 : c == '\t' ? (col / 8 + 1) * 8 : 0;
            } else if (c == '\\' && lex->chr1 == '\n') {
                // Indentation is not split by a continuation: as in CPython, the columns before
                // the first backslash count if there are any, else those of the next line.
                cont_col = cont_col != 0 ? cont_col : col;
                next_char(lex);
                if (lex->chr1 == PY_READER_EOF) {
                    lex->tok_line = lex->line;
                    py_lexer_raise(lex, &py_type_SyntaxError, "unexpected EOF while parsing");
                }
            } else {
                break;
            }
            next_char(lex);
        }
        col = cont_col != 0 ? cont_col : col;
        if (CUR(lex) == '#') {
            while (CUR(lex) != '\n' && CUR(lex) != PY_READER_EOF) {
                next_char(lex);
            }
        }
        if (CUR(lex) != '\n') {
            break;
        }
        next_char(lex);
    }
    lex->at_line_start = false;
    if (CUR(lex) != PY_READER_EOF) {
        lex_set_indent(lex, col);
    }
}

// A logical line starts at column [col]: queues the INDENT or DEDENTs that takes.
static void lex_set_indent(py_lexer_t *lex, uint32_t col) {
    if (lex->flags & PY_LEXER_FLAG_EVAL) {
        // eval() ignores leading whitespace: this line's indentation is the base level.
        lex->flags &= ~PY_LEXER_FLAG_EVAL;
        lex->indent[0] = (uint16_t)col;
        return;
    }
    lex->tok_line = lex->line;
    uint16_t top = lex->indent[lex->n_indent];
    if (col > top) {
        if (lex->n_indent + 1 >= PY_LEXER_MAX_INDENT) {
            py_lexer_raise(lex, &py_type_IndentationError, "too many indentation levels");
        }
        if (col > 0xffff) {
            py_lexer_raise(lex, &py_type_IndentationError, "line too long");
        }
        lex->indent[++lex->n_indent] = (uint16_t)col;
        lex->n_pending = 1;
        lex->pending_is_indent = true;
    } else if (col < top) {
        uint16_t n = 0;
        while (lex->n_indent > 0 && col < lex->indent[lex->n_indent]) {
            lex->n_indent--;
            n++;
        }
        if (col != lex->indent[lex->n_indent]) {
            py_lexer_raise(lex, &py_type_IndentationError,
                           "unindent doesn't match any outer indent level");
        }
        lex->n_pending = n;
        lex->pending_is_indent = false;
    }
}

// Skips spaces, comments and line continuations; newlines too inside brackets.
static void skip_whitespace(py_lexer_t *lex) {
    bool joined = lex->bracket_depth > 0 || (lex->flags & PY_LEXER_FLAG_NESTED);
    for (;;) {
        int c = CUR(lex);
        if (c == ' ' || c == '\t' || c == '\f' || (c == '\n' && joined)) {
            next_char(lex);
        } else if (c == '#') {
            while (CUR(lex) != '\n' && CUR(lex) != PY_READER_EOF) {
                next_char(lex);
            }
        } else if (c == '\\') {
            if (lex->chr1 != '\n') {
                lex->tok_line = lex->line;
                py_lexer_raise(lex, &py_type_SyntaxError,
                               lex->chr1 == PY_READER_EOF ? "unexpected EOF while parsing"
                                                          : "invalid syntax");
            }
            next_char(lex);
            next_char(lex);
            if (CUR(lex) == PY_READER_EOF) {
                lex->tok_line = lex->line;
                py_lexer_raise(lex, &py_type_SyntaxError, "unexpected EOF while parsing");
            }
        } else {
            return;
        }
    }
}

// ---- Tokens ----------------------------------------------------------------------------------

// ORDER: PY_TOK_KW_FALSE .. PY_TOK_KW_YIELD (sorted as strcmp sorts).
static const char *const py_lexer_keywords[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

static py_token_kind_t keyword_lookup(const char *s, size_t len) {
    size_t lo = 0;
    size_t hi = PY_ARRAY_SIZE(py_lexer_keywords);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *kw = py_lexer_keywords[mid];
        int cmp = strncmp(s, kw, len);
        if (cmp == 0 && kw[len] != '\0') {
            cmp = -1; // s is a proper prefix of kw
        }
        if (cmp == 0) {
            return (py_token_kind_t)(PY_TOK_KW_FALSE + mid);
        }
        if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return PY_TOK_NAME;
}

// Is [c] a string prefix letter of kind [kind] ('r', 'b', 'u' or 'f'), in either case?
static int prefix_kind(int c) {
    c |= 0x20;
    return (c == 'r' || c == 'b' || c == 'u' || c == 'f') ? c : 0;
}

static bool is_quote(int c) {
    return c == '\'' || c == '"';
}

// Reads a str/bytes/f-string literal; chr0 is the opening quote.
static void lex_string(py_lexer_t *lex, bool is_raw, bool is_bytes, bool is_f) {
    int q = CUR(lex);
    bool triple = false;
    next_char(lex);
    if (CUR(lex) == q && lex->chr1 == q) {
        next_char(lex);
        next_char(lex);
        triple = true;
    }
    for (;;) {
        int c = CUR(lex);
        if (c == PY_READER_EOF || (c == '\n' && !triple)) {
            py_lexer_raise(lex, &py_type_SyntaxError, "invalid syntax");
        }
        if (c == q) {
            if (!triple) {
                next_char(lex);
                break;
            }
            if (lex->chr1 == q && lex->chr2 == q) {
                next_char(lex);
                next_char(lex);
                next_char(lex);
                break;
            }
        } else if (c == '\\') {
            tok_add_next(lex);
            if (CUR(lex) == PY_READER_EOF) {
                continue;
            }
        } else if (c >= 0x80 && is_bytes) {
            py_lexer_raise(lex, &py_type_SyntaxError,
                           "bytes can only contain ASCII literal characters");
        }
        tok_add_next(lex);
    }
    // The source text must be UTF-8; escapes may then add any code point (even surrogates).
    if (!is_bytes && !py_utf8_is_valid((const byte *)lex->vstr.buf, lex->vstr.len)) {
        py_lexer_raise(lex, &py_type_SyntaxError, "invalid UTF-8 in string");
    }
    if (is_f) {
        lex->tok_kind = PY_TOK_FSTRING;
        lex->tok_raw = is_raw;
        return;
    }
    if (!is_raw) {
        esc_ctx_t ctx = {lex->source_name, lex->tok_line};
        lex->vstr.len =
            decode_escapes_inplace((byte *)lex->vstr.buf, lex->vstr.len, is_bytes, &ctx);
    }
    lex->tok_kind = is_bytes ? PY_TOK_BYTES : PY_TOK_STRING;
}

// Tries to read a prefixed string literal (chr0 is a prefix letter); false if it is a name.
static bool lex_prefixed_string(py_lexer_t *lex) {
    int k0 = prefix_kind(CUR(lex));
    int k1 = prefix_kind(lex->chr1);
    if (is_quote(lex->chr1)) {
        next_char(lex);
        lex_string(lex, k0 == 'r', k0 == 'b', k0 == 'f');
        return true;
    }
    if (k1 == 0 || !is_quote(lex->chr2)) {
        return false;
    }
    // Two-letter prefixes: r with b or f, either order.
    bool ok = (k0 == 'r' && (k1 == 'b' || k1 == 'f')) || (k1 == 'r' && (k0 == 'b' || k0 == 'f'));
    if (!ok) {
        return false;
    }
    next_char(lex);
    next_char(lex);
    lex_string(lex, true, k0 == 'b' || k1 == 'b', k0 == 'f' || k1 == 'f');
    return true;
}

static void lex_name(py_lexer_t *lex) {
    bool ascii = true;
    while (is_id_char(CUR(lex))) {
        ascii &= CUR(lex) < 0x80;
        tok_add_next(lex);
    }
    if (lex->vstr.len > PY_QSTR_MAX_LEN) {
        py_lexer_raise(lex, &py_type_SyntaxError, "identifier too long");
    }
    if (!ascii && !py_utf8_is_valid((const byte *)lex->vstr.buf, lex->vstr.len)) {
        py_lexer_raise(lex, &py_type_SyntaxError, "invalid UTF-8 in identifier");
    }
    lex->tok_kind = keyword_lookup(lex->vstr.buf, lex->vstr.len);
}

// Reads decimal digits with single underscores between them.
static void lex_decimal_digits(py_lexer_t *lex) {
    for (;;) {
        if (is_digit(CUR(lex))) {
            tok_add_next(lex);
        } else if (CUR(lex) == '_' && is_digit(lex->chr1)) {
            tok_add_next(lex);
        } else if (CUR(lex) == '_') {
            lex_syntax_error(lex);
        } else {
            return;
        }
    }
}

static void lex_prefixed_int(py_lexer_t *lex) {
    int p = lex->chr1 | 0x20;
    unsigned base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
    tok_add_next(lex);
    tok_add_next(lex);
    size_t n_digits = 0;
    for (;;) {
        if (CUR(lex) == '_' && is_base_digit(lex->chr1, base)) {
            tok_add_next(lex);
        } else if (is_base_digit(CUR(lex), base)) {
            tok_add_next(lex);
            n_digits++;
        } else {
            break;
        }
    }
    if (n_digits == 0 || is_id_char(CUR(lex)) || is_digit(CUR(lex))) {
        lex_syntax_error(lex);
    }
    lex->tok_kind = PY_TOK_INTEGER;
}

// Reads a number; chr0 is a digit, or '.' followed by a digit.
static void lex_number(py_lexer_t *lex) {
    int p = lex->chr1 | 0x20;
    if (CUR(lex) == '0' && (p == 'x' || p == 'o' || p == 'b')) {
        lex_prefixed_int(lex);
        return;
    }
    bool is_float = false;
    lex_decimal_digits(lex);
    if (CUR(lex) == '.') {
        is_float = true;
        tok_add_next(lex);
        if (is_digit(CUR(lex))) {
            lex_decimal_digits(lex);
        }
    }
    int e = CUR(lex) | 0x20;
    if (e == 'e' &&
        (is_digit(lex->chr1) || ((lex->chr1 == '+' || lex->chr1 == '-') && is_digit(lex->chr2)))) {
        is_float = true;
        tok_add_next(lex);
        if (!is_digit(CUR(lex))) {
            tok_add_next(lex);
        }
        lex_decimal_digits(lex);
    }
    if ((CUR(lex) | 0x20) == 'j') {
        py_lexer_raise(lex, &py_type_SyntaxError, "complex values not supported");
    }
    if (!is_float && lex->vstr.buf[0] == '0') {
        for (size_t i = 0; i < lex->vstr.len; i++) {
            if (lex->vstr.buf[i] != '0' && lex->vstr.buf[i] != '_') {
                py_lexer_raise(lex, &py_type_SyntaxError, "invalid syntax for number");
            }
        }
    }
    lex->tok_kind = is_float ? PY_TOK_FLOAT : PY_TOK_INTEGER;
}

// Single-character tokens, and the kind when followed by '='.
static const char op_chars[] = "()[]{},;~:=+-*/%@&|^<>!.";

static py_token_kind_t lex_op_eq(py_lexer_t *lex, py_token_kind_t plain, py_token_kind_t with_eq) {
    next_char(lex);
    if (CUR(lex) == '=') {
        next_char(lex);
        return with_eq;
    }
    return plain;
}

// Operators whose first char may be doubled: ** // << >>, each with an optional '='.
static py_token_kind_t lex_op_double(py_lexer_t *lex, py_token_kind_t plain,
                                     py_token_kind_t plain_eq, py_token_kind_t dbl,
                                     py_token_kind_t dbl_eq) {
    int c = CUR(lex);
    if (lex->chr1 == c) {
        next_char(lex);
        return lex_op_eq(lex, dbl, dbl_eq);
    }
    return lex_op_eq(lex, plain, plain_eq);
}

static py_token_kind_t lex_op(py_lexer_t *lex) {
    int c = CUR(lex);
    switch (c) {
        case '(':
        case '[':
        case '{':
            lex->bracket_depth++;
            next_char(lex);
            return c == '(' ? PY_TOK_LPAREN : c == '[' ? PY_TOK_LBRACKET : PY_TOK_LBRACE;
        case ')':
        case ']':
        case '}':
            if (lex->bracket_depth > 0) {
                lex->bracket_depth--;
            }
            next_char(lex);
            return c == ')' ? PY_TOK_RPAREN : c == ']' ? PY_TOK_RBRACKET : PY_TOK_RBRACE;
        case ',':
            next_char(lex);
            return PY_TOK_COMMA;
        case ';':
            next_char(lex);
            return PY_TOK_SEMICOLON;
        case '~':
            next_char(lex);
            return PY_TOK_TILDE;
        case ':':
            return lex_op_eq(lex, PY_TOK_COLON, PY_TOK_WALRUS);
        case '=':
            return lex_op_eq(lex, PY_TOK_ASSIGN, PY_TOK_EQUAL);
        case '+':
            return lex_op_eq(lex, PY_TOK_PLUS, PY_TOK_PLUS_EQ);
        case '%':
            return lex_op_eq(lex, PY_TOK_PERCENT, PY_TOK_PERCENT_EQ);
        case '@':
            return lex_op_eq(lex, PY_TOK_AT, PY_TOK_AT_EQ);
        case '&':
            return lex_op_eq(lex, PY_TOK_AMPERSAND, PY_TOK_AMPERSAND_EQ);
        case '|':
            return lex_op_eq(lex, PY_TOK_PIPE, PY_TOK_PIPE_EQ);
        case '^':
            return lex_op_eq(lex, PY_TOK_CARET, PY_TOK_CARET_EQ);
        case '-':
            if (lex->chr1 == '>') {
                next_char(lex);
                next_char(lex);
                return PY_TOK_ARROW;
            }
            return lex_op_eq(lex, PY_TOK_MINUS, PY_TOK_MINUS_EQ);
        case '*':
            return lex_op_double(lex, PY_TOK_STAR, PY_TOK_STAR_EQ, PY_TOK_DBL_STAR,
                                 PY_TOK_DBL_STAR_EQ);
        case '/':
            return lex_op_double(lex, PY_TOK_SLASH, PY_TOK_SLASH_EQ, PY_TOK_DBL_SLASH,
                                 PY_TOK_DBL_SLASH_EQ);
        case '<':
            return lex_op_double(lex, PY_TOK_LESS, PY_TOK_LESS_EQUAL, PY_TOK_LSHIFT,
                                 PY_TOK_LSHIFT_EQ);
        case '>':
            return lex_op_double(lex, PY_TOK_MORE, PY_TOK_MORE_EQUAL, PY_TOK_RSHIFT,
                                 PY_TOK_RSHIFT_EQ);
        case '!':
            if (lex->chr1 == '=') {
                next_char(lex);
                next_char(lex);
                return PY_TOK_NOT_EQUAL;
            }
            break;
        case '.':
            if (lex->chr1 == '.' && lex->chr2 == '.') {
                next_char(lex);
                next_char(lex);
                next_char(lex);
                return PY_TOK_ELLIPSIS;
            }
            next_char(lex);
            return PY_TOK_DOT;
        default:
            break;
    }
    lex_syntax_error(lex);
}

// Hands out a queued INDENT/DEDENT, or the NEWLINE and DEDENTs due at the end of input.
static bool lex_pending(py_lexer_t *lex) {
    if (lex->n_pending > 0) {
        lex->n_pending--;
        lex->tok_kind = lex->pending_is_indent ? PY_TOK_INDENT : PY_TOK_DEDENT;
        return true;
    }
    return false;
}

static void lex_end_of_input(py_lexer_t *lex) {
    if (lex->flags & PY_LEXER_FLAG_NESTED) {
        lex->tok_kind = PY_TOK_END;
    } else if (lex->in_logical_line) {
        lex->in_logical_line = false;
        lex->tok_kind = PY_TOK_NEWLINE;
    } else if (lex->n_indent > 0) {
        lex->n_indent--;
        lex->tok_kind = PY_TOK_DEDENT;
    } else {
        lex->tok_kind = PY_TOK_END;
    }
}

void py_lexer_next(py_lexer_t *lex) {
    lex->vstr.len = 0;
    lex->tok_raw = false;
    lex->tok_line = lex->line;
    lex->tok_column = lex->column;
    if (lex_pending(lex)) {
        return;
    }
    for (;;) {
        if (lex->at_line_start && lex->bracket_depth == 0 && !(lex->flags & PY_LEXER_FLAG_NESTED)) {
            lex_line_start(lex);
            lex->tok_line = lex->line;
            if (lex_pending(lex)) {
                return;
            }
        }
        skip_whitespace(lex);
        lex->tok_line = lex->line;
        lex->tok_column = lex->column;
        if (CUR(lex) != '\n') {
            break;
        }
        // A newline outside brackets ends the logical line (blank lines produce nothing).
        next_char(lex);
        lex->at_line_start = true;
        if (lex->in_logical_line) {
            lex->in_logical_line = false;
            lex->tok_kind = PY_TOK_NEWLINE;
            return;
        }
    }
    int c = CUR(lex);
    if (c == PY_READER_EOF) {
        lex_end_of_input(lex);
        return;
    }
    lex->in_logical_line = true;
    if (prefix_kind(c) && lex_prefixed_string(lex)) {
        return;
    }
    if (is_id_start(c)) {
        lex_name(lex);
    } else if (is_digit(c) || (c == '.' && is_digit(lex->chr1))) {
        lex_number(lex);
    } else if (is_quote(c)) {
        lex_string(lex, false, false, false);
    } else if (c != 0 && strchr(op_chars, c) != NULL) {
        lex->tok_kind = lex_op(lex);
    } else {
        lex_syntax_error(lex);
    }
}

void py_lexer_init(py_lexer_t *lex, py_reader_t *reader, qstr source_name, uint32_t line,
                   unsigned flags) {
    memset(lex, 0, sizeof(*lex));
    lex->reader = reader;
    lex->source_name = source_name;
    lex->flags = (uint8_t)flags;
    lex->line = line;
    lex->column = 1;
    lex->at_line_start = true;
    py_vstr_init(&lex->vstr, 32);
    lex->chr0 = read_byte(lex);
    lex->chr1 = lex->chr0 == PY_READER_EOF ? PY_READER_EOF : read_byte(lex);
    lex->chr2 = lex->chr1 == PY_READER_EOF ? PY_READER_EOF : read_byte(lex);
    // A UTF-8 byte order mark at the start is ignored.
    if (lex->chr0 == 0xef && lex->chr1 == 0xbb && lex->chr2 == 0xbf) {
        lex->chr0 = read_byte(lex);
        lex->chr1 = lex->chr0 == PY_READER_EOF ? PY_READER_EOF : read_byte(lex);
        lex->chr2 = lex->chr1 == PY_READER_EOF ? PY_READER_EOF : read_byte(lex);
    }
    py_lexer_next(lex);
}

void py_lexer_deinit(py_lexer_t *lex) {
    py_vstr_clear(&lex->vstr);
}

// ---- Names of tokens -------------------------------------------------------------------------

static const char *const token_names[] = {
    "END", "NEWLINE", "INDENT", "DEDENT", "NAME", "INTEGER", "FLOAT", "STRING", "BYTES", "FSTRING",
};

// ORDER: PY_TOK_LPAREN .. PY_TOK_NOT_EQUAL.
static const char *const op_names[] = {
    "(",   ")",  "[",  "]",   "{",  "}",  ",",   ":",   ";",  ".",  "...", "->",
    "=",   ":=", "|",  "^",   "&",  "<<", ">>",  "+",   "-",  "*",  "@",   "//",
    "/",   "%",  "**", "|=",  "^=", "&=", "<<=", ">>=", "+=", "-=", "*=",  "@=",
    "//=", "/=", "%=", "**=", "~",  "<",  ">",   "==",  "<=", ">=", "!=",
};

_Static_assert(PY_ARRAY_SIZE(op_names) == PY_TOK_NUM_KINDS - PY_TOK_LPAREN, "op_names");
_Static_assert(PY_ARRAY_SIZE(py_lexer_keywords) == PY_TOK_LPAREN - PY_TOK_KW_FALSE, "keywords");

const char *py_token_kind_str(py_token_kind_t kind) {
    if (kind < PY_TOK_KW_FALSE) {
        return token_names[kind];
    }
    if (kind < PY_TOK_LPAREN) {
        return py_lexer_keywords[kind - PY_TOK_KW_FALSE];
    }
    if (kind < PY_TOK_NUM_KINDS) {
        return op_names[kind - PY_TOK_LPAREN];
    }
    return "?";
}
