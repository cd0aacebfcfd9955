// SPDX-License-Identifier: MIT
// parse.c: recursive-descent parser for Python 3.8 statements; the arena; the REPL's
// completeness check. Expressions are in parseexpr.c.

#include "parse.h"

#include <stddef.h>
#include <string.h>

#include "parsepriv.h"
#include "symtable.h"

// ---- Errors and tokens -----------------------------------------------------------------------

void py_parse_error_at(py_parser_t *p, uint32_t line, const char *msg) {
    py_lexer_raise_at(&py_type_SyntaxError, msg, p->source_name, line);
}

void py_parse_error(py_parser_t *p, const char *msg) {
    py_parse_error_at(p, py_parse_line(p), msg);
}

void py_parse_syntax_error(py_parser_t *p) {
    if (py_parse_tok(p) == PY_TOK_INDENT) {
        py_lexer_raise(p->lex, &py_type_IndentationError, "unexpected indent");
    }
    py_parse_error(p, "invalid syntax");
}

void py_parse_next(py_parser_t *p) {
    py_lexer_next(p->lex);
}

bool py_parse_accept(py_parser_t *p, py_token_kind_t kind) {
    if (py_parse_tok(p) == kind) {
        py_lexer_next(p->lex);
        return true;
    }
    return false;
}

void py_parse_expect(py_parser_t *p, py_token_kind_t kind) {
    if (!py_parse_accept(p, kind)) {
        py_parse_syntax_error(p);
    }
}

qstr py_parse_expect_name(py_parser_t *p) {
    if (py_parse_tok(p) != PY_TOK_NAME) {
        py_parse_syntax_error(p);
    }
    qstr q = py_qstr_from_strn(p->lex->vstr.buf, p->lex->vstr.len);
    py_lexer_next(p->lex);
    return q;
}

// ---- Scratch stacks and nodes ----------------------------------------------------------------

static void scratch_push(py_parser_t *p, py_vstr_t *v, const void *data, size_t size) {
    if (v->len + size > PY_PARSE_MAX_SCRATCH * sizeof(void *)) {
        py_parse_error(p, "too many items");
    }
    memcpy(py_vstr_add_len(v, size), data, size);
}

void py_parse_push_ptr(py_parser_t *p, void *ptr) {
    scratch_push(p, &p->ptrs, &ptr, sizeof(ptr));
}

// Records are pushed in slots rounded up to pointer alignment, so they can be read in place (a
// misaligned load faults on the chip).
#define REC_SLOT(size) (((size) + sizeof(void *) - 1) & ~(sizeof(void *) - 1))

void py_parse_push_rec(py_parser_t *p, const void *rec, size_t size) {
    scratch_push(p, &p->recs, rec, size);
    size_t pad = REC_SLOT(size) - size;
    if (pad > 0) {
        memset(py_vstr_add_len(&p->recs, pad), 0, pad);
    }
}

void **py_parse_pop_ptrs(py_parser_t *p, size_t mark, size_t *n) {
    size_t count = py_parse_ptrs_mark(p) - mark;
    *n = count;
    p->ptrs.len = mark * sizeof(void *);
    if (count == 0) {
        return NULL;
    }
    void **arr = py_arena_new(p->arena, void *, count);
    memcpy(arr, p->ptrs.buf + mark * sizeof(void *), count * sizeof(void *));
    return arr;
}

void *py_parse_pop_recs(py_parser_t *p, size_t mark, size_t rec_size, size_t *n) {
    size_t slot = REC_SLOT(rec_size);
    size_t count = (p->recs.len - mark) / slot;
    *n = count;
    p->recs.len = mark;
    if (count == 0) {
        return NULL;
    }
    byte *arr = py_arena_alloc(p->arena, count * rec_size);
    for (size_t i = 0; i < count; i++) {
        memcpy(arr + i * rec_size, p->recs.buf + mark + i * slot, rec_size);
    }
    return arr;
}

// Nodes get only the room their kind's union member needs: most are names and constants, and
// the chip's heap is small.
#define NODE_SIZE(type, member) (offsetof(type, u) + sizeof(((type *)0)->u.member))

