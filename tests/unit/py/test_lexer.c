// SPDX-License-Identifier: MIT
// test_lexer.c: token streams of tricky inputs: indentation, continuation, strings with every
// escape and prefix, numbers, f-string tokens, streaming, and the errors the lexer reports.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lexer.h"
#include "objects.h"
#include "runtime.h"
#include "unit_port.h"

static int teardown(void **state) {
    (void)state;
    py_deinit();
    return 0;
}

// Every token of [len] bytes of [src] as text: `KIND` or `KIND:value`, separated by spaces.
// Values show bytes outside printable ASCII as \xHH. An error gives `ERR:Type:message`.
static char result[16384];

static void append(const char *s, size_t n) {
    size_t len = strlen(result);
    assert_true(len + n < sizeof(result));
    memcpy(result + len, s, n);
    result[len + n] = '\0';
}

static void append_value(const py_lexer_t *lex) {
    append(":", 1);
    for (size_t i = 0; i < lex->vstr.len; i++) {
        unsigned char c = (unsigned char)lex->vstr.buf[i];
        char buf[8];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            buf[0] = (char)c;
            append(buf, 1);
        } else {
            snprintf(buf, sizeof(buf), "\\x%02x", c);
            append(buf, 4);
        }
    }
    if (lex->tok_raw) {
        append(":raw", 4);
    }
}

static void append_error(py_obj_t exc) {
    const char *type = py_qstr_str(py_obj_get_type(exc)->name);
    size_t n;
    const char *msg = py_obj_str_get_data(py_obj_exception_get_value(exc), &n);
    append("ERR:", 4);
    append(type, strlen(type));
    append(":", 1);
    append(msg, n);
}

static const char *lex_n(const char *src, size_t len) {
    result[0] = '\0';
    py_reader_t reader;
    py_reader_mem_t mem;
    py_reader_init_mem(&reader, &mem, (const byte *)src, len);
    py_lexer_t lex;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_lexer_init(&lex, &reader, PY_QSTR_lt_stdin_gt, 1, 0);
        for (;;) {
            const char *kind = py_token_kind_str(lex.tok_kind);
            if (result[0] != '\0') {
                append(" ", 1);
            }
            append(kind, strlen(kind));
            if (lex.tok_kind >= PY_TOK_NAME && lex.tok_kind <= PY_TOK_FSTRING) {
                append_value(&lex);
            }
            if (lex.tok_kind == PY_TOK_END) {
                break;
            }
            py_lexer_next(&lex);
        }
        py_lexer_deinit(&lex);
        py_nlr_pop();
    } else {
        if (result[0] != '\0') {
            append(" ", 1);
        }
        append_error(PY_OBJ_FROM_PTR(nlr.ret_val));
    }
    return result;
}

static const char *lex(const char *src) {
    return lex_n(src, strlen(src));
}

// ---- Layout ----------------------------------------------------------------------------------

static void test_indentation(void **state) {
    (void)state;
    assert_string_equal(lex("if x:\n    y\n    if z:\n        w\nv\n"),
                        "if NAME:x : NEWLINE INDENT NAME:y NEWLINE if NAME:z : NEWLINE INDENT "
                        "NAME:w NEWLINE DEDENT DEDENT NAME:v NEWLINE END");
    // Dedents still open at the end of input come after the final NEWLINE.
    assert_string_equal(lex("def f():\n  if a:\n    b"),
                        "def NAME:f ( ) : NEWLINE INDENT if NAME:a : NEWLINE INDENT NAME:b "
                        "NEWLINE DEDENT DEDENT END");
}

