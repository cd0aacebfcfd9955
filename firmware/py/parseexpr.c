// SPDX-License-Identifier: MIT
// parseexpr.c: recursive-descent parser for Python 3.8 expressions, parameter and argument
// lists, and literals (string literals and f-strings are in parsestr.c).

#include <string.h>

#include "objects.h"
#include "parsepriv.h"
#include "runtime.h"

static py_ast_expr_t *parse_or_test(py_parser_t *p);
static py_ast_expr_t *parse_factor(py_parser_t *p);

bool py_parse_starts_expr(const py_parser_t *p) {
    switch (py_parse_tok(p)) {
        case PY_TOK_NAME:
        case PY_TOK_INTEGER:
        case PY_TOK_FLOAT:
        case PY_TOK_STRING:
        case PY_TOK_BYTES:
        case PY_TOK_FSTRING:
        case PY_TOK_LPAREN:
        case PY_TOK_LBRACKET:
        case PY_TOK_LBRACE:
        case PY_TOK_MINUS:
        case PY_TOK_PLUS:
        case PY_TOK_TILDE:
        case PY_TOK_KW_NOT:
        case PY_TOK_KW_LAMBDA:
        case PY_TOK_KW_AWAIT:
        case PY_TOK_KW_NONE:
        case PY_TOK_KW_TRUE:
        case PY_TOK_KW_FALSE:
        case PY_TOK_ELLIPSIS:
        case PY_TOK_STAR:
            return true;
        default:
            return false;
    }
}

// ---- Helpers -----------------------------------------------------------------------------------

static py_ast_expr_t *new_seq(py_parser_t *p, py_ast_expr_kind_t kind, uint32_t line, size_t mark) {
    py_ast_expr_t *e = py_parse_new_expr(p, kind, line);
    e->u.tuple.elts = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &e->u.tuple.n_elts);
    return e;
}

static py_ast_expr_t *new_constant(py_parser_t *p, py_obj_t value, uint32_t line) {
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_CONSTANT, line);
    e->u.constant.value = value;
    return e;
}

// star_expr: '*' expr; the current token is '*'.
static py_ast_expr_t *parse_star_expr(py_parser_t *p) {
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_STARRED, py_parse_line(p));
    py_parse_next(p);
    e->u.starred.value = py_parse_expr(p);
    return e;
}

static py_ast_expr_t *parse_namedexpr_or_star(py_parser_t *p) {
    return py_parse_tok(p) == PY_TOK_STAR ? parse_star_expr(p) : py_parse_namedexpr_test(p);
}

// Runs [fn] with the context of a new function scope (a lambda's body).
static py_ast_expr_t *parse_in_function(py_parser_t *p, py_ast_expr_t *(*fn)(py_parser_t *)) {
    bool saved_func = p->in_func;
    bool saved_async = p->in_async;
    uint16_t saved_loops = p->loop_depth;
    p->in_func = true;
    p->in_async = false;
    p->loop_depth = 0;
    py_ast_expr_t *e = fn(p);
    p->in_func = saved_func;
    p->in_async = saved_async;
    p->loop_depth = saved_loops;
    return e;
}

// ---- Comprehensions ----------------------------------------------------------------------------

static py_ast_expr_t *parse_test_nocond(py_parser_t *p);

static bool starts_comp_for(const py_parser_t *p) {
    return py_parse_tok(p) == PY_TOK_KW_FOR || py_parse_tok(p) == PY_TOK_KW_ASYNC;
}

// comp_for: ('async'? 'for' exprlist 'in' or_test ('if' test_nocond)*)+
static void parse_comp_for(py_parser_t *p, py_ast_expr_t *comp) {
    size_t mark = py_parse_recs_mark(p);
    while (starts_comp_for(p)) {
        py_ast_comprehension_t c = {.is_async = py_parse_accept(p, PY_TOK_KW_ASYNC)};
        py_parse_expect(p, PY_TOK_KW_FOR);
        c.target = py_parse_exprlist(p);
        py_parse_set_target(p, c.target);
        py_parse_expect(p, PY_TOK_KW_IN);
        c.iter = parse_or_test(p);
        size_t ifs_mark = py_parse_ptrs_mark(p);
        while (py_parse_accept(p, PY_TOK_KW_IF)) {
            py_parse_push_ptr(p, parse_test_nocond(p));
        }
        c.ifs = (py_ast_expr_t **)py_parse_pop_ptrs(p, ifs_mark, &c.n_ifs);
        py_parse_push_rec(p, &c, sizeof(c));
    }
    comp->u.comp.generators =
        py_parse_pop_recs(p, mark, sizeof(py_ast_comprehension_t), &comp->u.comp.n_generators);
}