static size_t expr_size(py_ast_expr_kind_t kind) {
    switch (kind) {
        case PY_AST_EXPR_BOOLOP:
            return NODE_SIZE(py_ast_expr_t, boolop);
        case PY_AST_EXPR_NAMEDEXPR:
            return NODE_SIZE(py_ast_expr_t, namedexpr);
        case PY_AST_EXPR_BINOP:
            return NODE_SIZE(py_ast_expr_t, binop);
        case PY_AST_EXPR_UNARYOP:
            return NODE_SIZE(py_ast_expr_t, unaryop);
        case PY_AST_EXPR_LAMBDA:
            return NODE_SIZE(py_ast_expr_t, lambda);
        case PY_AST_EXPR_IFEXP:
            return NODE_SIZE(py_ast_expr_t, ifexp);
        case PY_AST_EXPR_DICT:
            return NODE_SIZE(py_ast_expr_t, dict);
        case PY_AST_EXPR_LISTCOMP:
        case PY_AST_EXPR_SETCOMP:
        case PY_AST_EXPR_DICTCOMP:
        case PY_AST_EXPR_GENERATOREXP:
            return NODE_SIZE(py_ast_expr_t, comp);
        case PY_AST_EXPR_COMPARE:
            return NODE_SIZE(py_ast_expr_t, compare);
        case PY_AST_EXPR_CALL:
            return NODE_SIZE(py_ast_expr_t, call);
        case PY_AST_EXPR_FORMATTEDVALUE:
            return NODE_SIZE(py_ast_expr_t, formattedvalue);
        case PY_AST_EXPR_JOINEDSTR:
            return NODE_SIZE(py_ast_expr_t, joinedstr);
        case PY_AST_EXPR_CONSTANT:
            return NODE_SIZE(py_ast_expr_t, constant);
        case PY_AST_EXPR_ATTRIBUTE:
            return NODE_SIZE(py_ast_expr_t, attribute);
        case PY_AST_EXPR_SUBSCRIPT:
            return NODE_SIZE(py_ast_expr_t, subscript);
        case PY_AST_EXPR_NAME:
            return NODE_SIZE(py_ast_expr_t, name);
        case PY_AST_EXPR_SLICE:
            return NODE_SIZE(py_ast_expr_t, slice);
        case PY_AST_EXPR_SET:
        case PY_AST_EXPR_LIST:
        case PY_AST_EXPR_TUPLE:
            return NODE_SIZE(py_ast_expr_t, tuple);
        default:
            return NODE_SIZE(py_ast_expr_t, await); // Await, Yield, YieldFrom, Starred
    }
}

static size_t stmt_size(py_ast_stmt_kind_t kind) {
    switch (kind) {
        case PY_AST_STMT_FUNCTIONDEF:
        case PY_AST_STMT_ASYNCFUNCTIONDEF:
            return NODE_SIZE(py_ast_stmt_t, functiondef);
        case PY_AST_STMT_CLASSDEF:
            return NODE_SIZE(py_ast_stmt_t, classdef);
        case PY_AST_STMT_RETURN:
            return NODE_SIZE(py_ast_stmt_t, return_);
        case PY_AST_STMT_DELETE:
            return NODE_SIZE(py_ast_stmt_t, delete_);
        case PY_AST_STMT_ASSIGN:
            return NODE_SIZE(py_ast_stmt_t, assign);
        case PY_AST_STMT_AUGASSIGN:
            return NODE_SIZE(py_ast_stmt_t, augassign);
        case PY_AST_STMT_ANNASSIGN:
            return NODE_SIZE(py_ast_stmt_t, annassign);
        case PY_AST_STMT_FOR:
        case PY_AST_STMT_ASYNCFOR:
            return NODE_SIZE(py_ast_stmt_t, for_);
        case PY_AST_STMT_WHILE:
        case PY_AST_STMT_IF:
            return NODE_SIZE(py_ast_stmt_t, if_);
        case PY_AST_STMT_WITH:
        case PY_AST_STMT_ASYNCWITH:
            return NODE_SIZE(py_ast_stmt_t, with);
        case PY_AST_STMT_RAISE:
            return NODE_SIZE(py_ast_stmt_t, raise);
        case PY_AST_STMT_TRY:
            return NODE_SIZE(py_ast_stmt_t, try_);
        case PY_AST_STMT_ASSERT:
            return NODE_SIZE(py_ast_stmt_t, assert_);
        case PY_AST_STMT_IMPORT:
            return NODE_SIZE(py_ast_stmt_t, import);
        case PY_AST_STMT_IMPORTFROM:
            return NODE_SIZE(py_ast_stmt_t, importfrom);
        case PY_AST_STMT_GLOBAL:
        case PY_AST_STMT_NONLOCAL:
            return NODE_SIZE(py_ast_stmt_t, global);
        case PY_AST_STMT_EXPR:
            return NODE_SIZE(py_ast_stmt_t, expr);
        default:
            return offsetof(py_ast_stmt_t, u); // Pass, Break, Continue
    }
}

py_ast_expr_t *py_parse_new_expr(py_parser_t *p, py_ast_expr_kind_t kind, uint32_t line) {
    py_ast_expr_t *e = py_arena_alloc(p->arena, expr_size(kind));
    e->kind = kind;
    e->line = line < PY_AST_MAX_LINE ? line : PY_AST_MAX_LINE;
    return e;
}

py_ast_stmt_t *py_parse_new_stmt(py_parser_t *p, py_ast_stmt_kind_t kind, uint32_t line) {
    py_ast_stmt_t *s = py_arena_alloc(p->arena, stmt_size(kind));
    s->kind = kind;
    s->line = line < PY_AST_MAX_LINE ? line : PY_AST_MAX_LINE;
    return s;
}

