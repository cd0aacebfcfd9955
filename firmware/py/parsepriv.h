// SPDX-License-Identifier: MIT
// parsepriv.h: what parse.c (statements) and parseexpr.c (expressions) share; not a public API.
//
// Sequences (statement bodies, arguments, elements) are collected on two scratch stacks on the
// GC heap and copied into the arena once complete, so the arena holds exact-size arrays. The
// stacks are used strictly last-in first-out: a nested construct pops what it pushed before its
// parent pops its own items. [ptrs] holds node pointers; [recs] holds helper records by value.

#ifndef PY_PARSEPRIV_H
#define PY_PARSEPRIV_H

#include "ast.h"
#include "lexer.h"

// Most items one scratch stack may hold (statements in one block, arguments in one call...).
#define PY_PARSE_MAX_SCRATCH (64 * 1024)

typedef struct py_parser {
    py_lexer_t *lex;
    py_arena_t *arena;
    qstr source_name;
    py_vstr_t ptrs; // scratch stack of pointers
    py_vstr_t recs; // scratch stack of records
    py_vstr_t text; // scratch text (string literals, dotted names)
    // Context of the code being parsed.
    bool in_func;        // inside def or lambda (at any depth below the nearest class)
    bool in_async;       // directly inside async def (not a nested def/lambda)
    uint16_t loop_depth; // loops around this point in the current function
    // An already parsed parenthesised atom the next expression starts with (after `with (...)`
    // turned out not to be a list of with-items); prefix operators are not looked for then.
    py_ast_expr_t *pending_atom;
} py_parser_t;

// ---- Errors ------------------------------------------------------------------------------------

PY_NORETURN void py_parse_error(py_parser_t *p, const char *msg);
PY_NORETURN void py_parse_error_at(py_parser_t *p, uint32_t line, const char *msg);
PY_NORETURN void py_parse_syntax_error(py_parser_t *p); // "invalid syntax" at the current token

// ---- Tokens ------------------------------------------------------------------------------------

static inline py_token_kind_t py_parse_tok(const py_parser_t *p) {
    return (py_token_kind_t)p->lex->tok_kind;
}
static inline uint32_t py_parse_line(const py_parser_t *p) {
    return p->lex->tok_line;
}
void py_parse_next(py_parser_t *p);
// Consumes the current token if it is [kind]; returns whether it did.
bool py_parse_accept(py_parser_t *p, py_token_kind_t kind);
// Consumes a token of [kind] or raises "invalid syntax".
void py_parse_expect(py_parser_t *p, py_token_kind_t kind);
// Consumes a NAME and returns it interned.
qstr py_parse_expect_name(py_parser_t *p);

// ---- Scratch stacks ----------------------------------------------------------------------------

static inline size_t py_parse_ptrs_mark(const py_parser_t *p) {
    return p->ptrs.len / sizeof(void *);
}
static inline size_t py_parse_recs_mark(const py_parser_t *p) {
    return p->recs.len;
}
void py_parse_push_ptr(py_parser_t *p, void *ptr);
// Pushes [size] bytes at [rec] in a slot rounded up to pointer alignment.
void py_parse_push_rec(py_parser_t *p, const void *rec, size_t size);
// Moves the pointers pushed since [mark] into a new arena array; *[n] gets their number.
void **py_parse_pop_ptrs(py_parser_t *p, size_t mark, size_t *n);
// Moves the records pushed since [mark] into a new arena array; *[n] gets their number.
void *py_parse_pop_recs(py_parser_t *p, size_t mark, size_t rec_size, size_t *n);

// ---- Nodes -------------------------------------------------------------------------------------

py_ast_expr_t *py_parse_new_expr(py_parser_t *p, py_ast_expr_kind_t kind, uint32_t line);
py_ast_stmt_t *py_parse_new_stmt(py_parser_t *p, py_ast_stmt_kind_t kind, uint32_t line);
// Marks [e] (and the elements of a tuple/list target) as a store or delete target, raising
// "can't assign to literal" / "can't assign to expression" / "can't delete expression".
void py_parse_set_context(py_parser_t *p, py_ast_expr_t *e, py_ast_ctx_t ctx);
// py_parse_set_context(STORE) for a whole target (of =, for, with, a comprehension), which may
// not be a lone `*x`.
void py_parse_set_target(py_parser_t *p, py_ast_expr_t *e);

// stmt: one statement, or the statements of one line joined by ';', pushed on the pointer stack.
void py_parse_stmt(py_parser_t *p);

// ---- Expressions (parseexpr.c) -----------------------------------------------------------------

// test: a conditional expression, lambda, or anything tighter.
py_ast_expr_t *py_parse_test(py_parser_t *p);
// namedexpr_test: test [':=' test].
py_ast_expr_t *py_parse_namedexpr_test(py_parser_t *p);
// expr: a bitwise-or expression (no comparisons, not, and/or).
py_ast_expr_t *py_parse_expr(py_parser_t *p);
// testlist / testlist_star_expr: one item, or a Tuple if there is a comma. With [allow_star],
// items may be `*expr`.
py_ast_expr_t *py_parse_testlist(py_parser_t *p, bool allow_star);
// exprlist: targets of for and del (expr or *expr), a Tuple if there is a comma.
py_ast_expr_t *py_parse_exprlist(py_parser_t *p);
// What may stand between '(' and [close] (not consumed): nothing (an empty Tuple), a yield
// expression, a generator expression, a Tuple, or one namedexpr_test. [line] is the '(' line.
py_ast_expr_t *py_parse_paren_body(py_parser_t *p, py_token_kind_t close, uint32_t line);
// yield_expr: the current token is `yield`.
py_ast_expr_t *py_parse_yield_expr(py_parser_t *p);
// Call arguments up to (not including) the closing token; fills the Call fields of [call].
void py_parse_arglist(py_parser_t *p, py_ast_expr_t *call, py_token_kind_t close);
// Parameter list up to [close] (')' for def, ':' for lambda); annotations with [annotations].
py_ast_arguments_t *py_parse_arguments(py_parser_t *p, py_token_kind_t close, bool annotations);
// One or more adjacent string literals (the current token is one): a Constant str or bytes, or a
// JoinedStr if f-strings are among them (parsestr.c).
py_ast_expr_t *py_parse_strings(py_parser_t *p);
// Is the current token able to start an expression?
bool py_parse_starts_expr(const py_parser_t *p);

#endif