static py_ast_expr_t *parse_comp(py_parser_t *p, py_ast_expr_kind_t kind, py_ast_expr_t *elt) {
    if (elt->kind == PY_AST_EXPR_STARRED) {
        py_parse_error_at(p, elt->line, "iterable unpacking cannot be used in comprehension");
    }
    py_ast_expr_t *e = py_parse_new_expr(p, kind, elt->line);
    e->u.comp.elt = elt;
    parse_comp_for(p, e);
    return e;
}

// ---- Atoms -----------------------------------------------------------------------------------

py_ast_expr_t *py_parse_paren_body(py_parser_t *p, py_token_kind_t close, uint32_t line) {
    if (py_parse_tok(p) == close) {
        return py_parse_new_expr(p, PY_AST_EXPR_TUPLE, line);
    }
    if (py_parse_tok(p) == PY_TOK_KW_YIELD) {
        return py_parse_yield_expr(p);
    }
    py_ast_expr_t *first = parse_namedexpr_or_star(p);
    if (starts_comp_for(p)) {
        return parse_comp(p, PY_AST_EXPR_GENERATOREXP, first);
    }
    if (py_parse_tok(p) == PY_TOK_COMMA) {
        size_t mark = py_parse_ptrs_mark(p);
        py_parse_push_ptr(p, first);
        while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_tok(p) != close) {
            py_parse_push_ptr(p, parse_namedexpr_or_star(p));
        }
        return new_seq(p, PY_AST_EXPR_TUPLE, line, mark);
    }
    if (first->kind == PY_AST_EXPR_STARRED) {
        py_parse_error_at(p, first->line, "can't use starred expression here");
    }
    return first;
}

// '(' ... ')': the current token is '('.
static py_ast_expr_t *parse_paren(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    py_ast_expr_t *e = py_parse_paren_body(p, PY_TOK_RPAREN, line);
    py_parse_expect(p, PY_TOK_RPAREN);
    e->parenthesized = true;
    return e;
}

// '[' ... ']'
static py_ast_expr_t *parse_list(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    size_t mark = py_parse_ptrs_mark(p);
    py_ast_expr_t *e;
    if (py_parse_tok(p) != PY_TOK_RBRACKET) {
        py_ast_expr_t *first = parse_namedexpr_or_star(p);
        if (starts_comp_for(p)) {
            e = parse_comp(p, PY_AST_EXPR_LISTCOMP, first);
            e->line = line;
            py_parse_expect(p, PY_TOK_RBRACKET);
            return e;
        }
        py_parse_push_ptr(p, first);
        while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_tok(p) != PY_TOK_RBRACKET) {
            py_parse_push_ptr(p, parse_namedexpr_or_star(p));
        }
    }
    py_parse_expect(p, PY_TOK_RBRACKET);
    return new_seq(p, PY_AST_EXPR_LIST, line, mark);
}

// A dict display after its first key (or `**`), keys and values alternating on the stack.
static py_ast_expr_t *parse_dict_rest(py_parser_t *p, uint32_t line, size_t mark) {
    while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_tok(p) != PY_TOK_RBRACE) {
        if (py_parse_accept(p, PY_TOK_DBL_STAR)) {
            py_parse_push_ptr(p, NULL);
            py_parse_push_ptr(p, py_parse_expr(p));
        } else {
            py_parse_push_ptr(p, py_parse_test(p));
            py_parse_expect(p, PY_TOK_COLON);
            py_parse_push_ptr(p, py_parse_test(p));
        }
    }
    py_parse_expect(p, PY_TOK_RBRACE);
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_DICT, line);
    size_t n;
    py_ast_expr_t **items = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &n);
    e->u.dict.n = n / 2;
    e->u.dict.keys = py_arena_new(p->arena, py_ast_expr_t *, n / 2 + 1);
    e->u.dict.values = py_arena_new(p->arena, py_ast_expr_t *, n / 2 + 1);
    for (size_t i = 0; i < n / 2; i++) {
        e->u.dict.keys[i] = items[2 * i];
        e->u.dict.values[i] = items[2 * i + 1];
    }
    return e;
}