void py_parse_set_context(py_parser_t *p, py_ast_expr_t *e, py_ast_ctx_t ctx) {
    bool del = ctx == PY_AST_DEL;
    switch (e->kind) {
        case PY_AST_EXPR_NAME:
        case PY_AST_EXPR_ATTRIBUTE:
        case PY_AST_EXPR_SUBSCRIPT:
            e->ctx = ctx;
            return;
        case PY_AST_EXPR_STARRED:
            if (del) {
                break;
            }
            e->ctx = ctx;
            py_parse_set_context(p, e->u.starred.value, ctx);
            return;
        case PY_AST_EXPR_LIST:
        case PY_AST_EXPR_TUPLE: {
            size_t n_star = 0;
            e->ctx = ctx;
            for (size_t i = 0; i < e->u.tuple.n_elts; i++) {
                py_ast_expr_t *elt = e->u.tuple.elts[i];
                n_star += elt->kind == PY_AST_EXPR_STARRED;
                py_parse_set_context(p, elt, ctx);
            }
            if (n_star > 1) {
                py_parse_error_at(p, e->line, "multiple *x in assignment");
            }
            return;
        }
        case PY_AST_EXPR_CONSTANT:
            if (!del) {
                py_parse_error_at(p, e->line, "can't assign to literal");
            }
            break;
        default:
            break;
    }
    py_parse_error_at(p, e->line, del ? "can't delete expression" : "can't assign to expression");
}

void py_parse_set_target(py_parser_t *p, py_ast_expr_t *e) {
    if (e->kind == PY_AST_EXPR_STARRED) {
        py_parse_error_at(p, e->line, "starred assignment target must be in a list or tuple");
    }
    py_parse_set_context(p, e, PY_AST_STORE);
}

// ---- Statements ------------------------------------------------------------------------------

static void parse_stmt(py_parser_t *p);
static void parse_simple_stmt(py_parser_t *p);
static void check_not_starred(py_parser_t *p, const py_ast_expr_t *e);

// suite: a simple statement on the same line, or NEWLINE INDENT stmt+ DEDENT.
static py_ast_stmt_t **parse_suite(py_parser_t *p, size_t *n) {
    size_t mark = py_parse_ptrs_mark(p);
    py_parse_expect(p, PY_TOK_COLON);
    if (py_parse_accept(p, PY_TOK_NEWLINE)) {
        if (py_parse_tok(p) != PY_TOK_INDENT) {
            py_lexer_raise(p->lex, &py_type_IndentationError, "expected an indented block");
        }
        py_parse_next(p);
        while (py_parse_tok(p) != PY_TOK_DEDENT && py_parse_tok(p) != PY_TOK_END) {
            parse_stmt(p);
        }
        py_parse_accept(p, PY_TOK_DEDENT);
    } else {
        parse_simple_stmt(p);
    }
    return (py_ast_stmt_t **)py_parse_pop_ptrs(p, mark, n);
}

// A loop body: break/continue allowed inside.
static py_ast_stmt_t **parse_loop_suite(py_parser_t *p, size_t *n) {
    p->loop_depth++;
    py_ast_stmt_t **body = parse_suite(p, n);
    p->loop_depth--;
    return body;
}

static void parse_else(py_parser_t *p, size_t *n, py_ast_stmt_t ***orelse) {
    if (py_parse_accept(p, PY_TOK_KW_ELSE)) {
        *orelse = parse_suite(p, n);
    }
}

// if / elif: the current token is `if` or `elif`.
static py_ast_stmt_t *parse_if(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_IF, py_parse_line(p));
    py_parse_next(p);
    s->u.if_.test = py_parse_namedexpr_test(p);
    s->u.if_.body = parse_suite(p, &s->u.if_.n_body);
    if (py_parse_tok(p) == PY_TOK_KW_ELIF) {
        py_ast_stmt_t **orelse = py_arena_new(p->arena, py_ast_stmt_t *, 1);
        orelse[0] = parse_if(p);
        s->u.if_.orelse = orelse;
        s->u.if_.n_orelse = 1;
    } else {
        parse_else(p, &s->u.if_.n_orelse, &s->u.if_.orelse);
    }
    return s;
}

static py_ast_stmt_t *parse_while(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_WHILE, py_parse_line(p));
    py_parse_next(p);
    s->u.while_.test = py_parse_namedexpr_test(p);
    s->u.while_.body = parse_loop_suite(p, &s->u.while_.n_body);
    parse_else(p, &s->u.while_.n_orelse, &s->u.while_.orelse);
    return s;
}

static void check_async_allowed(py_parser_t *p) {
    if (!p->in_async) {
        py_parse_error(p, p->in_func ? "'await', 'async for' or 'async with' outside async "
                                       "function"
                                     : "'async for' or 'async with' outside async function");
    }
}

static py_ast_stmt_t *parse_for(py_parser_t *p, bool is_async, uint32_t line) {
    py_ast_stmt_t *s =
        py_parse_new_stmt(p, is_async ? PY_AST_STMT_ASYNCFOR : PY_AST_STMT_FOR, line);
    py_parse_next(p);
    s->u.for_.target = py_parse_exprlist(p);
    py_parse_set_target(p, s->u.for_.target);
    py_parse_expect(p, PY_TOK_KW_IN);
    s->u.for_.iter = py_parse_testlist(p, true);
    check_not_starred(p, s->u.for_.iter);
    s->u.for_.body = parse_loop_suite(p, &s->u.for_.n_body);
    parse_else(p, &s->u.for_.n_orelse, &s->u.for_.orelse);
    return s;
}

