// SPDX-License-Identifier: MIT
// test_parse.c: the parser's trees (dumped in a compact form close to Python's ast.dump), its
// syntax errors with their lines, scope analysis, and the REPL's completeness check.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gc.h"
#include "objexcept.h"
#include "parse.h"
#include "runtime.h"
#include "symtable.h"
#include "unit_port.h"

static int teardown(void **state) {
    (void)state;
    py_deinit();
    return 0;
}

// ---- Dumping -----------------------------------------------------------------------------------

static py_vstr_t out;

static void put(const char *s) {
    py_vstr_add_str(&out, s);
}

static void put_q(qstr q) {
    put(q == PY_QSTR_NULL ? "None" : py_qstr_str(q));
}

static void dump_expr(const py_ast_expr_t *e);
static void dump_stmts(size_t n, py_ast_stmt_t **body);

static void dump_opt(const py_ast_expr_t *e) {
    if (e == NULL) {
        put("None");
    } else {
        dump_expr(e);
    }
}

static void dump_exprs(size_t n, py_ast_expr_t **es) {
    put("[");
    for (size_t i = 0; i < n; i++) {
        put(i > 0 ? ", " : "");
        dump_opt(es[i]);
    }
    put("]");
}

static const char *const binop_names[] = {"BitOr", "BitXor", "BitAnd", "LShift",  "RShift",
                                          "Add",   "Sub",    "Mult",   "MatMult", "FloorDiv",
                                          "Div",   "Mod",    "Pow"};

static const char *cmp_name(int op) {
    switch (op) {
        case PY_BINARY_OP_LESS:
            return "Lt";
        case PY_BINARY_OP_MORE:
            return "Gt";
        case PY_BINARY_OP_EQUAL:
            return "Eq";
        case PY_BINARY_OP_LESS_EQUAL:
            return "LtE";
        case PY_BINARY_OP_MORE_EQUAL:
            return "GtE";
        case PY_BINARY_OP_NOT_EQUAL:
            return "NotEq";
        case PY_BINARY_OP_IN:
            return "In";
        case PY_BINARY_OP_IS:
            return "Is";
        case PY_AST_CMP_IS_NOT:
            return "IsNot";
        case PY_AST_CMP_NOT_IN:
            return "NotIn";
        default:
            return "?";
    }
}

static void dump_arg(const py_ast_arg_t *a) {
    put_q(a->arg);
    if (a->annotation != NULL) {
        put(":");
        dump_expr(a->annotation);
    }
}

// arguments as `(posonly / args *vararg kwonly=default **kwarg)` with defaults after '='.
static void dump_arguments(const py_ast_arguments_t *a) {
    put("(");
    size_t first_default = a->n_args - a->n_defaults;
    for (size_t i = 0; i < a->n_args; i++) {
        put(i > 0 ? " " : "");
        dump_arg(&a->args[i]);
        if (i >= first_default) {
            put("=");
            dump_expr(a->defaults[i - first_default]);
        }
        if (i + 1 == a->n_posonly) {
            put(" /");
        }
    }
    if (a->vararg != NULL) {
        put(" *");
        dump_arg(a->vararg);
    }
    for (size_t i = 0; i < a->n_kwonly; i++) {
        put(" kw:");
        dump_arg(&a->kwonlyargs[i]);
        if (a->kw_defaults[i] != NULL) {
            put("=");
            dump_expr(a->kw_defaults[i]);
        }
    }
    if (a->kwarg != NULL) {
        put(" **");
        dump_arg(a->kwarg);
    }
    put(")");
}

static void dump_keywords(size_t n, const py_ast_keyword_t *k) {
    for (size_t i = 0; i < n; i++) {
        put(", ");
        put(k[i].arg == PY_QSTR_NULL ? "**" : py_qstr_str(k[i].arg));
        put("=");
        dump_expr(k[i].value);
    }
}

static void dump_comp(const py_ast_expr_t *e) {
    for (size_t i = 0; i < e->u.comp.n_generators; i++) {
        const py_ast_comprehension_t *g = &e->u.comp.generators[i];
        put(g->is_async ? " async for " : " for ");
        dump_expr(g->target);
        put(" in ");
        dump_expr(g->iter);
        for (size_t j = 0; j < g->n_ifs; j++) {
            put(" if ");
            dump_expr(g->ifs[j]);
        }
    }
}

static void dump_constant(py_obj_t v) {
    py_obj_t r = py_obj_repr(v);
    size_t len;
    const char *s = py_obj_str_get_data(r, &len);
    py_vstr_add_strn(&out, s, len);
}

static const char *const ctx_suffix[] = {"", "!", "~"}; // Load, Store, Del