// '{' ... '}': dict, set, or their comprehensions.
static py_ast_expr_t *parse_brace(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    size_t mark = py_parse_ptrs_mark(p);
    if (py_parse_tok(p) == PY_TOK_RBRACE) {
        return parse_dict_rest(p, line, mark);
    }
    if (py_parse_accept(p, PY_TOK_DBL_STAR)) {
        py_parse_push_ptr(p, NULL);
        py_parse_push_ptr(p, py_parse_expr(p));
        return parse_dict_rest(p, line, mark);
    }
    py_ast_expr_t *first = parse_namedexpr_or_star(p);
    if (py_parse_tok(p) == PY_TOK_COLON && first->kind != PY_AST_EXPR_STARRED &&
        first->kind != PY_AST_EXPR_NAMEDEXPR) {
        py_parse_next(p);
        py_ast_expr_t *value = py_parse_test(p);
        if (starts_comp_for(p)) {
            py_ast_expr_t *e = parse_comp(p, PY_AST_EXPR_DICTCOMP, first);
            e->u.comp.value = value;
            e->line = line;
            py_parse_expect(p, PY_TOK_RBRACE);
            return e;
        }
        py_parse_push_ptr(p, first);
        py_parse_push_ptr(p, value);
        return parse_dict_rest(p, line, mark);
    }
    if (starts_comp_for(p)) {
        py_ast_expr_t *e = parse_comp(p, PY_AST_EXPR_SETCOMP, first);
        e->line = line;
        py_parse_expect(p, PY_TOK_RBRACE);
        return e;
    }
    py_parse_push_ptr(p, first);
    while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_tok(p) != PY_TOK_RBRACE) {
        py_parse_push_ptr(p, parse_namedexpr_or_star(p));
    }
    py_parse_expect(p, PY_TOK_RBRACE);
    return new_seq(p, PY_AST_EXPR_SET, line, mark);
}

// Removes the underscores of a number literal in the token buffer; returns its new length.
static size_t strip_underscores(char *s, size_t len) {
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '_') {
            s[j++] = s[i];
        }
    }
    return j;
}

static py_obj_t parse_number_value(py_parser_t *p) {
    py_vstr_t *v = &p->lex->vstr;
    size_t len = strip_underscores(v->buf, v->len);
    if (py_parse_tok(p) == PY_TOK_FLOAT) {
#if PY_FEATURE_FLOAT
        return py_obj_new_float_from_str(v->buf, len);
#else
        py_parse_error(p, "float literals not supported");
#endif
    }
    unsigned base = 10;
    const char *s = v->buf;
    if (len > 2 && s[0] == '0') {
        int c = s[1] | 0x20;
        base = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 10;
        if (base != 10) {
            s += 2;
            len -= 2;
        }
    }
    return py_obj_new_int_from_str_len(s, len, false, base);
}

static py_ast_expr_t *parse_atom(py_parser_t *p) {
    if (p->pending_atom != NULL) {
        py_ast_expr_t *e = p->pending_atom;
        p->pending_atom = NULL;
        return e;
    }
    uint32_t line = py_parse_line(p);
    py_obj_t value;
    switch (py_parse_tok(p)) {
        case PY_TOK_NAME: {
            py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_NAME, line);
            e->u.name.id = py_parse_expect_name(p);
            return e;
        }
        case PY_TOK_INTEGER:
        case PY_TOK_FLOAT:
            value = parse_number_value(p);
            break;
        case PY_TOK_STRING:
        case PY_TOK_BYTES:
        case PY_TOK_FSTRING:
            return py_parse_strings(p);
        case PY_TOK_KW_NONE:
            value = py_const_none;
            break;
        case PY_TOK_KW_TRUE:
            value = py_const_true;
            break;
        case PY_TOK_KW_FALSE:
            value = py_const_false;
            break;
        case PY_TOK_ELLIPSIS:
            value = py_const_ellipsis;
            break;
        case PY_TOK_LPAREN:
            return parse_paren(p);
        case PY_TOK_LBRACKET:
            return parse_list(p);
        case PY_TOK_LBRACE:
            return parse_brace(p);
        default:
            py_parse_syntax_error(p);
    }
    py_parse_next(p);
    return new_constant(p, value, line);
}

// ---- Trailers ----------------------------------------------------------------------------------