static py_ast_stmt_t *parse_try(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_TRY, py_parse_line(p));
    py_parse_next(p);
    s->u.try_.body = parse_suite(p, &s->u.try_.n_body);
    size_t mark = py_parse_recs_mark(p);
    bool seen_bare = false;
    while (py_parse_tok(p) == PY_TOK_KW_EXCEPT) {
        py_ast_excepthandler_t h = {.line = py_parse_line(p)};
        if (seen_bare) {
            py_parse_error(p, "default 'except:' must be last");
        }
        py_parse_next(p);
        if (py_parse_tok(p) != PY_TOK_COLON) {
            h.type = py_parse_test(p);
            if (py_parse_accept(p, PY_TOK_KW_AS)) {
                h.name = py_parse_expect_name(p);
            }
        } else {
            seen_bare = true;
        }
        h.body = parse_suite(p, &h.n_body);
        py_parse_push_rec(p, &h, sizeof(h));
    }
    s->u.try_.handlers =
        py_parse_pop_recs(p, mark, sizeof(py_ast_excepthandler_t), &s->u.try_.n_handlers);
    if (s->u.try_.n_handlers > 0) {
        parse_else(p, &s->u.try_.n_orelse, &s->u.try_.orelse);
    }
    if (py_parse_accept(p, PY_TOK_KW_FINALLY)) {
        s->u.try_.finalbody = parse_suite(p, &s->u.try_.n_finalbody);
    } else if (s->u.try_.n_handlers == 0) {
        py_parse_syntax_error(p);
    }
    return s;
}

static void parse_with_item(py_parser_t *p) {
    py_ast_withitem_t item = {.context_expr = py_parse_test(p)};
    if (py_parse_accept(p, PY_TOK_KW_AS)) {
        item.optional_vars = py_parse_expr(p);
        py_parse_set_target(p, item.optional_vars);
    }
    py_parse_push_rec(p, &item, sizeof(item));
}

// `with (a as b, c):` (Python 3.9+): the current token is '('. Returns true if it was such a
// list of items (pushed); else the parenthesised text was the start of the first item's
// expression, which is left in p->pending_atom.
static bool parse_with_paren_items(py_parser_t *p, size_t mark) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    bool any_as = false;
    bool comma = false;
    while (py_parse_tok(p) != PY_TOK_RPAREN) {
        parse_with_item(p);
        py_ast_withitem_t *last = (py_ast_withitem_t *)(p->recs.buf + p->recs.len) - 1;
        any_as |= last->optional_vars != NULL;
        comma = py_parse_accept(p, PY_TOK_COMMA);
        if (!comma) {
            break;
        }
    }
    py_parse_expect(p, PY_TOK_RPAREN);
    size_t n = (p->recs.len - mark) / sizeof(py_ast_withitem_t);
    if (py_parse_tok(p) == PY_TOK_COLON && n > 0) {
        return true;
    }
    if (any_as) {
        py_parse_syntax_error(p);
    }
    py_ast_withitem_t *items = py_parse_pop_recs(p, mark, sizeof(py_ast_withitem_t), &n);
    py_ast_expr_t *e;
    if (n == 1 && !comma) {
        e = items[0].context_expr;
    } else {
        e = py_parse_new_expr(p, PY_AST_EXPR_TUPLE, line);
        e->u.tuple.n_elts = n;
        e->u.tuple.elts = py_arena_new(p->arena, py_ast_expr_t *, n + 1);
        for (size_t i = 0; i < n; i++) {
            e->u.tuple.elts[i] = items[i].context_expr;
        }
    }
    e->parenthesized = true;
    p->pending_atom = e;
    return false;
}

static py_ast_stmt_t *parse_with(py_parser_t *p, bool is_async, uint32_t line) {
    py_ast_stmt_t *s =
        py_parse_new_stmt(p, is_async ? PY_AST_STMT_ASYNCWITH : PY_AST_STMT_WITH, line);
    py_parse_next(p);
    size_t mark = py_parse_recs_mark(p);
    if (py_parse_tok(p) != PY_TOK_LPAREN || !parse_with_paren_items(p, mark)) {
        do {
            parse_with_item(p);
        } while (py_parse_accept(p, PY_TOK_COMMA));
    }
    s->u.with.items = py_parse_pop_recs(p, mark, sizeof(py_ast_withitem_t), &s->u.with.n_items);
    s->u.with.body = parse_suite(p, &s->u.with.n_body);
    return s;
}

// The body of a def or class, parsed with the context of a new scope.
static py_ast_stmt_t **parse_scope_suite(py_parser_t *p, bool in_func, bool in_async, size_t *n) {
    bool saved_func = p->in_func;
    bool saved_async = p->in_async;
    uint16_t saved_loops = p->loop_depth;
    p->in_func = in_func;
    p->in_async = in_async;
    p->loop_depth = 0;
    py_ast_stmt_t **body = parse_suite(p, n);
    p->in_func = saved_func;
    p->in_async = saved_async;
    p->loop_depth = saved_loops;
    return body;
}