static void dump_expr_body(const py_ast_expr_t *e) {
    switch (e->kind) {
        case PY_AST_EXPR_BOOLOP:
            put(e->u.boolop.op == PY_AST_BOOL_AND ? "And " : "Or ");
            dump_exprs(e->u.boolop.n_values, e->u.boolop.values);
            break;
        case PY_AST_EXPR_NAMEDEXPR:
            dump_expr(e->u.namedexpr.target);
            put(" := ");
            dump_expr(e->u.namedexpr.value);
            break;
        case PY_AST_EXPR_BINOP:
            dump_expr(e->u.binop.left);
            put(" ");
            put(binop_names[e->u.binop.op - PY_BINARY_OP_OR]);
            put(" ");
            dump_expr(e->u.binop.right);
            break;
        case PY_AST_EXPR_UNARYOP: {
            int op = e->u.unaryop.op;
            put(op == PY_UNARY_OP_POSITIVE   ? "UAdd "
                : op == PY_UNARY_OP_NEGATIVE ? "USub "
                : op == PY_UNARY_OP_INVERT   ? "Invert "
                                             : "Not ");
            dump_expr(e->u.unaryop.operand);
            break;
        }
        case PY_AST_EXPR_LAMBDA:
            dump_arguments(e->u.lambda.args);
            put(" ");
            dump_expr(e->u.lambda.body);
            break;
        case PY_AST_EXPR_IFEXP:
            dump_expr(e->u.ifexp.body);
            put(" if ");
            dump_expr(e->u.ifexp.test);
            put(" else ");
            dump_expr(e->u.ifexp.orelse);
            break;
        case PY_AST_EXPR_DICT:
            for (size_t i = 0; i < e->u.dict.n; i++) {
                put(i > 0 ? ", " : "");
                dump_opt(e->u.dict.keys[i]);
                put(": ");
                dump_expr(e->u.dict.values[i]);
            }
            break;
        case PY_AST_EXPR_SET:
        case PY_AST_EXPR_LIST:
        case PY_AST_EXPR_TUPLE:
        case PY_AST_EXPR_JOINEDSTR:
            dump_exprs(e->u.tuple.n_elts, e->u.tuple.elts);
            break;
        case PY_AST_EXPR_LISTCOMP:
        case PY_AST_EXPR_SETCOMP:
        case PY_AST_EXPR_GENERATOREXP:
        case PY_AST_EXPR_DICTCOMP:
            dump_expr(e->u.comp.elt);
            if (e->u.comp.value != NULL) {
                put(": ");
                dump_expr(e->u.comp.value);
            }
            dump_comp(e);
            break;
        case PY_AST_EXPR_AWAIT:
        case PY_AST_EXPR_YIELD:
        case PY_AST_EXPR_YIELDFROM:
        case PY_AST_EXPR_STARRED:
            dump_opt(e->u.await.value);
            break;
        case PY_AST_EXPR_COMPARE:
            dump_expr(e->u.compare.left);
            for (size_t i = 0; i < e->u.compare.n_ops; i++) {
                put(" ");
                put(cmp_name(e->u.compare.ops[i]));
                put(" ");
                dump_expr(e->u.compare.comparators[i]);
            }
            break;
        case PY_AST_EXPR_CALL:
            dump_expr(e->u.call.func);
            put(", ");
            dump_exprs(e->u.call.n_args, e->u.call.args);
            dump_keywords(e->u.call.n_keywords, e->u.call.keywords);
            break;
        case PY_AST_EXPR_FORMATTEDVALUE: {
            dump_expr(e->u.formattedvalue.value);
            char conv[8];
            snprintf(conv, sizeof(conv), " %d ", e->u.formattedvalue.conversion);
            put(conv);
            dump_opt(e->u.formattedvalue.format_spec);
            break;
        }
        case PY_AST_EXPR_ATTRIBUTE:
            dump_expr(e->u.attribute.value);
            put(".");
            put_q(e->u.attribute.attr);
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            dump_expr(e->u.subscript.value);
            put("[");
            dump_expr(e->u.subscript.slice);
            put("]");
            break;
        case PY_AST_EXPR_SLICE:
            dump_opt(e->u.slice.lower);
            put(":");
            dump_opt(e->u.slice.upper);
            put(":");
            dump_opt(e->u.slice.step);
            break;
        default:
            break;
    }
}

static void dump_expr(const py_ast_expr_t *e) {
    static const char *const names[] = {
        "BoolOp",    "NamedExpr", "BinOp",   "UnaryOp",  "Lambda",    "IfExp",    "Dict",
        "Set",       "ListComp",  "SetComp", "DictComp", "GenExp",    "Await",    "Yield",
        "YieldFrom", "Compare",   "Call",    "FV",       "JoinedStr", "Constant", "Attribute",
        "Subscript", "Starred",   "Name",    "List",     "Tuple",     "Slice",
    };
    if (e->kind == PY_AST_EXPR_CONSTANT) {
        dump_constant(e->u.constant.value);
        return;
    }
    if (e->kind == PY_AST_EXPR_NAME) {
        put_q(e->u.name.id);
        put(ctx_suffix[e->ctx]);
        return;
    }
    put(names[e->kind]);
    put(ctx_suffix[e->ctx]);
    put("(");
    dump_expr_body(e);
    put(")");
}

static void dump_suite(const char *label, size_t n, py_ast_stmt_t **body) {
    if (n > 0) {
        put(label);
        dump_stmts(n, body);
    }
}

