// SPDX-License-Identifier: MIT
// lexer.h: turns a byte stream of Python source into tokens, one at a time.
//
// The lexer pulls bytes from a py_reader_t as it needs them (three bytes of lookahead), so the
// REPL's raw-paste mode can compile while the text is still arriving. It tracks indentation
// (INDENT/DEDENT, tabs to the next multiple of 8), joins lines inside brackets and after a
// backslash, skips comments, and produces NEWLINE only at the end of logical lines. The current
// token's text lives in [vstr] (GC heap): an identifier's UTF-8 bytes, a number's literal text,
// a str/bytes literal's value with escapes decoded, or an f-string's raw text between the quotes.
// Errors raise SyntaxError / IndentationError with a traceback entry naming the source and line.

#ifndef PY_LEXER_H
#define PY_LEXER_H

#include "misc.h"
#include "obj.h"
#include "reader.h"

// Deepest indentation the lexer tracks; deeper raises IndentationError.
#ifndef PY_LEXER_MAX_INDENT
#define PY_LEXER_MAX_INDENT (100)
#endif

typedef enum {
    PY_TOK_END, // end of input (after the final NEWLINE and DEDENTs)
    PY_TOK_NEWLINE,
    PY_TOK_INDENT,
    PY_TOK_DEDENT,

    PY_TOK_NAME,    // vstr: the identifier
    PY_TOK_INTEGER, // vstr: the literal as written (prefix and underscores included)
    PY_TOK_FLOAT,   // vstr: the literal as written
    PY_TOK_STRING,  // vstr: the value, escapes decoded (UTF-8)
    PY_TOK_BYTES,   // vstr: the value, escapes decoded
    PY_TOK_FSTRING, // vstr: the raw text between the quotes; tok_raw says whether it was rf"..."

    // Keywords, in alphabetical order (ORDER: py_lexer_keywords in lexer.c).
    PY_TOK_KW_FALSE,
    PY_TOK_KW_NONE,
    PY_TOK_KW_TRUE,
    PY_TOK_KW_AND,
    PY_TOK_KW_AS,
    PY_TOK_KW_ASSERT,
    PY_TOK_KW_ASYNC,
    PY_TOK_KW_AWAIT,
    PY_TOK_KW_BREAK,
    PY_TOK_KW_CLASS,
    PY_TOK_KW_CONTINUE,
    PY_TOK_KW_DEF,
    PY_TOK_KW_DEL,
    PY_TOK_KW_ELIF,
    PY_TOK_KW_ELSE,
    PY_TOK_KW_EXCEPT,
    PY_TOK_KW_FINALLY,
    PY_TOK_KW_FOR,
    PY_TOK_KW_FROM,
    PY_TOK_KW_GLOBAL,
    PY_TOK_KW_IF,
    PY_TOK_KW_IMPORT,
    PY_TOK_KW_IN,
    PY_TOK_KW_IS,
    PY_TOK_KW_LAMBDA,
    PY_TOK_KW_NONLOCAL,
    PY_TOK_KW_NOT,
    PY_TOK_KW_OR,
    PY_TOK_KW_PASS,
    PY_TOK_KW_RAISE,
    PY_TOK_KW_RETURN,
    PY_TOK_KW_TRY,
    PY_TOK_KW_WHILE,
    PY_TOK_KW_WITH,
    PY_TOK_KW_YIELD,

    // Delimiters.
    PY_TOK_LPAREN,    // (
    PY_TOK_RPAREN,    // )
    PY_TOK_LBRACKET,  // [
    PY_TOK_RBRACKET,  // ]
    PY_TOK_LBRACE,    // {
    PY_TOK_RBRACE,    // }
    PY_TOK_COMMA,     // ,
    PY_TOK_COLON,     // :
    PY_TOK_SEMICOLON, // ;
    PY_TOK_DOT,       // .
    PY_TOK_ELLIPSIS,  // ...
    PY_TOK_ARROW,     // ->
    PY_TOK_ASSIGN,    // =
    PY_TOK_WALRUS,    // :=

    // Operators: ORDER matches py_binary_op_t's plain group, so that
    // op = PY_BINARY_OP_OR + (tok - PY_TOK_PIPE) for PY_TOK_PIPE .. PY_TOK_DBL_STAR.
    PY_TOK_PIPE,      // |
    PY_TOK_CARET,     // ^
    PY_TOK_AMPERSAND, // &
    PY_TOK_LSHIFT,    // <<
    PY_TOK_RSHIFT,    // >>
    PY_TOK_PLUS,      // +
    PY_TOK_MINUS,     // -
    PY_TOK_STAR,      // *
    PY_TOK_AT,        // @
    PY_TOK_DBL_SLASH, // //
    PY_TOK_SLASH,     // /
    PY_TOK_PERCENT,   // %
    PY_TOK_DBL_STAR,  // **

    // Augmented assignment, same ORDER: op = PY_BINARY_OP_INPLACE_OR + (tok - PY_TOK_PIPE_EQ).
    PY_TOK_PIPE_EQ,      // |=
    PY_TOK_CARET_EQ,     // ^=
    PY_TOK_AMPERSAND_EQ, // &=
    PY_TOK_LSHIFT_EQ,    // <<=
    PY_TOK_RSHIFT_EQ,    // >>=
    PY_TOK_PLUS_EQ,      // +=
    PY_TOK_MINUS_EQ,     // -=
    PY_TOK_STAR_EQ,      // *=
    PY_TOK_AT_EQ,        // @=
    PY_TOK_DBL_SLASH_EQ, // //=
    PY_TOK_SLASH_EQ,     // /=
    PY_TOK_PERCENT_EQ,   // %=
    PY_TOK_DBL_STAR_EQ,  // **=

    PY_TOK_TILDE, // ~
    PY_TOK_LESS,  // <
    PY_TOK_MORE,  // >
    PY_TOK_EQUAL, // ==
    PY_TOK_LESS_EQUAL,
    PY_TOK_MORE_EQUAL,
    PY_TOK_NOT_EQUAL, // !=

    PY_TOK_NUM_KINDS,
} py_token_kind_t;