static py_ast_stmt_t *parse_funcdef(py_parser_t *p, bool is_async, uint32_t line) {
    py_ast_stmt_t *s = py_parse_new_stmt(
        p, is_async ? PY_AST_STMT_ASYNCFUNCTIONDEF : PY_AST_STMT_FUNCTIONDEF, line);
    py_parse_next(p);
    s->u.functiondef.name = py_parse_expect_name(p);
    py_parse_expect(p, PY_TOK_LPAREN);
    s->u.functiondef.args = py_parse_arguments(p, PY_TOK_RPAREN, true);
    py_parse_expect(p, PY_TOK_RPAREN);
    if (py_parse_accept(p, PY_TOK_ARROW)) {
        s->u.functiondef.returns = py_parse_test(p);
    }
    s->u.functiondef.body = parse_scope_suite(p, true, is_async, &s->u.functiondef.n_body);
    return s;
}

static py_ast_stmt_t *parse_classdef(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_CLASSDEF, py_parse_line(p));
    py_parse_next(p);
    s->u.classdef.name = py_parse_expect_name(p);
    if (py_parse_accept(p, PY_TOK_LPAREN)) {
        py_ast_expr_t call;
        memset(&call, 0, sizeof(call));
        py_parse_arglist(p, &call, PY_TOK_RPAREN);
        py_parse_expect(p, PY_TOK_RPAREN);
        s->u.classdef.n_bases = call.u.call.n_args;
        s->u.classdef.bases = call.u.call.args;
        s->u.classdef.n_keywords = call.u.call.n_keywords;
        s->u.classdef.keywords = call.u.call.keywords;
    }
    s->u.classdef.body = parse_scope_suite(p, false, false, &s->u.classdef.n_body);
    return s;
}

static py_ast_stmt_t *parse_async_stmt(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    switch (py_parse_tok(p)) {
        case PY_TOK_KW_DEF:
            return parse_funcdef(p, true, line);
        case PY_TOK_KW_WITH:
            check_async_allowed(p);
            return parse_with(p, true, line);
        case PY_TOK_KW_FOR:
            check_async_allowed(p);
            return parse_for(p, true, line);
        default:
            py_parse_syntax_error(p);
    }
}

static py_ast_stmt_t *parse_decorated(py_parser_t *p) {
    size_t mark = py_parse_ptrs_mark(p);
    while (py_parse_accept(p, PY_TOK_AT)) {
        py_parse_push_ptr(p, py_parse_namedexpr_test(p));
        py_parse_expect(p, PY_TOK_NEWLINE);
    }
    py_ast_stmt_t *s;
    size_t n;
    py_ast_expr_t **decorators = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &n);
    uint32_t line = py_parse_line(p);
    switch (py_parse_tok(p)) {
        case PY_TOK_KW_DEF:
            s = parse_funcdef(p, false, line);
            break;
        case PY_TOK_KW_ASYNC:
            s = parse_async_stmt(p);
            if (s->kind != PY_AST_STMT_ASYNCFUNCTIONDEF) {
                py_parse_error_at(p, line, "invalid syntax");
            }
            break;
        case PY_TOK_KW_CLASS:
            s = parse_classdef(p);
            s->u.classdef.decorator_list = decorators;
            s->u.classdef.n_decorators = n;
            return s;
        default:
            py_parse_syntax_error(p);
    }
    s->u.functiondef.decorator_list = decorators;
    s->u.functiondef.n_decorators = n;
    return s;
}

// ---- Simple statements -----------------------------------------------------------------------

static void check_not_starred(py_parser_t *p, const py_ast_expr_t *e) {
    if (e->kind == PY_AST_EXPR_STARRED) {
        py_parse_error_at(p, e->line, "can't use starred expression here");
    }
}

// One side of an assignment: a yield expression or testlist_star_expr. The caller checks a
// lone `*x`, whose error depends on the side.
static py_ast_expr_t *parse_assign_value(py_parser_t *p) {
    if (py_parse_tok(p) == PY_TOK_KW_YIELD) {
        return py_parse_yield_expr(p);
    }
    return py_parse_testlist(p, true);
}

static py_ast_stmt_t *parse_annassign(py_parser_t *p, py_ast_expr_t *target) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_ANNASSIGN, target->line);
    if (target->kind != PY_AST_EXPR_NAME && target->kind != PY_AST_EXPR_ATTRIBUTE &&
        target->kind != PY_AST_EXPR_SUBSCRIPT) {
        py_parse_error_at(p, target->line,
                          target->kind == PY_AST_EXPR_TUPLE
                              ? "only single target (not tuple) can be annotated"
                              : "illegal target for annotation");
    }
    py_parse_set_context(p, target, PY_AST_STORE);
    py_parse_next(p);
    s->u.annassign.target = target;
    s->u.annassign.simple = target->kind == PY_AST_EXPR_NAME && !target->parenthesized;
    s->u.annassign.annotation = py_parse_test(p);
    if (py_parse_accept(p, PY_TOK_ASSIGN)) {
        s->u.annassign.value = parse_assign_value(p);
        check_not_starred(p, s->u.annassign.value);
    }
    return s;
}