static void dump_stmt_body(const py_ast_stmt_t *s) {
    switch (s->kind) {
        case PY_AST_STMT_FUNCTIONDEF:
        case PY_AST_STMT_ASYNCFUNCTIONDEF:
            dump_exprs(s->u.functiondef.n_decorators, s->u.functiondef.decorator_list);
            put(" ");
            put_q(s->u.functiondef.name);
            dump_arguments(s->u.functiondef.args);
            if (s->u.functiondef.returns != NULL) {
                put(" -> ");
                dump_expr(s->u.functiondef.returns);
            }
            dump_suite(" ", s->u.functiondef.n_body, s->u.functiondef.body);
            break;
        case PY_AST_STMT_CLASSDEF:
            put_q(s->u.classdef.name);
            put(" ");
            dump_exprs(s->u.classdef.n_bases, s->u.classdef.bases);
            dump_keywords(s->u.classdef.n_keywords, s->u.classdef.keywords);
            dump_suite(" ", s->u.classdef.n_body, s->u.classdef.body);
            break;
        case PY_AST_STMT_RETURN:
            dump_opt(s->u.return_.value);
            break;
        case PY_AST_STMT_DELETE:
            dump_exprs(s->u.delete_.n_targets, s->u.delete_.targets);
            break;
        case PY_AST_STMT_ASSIGN:
            dump_exprs(s->u.assign.n_targets, s->u.assign.targets);
            put(" = ");
            dump_expr(s->u.assign.value);
            break;
        case PY_AST_STMT_AUGASSIGN:
            dump_expr(s->u.augassign.target);
            put(" ");
            put(binop_names[s->u.augassign.op - PY_BINARY_OP_INPLACE_OR]);
            put("= ");
            dump_expr(s->u.augassign.value);
            break;
        case PY_AST_STMT_ANNASSIGN:
            dump_expr(s->u.annassign.target);
            put(s->u.annassign.simple ? " : " : " :(not simple) ");
            dump_expr(s->u.annassign.annotation);
            put(" = ");
            dump_opt(s->u.annassign.value);
            break;
        case PY_AST_STMT_FOR:
        case PY_AST_STMT_ASYNCFOR:
            dump_expr(s->u.for_.target);
            put(" in ");
            dump_expr(s->u.for_.iter);
            dump_suite(" ", s->u.for_.n_body, s->u.for_.body);
            dump_suite(" else ", s->u.for_.n_orelse, s->u.for_.orelse);
            break;
        case PY_AST_STMT_WHILE:
        case PY_AST_STMT_IF:
            dump_expr(s->u.if_.test);
            dump_suite(" ", s->u.if_.n_body, s->u.if_.body);
            dump_suite(" else ", s->u.if_.n_orelse, s->u.if_.orelse);
            break;
        case PY_AST_STMT_WITH:
        case PY_AST_STMT_ASYNCWITH:
            for (size_t i = 0; i < s->u.with.n_items; i++) {
                put(i > 0 ? ", " : "");
                dump_expr(s->u.with.items[i].context_expr);
                if (s->u.with.items[i].optional_vars != NULL) {
                    put(" as ");
                    dump_expr(s->u.with.items[i].optional_vars);
                }
            }
            dump_suite(" ", s->u.with.n_body, s->u.with.body);
            break;
        case PY_AST_STMT_RAISE:
            dump_opt(s->u.raise.exc);
            put(" from ");
            dump_opt(s->u.raise.cause);
            break;
        case PY_AST_STMT_TRY:
            dump_stmts(s->u.try_.n_body, s->u.try_.body);
            for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
                const py_ast_excepthandler_t *h = &s->u.try_.handlers[i];
                put(" except ");
                dump_opt(h->type);
                put(" as ");
                put_q(h->name);
                put(" ");
                dump_stmts(h->n_body, h->body);
            }
            dump_suite(" else ", s->u.try_.n_orelse, s->u.try_.orelse);
            dump_suite(" finally ", s->u.try_.n_finalbody, s->u.try_.finalbody);
            break;
        case PY_AST_STMT_ASSERT:
            dump_expr(s->u.assert_.test);
            put(", ");
            dump_opt(s->u.assert_.msg);
            break;
        case PY_AST_STMT_IMPORT:
        case PY_AST_STMT_IMPORTFROM: {
            bool from = s->kind == PY_AST_STMT_IMPORTFROM;
            size_t n = from ? s->u.importfrom.n_names : s->u.import.n_names;
            const py_ast_alias_t *a = from ? s->u.importfrom.names : s->u.import.names;
            if (from) {
                char level[16];
                snprintf(level, sizeof(level), "%u:", (unsigned)s->u.importfrom.level);
                put(level);
                put_q(s->u.importfrom.module);
                put(" ");
            }
            for (size_t i = 0; i < n; i++) {
                put(i > 0 ? ", " : "");
                put_q(a[i].name);
                if (a[i].asname != PY_QSTR_NULL) {
                    put(" as ");
                    put_q(a[i].asname);
                }
            }
            break;
        }
        case PY_AST_STMT_GLOBAL:
        case PY_AST_STMT_NONLOCAL:
            for (size_t i = 0; i < s->u.global.n_names; i++) {
                put(i > 0 ? ", " : "");
                put_q(s->u.global.names[i]);
            }
            break;
        case PY_AST_STMT_EXPR:
            dump_expr(s->u.expr.value);
            break;
        default:
            break;
    }
}