// subscript: test | [test] ':' [test] [':' [test]]
static py_ast_expr_t *parse_subscript(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_ast_expr_t *lower = NULL;
    if (py_parse_tok(p) == PY_TOK_STAR) {
        return parse_star_expr(p);
    }
    if (py_parse_tok(p) != PY_TOK_COLON) {
        lower = py_parse_namedexpr_test(p); // x[y := 1] is allowed since Python 3.10
        if (py_parse_tok(p) != PY_TOK_COLON) {
            return lower;
        }
    }
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_SLICE, line);
    e->u.slice.lower = lower;
    py_parse_next(p); // ':'
    py_token_kind_t t = py_parse_tok(p);
    if (t != PY_TOK_COLON && t != PY_TOK_COMMA && t != PY_TOK_RBRACKET) {
        e->u.slice.upper = py_parse_test(p);
    }
    if (py_parse_accept(p, PY_TOK_COLON)) {
        t = py_parse_tok(p);
        if (t != PY_TOK_COMMA && t != PY_TOK_RBRACKET) {
            e->u.slice.step = py_parse_test(p);
        }
    }
    return e;
}

static py_ast_expr_t *parse_subscriptlist(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_ast_expr_t *first = parse_subscript(p);
    if (py_parse_tok(p) != PY_TOK_COMMA) {
        if (first->kind == PY_AST_EXPR_STARRED) {
            size_t mark = py_parse_ptrs_mark(p);
            py_parse_push_ptr(p, first);
            return new_seq(p, PY_AST_EXPR_TUPLE, line, mark);
        }
        return first;
    }
    size_t mark = py_parse_ptrs_mark(p);
    py_parse_push_ptr(p, first);
    while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_tok(p) != PY_TOK_RBRACKET) {
        py_parse_push_ptr(p, parse_subscript(p));
    }
    return new_seq(p, PY_AST_EXPR_TUPLE, line, mark);
}

static py_ast_expr_t *parse_trailers(py_parser_t *p, py_ast_expr_t *e) {
    for (;;) {
        py_ast_expr_t *t;
        switch (py_parse_tok(p)) {
            case PY_TOK_LPAREN:
                t = py_parse_new_expr(p, PY_AST_EXPR_CALL, e->line);
                py_parse_next(p);
                t->u.call.func = e;
                py_parse_arglist(p, t, PY_TOK_RPAREN);
                py_parse_expect(p, PY_TOK_RPAREN);
                break;
            case PY_TOK_LBRACKET:
                t = py_parse_new_expr(p, PY_AST_EXPR_SUBSCRIPT, e->line);
                py_parse_next(p);
                t->u.subscript.value = e;
                t->u.subscript.slice = parse_subscriptlist(p);
                py_parse_expect(p, PY_TOK_RBRACKET);
                break;
            case PY_TOK_DOT:
                t = py_parse_new_expr(p, PY_AST_EXPR_ATTRIBUTE, e->line);
                py_parse_next(p);
                t->u.attribute.value = e;
                t->u.attribute.attr = py_parse_expect_name(p);
                break;
            default:
                return e;
        }
        e = t;
    }
}

// atom_expr: ['await'] atom trailer*
static py_ast_expr_t *parse_atom_expr(py_parser_t *p) {
    if (py_parse_tok(p) == PY_TOK_KW_AWAIT && p->pending_atom == NULL) {
        // Where await may appear is checked by the symtable, which knows the scopes.
        py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_AWAIT, py_parse_line(p));
        py_parse_next(p);
        e->u.await.value = parse_trailers(p, parse_atom(p));
        return e;
    }
    return parse_trailers(p, parse_atom(p));
}

// ---- Operators ---------------------------------------------------------------------------------

// power: atom_expr ['**' factor]
static py_ast_expr_t *parse_power(py_parser_t *p) {
    py_ast_expr_t *e = parse_atom_expr(p);
    if (py_parse_tok(p) == PY_TOK_DBL_STAR) {
        py_ast_expr_t *b = py_parse_new_expr(p, PY_AST_EXPR_BINOP, e->line);
        py_parse_next(p);
        b->u.binop.left = e;
        b->u.binop.op = PY_BINARY_OP_POWER;
        b->u.binop.right = parse_factor(p);
        return b;
    }
    return e;
}

// factor: ('+'|'-'|'~') factor | power
static py_ast_expr_t *parse_factor(py_parser_t *p) {
    py_stack_check();
    py_unary_op_t op;
    switch (p->pending_atom != NULL ? PY_TOK_END : py_parse_tok(p)) {
        case PY_TOK_PLUS:
            op = PY_UNARY_OP_POSITIVE;
            break;
        case PY_TOK_MINUS:
            op = PY_UNARY_OP_NEGATIVE;
            break;
        case PY_TOK_TILDE:
            op = PY_UNARY_OP_INVERT;
            break;
        default:
            return parse_power(p);
    }
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_UNARYOP, py_parse_line(p));
    py_parse_next(p);
    e->u.unaryop.op = (uint8_t)op;
    e->u.unaryop.operand = parse_factor(p);
    return e;
}