static py_ast_stmt_t *parse_expr_stmt(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_ast_expr_t *first = parse_assign_value(p);
    py_token_kind_t tok = py_parse_tok(p);
    if (tok >= PY_TOK_PIPE_EQ && tok <= PY_TOK_DBL_STAR_EQ) {
        py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_AUGASSIGN, line);
        if (first->kind != PY_AST_EXPR_NAME && first->kind != PY_AST_EXPR_ATTRIBUTE &&
            first->kind != PY_AST_EXPR_SUBSCRIPT) {
            py_parse_error_at(p, line, "illegal expression for augmented assignment");
        }
        py_parse_set_context(p, first, PY_AST_STORE);
        py_parse_next(p);
        s->u.augassign.target = first;
        s->u.augassign.op = (uint8_t)(PY_BINARY_OP_INPLACE_OR + (tok - PY_TOK_PIPE_EQ));
        s->u.augassign.value = py_parse_tok(p) == PY_TOK_KW_YIELD ? py_parse_yield_expr(p)
                                                                  : py_parse_testlist(p, false);
        return s;
    }
    if (tok == PY_TOK_COLON) {
        return parse_annassign(p, first);
    }
    if (tok != PY_TOK_ASSIGN) {
        check_not_starred(p, first);
        py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_EXPR, line);
        s->u.expr.value = first;
        return s;
    }
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_ASSIGN, line);
    size_t mark = py_parse_ptrs_mark(p);
    py_ast_expr_t *value = first;
    while (py_parse_accept(p, PY_TOK_ASSIGN)) {
        py_parse_set_target(p, value);
        py_parse_push_ptr(p, value);
        value = parse_assign_value(p);
    }
    check_not_starred(p, value);
    s->u.assign.targets = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &s->u.assign.n_targets);
    s->u.assign.value = value;
    return s;
}

// dotted_name: NAME ('.' NAME)*, interned whole.
static qstr parse_dotted_name(py_parser_t *p) {
    py_vstr_t *t = &p->text;
    t->len = 0;
    for (;;) {
        if (py_parse_tok(p) != PY_TOK_NAME) {
            py_parse_syntax_error(p);
        }
        py_vstr_add_strn(t, p->lex->vstr.buf, p->lex->vstr.len);
        py_parse_next(p);
        if (py_parse_tok(p) != PY_TOK_DOT) {
            break;
        }
        py_vstr_add_byte(t, '.');
        py_parse_next(p);
    }
    if (t->len > PY_QSTR_MAX_LEN) {
        py_parse_error(p, "name too long");
    }
    return py_qstr_from_strn(t->buf, t->len);
}

static py_ast_stmt_t *parse_import(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_IMPORT, py_parse_line(p));
    py_parse_next(p);
    size_t mark = py_parse_recs_mark(p);
    do {
        py_ast_alias_t a = {.name = parse_dotted_name(p)};
        if (py_parse_accept(p, PY_TOK_KW_AS)) {
            a.asname = py_parse_expect_name(p);
        }
        py_parse_push_rec(p, &a, sizeof(a));
    } while (py_parse_accept(p, PY_TOK_COMMA));
    s->u.import.names = py_parse_pop_recs(p, mark, sizeof(py_ast_alias_t), &s->u.import.n_names);
    return s;
}

static py_ast_stmt_t *parse_import_from(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_IMPORTFROM, py_parse_line(p));
    py_parse_next(p);
    size_t level = 0;
    for (;; py_parse_next(p)) {
        if (py_parse_tok(p) == PY_TOK_DOT) {
            level++;
        } else if (py_parse_tok(p) == PY_TOK_ELLIPSIS) {
            level += 3;
        } else {
            break;
        }
    }
    s->u.importfrom.level = level;
    if (py_parse_tok(p) == PY_TOK_NAME || level == 0) {
        s->u.importfrom.module = parse_dotted_name(p);
    }
    py_parse_expect(p, PY_TOK_KW_IMPORT);
    size_t mark = py_parse_recs_mark(p);
    if (py_parse_accept(p, PY_TOK_STAR)) {
        if (p->in_func) {
            py_parse_error(p, "import * only allowed at module level");
        }
        py_ast_alias_t a = {.name = PY_QSTR_star};
        py_parse_push_rec(p, &a, sizeof(a));
    } else {
        bool paren = py_parse_accept(p, PY_TOK_LPAREN);
        do {
            if (paren && py_parse_tok(p) == PY_TOK_RPAREN && py_parse_recs_mark(p) > mark) {
                break; // trailing comma
            }
            py_ast_alias_t a = {.name = py_parse_expect_name(p)};
            if (py_parse_accept(p, PY_TOK_KW_AS)) {
                a.asname = py_parse_expect_name(p);
            }
            py_parse_push_rec(p, &a, sizeof(a));
        } while (py_parse_accept(p, PY_TOK_COMMA));
        if (paren) {
            py_parse_expect(p, PY_TOK_RPAREN);
        }
    }
    s->u.importfrom.names =
        py_parse_pop_recs(p, mark, sizeof(py_ast_alias_t), &s->u.importfrom.n_names);
    return s;
}

static py_ast_stmt_t *parse_global(py_parser_t *p, py_ast_stmt_kind_t kind) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, kind, py_parse_line(p));
    py_parse_next(p);
    size_t mark = py_parse_recs_mark(p);
    do {
        qstr q = py_parse_expect_name(p);
        py_parse_push_rec(p, &q, sizeof(q));
    } while (py_parse_accept(p, PY_TOK_COMMA));
    s->u.global.names = py_parse_pop_recs(p, mark, sizeof(qstr), &s->u.global.n_names);
    return s;
}