static void dump_stmt(const py_ast_stmt_t *s) {
    static const char *const names[] = {
        "Def",       "AsyncDef", "Class",    "Return",   "Del",  "Assign", "AugAssign",
        "AnnAssign", "For",      "AsyncFor", "While",    "If",   "With",   "AsyncWith",
        "Raise",     "Try",      "Assert",   "Import",   "From", "Global", "Nonlocal",
        "Expr",      "Pass",     "Break",    "Continue",
    };
    char line[16];
    snprintf(line, sizeof(line), "@%u", (unsigned)s->line);
    put(names[s->kind]);
    put(line);
    put("(");
    dump_stmt_body(s);
    put(")");
}

static void dump_stmts(size_t n, py_ast_stmt_t **body) {
    put("[");
    for (size_t i = 0; i < n; i++) {
        put(i > 0 ? "; " : "");
        dump_stmt(body[i]);
    }
    put("]");
}

// Describes the raised exception as `Type@line: message`.
static void dump_error(py_obj_t exc) {
    put(py_qstr_str(py_obj_get_type(exc)->name));
    py_obj_exception_t *e = PY_OBJ_TO_PTR(exc);
    if (e->tb_len > 0) {
        char line[16];
        snprintf(line, sizeof(line), "@%u", (unsigned)e->traceback[1]);
        put(line);
    }
    put(": ");
    size_t len;
    const char *msg = py_obj_str_get_data(py_obj_exception_get_value(exc), &len);
    py_vstr_add_strn(&out, msg, len);
}

typedef void (*visit_fn)(const py_ast_mod_t *mod);

static void dump_mod(const py_ast_mod_t *mod) {
    if (mod->kind == PY_AST_MOD_EXPRESSION) {
        dump_expr(mod->expression);
    } else {
        dump_stmts(mod->n_body, mod->body);
    }
}

// Parses [src] as [mode] and returns visit(tree)'s output, or the error.
static const char *parse_with(const char *src, py_compile_mode_t mode, visit_fn visit) {
    py_vstr_init(&out, 64);
    py_reader_t reader;
    py_reader_mem_t mem;
    py_reader_init_mem(&reader, &mem, (const byte *)src, strlen(src));
    py_arena_t arena;
    py_arena_init(&arena);
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_ast_mod_t *mod = py_parse(&reader, PY_QSTR_lt_stdin_gt, mode, &arena);
        visit(mod);
        py_nlr_pop();
    } else {
        dump_error(PY_OBJ_FROM_PTR(nlr.ret_val));
    }
    py_arena_free(&arena);
    return py_vstr_null_terminated_str(&out);
}

static const char *parse(const char *src) {
    return parse_with(src, PY_COMPILE_FILE, dump_mod);
}

// ---- Trees
// ---------------------------------------------------------------------------------------

static void test_expressions(void **state) {
    (void)state;
    assert_string_equal(parse("1 + 2 * 3 ** -4"),
                        "[Expr@1(BinOp(1 Add BinOp(2 Mult BinOp(3 Pow UnaryOp(USub 4)))))]");
    assert_string_equal(
        parse("a - b - c; x ** y ** z"),
        "[Expr@1(BinOp(BinOp(a Sub b) Sub c)); Expr@1(BinOp(x Pow BinOp(y Pow z)))]");
    assert_string_equal(parse("a | b ^ c & d << e + f @ g // h % i / j"),
                        "[Expr@1(BinOp(a BitOr BinOp(b BitXor BinOp(c BitAnd BinOp(d LShift "
                        "BinOp(e Add BinOp(BinOp(BinOp(BinOp(f MatMult g) FloorDiv h) Mod i) "
                        "Div j)))))))]");
    assert_string_equal(parse("not a and b or c and not d"),
                        "[Expr@1(BoolOp(Or [BoolOp(And [UnaryOp(Not a), b]), BoolOp(And [c, "
                        "UnaryOp(Not d)])]))]");
    assert_string_equal(parse("a < b <= c is not d not in e == f"),
                        "[Expr@1(Compare(a Lt b LtE c IsNot d NotIn e Eq f))]");
    assert_string_equal(parse("x if a else y if b else z"),
                        "[Expr@1(IfExp(x if a else IfExp(y if b else z)))]");
    assert_string_equal(parse("lambda a, b=1, *c, d, e=2, **f: a"),
                        "[Expr@1(Lambda((a b=1 *c kw:d kw:e=2 **f) a))]");
    assert_string_equal(parse("a.b[c](d, *e, f=1, **g)[1:2, ::3, ...]"),
                        "[Expr@1(Subscript(Call(Subscript(Attribute(a.b)[c]), [d, Starred(e)], "
                        "f=1, **=g)[Tuple([Slice(1:2:None), Slice(None:None:3), Ellipsis])]))]");
    assert_string_equal(parse("(x := 5) and [y := 1]"),
                        "[Expr@1(BoolOp(And [NamedExpr(x! := 5), List([NamedExpr(y! := 1)])]))]");
    assert_string_equal(parse("None, True, False, ..., 0x10, 1_000, 2.5"),
                        "[Expr@1(Tuple([None, True, False, Ellipsis, 16, 1000, 2.5]))]");
    assert_string_equal(parse("12345678901234567890123"), "[Expr@1(12345678901234567890123)]");
}