// Binding strength of a binary operator token (0: not one).
static int binop_prec(py_token_kind_t t) {
    switch (t) {
        case PY_TOK_PIPE:
            return 1;
        case PY_TOK_CARET:
            return 2;
        case PY_TOK_AMPERSAND:
            return 3;
        case PY_TOK_LSHIFT:
        case PY_TOK_RSHIFT:
            return 4;
        case PY_TOK_PLUS:
        case PY_TOK_MINUS:
            return 5;
        case PY_TOK_STAR:
        case PY_TOK_AT:
        case PY_TOK_SLASH:
        case PY_TOK_DBL_SLASH:
        case PY_TOK_PERCENT:
            return 6;
        default:
            return 0;
    }
}

// Operators of binding strength [min_prec] and above, left-associative.
static py_ast_expr_t *parse_binary(py_parser_t *p, int min_prec) {
    py_ast_expr_t *e = parse_factor(p);
    for (;;) {
        py_token_kind_t t = py_parse_tok(p);
        int prec = binop_prec(t);
        if (prec == 0 || prec < min_prec) {
            return e;
        }
        py_ast_expr_t *b = py_parse_new_expr(p, PY_AST_EXPR_BINOP, e->line);
        py_parse_next(p);
        b->u.binop.left = e;
        b->u.binop.op = (uint8_t)(PY_BINARY_OP_OR + (t - PY_TOK_PIPE));
        b->u.binop.right = parse_binary(p, prec + 1);
        e = b;
    }
}

py_ast_expr_t *py_parse_expr(py_parser_t *p) {
    return parse_binary(p, 1);
}

// A comparison operator at the current token, consumed; -1 if there is none.
static int parse_comp_op(py_parser_t *p) {
    int op;
    switch (py_parse_tok(p)) {
        case PY_TOK_LESS:
            op = PY_BINARY_OP_LESS;
            break;
        case PY_TOK_MORE:
            op = PY_BINARY_OP_MORE;
            break;
        case PY_TOK_EQUAL:
            op = PY_BINARY_OP_EQUAL;
            break;
        case PY_TOK_LESS_EQUAL:
            op = PY_BINARY_OP_LESS_EQUAL;
            break;
        case PY_TOK_MORE_EQUAL:
            op = PY_BINARY_OP_MORE_EQUAL;
            break;
        case PY_TOK_NOT_EQUAL:
            op = PY_BINARY_OP_NOT_EQUAL;
            break;
        case PY_TOK_KW_IN:
            op = PY_BINARY_OP_IN;
            break;
        case PY_TOK_KW_IS:
            py_parse_next(p);
            return py_parse_accept(p, PY_TOK_KW_NOT) ? PY_AST_CMP_IS_NOT : PY_BINARY_OP_IS;
        case PY_TOK_KW_NOT:
            py_parse_next(p);
            py_parse_expect(p, PY_TOK_KW_IN);
            return PY_AST_CMP_NOT_IN;
        default:
            return -1;
    }
    py_parse_next(p);
    return op;
}

// comparison: expr (comp_op expr)*
static py_ast_expr_t *parse_comparison(py_parser_t *p) {
    py_ast_expr_t *left = py_parse_expr(p);
    int op = parse_comp_op(p);
    if (op < 0) {
        return left;
    }
    size_t ops_mark = py_parse_recs_mark(p);
    size_t mark = py_parse_ptrs_mark(p);
    do {
        uint8_t b = (uint8_t)op;
        py_parse_push_rec(p, &b, 1);
        py_parse_push_ptr(p, py_parse_expr(p));
    } while ((op = parse_comp_op(p)) >= 0);
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_COMPARE, left->line);
    e->u.compare.left = left;
    e->u.compare.comparators = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &e->u.compare.n_ops);
    e->u.compare.ops = py_parse_pop_recs(p, ops_mark, 1, &e->u.compare.n_ops);
    return e;
}

// not_test: 'not' not_test | comparison
static py_ast_expr_t *parse_not_test(py_parser_t *p) {
    if (py_parse_tok(p) != PY_TOK_KW_NOT || p->pending_atom != NULL) {
        return parse_comparison(p);
    }
    py_stack_check();
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_UNARYOP, py_parse_line(p));
    py_parse_next(p);
    e->u.unaryop.op = PY_UNARY_OP_NOT;
    e->u.unaryop.operand = parse_not_test(p);
    return e;
}