// A statement that is just its keyword, with a check of where it may appear.
static py_ast_stmt_t *parse_keyword_stmt(py_parser_t *p, py_ast_stmt_kind_t kind) {
    if (kind != PY_AST_STMT_PASS && p->loop_depth == 0) {
        py_parse_error(p, kind == PY_AST_STMT_BREAK ? "'break' outside loop"
                                                    : "'continue' outside loop");
    }
    py_ast_stmt_t *s = py_parse_new_stmt(p, kind, py_parse_line(p));
    py_parse_next(p);
    return s;
}

static py_ast_stmt_t *parse_return(py_parser_t *p) {
    if (!p->in_func) {
        py_parse_error(p, "'return' outside function");
    }
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_RETURN, py_parse_line(p));
    py_parse_next(p);
    if (py_parse_starts_expr(p)) {
        s->u.return_.value = py_parse_testlist(p, true);
        check_not_starred(p, s->u.return_.value);
    }
    return s;
}

static py_ast_stmt_t *parse_raise(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_RAISE, py_parse_line(p));
    py_parse_next(p);
    if (py_parse_starts_expr(p)) {
        s->u.raise.exc = py_parse_test(p);
        if (py_parse_accept(p, PY_TOK_KW_FROM)) {
            s->u.raise.cause = py_parse_test(p);
        }
    }
    return s;
}

static py_ast_stmt_t *parse_del(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_DELETE, py_parse_line(p));
    py_parse_next(p);
    py_ast_expr_t *e = py_parse_exprlist(p);
    if (e->kind == PY_AST_EXPR_TUPLE && !e->parenthesized) {
        // `del a, b` deletes each target; a parenthesised tuple is one (nested) target.
        s->u.delete_.n_targets = e->u.tuple.n_elts;
        s->u.delete_.targets = e->u.tuple.elts;
    } else {
        s->u.delete_.n_targets = 1;
        s->u.delete_.targets = py_arena_new(p->arena, py_ast_expr_t *, 1);
        s->u.delete_.targets[0] = e;
    }
    for (size_t i = 0; i < s->u.delete_.n_targets; i++) {
        py_parse_set_context(p, s->u.delete_.targets[i], PY_AST_DEL);
    }
    return s;
}

static py_ast_stmt_t *parse_assert(py_parser_t *p) {
    py_ast_stmt_t *s = py_parse_new_stmt(p, PY_AST_STMT_ASSERT, py_parse_line(p));
    py_parse_next(p);
    s->u.assert_.test = py_parse_test(p);
    if (py_parse_accept(p, PY_TOK_COMMA)) {
        s->u.assert_.msg = py_parse_test(p);
    }
    return s;
}

static py_ast_stmt_t *parse_small_stmt(py_parser_t *p) {
    switch (py_parse_tok(p)) {
        case PY_TOK_KW_PASS:
            return parse_keyword_stmt(p, PY_AST_STMT_PASS);
        case PY_TOK_KW_BREAK:
            return parse_keyword_stmt(p, PY_AST_STMT_BREAK);
        case PY_TOK_KW_CONTINUE:
            return parse_keyword_stmt(p, PY_AST_STMT_CONTINUE);
        case PY_TOK_KW_RETURN:
            return parse_return(p);
        case PY_TOK_KW_RAISE:
            return parse_raise(p);
        case PY_TOK_KW_GLOBAL:
            return parse_global(p, PY_AST_STMT_GLOBAL);
        case PY_TOK_KW_NONLOCAL:
            return parse_global(p, PY_AST_STMT_NONLOCAL);
        case PY_TOK_KW_DEL:
            return parse_del(p);
        case PY_TOK_KW_IMPORT:
            return parse_import(p);
        case PY_TOK_KW_FROM:
            return parse_import_from(p);
        case PY_TOK_KW_ASSERT:
            return parse_assert(p);
        default:
            return parse_expr_stmt(p);
    }
}

// simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE; pushes each statement.
static void parse_simple_stmt(py_parser_t *p) {
    for (;;) {
        py_parse_push_ptr(p, parse_small_stmt(p));
        if (!py_parse_accept(p, PY_TOK_SEMICOLON) || py_parse_tok(p) == PY_TOK_NEWLINE) {
            break;
        }
    }
    if (py_parse_tok(p) != PY_TOK_END) {
        py_parse_expect(p, PY_TOK_NEWLINE);
    }
}

// stmt: pushes the statement(s) onto the pointer stack.
static void parse_stmt(py_parser_t *p) {
    py_stack_check();
    py_ast_stmt_t *s;
    switch (py_parse_tok(p)) {
        case PY_TOK_KW_IF:
            s = parse_if(p);
            break;
        case PY_TOK_KW_WHILE:
            s = parse_while(p);
            break;
        case PY_TOK_KW_FOR:
            s = parse_for(p, false, py_parse_line(p));
            break;
        case PY_TOK_KW_TRY:
            s = parse_try(p);
            break;
        case PY_TOK_KW_WITH:
            s = parse_with(p, false, py_parse_line(p));
            break;
        case PY_TOK_KW_DEF:
            s = parse_funcdef(p, false, py_parse_line(p));
            break;
        case PY_TOK_KW_CLASS:
            s = parse_classdef(p);
            break;
        case PY_TOK_AT:
            s = parse_decorated(p);
            break;
        case PY_TOK_KW_ASYNC:
            s = parse_async_stmt(p);
            break;
        case PY_TOK_INDENT:
        case PY_TOK_DEDENT:
            py_parse_syntax_error(p);
        default:
            parse_simple_stmt(p);
            return;
    }
    py_parse_push_ptr(p, s);
}