static void test_displays(void **state) {
    (void)state;
    assert_string_equal(parse("[], (), {}, [1,], (1,), {1}, (1)"),
                        "[Expr@1(Tuple([List([]), Tuple([]), Dict(), List([1]), Tuple([1]), "
                        "Set([1]), 1]))]");
    assert_string_equal(parse("{1: 2, **a, 3: 4}"), "[Expr@1(Dict(1: 2, None: a, 3: 4))]");
    assert_string_equal(parse("[*a, *b], {*a}"),
                        "[Expr@1(Tuple([List([Starred(a), Starred(b)]), Set([Starred(a)])]))]");
    assert_string_equal(parse("[x for x in y if x for z in x]"),
                        "[Expr@1(ListComp(x for x! in y if x for z! in x))]");
    assert_string_equal(parse("{k: v for k, v in d}, {x for x in y}, (x for x in y)"),
                        "[Expr@1(Tuple([DictComp(k: v for Tuple!([k!, v!]) in d), SetComp(x "
                        "for x! in y), GenExp(x for x! in y)]))]");
    assert_string_equal(parse("f(x for x in y)"), "[Expr@1(Call(f, [GenExp(x for x! in y)]))]");
}

static void test_strings(void **state) {
    (void)state;
    assert_string_equal(parse("'a' \"b\" '''c'''"), "[Expr@1('abc')]");
    assert_string_equal(parse("b'a' b'\\x00'"), "[Expr@1(b'a\\x00')]");
    assert_string_equal(parse("f'a{b!r:>{w}}c' 'd'"),
                        "[Expr@1(JoinedStr([\'a\', FV(b 114 JoinedStr([\'>\', FV(w -1 None)])), "
                        "'cd']))]");
    assert_string_equal(parse("f'{x=}' f'{{}}'"),
                        "[Expr@1(JoinedStr(['x=', FV(x 114 None), '{}']))]");
    assert_string_equal(parse("f'{x = :>3}'"),
                        "[Expr@1(JoinedStr(['x = ', FV(x -1 JoinedStr(['>3']))]))]");
    assert_string_equal(parse("f'plain'"), "[Expr@1('plain')]");
    assert_string_equal(parse("f'{a, b}' rf'\\n{c}'"),
                        "[Expr@1(JoinedStr([FV(Tuple([a, b]) -1 None), '\\\\n', FV(c -1 None)]))]");
    assert_string_equal(parse("f'{\"s\"!s}' f\"{d['k']}\""),
                        "[Expr@1(JoinedStr([FV('s' 115 None), FV(Subscript(d['k']) -1 None)]))]");
}

static void test_statements(void **state) {
    (void)state;
    assert_string_equal(parse("a = b = 1\nx, *y = z\nc += 2\nd: int = 3\n(e): int\n"),
                        "[Assign@1([a!, b!] = 1); Assign@2([Tuple!([x!, Starred!(y!)])] = z); "
                        "AugAssign@3(c! Add= 2); AnnAssign@4(d! : int = 3); "
                        "AnnAssign@5(e! :(not simple) int = None)]");
    assert_string_equal(parse("del a, b[0], c.d"),
                        "[Del@1([a~, Subscript~(b[0]), Attribute~(c.d)])]");
    assert_string_equal(parse("import a.b as c, d\nfrom ..m import (x as y, z,)\nfrom . import *"),
                        "[Import@1(a.b as c, d); From@2(2:m x as y, z); From@3(1:None *)]");
    assert_string_equal(parse("if a:\n  b\nelif c:\n  d\nelse:\n  e\n"),
                        "[If@1(a [Expr@2(b)] else [If@3(c [Expr@4(d)] else [Expr@6(e)])])]");
    assert_string_equal(parse("for i in x:\n  continue\nelse:\n  pass\nwhile 1: break"),
                        "[For@1(i! in x [Continue@2()] else [Pass@4()]); While@5(1 [Break@5()])]");
    assert_string_equal(parse("try:\n  a\nexcept E as e:\n  b\nexcept:\n  c\nelse:\n  d\n"
                              "finally:\n  f\n"),
                        "[Try@1([Expr@2(a)] except E as e [Expr@4(b)] except None as None "
                        "[Expr@6(c)] else [Expr@8(d)] finally [Expr@10(f)])]");
    assert_string_equal(parse("with a as b, c: pass\nwith (d as e, f): pass"),
                        "[With@1(a as b!, c [Pass@1()]); With@2(d as e!, f [Pass@2()])]");
    assert_string_equal(parse("raise E from c\nraise\nassert x, 'm'\nglobal g, h"),
                        "[Raise@1(E from c); Raise@2(None from None); Assert@3(x, 'm'); "
                        "Global@4(g, h)]");
    assert_string_equal(parse("@d\n@e.f(1)\ndef g(a, /, b: int = 1, *, c) -> r:\n  return a"),
                        "[Def@3([d, Call(Attribute(e.f), [1])] g(a / b:int=1 kw:c) -> r "
                        "[Return@4(a)])]");
    assert_string_equal(parse("class C(B, metaclass=M):\n  x = 1\n"),
                        "[Class@1(C [B], metaclass=M [Assign@2([x!] = 1)])]");
    assert_string_equal(parse("async def f():\n  async for x in y:\n    await x\n"
                              "  async with a: pass\n"),
                        "[AsyncDef@1([] f() [AsyncFor@2(x! in y [Expr@3(Await(x))]); "
                        "AsyncWith@4(a [Pass@4()])])]");
    assert_string_equal(parse("def g():\n  x = yield\n  yield from y\n  return 1, *z"),
                        "[Def@1([] g() [Assign@2([x!] = Yield(None)); Expr@3(YieldFrom(y)); "
                        "Return@4(Tuple([1, Starred(z)]))])]");
    assert_string_equal(parse("if x: a; b;\n"), "[If@1(x [Expr@1(a); Expr@1(b)])]");
}