// and_test / or_test: operands joined by [kw] into one BoolOp.
static py_ast_expr_t *parse_boolop(py_parser_t *p, py_token_kind_t kw) {
    py_ast_expr_t *first = kw == PY_TOK_KW_OR ? parse_boolop(p, PY_TOK_KW_AND) : parse_not_test(p);
    if (py_parse_tok(p) != kw) {
        return first;
    }
    size_t mark = py_parse_ptrs_mark(p);
    py_parse_push_ptr(p, first);
    while (py_parse_accept(p, kw)) {
        py_parse_push_ptr(p,
                          kw == PY_TOK_KW_OR ? parse_boolop(p, PY_TOK_KW_AND) : parse_not_test(p));
    }
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_BOOLOP, first->line);
    e->u.boolop.op = kw == PY_TOK_KW_OR ? PY_AST_BOOL_OR : PY_AST_BOOL_AND;
    e->u.boolop.values = (py_ast_expr_t **)py_parse_pop_ptrs(p, mark, &e->u.boolop.n_values);
    return e;
}

static py_ast_expr_t *parse_or_test(py_parser_t *p) {
    return parse_boolop(p, PY_TOK_KW_OR);
}

static py_ast_expr_t *parse_lambda(py_parser_t *p, bool nocond) {
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_LAMBDA, py_parse_line(p));
    py_parse_next(p);
    e->u.lambda.args = py_parse_arguments(p, PY_TOK_COLON, false);
    py_parse_expect(p, PY_TOK_COLON);
    e->u.lambda.body = parse_in_function(p, nocond ? parse_test_nocond : py_parse_test);
    return e;
}

static py_ast_expr_t *parse_test_nocond(py_parser_t *p) {
    if (py_parse_tok(p) == PY_TOK_KW_LAMBDA) {
        return parse_lambda(p, true);
    }
    return parse_or_test(p);
}

py_ast_expr_t *py_parse_test(py_parser_t *p) {
    if (py_parse_tok(p) == PY_TOK_KW_LAMBDA && p->pending_atom == NULL) {
        return parse_lambda(p, false);
    }
    py_ast_expr_t *e = parse_or_test(p);
    if (py_parse_tok(p) != PY_TOK_KW_IF) {
        return e;
    }
    py_ast_expr_t *c = py_parse_new_expr(p, PY_AST_EXPR_IFEXP, e->line);
    py_parse_next(p);
    c->u.ifexp.body = e;
    c->u.ifexp.test = parse_or_test(p);
    py_parse_expect(p, PY_TOK_KW_ELSE);
    c->u.ifexp.orelse = py_parse_test(p);
    return c;
}

py_ast_expr_t *py_parse_namedexpr_test(py_parser_t *p) {
    py_ast_expr_t *e = py_parse_test(p);
    if (py_parse_tok(p) != PY_TOK_WALRUS) {
        return e;
    }
    if (e->kind != PY_AST_EXPR_NAME) {
        py_parse_error_at(p, e->line, "can't assign to expression");
    }
    e->ctx = PY_AST_STORE;
    py_ast_expr_t *n = py_parse_new_expr(p, PY_AST_EXPR_NAMEDEXPR, e->line);
    py_parse_next(p);
    n->u.namedexpr.target = e;
    n->u.namedexpr.value = py_parse_test(p);
    return n;
}

// A list of [item]s separated by commas: the item alone, or a Tuple when there is a comma.
static py_ast_expr_t *parse_list_of(py_parser_t *p, py_ast_expr_t *(*item)(py_parser_t *),
                                    bool allow_star) {
    uint32_t line = py_parse_line(p);
    py_ast_expr_t *first =
        allow_star && py_parse_tok(p) == PY_TOK_STAR ? parse_star_expr(p) : item(p);
    if (py_parse_tok(p) != PY_TOK_COMMA) {
        return first;
    }
    size_t mark = py_parse_ptrs_mark(p);
    py_parse_push_ptr(p, first);
    while (py_parse_accept(p, PY_TOK_COMMA) && py_parse_starts_expr(p)) {
        py_parse_push_ptr(p, allow_star && py_parse_tok(p) == PY_TOK_STAR ? parse_star_expr(p)
                                                                          : item(p));
    }
    return new_seq(p, PY_AST_EXPR_TUPLE, line, mark);
}

py_ast_expr_t *py_parse_testlist(py_parser_t *p, bool allow_star) {
    return parse_list_of(p, py_parse_test, allow_star);
}

py_ast_expr_t *py_parse_exprlist(py_parser_t *p) {
    return parse_list_of(p, py_parse_expr, true);
}