static void test_blank_lines_and_comments(void **state) {
    (void)state;
    assert_string_equal(lex("\n\n# only a comment\n   \n  # indented comment\nx  # trailing\n\n"),
                        "NAME:x NEWLINE END");
    assert_string_equal(lex(""), "END");
    assert_string_equal(lex("   \n\t\n"), "END");
    assert_string_equal(lex("if a:\n    b\n\n    # c\n\n    d\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE NAME:d NEWLINE DEDENT END");
}

static void test_tabs(void **state) {
    (void)state;
    // A tab advances to the next multiple of 8: one tab equals eight spaces.
    assert_string_equal(lex("if a:\n\tb\n        c\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE NAME:c NEWLINE DEDENT END");
    assert_string_equal(lex("if a:\n  \tb\n\tc\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE NAME:c NEWLINE DEDENT END");
}

static void test_line_joining(void **state) {
    (void)state;
    assert_string_equal(lex("x = (1,\n     2)\n"),
                        "NAME:x = ( INTEGER:1 , INTEGER:2 ) NEWLINE END");
    assert_string_equal(lex("x = [\n  1, # c\n\n 2]\ny\n"),
                        "NAME:x = [ INTEGER:1 , INTEGER:2 ] NEWLINE NAME:y NEWLINE END");
    assert_string_equal(lex("x = 1 + \\\n    2\n"), "NAME:x = INTEGER:1 + INTEGER:2 NEWLINE END");
    // A continuation at the start of a line: the next line's columns give the indentation.
    assert_string_equal(lex("if a:\n\\\n    b\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE DEDENT END");
    assert_string_equal(lex("x\n\\\n"),
                        "NAME:x NEWLINE ERR:SyntaxError:unexpected EOF while parsing");
    assert_string_equal(lex("if a:\n    x = {\n1: 2}\n"),
                        "if NAME:a : NEWLINE INDENT NAME:x = { INTEGER:1 : INTEGER:2 } NEWLINE "
                        "DEDENT END");
}

static void test_crlf(void **state) {
    (void)state;
    assert_string_equal(lex("if a:\r\n    b\r\nc\rd\r\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE DEDENT NAME:c NEWLINE NAME:d "
                        "NEWLINE END");
    assert_string_equal(lex("s = '''a\r\nb'''\r\n"), "NAME:s = STRING:a\\x0ab NEWLINE END");
}

// ---- Tokens ----------------------------------------------------------------------------------

static void test_operators(void **state) {
    (void)state;
    assert_string_equal(lex("( ) [ ] { } , : ; . ... -> = := | ^ & << >> + - * @ // / % **"),
                        "( ) [ ] { } , : ; . ... -> = := | ^ & << >> + - * @ // / % ** "
                        "NEWLINE END");
    assert_string_equal(lex("|= ^= &= <<= >>= += -= *= @= //= /= %= **= ~ < > == <= >= !="),
                        "|= ^= &= <<= >>= += -= *= @= //= /= %= **= ~ < > == <= >= != NEWLINE "
                        "END");
    assert_string_equal(lex("a.b..c**=-~d"),
                        "NAME:a . NAME:b . . NAME:c **= - ~ NAME:d NEWLINE END");
}

static void test_keywords_and_names(void **state) {
    (void)state;
    assert_string_equal(lex("False None True and as assert async await break class continue"),
                        "False None True and as assert async await break class continue NEWLINE "
                        "END");
    assert_string_equal(lex("def del elif else except finally for from global if import in is"),
                        "def del elif else except finally for from global if import in is "
                        "NEWLINE END");
    assert_string_equal(lex("lambda nonlocal not or pass raise return try while with yield"),
                        "lambda nonlocal not or pass raise return try while with yield NEWLINE "
                        "END");
    assert_string_equal(lex("iff _x x1 True_ none __init__"),
                        "NAME:iff NAME:_x NAME:x1 NAME:True_ NAME:none NAME:__init__ NEWLINE END");
    assert_string_equal(lex("\xc3\xa9t\xc3\xa9 = 1"),
                        "NAME:\\xc3\\xa9t\\xc3\\xa9 = INTEGER:1 NEWLINE END");
}

static void test_numbers(void **state) {
    (void)state;
    assert_string_equal(lex("0 00 7 1_000 0x1F 0XaB_cd 0o17 0O7 0b101 0B1_0"),
                        "INTEGER:0 INTEGER:00 INTEGER:7 INTEGER:1_000 INTEGER:0x1F "
                        "INTEGER:0XaB_cd INTEGER:0o17 INTEGER:0O7 INTEGER:0b101 INTEGER:0B1_0 "
                        "NEWLINE END");
    assert_string_equal(lex("1.5 .5 5. 1e10 1E+3 2.5e-3 1_0.0_1 0.0 00.5 1e1_0"),
                        "FLOAT:1.5 FLOAT:.5 FLOAT:5. FLOAT:1e10 FLOAT:1E+3 FLOAT:2.5e-3 "
                        "FLOAT:1_0.0_1 FLOAT:0.0 FLOAT:00.5 FLOAT:1e1_0 NEWLINE END");
    // `1if` is a number then a keyword; `1.real` is not valid but `1 .real` and `1..real` are.
    assert_string_equal(lex("1if 1else 1..real"),
                        "INTEGER:1 if INTEGER:1 else FLOAT:1. . NAME:real NEWLINE END");
    assert_string_equal(lex("123456789012345678901234567890"),
                        "INTEGER:123456789012345678901234567890 NEWLINE END");
}

static void test_number_errors(void **state) {
    (void)state;
    assert_string_equal(lex("1j"), "ERR:SyntaxError:complex values not supported");
    assert_string_equal(lex("1.5J"), "ERR:SyntaxError:complex values not supported");
    assert_string_equal(lex("0123"), "ERR:SyntaxError:invalid syntax for number");
    assert_string_equal(lex("1__0"), "ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("1_"), "ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("0x"), "ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("0b12"), "ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("0o8"), "ERR:SyntaxError:invalid syntax");
}

// ---- Strings ---------------------------------------------------------------------------------

static void test_string_quotes(void **state) {
    (void)state;
    assert_string_equal(lex("'a' \"b\" '' \"\" 'it''s' \"q'q\" 'd\"d'"),
                        "STRING:a STRING:b STRING: STRING: STRING:it STRING:s STRING:q'q "
                        "STRING:d\"d NEWLINE END");
    assert_string_equal(lex("'''a\n'b''c''' \"\"\"x\"\"y\"\"\" ''''''"),
                        "STRING:a\\x0a'b''c STRING:x\"\"y STRING: NEWLINE END");
    // A backslash-newline inside a literal joins the lines.
    assert_string_equal(lex("'a\\\nb' '''c\\\nd'''"), "STRING:ab STRING:cd NEWLINE END");
}

static void test_string_escapes(void **state) {
    (void)state;
    assert_string_equal(lex("'\\n\\t\\r\\0\\\\\\'\\\"\\a\\b\\f\\v'"),
                        "STRING:\\x0a\\x09\\x0d\\x00\\x5c'\"\\x07\\x08\\x0c\\x0b NEWLINE END");
    assert_string_equal(lex("'\\101\\12\\7\\1234' '\\x41\\xe9' '\\u00e9\\u20ac' '\\U0001F600'"),
                        "STRING:A\\x0a\\x07S4 STRING:A\\xc3\\xa9 STRING:\\xc3\\xa9\\xe2\\x82\\xac "
                        "STRING:\\xf0\\x9f\\x98\\x80 NEWLINE END");
    // Unknown escapes keep their backslash.
    assert_string_equal(lex("'\\q\\d\\{'"), "STRING:\\x5cq\\x5cd\\x5c{ NEWLINE END");
    assert_string_equal(lex("'\\N{BULLET}'"), "ERR:SyntaxError:\\N{...} escapes not supported");
    assert_string_equal(lex("'\\x4'"), "ERR:SyntaxError:invalid \\x escape");
    assert_string_equal(lex("'\\u12'"), "ERR:SyntaxError:invalid \\u escape");
    assert_string_equal(lex("'\\U00110000'"), "ERR:SyntaxError:invalid \\U escape");
}

static void test_string_prefixes(void **state) {
    (void)state;
    assert_string_equal(lex("r'\\n' R'\\t' u'\\n' U'x' b'\\n' B'x'"),
                        "STRING:\\x5cn STRING:\\x5ct STRING:\\x0a STRING:x BYTES:\\x0a BYTES:x "
                        "NEWLINE END");
    assert_string_equal(lex("rb'\\n' bR'\\x' Rb'a' BR'b' br'\\''"),
                        "BYTES:\\x5cn BYTES:\\x5cx BYTES:a BYTES:b BYTES:\\x5c' NEWLINE END");
    // In bytes, \u is not an escape and \x gives one byte.
    assert_string_equal(lex("b'\\u00e9\\xe9\\377'"), "BYTES:\\x5cu00e9\\xe9\\xff NEWLINE END");
    // Prefix letters not followed by a quote are names.
    assert_string_equal(lex("rb bu f fr ur"), "NAME:rb NAME:bu NAME:f NAME:fr NAME:ur NEWLINE END");
    assert_string_equal(lex("ub'x'"), "NAME:ub STRING:x NEWLINE END");
}

static void test_fstring_tokens(void **state) {
    (void)state;
    // f-strings keep their raw text; the parser splits them.
    assert_string_equal(lex("f'a{b!r:>{w}}\\n' F\"{x}\" rf'{y}\\d' fR'z' Rf'''{a\n}'''"),
                        "FSTRING:a{b!r:>{w}}\\x5cn FSTRING:{x} FSTRING:{y}\\x5cd:raw "
                        "FSTRING:z:raw FSTRING:{a\\x0a}:raw NEWLINE END");
    assert_string_equal(lex("f'{\"q\"}' f'\\''"), "FSTRING:{\"q\"} FSTRING:\\x5c' NEWLINE END");
}

static void test_string_errors(void **state) {
    (void)state;
    assert_string_equal(lex("x = 'abc"), "NAME:x = ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("x = 'abc\ndef'"), "NAME:x = ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("x = '''abc\n"), "NAME:x = ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("b'\xc3\xa9'"),
                        "ERR:SyntaxError:bytes can only contain ASCII literal characters");
    assert_string_equal(lex("'\xff'"), "ERR:SyntaxError:invalid UTF-8 in string");
}

// ---- Errors ------------------------------------------------------------------------------------

static void test_layout_errors(void **state) {
    (void)state;
    assert_string_equal(lex("if a:\n    b\n  c\n"),
                        "if NAME:a : NEWLINE INDENT NAME:b NEWLINE "
                        "ERR:IndentationError:unindent doesn't match any outer indent level");
    assert_string_equal(lex("x = 1 \\ 2"), "NAME:x = INTEGER:1 ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("x = 1 \\"),
                        "NAME:x = INTEGER:1 ERR:SyntaxError:unexpected EOF while parsing");
    assert_string_equal(lex("a $ b"), "NAME:a ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("a ? b"), "NAME:a ERR:SyntaxError:invalid syntax");
    assert_string_equal(lex("a ! b"), "NAME:a ERR:SyntaxError:invalid syntax");
}

static void test_too_deep(void **state) {
    (void)state;
    static char src[PY_LEXER_MAX_INDENT * (PY_LEXER_MAX_INDENT + 8)];
    size_t n = 0;
    for (int depth = 0; depth < PY_LEXER_MAX_INDENT + 1; depth++) {
        memset(src + n, ' ', (size_t)depth);
        n += (size_t)depth;
        memcpy(src + n, "if x:\n", 6);
        n += 6;
    }
    const char *r = lex_n(src, n);
    assert_non_null(strstr(r, "ERR:IndentationError:too many indentation levels"));
}

static void test_token_too_long(void **state) {
    (void)state;
    static char src[PY_LEXER_MAX_TOKEN + 16];
    src[0] = '\'';
    memset(src + 1, 'a', PY_LEXER_MAX_TOKEN + 1);
    src[PY_LEXER_MAX_TOKEN + 2] = '\'';
    assert_string_equal(lex_n(src, PY_LEXER_MAX_TOKEN + 3), "ERR:SyntaxError:token too long");
    // Exactly at the limit is fine.
    src[PY_LEXER_MAX_TOKEN + 1] = '\'';
    py_reader_t reader;
    py_reader_mem_t mem;
    py_reader_init_mem(&reader, &mem, (const byte *)src, PY_LEXER_MAX_TOKEN + 2);
    py_lexer_t lex;
    py_lexer_init(&lex, &reader, PY_QSTR_lt_stdin_gt, 1, 0);
    assert_int_equal(lex.tok_kind, PY_TOK_STRING);
    assert_int_equal(lex.vstr.len, PY_LEXER_MAX_TOKEN);
    py_lexer_deinit(&lex);
    // Identifiers are limited to what a qstr holds.
    memset(src, 'n', 300);
    assert_string_equal(lex_n(src, 300), "ERR:SyntaxError:identifier too long");
}

// ---- Streaming -------------------------------------------------------------------------------

typedef struct {
    const char *src;
    size_t len;
    size_t pos;
} counting_reader_t;

static int counting_readbyte(void *data) {
    counting_reader_t *r = data;
    return r->pos < r->len ? (unsigned char)r->src[r->pos++] : PY_READER_EOF;
}

static void test_streaming(void **state) {
    (void)state;
    // The lexer reads only as far as it needs (three bytes of lookahead), so the REPL can
    // compile input as it arrives.
    counting_reader_t cr = {"x = 1\ny = 2\nzzz\n", 16, 0};
    py_reader_t reader = {&cr, counting_readbyte, NULL};
    py_lexer_t lex;
    py_lexer_init(&lex, &reader, PY_QSTR_lt_stdin_gt, 1, 0);
    assert_int_equal(lex.tok_kind, PY_TOK_NAME);
    assert_true(cr.pos <= 4);
    while (lex.tok_kind != PY_TOK_NEWLINE) {
        py_lexer_next(&lex);
    }
    assert_true(cr.pos <= 6 + 3);
    assert_int_equal(lex.tok_line, 1);
    py_lexer_next(&lex);
    assert_int_equal(lex.tok_line, 2);
    py_lexer_deinit(&lex);
}

static void test_eval_flag(void **state) {
    (void)state;
    py_reader_t reader;
    py_reader_mem_t mem;
    const char *src = "   1 + 2\n";
    py_reader_init_mem(&reader, &mem, (const byte *)src, strlen(src));
    py_lexer_t lex;
    py_lexer_init(&lex, &reader, PY_QSTR_lt_string_gt, 1, PY_LEXER_FLAG_EVAL);
    assert_int_equal(lex.tok_kind, PY_TOK_INTEGER); // no INDENT
    py_lexer_deinit(&lex);
}

static void test_decode_escapes(void **state) {
    (void)state;
    py_vstr_t v;
    py_vstr_init(&v, 8);
    py_lexer_decode_escapes(&v, "a\\tb\\x41\\u00e9", 14, false, PY_QSTR_lt_stdin_gt, 1);
    assert_int_equal(v.len, 6);
    assert_memory_equal(v.buf, "a\tbA\xc3\xa9", 6);
    py_vstr_clear(&v);
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_indentation, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_blank_lines_and_comments, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_tabs, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_joining, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_crlf, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_operators, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_keywords_and_names, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_numbers, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_number_errors, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_quotes, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_escapes, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_prefixes, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_fstring_tokens, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_errors, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout_errors, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_deep, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_too_long, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_streaming, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_flag, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_decode_escapes, unit_py_setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