static void test_layout(void **state) {
    (void)state;
    assert_string_equal(parse("x = [1,\n  2]\ny = 1 + \\\n  2\n\n# c\nz\n"),
                        "[Assign@1([x!] = List([1, 2])); Assign@3([y!] = BinOp(1 Add 2)); "
                        "Expr@7(z)]");
    assert_string_equal(parse("def f():\n\n    # c\n    return 1\n\nf()"),
                        "[Def@1([] f() [Return@4(1)]); Expr@6(Call(f, []))]");
    assert_string_equal(parse(""), "[]");
    assert_string_equal(parse("\n\n"), "[]");
}

static void test_modes(void **state) {
    (void)state;
    assert_string_equal(parse_with("  1 + 2\n\n", PY_COMPILE_EVAL, dump_mod), "BinOp(1 Add 2)");
    assert_string_equal(parse_with("a, b", PY_COMPILE_EVAL, dump_mod), "Tuple([a, b])");
    assert_string_equal(parse_with("a = 1", PY_COMPILE_EVAL, dump_mod),
                        "SyntaxError@1: invalid syntax");
    assert_string_equal(parse_with("for i in x:\n  i\n\n", PY_COMPILE_SINGLE, dump_mod),
                        "[For@1(i! in x [Expr@2(i)])]");
}

// ---- Errors
// --------------------------------------------------------------------------------------

static void test_syntax_errors(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"x = (1", "SyntaxError@1: invalid syntax"},
        {"1 = x", "SyntaxError@1: can't assign to literal"},
        {"f() = 1", "SyntaxError@1: can't assign to expression"},
        {"del f()", "SyntaxError@1: can't delete expression"},
        {"\n\nreturn 1", "SyntaxError@3: 'return' outside function"},
        {"break", "SyntaxError@1: 'break' outside loop"},
        {"while 1:\n  def f():\n    continue", "SyntaxError@3: 'continue' outside loop"},
        {"yield 1", "SyntaxError@1: 'yield' outside function"},
        {"class C:\n  yield", "SyntaxError@2: 'yield' outside function"},
        {"def f():\n  [(yield) for x in y]", "SyntaxError@2: 'yield' inside list comprehension"},
        {"nonlocal x", "SyntaxError@1: nonlocal declaration not allowed at module level"},
        {"def f():\n  nonlocal x", "SyntaxError@2: no binding for nonlocal 'x' found"},
        {"def f():\n  x = 1\n  global x",
         "SyntaxError@3: name 'x' is assigned to before global declaration"},
        {"def f():\n  print(x)\n  global x",
         "SyntaxError@3: name 'x' is used prior to global declaration"},
        {"def f(x):\n  global x", "SyntaxError@2: name 'x' is parameter and global"},
        {"def f(a=1, b): pass", "SyntaxError@1: non-default argument follows default argument"},
        {"def f(a, a): pass", "SyntaxError@1: duplicate argument 'a' in function definition"},
        {"def f(*): pass", "SyntaxError@1: named arguments must follow bare *"},
        {"f(a=1, a=2)", "SyntaxError@1: keyword argument repeated"},
        {"f(a=1, b)", "SyntaxError@1: positional arg after keyword arg"},
        {"f(**a, b)", "SyntaxError@1: positional arg after **"},
        {"f(x for x in y, 1)", "SyntaxError@1: Generator expression must be parenthesized"},
        {"f(1=2)", "SyntaxError@1: LHS of keyword arg must be an id"},
        {"a, *b, *c = d", "SyntaxError@1: multiple *x in assignment"},
        {"*a = b", "SyntaxError@1: starred assignment target must be in a list or tuple"},
        {"print(*a)\n*a", "SyntaxError@2: can't use starred expression here"},
        {"(a, b) += 1", "SyntaxError@1: illegal expression for augmented assignment"},
        {"def f():\n  await x", "SyntaxError@2: 'await' outside async function"},
        {"await x", "SyntaxError@1: 'await' outside function"},
        {"def f():\n  from m import *", "SyntaxError@2: import * only allowed at module level"},
        {"x = 'a' b'b'", "SyntaxError@1: cannot mix bytes and nonbytes literals"},
        {"f'{}'", "SyntaxError@1: f-string: empty expression not allowed"},
        {"f'{x!z}'",
         "SyntaxError@1: f-string: invalid conversion character: expected 's', 'r', or 'a'"},
        {"f'}'", "SyntaxError@1: f-string: single '}' is not allowed"},
        {"f'{x'", "SyntaxError@1: f-string: expecting '}'"},
        {"\nf'{a\\n}'", "SyntaxError@2: f-string expression part cannot include a backslash"},
        {"x = 1j", "SyntaxError@1: complex values not supported"},
        {"try:\n  pass\nx = 1", "SyntaxError@3: invalid syntax"},
        {"[x := 1 for x in y]",
         "SyntaxError@1: assignment expression cannot rebind comprehension iteration variable 'x'"},
        {"if x:\npass", "IndentationError@2: expected an indented block"},
        {"if x:\n    a\n  b", "IndentationError@3: unindent doesn't match any outer indent level"},
        {"x = 1\n  y = 2", "IndentationError@2: unexpected indent"},
        {"async def f():\n  yield 1\n  return 2",
         "SyntaxError@3: 'return' with value in async generator"},
        {"def f():\n  return [x async for x in y]",
         "SyntaxError@2: asynchronous comprehension outside of an asynchronous function"},
        {"for *a in b: pass",
         "SyntaxError@1: starred assignment target must be in a list or tuple"},
    };
    for (size_t i = 0; i < PY_ARRAY_SIZE(cases); i++) {
        assert_string_equal(parse(cases[i][0]), cases[i][1]);
    }
}