py_ast_expr_t *py_parse_yield_expr(py_parser_t *p) {
    uint32_t line = py_parse_line(p);
    py_parse_next(p);
    if (py_parse_accept(p, PY_TOK_KW_FROM)) {
        py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_YIELDFROM, line);
        e->u.yieldfrom.value = py_parse_test(p);
        return e;
    }
    py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_YIELD, line);
    if (py_parse_starts_expr(p)) {
        e->u.yield.value = py_parse_testlist(p, true);
        if (e->u.yield.value->kind == PY_AST_EXPR_STARRED) {
            py_parse_error_at(p, line, "can't use starred expression here");
        }
    }
    return e;
}

// ---- Arguments and parameters ------------------------------------------------------------------

static void check_keyword_unique(py_parser_t *p, size_t mark, qstr name) {
    const py_ast_keyword_t *kws = (const py_ast_keyword_t *)(p->recs.buf + mark);
    size_t n = (p->recs.len - mark) / sizeof(py_ast_keyword_t);
    for (size_t i = 0; i < n; i++) {
        if (kws[i].arg == name) {
            py_parse_error(p, "keyword argument repeated");
        }
    }
}

// One argument of a call; pushes it on the pointer (positional) or record (keyword) stack.
// [state] bit 1: a keyword argument was seen; bit 2: a ** argument was seen.
static void parse_argument(py_parser_t *p, size_t rmark, unsigned *state, size_t n_before,
                           py_token_kind_t close) {
    uint32_t line = py_parse_line(p);
    if (py_parse_tok(p) == PY_TOK_STAR) {
        if (*state & 2) {
            py_parse_error(p, "positional arg after **");
        }
        // In a call, `*` takes a whole test (`f(*a or b)`), not just an expr.
        py_ast_expr_t *e = py_parse_new_expr(p, PY_AST_EXPR_STARRED, line);
        py_parse_next(p);
        e->u.starred.value = py_parse_test(p);
        py_parse_push_ptr(p, e);
        return;
    }
    if (py_parse_accept(p, PY_TOK_DBL_STAR)) {
        py_ast_keyword_t kw = {.arg = PY_QSTR_NULL, .value = py_parse_test(p), .line = line};
        py_parse_push_rec(p, &kw, sizeof(kw));
        *state |= 2;
        return;
    }
    py_ast_expr_t *e = py_parse_namedexpr_test(p);
    if (py_parse_accept(p, PY_TOK_ASSIGN)) {
        if (e->kind != PY_AST_EXPR_NAME) {
            py_parse_error_at(p, line, "LHS of keyword arg must be an id");
        }
        check_keyword_unique(p, rmark, e->u.name.id);
        py_ast_keyword_t kw = {.arg = e->u.name.id, .value = py_parse_test(p), .line = line};
        py_parse_push_rec(p, &kw, sizeof(kw));
        *state |= 1;
        return;
    }
    if (starts_comp_for(p)) {
        e = parse_comp(p, PY_AST_EXPR_GENERATOREXP, e);
        if (n_before > 0 || (py_parse_tok(p) != close && py_parse_tok(p) != PY_TOK_COMMA)) {
            py_parse_error_at(p, line, "Generator expression must be parenthesized");
        }
        py_parse_accept(p, PY_TOK_COMMA);
        if (py_parse_tok(p) != close) {
            py_parse_error_at(p, line, "Generator expression must be parenthesized");
        }
    } else if (*state) {
        py_parse_error_at(
            p, line, (*state & 2) ? "positional arg after **" : "positional arg after keyword arg");
    }
    py_parse_push_ptr(p, e);
}

void py_parse_arglist(py_parser_t *p, py_ast_expr_t *call, py_token_kind_t close) {
    size_t pmark = py_parse_ptrs_mark(p);
    size_t rmark = py_parse_recs_mark(p);
    unsigned state = 0;
    while (py_parse_tok(p) != close) {
        size_t n_before = py_parse_ptrs_mark(p) - pmark + (p->recs.len - rmark);
        parse_argument(p, rmark, &state, n_before, close);
        if (!py_parse_accept(p, PY_TOK_COMMA)) {
            break;
        }
    }
    call->u.call.args = (py_ast_expr_t **)py_parse_pop_ptrs(p, pmark, &call->u.call.n_args);
    call->u.call.keywords =
        py_parse_pop_recs(p, rmark, sizeof(py_ast_keyword_t), &call->u.call.n_keywords);
}

static py_ast_arg_t parse_param(py_parser_t *p, bool annotations) {
    py_ast_arg_t a = {.line = py_parse_line(p)};
    a.arg = py_parse_expect_name(p);
    if (annotations && py_parse_accept(p, PY_TOK_COLON)) {
        a.annotation = py_parse_test(p);
    }
    return a;
}