enum {
    PY_LEXER_FLAG_EVAL = 0x01,   // ignore indentation before the first token (eval input)
    PY_LEXER_FLAG_NESTED = 0x02, // an f-string field: as if inside brackets, no NEWLINE/INDENT
};

typedef struct py_lexer {
    py_reader_t *reader;
    qstr source_name;
    int chr0, chr1, chr2; // lookahead bytes (PY_READER_EOF past the end)
    uint32_t line;        // line of chr0
    uint32_t column;      // column of chr0 (1-based, bytes, tabs expanded)
    uint8_t flags;        // PY_LEXER_FLAG_*
    bool at_line_start;   // the next token starts a logical line: measure its indentation
    bool in_logical_line; // a token was handed out since the last NEWLINE
    bool skip_lf;         // the last byte read was '\r': drop a following '\n'
    uint16_t bracket_depth;
    uint16_t n_pending; // INDENT (+1 each) or DEDENT tokens still to hand out
    bool pending_is_indent;
    uint16_t n_indent;
    uint16_t indent[PY_LEXER_MAX_INDENT];

    // The current token.
    uint8_t tok_kind; // py_token_kind_t
    bool tok_raw;     // PY_TOK_FSTRING: had an r prefix
    uint32_t tok_line;
    uint32_t tok_column;
    py_vstr_t vstr;
} py_lexer_t;

// Starts lexing what [reader] yields and reads the first token. [source_name] and [line] (the
// first line's number, normally 1) are used in error reports. Raises SyntaxError.
void py_lexer_init(py_lexer_t *lex, py_reader_t *reader, qstr source_name, uint32_t line,
                   unsigned flags);
// Releases [lex]'s token buffer (not the reader).
void py_lexer_deinit(py_lexer_t *lex);
// Moves to the next token. Raises SyntaxError / IndentationError on bad input.
void py_lexer_next(py_lexer_t *lex);

// Raises [type] (SyntaxError or IndentationError) with [msg] and a traceback entry for
// [source_name] at [line].
PY_NORETURN void py_lexer_raise_at(const py_obj_type_t *type, const char *msg, qstr source_name,
                                   uint32_t line);
// py_lexer_raise_at for the current token's line.
PY_NORETURN void py_lexer_raise(py_lexer_t *lex, const py_obj_type_t *type, const char *msg);

// Decodes the escapes of a str ([is_bytes] false) or bytes literal body [src, src + len) into
// [out] (used by the lexer and for f-string pieces). [line] is for error reports.
void py_lexer_decode_escapes(py_vstr_t *out, const char *src, size_t len, bool is_bytes,
                             qstr source_name, uint32_t line);

// The source text of a delimiter/operator/keyword token kind ("+=", "while"), or a description
// ("NAME", "NEWLINE") for the others. For tests and messages.
const char *py_token_kind_str(py_token_kind_t kind);

#endif