// ---- Entry points ----------------------------------------------------------------------------

void py_parse_stmt(py_parser_t *p) {
    parse_stmt(p);
}

static void parse_mod(py_parser_t *p, py_ast_mod_t *mod, py_compile_mode_t mode) {
    if (mode == PY_COMPILE_EVAL) {
        mod->kind = PY_AST_MOD_EXPRESSION;
        while (py_parse_accept(p, PY_TOK_NEWLINE)) {
        }
        mod->expression = py_parse_testlist(p, false);
        while (py_parse_accept(p, PY_TOK_NEWLINE)) {
        }
        if (py_parse_tok(p) != PY_TOK_END) {
            py_parse_syntax_error(p);
        }
        return;
    }
    mod->kind = mode == PY_COMPILE_SINGLE ? PY_AST_MOD_INTERACTIVE : PY_AST_MOD_MODULE;
    size_t mark = py_parse_ptrs_mark(p);
    while (py_parse_tok(p) != PY_TOK_END) {
        if (!py_parse_accept(p, PY_TOK_NEWLINE)) {
            parse_stmt(p);
        }
    }
    mod->body = (py_ast_stmt_t **)py_parse_pop_ptrs(p, mark, &mod->n_body);
}

py_ast_mod_t *py_parse(py_reader_t *reader, qstr source_name, py_compile_mode_t mode,
                       py_arena_t *arena) {
    py_lexer_t lex;
    py_parser_t p;
    memset(&p, 0, sizeof(p));
    p.lex = &lex;
    p.arena = arena;
    p.source_name = source_name;
    py_vstr_init(&p.ptrs, 32 * sizeof(void *));
    py_vstr_init(&p.recs, 64);
    py_vstr_init(&p.text, 32);
    py_lexer_init(&lex, reader, source_name, 1, mode == PY_COMPILE_EVAL ? PY_LEXER_FLAG_EVAL : 0);
    py_ast_mod_t *mod = py_arena_new(arena, py_ast_mod_t, 1);
    mod->source_name = source_name;
    parse_mod(&p, mod, mode);
    py_lexer_deinit(&lex);
    py_vstr_clear(&p.ptrs);
    py_vstr_clear(&p.recs);
    py_vstr_clear(&p.text);
    py_symtable_build(mod, arena);
    return mod;
}

// ---- REPL completeness -----------------------------------------------------------------------

static bool is_id_byte(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (byte)c >= 0x80;
}

// Does the input start with a keyword (or decorator) that begins a compound statement?
static bool starts_compound(const char *s, const char *end) {
    static const char *const words[] = {"if",   "while", "for",   "try",
                                        "with", "def",   "class", "async"};
    while (s < end && (*s == ' ' || *s == '\t')) {
        s++;
    }
    if (s < end && *s == '@') {
        return true;
    }
    for (size_t i = 0; i < PY_ARRAY_SIZE(words); i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(end - s) >= n && memcmp(s, words[i], n) == 0 &&
            (s + n == end || !is_id_byte(s[n]))) {
            return true;
        }
    }
    return false;
}

// Is the text after the last newline of [src, end) empty or only spaces (an empty line)?
static bool ends_with_empty_line(const char *src, const char *end) {
    const char *s = end;
    while (s > src && (s[-1] == ' ' || s[-1] == '\t' || s[-1] == '\r')) {
        s--;
    }
    return s > src && s[-1] == '\n';
}

bool py_parse_input_is_complete(const char *src, size_t len) {
    // The last line's own newline (present or not) does not count.
    if (len > 0 && src[len - 1] == '\n') {
        len--;
    }
    const char *end = src + len;
    int depth = 0;
    char quote = 0;
    bool triple = false;
    char last = 0; // last significant character outside strings and comments
    for (const char *s = src; s < end; s++) {
        char c = *s;
        if (quote) {
            if (c == '\\' && s + 1 < end) {
                s++;
            } else if (c == quote &&
                       (!triple || (end - s >= 3 && s[1] == quote && s[2] == quote))) {
                s += triple ? 2 : 0;
                quote = 0;
                last = c;
            } else if (c == '\n' && !triple) {
                quote = 0; // an unterminated string: the compiler will report it
                last = c;
            }
            continue;
        }
        if (c == '#') {
            while (s + 1 < end && s[1] != '\n') {
                s++;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            triple = end - s >= 3 && s[1] == c && s[2] == c;
            s += triple ? 2 : 0;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
            depth--;
        }
        if (c != ' ' && c != '\t' && c != '#' && c != '\r') {
            last = c;
        }
    }
    if ((quote && triple) || depth > 0 || last == '\\' || last == ':') {
        return false;
    }
    // A compound statement continues until an empty line is entered.
    if (starts_compound(src, end)) {
        return ends_with_empty_line(src, end);
    }
    return true;
}