static py_ast_arg_t *new_param(py_parser_t *p, bool annotations) {
    py_ast_arg_t *a = py_arena_new(p->arena, py_ast_arg_t, 1);
    *a = parse_param(p, annotations);
    return a;
}

static void check_duplicate_param(py_parser_t *p, const py_ast_arguments_t *a, qstr name,
                                  uint32_t line) {
    size_t count = 0;
    for (size_t i = 0; i < a->n_args; i++) {
        count += a->args[i].arg == name;
    }
    for (size_t i = 0; i < a->n_kwonly; i++) {
        count += a->kwonlyargs[i].arg == name;
    }
    count += a->vararg != NULL && a->vararg->arg == name;
    count += a->kwarg != NULL && a->kwarg->arg == name;
    if (count > 1) {
        py_obj_t exc = py_obj_new_exception_msg_varg(
            &py_type_SyntaxError, "duplicate argument '%q' in function definition", name);
        py_obj_exception_add_traceback(exc, p->source_name, line, PY_QSTR_NULL);
        py_raise(exc);
    }
}

// Moves the parsed parameter records into [a] and checks names are unique.
static void finish_arguments(py_parser_t *p, py_ast_arguments_t *a, size_t rmark, size_t pmark,
                             size_t n_pos) {
    size_t n;
    py_ast_arg_t *all = py_parse_pop_recs(p, rmark, sizeof(py_ast_arg_t), &n);
    py_ast_expr_t **defs = (py_ast_expr_t **)py_parse_pop_ptrs(p, pmark, &n);
    a->n_args = n_pos;
    a->args = all;
    a->kwonlyargs = all != NULL ? all + n_pos : NULL;
    a->defaults = defs;
    a->kw_defaults = defs != NULL ? defs + a->n_defaults : NULL;
    for (size_t i = 0; i < a->n_args; i++) {
        check_duplicate_param(p, a, a->args[i].arg, a->args[i].line);
    }
    for (size_t i = 0; i < a->n_kwonly; i++) {
        check_duplicate_param(p, a, a->kwonlyargs[i].arg, a->kwonlyargs[i].line);
    }
    if (a->vararg != NULL) {
        check_duplicate_param(p, a, a->vararg->arg, a->vararg->line);
    }
}

py_ast_arguments_t *py_parse_arguments(py_parser_t *p, py_token_kind_t close, bool annotations) {
    py_ast_arguments_t *a = py_arena_new(p->arena, py_ast_arguments_t, 1);
    size_t rmark = py_parse_recs_mark(p);
    size_t pmark = py_parse_ptrs_mark(p);
    size_t n_pos = 0;
    bool kwonly = false;
    while (py_parse_tok(p) != close) {
        if (py_parse_accept(p, PY_TOK_SLASH)) {
            if (kwonly || n_pos == 0 || a->n_posonly > 0) {
                py_parse_syntax_error(p);
            }
            a->n_posonly = n_pos;
        } else if (py_parse_accept(p, PY_TOK_STAR)) {
            if (kwonly) {
                py_parse_syntax_error(p);
            }
            kwonly = true;
            if (py_parse_tok(p) == PY_TOK_NAME) {
                a->vararg = new_param(p, annotations);
            }
        } else if (py_parse_accept(p, PY_TOK_DBL_STAR)) {
            a->kwarg = new_param(p, annotations);
            py_parse_accept(p, PY_TOK_COMMA);
            break;
        } else {
            py_ast_arg_t arg = parse_param(p, annotations);
            py_ast_expr_t *def = py_parse_accept(p, PY_TOK_ASSIGN) ? py_parse_test(p) : NULL;
            py_parse_push_rec(p, &arg, sizeof(arg));
            if (kwonly) {
                a->n_kwonly++;
                py_parse_push_ptr(p, def);
            } else if (def != NULL) {
                n_pos++;
                a->n_defaults++;
                py_parse_push_ptr(p, def);
            } else if (a->n_defaults > 0) {
                py_parse_error_at(p, arg.line, "non-default argument follows default argument");
            } else {
                n_pos++;
            }
        }
        if (!py_parse_accept(p, PY_TOK_COMMA)) {
            break;
        }
    }
    if (kwonly && a->vararg == NULL && a->n_kwonly == 0) {
        py_parse_error(p, "named arguments must follow bare *");
    }
    finish_arguments(p, a, rmark, pmark, n_pos);
    return a;
}