// ---- Scopes
// --------------------------------------------------------------------------------------

static const char *const id_kinds[] = {"L", "C", "F", "GE", "GI", "N"};

static void dump_scope(const py_scope_t *s) {
    put(py_qstr_str(s->name));
    put("{");
    for (size_t i = 0; i < s->n_ids; i++) {
        char buf[96];
        const py_id_info_t *id = &s->ids[i];
        bool numbered = id->kind == PY_ID_LOCAL || id->kind == PY_ID_CELL || id->kind == PY_ID_FREE;
        snprintf(buf, sizeof(buf), "%s%s:%s", i > 0 ? " " : "", py_qstr_str(id->name),
                 id_kinds[id->kind]);
        put(buf);
        if (numbered) {
            snprintf(buf, sizeof(buf), "%u", id->index);
            put(buf);
        }
    }
    if (s->flags & PY_SCOPE_FLAG_GENERATOR) {
        put(" gen");
    }
    if (s->flags & PY_SCOPE_FLAG_COROUTINE) {
        put(" async");
    }
    if (s->flags & PY_SCOPE_FLAG_CLASS_CELL) {
        put(" classcell");
    }
    if (s->flags & PY_SCOPE_FLAG_USES_CLASS) {
        put(" usesclass");
    }
    put("}");
    for (const py_scope_t *c = s->first_child; c != NULL; c = c->next_sibling) {
        put(" ");
        dump_scope(c);
    }
}

static void dump_scopes(const py_ast_mod_t *mod) {
    dump_scope(mod->scope);
}

static const char *scopes(const char *src) {
    return parse_with(src, PY_COMPILE_FILE, dump_scopes);
}

static void test_scopes(void **state) {
    (void)state;
    assert_string_equal(scopes("x = 1\ndef f(a, b):\n  c = a\n  return x, len\n"),
                        "<module>{x:N f:N} f{a:L0 b:L1 c:L2 x:GI len:GI}");
    assert_string_equal(scopes("def f(a, *b, c, **d):\n  e = 1\n  def g():\n    nonlocal e\n"
                               "    return a + e\n  return g\n"),
                        "<module>{f:N} f{a:C0 c:L1 b:L2 d:L3 e:C4 g:L5} g{e:F0 a:F1}");
    assert_string_equal(scopes("def f():\n  global g\n  g = 1\n  def h():\n    return g\n"),
                        "<module>{f:N} f{g:GE h:L0} h{g:GI}");
    assert_string_equal(scopes("class C:\n  x = 1\n  def m(self):\n    return x, super()\n"),
                        "<module>{C:N} C{x:N m:N __class__:C0 classcell} "
                        "m{self:L0 x:GI super:GI __class__:F0 usesclass}");
    assert_string_equal(scopes("def f():\n  q = 1\n  class K:\n    q = 2\n    def m(self):\n"
                               "      return q\n"),
                        "<module>{f:N} f{q:C0 K:L1} K{q:N m:N} m{self:L0 q:F0}");
    assert_string_equal(scopes("def f(y):\n  return [x + y for x in range(y)]\n"),
                        "<module>{f:N} f{y:C0 range:GI} <listcomp>{.0:L0 x:L1 y:F0}");
    assert_string_equal(scopes("def f():\n  [w := i for i in z]\n  return w\n"),
                        "<module>{f:N} f{z:GI w:C0} <listcomp>{.0:L0 i:L1 w:F0}");
    assert_string_equal(scopes("[w := i for i in z]"),
                        "<module>{z:N w:N} <listcomp>{.0:L0 i:L1 w:GE}");
    assert_string_equal(scopes("def g():\n  yield 1\nasync def a():\n  await b\n"
                               "x = (i for i in j)\n"),
                        "<module>{g:N a:N j:N x:N} g{ gen} a{b:GI async} "
                        "<genexpr>{.0:L0 i:L1 gen}");
    assert_string_equal(scopes("lambda a, b=c: a + d"), "<module>{c:N} <lambda>{a:L0 b:L1 d:GI}");
    // Private names are mangled inside a class, as CPython does.
    assert_string_equal(
        scopes("class _C:\n  __a = 1\n  def m(self, __x):\n    return __x, __y__\n"),
        "<module>{_C:N} _C{_C__a:N m:N} m{self:L0 _C__x:L1 __y__:GI}");
    // An async comprehension is a coroutine; await in a generator expression is allowed anywhere.
    assert_string_equal(scopes("async def f():\n  return [await x for x in y]\n"
                               "g = (await x for x in y)\n"),
                        "<module>{f:N y:N g:N} f{y:GI async} <listcomp>{.0:L0 x:L1 async} "
                        "<genexpr>{.0:L0 x:L1 gen async}");
}

// ---- Statement by statement
// ----------------------------------------------------------------------

static void test_iter(void **state) {
    (void)state;
    const char *src = "x = 1\n\ndef f(a):\n    return a + x\na = 2; b = f(a)\nglobal g\n";
    py_reader_t reader;
    py_reader_mem_t mem;
    py_reader_init_mem(&reader, &mem, (const byte *)src, strlen(src));
    py_arena_t arena;
    py_arena_init(&arena);
    py_parse_iter_t it;
    py_parse_iter_init(&it, &reader, PY_QSTR_lt_stdin_gt, PY_COMPILE_FILE, &arena);
    py_arena_mark_t mark = py_arena_mark(&arena);
    static const char *const want[] = {
        "[Assign@1([x!] = 1)]",
        "[Def@3([] f(a) [Return@4(BinOp(a Add x))])] f{a:L0 x:GI}",
        "[Assign@5([a!] = 2); Assign@5([b!] = Call(f, [a]))]",
        "[Global@6(g)]",
    };
    size_t count = 0;
    size_t n;
    py_ast_stmt_t **body;
    while ((body = py_parse_iter_next(&it, &n)) != NULL) {
        assert_true(count < PY_ARRAY_SIZE(want));
        py_vstr_init(&out, 64);
        dump_stmts(n, body);
        if (body[0]->kind == PY_AST_STMT_FUNCTIONDEF) {
            put(" ");
            dump_scope(body[0]->u.functiondef.scope);
        }
        assert_string_equal(py_vstr_null_terminated_str(&out), want[count++]);
        py_arena_release(&arena, &mark);
        py_gc_collect(); // the iterator's state must survive a collection
    }
    assert_int_equal(count, PY_ARRAY_SIZE(want));
    py_vstr_init(&out, 64);
    dump_scope(it.mod->scope);
    assert_string_equal(py_vstr_null_terminated_str(&out), "<module>{x:N f:N a:N b:N g:GE}");
    py_parse_iter_deinit(&it);
    py_arena_free(&arena);
}

static void test_arena_release(void **state) {
    (void)state;
    py_arena_t arena;
    py_arena_init(&arena);
    byte *first = py_arena_alloc(&arena, 16);
    py_arena_mark_t mark = py_arena_mark(&arena);
    byte *small = py_arena_alloc(&arena, 24);
    memset(small, 0xaa, 24);
    byte *big = py_arena_alloc(&arena, 4 * PY_AST_ARENA_CHUNK);
    memset(big, 0xbb, 4 * PY_AST_ARENA_CHUNK);
    for (int i = 0; i < 40; i++) {
        memset(py_arena_alloc(&arena, 100), 0xcc, 100);
    }
    py_arena_release(&arena, &mark);
    // The space after the mark is handed out again, zeroed; what came before stays.
    byte *again = py_arena_alloc(&arena, 24);
    assert_ptr_equal(again, small);
    for (int i = 0; i < 24; i++) {
        assert_int_equal(again[i], 0);
    }
    assert_ptr_equal(first + 16, small);
    py_arena_free(&arena);
    assert_null(arena.head);
}

// ---- REPL
// ----------------------------------------------------------------------------------------

static bool complete(const char *src) {
    return py_parse_input_is_complete(src, strlen(src));
}

static void test_input_is_complete(void **state) {
    (void)state;
    assert_true(complete("x = 1\n"));
    assert_true(complete("x = 1"));
    assert_true(complete("\n"));
    assert_false(complete("x = (1,\n"));
    assert_true(complete("x = (1,\n2)\n"));
    assert_false(complete("if x:\n"));
    assert_false(complete("if x:\n    pass\n"));
    assert_true(complete("if x:\n    pass\n\n"));
    assert_true(complete("if x:\n    pass\n   \n"));
    assert_false(complete("for i in y: print(i)\n"));
    assert_true(complete("for i in y: print(i)\n\n"));
    assert_false(complete("@dec\n"));
    assert_false(complete("s = '''abc\n"));
    assert_true(complete("s = '''abc\n'''\n"));
    assert_false(complete("x = 1 + \\\n"));
    assert_true(complete("s = 'if x:'\n"));
    assert_true(complete("iffy = 1\n"));
    assert_true(complete("x = 1  # (\n"));
    assert_true(complete("x = 'abc\n")); // unterminated: the compiler reports it
    assert_false(complete("class A: pass\n"));
}

int main(void) {
    int top;
    unit_mark_stack_top(&top);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_expressions, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_displays, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_strings, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_statements, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_modes, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_errors, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_scopes, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_iter, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_arena_release, unit_py_setup, teardown),
        cmocka_unit_test_setup_teardown(test_input_is_complete, unit_py_setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
