// SPDX-License-Identifier: MIT
// symtable.c: scope analysis over the AST: which names are local, cell, free, global or looked
// up by name, and the frame slot layout of every function.
//
// Three steps: collect (walk the tree, make a scope per scope-creating node and note how each
// name is used there), resolve (parents before children: decide each name's kind; a free name
// makes the binding function's local a cell and passes through the scopes in between) and
// finish (number the slots and closure entries, move the records into the arena).

#include "symtable.h"

#include <string.h>

#include "gc.h"
#include "lexer.h"
#include "objects.h"
#include "runtime.h"

typedef struct {
    py_arena_t *arena;
    qstr source_name;
    py_scope_t *cur;
    py_scope_t *module;
    qstr private_name;    // the innermost enclosing class, for mangling `__x`
    uint32_t return_line; // first `return value` in the function being collected, or 0
} st_t;

PY_NORETURN static void st_error(st_t *st, uint32_t line, const char *fmt, qstr name) {
    py_obj_t exc = py_obj_new_exception_msg_varg(&py_type_SyntaxError, fmt, name);
    py_obj_exception_add_traceback(exc, st->source_name, line, PY_QSTR_NULL);
    py_raise(exc);
}

// ---- Scopes and ids ----------------------------------------------------------------------------

py_id_info_t *py_scope_find(const py_scope_t *scope, qstr name) {
    for (size_t i = 0; i < scope->n_ids; i++) {
        if (scope->ids[i].name == name) {
            return &scope->ids[i];
        }
    }
    return NULL;
}

// Finds or adds [name] in [scope]. While collecting, ids live in a GC-heap array that grows.
static py_id_info_t *st_id(py_scope_t *scope, qstr name) {
    py_id_info_t *id = py_scope_find(scope, name);
    if (id != NULL) {
        return id;
    }
    size_t cap = scope->ids == NULL ? 0 : py_gc_nbytes(scope->ids) / sizeof(py_id_info_t);
    if (scope->n_ids >= cap) {
        size_t new_cap = cap < 4 ? 8 : cap * 2;
        scope->ids = py_renew(py_id_info_t, scope->ids, cap, new_cap);
    }
    id = &scope->ids[scope->n_ids++];
    memset(id, 0, sizeof(*id));
    id->name = name;
    return id;
}

static py_scope_t *st_push_scope(st_t *st, py_scope_kind_t kind, qstr name, void *node,
                                 uint32_t line) {
    py_scope_t *s = py_arena_new(st->arena, py_scope_t, 1);
    s->kind = (uint8_t)kind;
    s->name = name;
    s->node = node;
    s->line = line;
    s->parent = st->cur;
    if (st->cur != NULL) {
        py_scope_t **link = &st->cur->first_child;
        while (*link != NULL) {
            link = &(*link)->next_sibling;
        }
        *link = s;
    }
    st->cur = s;
    return s;
}

static void st_pop_scope(st_t *st) {
    st->cur = st->cur->parent;
}

static bool is_function_like(const py_scope_t *s) {
    return s->kind == PY_SCOPE_FUNCTION || s->kind == PY_SCOPE_COMPREHENSION;
}

// ---- Collecting --------------------------------------------------------------------------------

// Inside a class, `__x` (not `__x__`) names `_Class__x`, as in CPython. The compiler mangles
// the names it looks up the same way.
static qstr mangle(const st_t *st, qstr name) {
    size_t len;
    const char *s = (const char *)py_qstr_data(name, &len);
    if (st->private_name == PY_QSTR_NULL || len < 3 || s[0] != '_' || s[1] != '_' ||
        (s[len - 1] == '_' && s[len - 2] == '_') || memchr(s, '.', len) != NULL) {
        return name;
    }
    const char *cls = py_qstr_str(st->private_name);
    while (*cls == '_') {
        cls++;
    }
    size_t cls_len = strlen(cls);
    if (cls_len == 0 || 1 + cls_len + len > PY_QSTR_MAX_LEN) {
        return name;
    }
    char buf[PY_QSTR_MAX_LEN + 1];
    buf[0] = '_';
    memcpy(buf + 1, cls, cls_len);
    memcpy(buf + 1 + cls_len, s, len);
    return py_qstr_from_strn(buf, 1 + cls_len + len);
}

static void st_bind(st_t *st, qstr name) {
    st_id(st->cur, mangle(st, name))->flags |= PY_ID_FLAG_BOUND;
}

static void st_use(st_t *st, qstr name) {
    st_id(st->cur, mangle(st, name))->flags |= PY_ID_FLAG_USED;
    if ((name == PY_QSTR_super || name == PY_QSTR___class__) &&
        st->cur->kind == PY_SCOPE_FUNCTION) {
        // Zero-argument super() needs the class being defined: ask for its __class__ cell.
        st_id(st->cur, PY_QSTR___class__)->flags |= PY_ID_FLAG_USED;
    }
}

static void st_param(st_t *st, const py_ast_arg_t *arg) {
    st_id(st->cur, mangle(st, arg->arg))->flags |= PY_ID_FLAG_PARAM | PY_ID_FLAG_BOUND;
}

static void visit_expr(st_t *st, py_ast_expr_t *e);
static void visit_body(st_t *st, size_t n, py_ast_stmt_t **body);

static void visit_exprs(st_t *st, size_t n, py_ast_expr_t **es) {
    for (size_t i = 0; i < n; i++) {
        if (es[i] != NULL) {
            visit_expr(st, es[i]);
        }
    }
}

static void visit_opt(st_t *st, py_ast_expr_t *e) {
    if (e != NULL) {
        visit_expr(st, e);
    }
}

// Defaults and annotations: evaluated where the def or lambda is.
static void visit_arguments_outside(st_t *st, const py_ast_arguments_t *a) {
    visit_exprs(st, a->n_defaults, a->defaults);
    visit_exprs(st, a->n_kwonly, a->kw_defaults);
    for (size_t i = 0; i < a->n_args; i++) {
        visit_opt(st, a->args[i].annotation);
    }
    for (size_t i = 0; i < a->n_kwonly; i++) {
        visit_opt(st, a->kwonlyargs[i].annotation);
    }
    if (a->vararg != NULL) {
        visit_opt(st, a->vararg->annotation);
    }
    if (a->kwarg != NULL) {
        visit_opt(st, a->kwarg->annotation);
    }
}

// Parameters, in slot order, in the new function scope.
static void add_params(st_t *st, const py_ast_arguments_t *a) {
    py_scope_t *s = st->cur;
    for (size_t i = 0; i < a->n_args; i++) {
        st_param(st, &a->args[i]);
    }
    for (size_t i = 0; i < a->n_kwonly; i++) {
        st_param(st, &a->kwonlyargs[i]);
    }
    if (a->vararg != NULL) {
        st_param(st, a->vararg);
        s->flags |= PY_SCOPE_FLAG_VARARGS;
    }
    if (a->kwarg != NULL) {
        st_param(st, a->kwarg);
        s->flags |= PY_SCOPE_FLAG_VARKEYWORDS;
    }
    s->n_posonly = (uint16_t)a->n_posonly;
    s->n_pos = (uint16_t)a->n_args;
    s->n_kwonly = (uint16_t)a->n_kwonly;
    s->n_params = (uint16_t)(a->n_args + a->n_kwonly + (a->vararg != NULL) + (a->kwarg != NULL));
}

static void visit_lambda(st_t *st, py_ast_expr_t *e) {
    visit_arguments_outside(st, e->u.lambda.args);
    e->u.lambda.scope = st_push_scope(st, PY_SCOPE_FUNCTION, PY_QSTR_lt_lambda_gt, e, e->line);
    add_params(st, e->u.lambda.args);
    visit_expr(st, e->u.lambda.body);
    st_pop_scope(st);
}

// `await` or `async for` in a comprehension: allowed directly in an async def, and anywhere in a
// generator expression (it becomes an async generator). Comprehensions on the way become
// coroutines (PY_SCOPE_FLAG_COROUTINE) that the enclosing code awaits.
static void check_async(st_t *st, uint32_t line, bool comprehension) {
    py_scope_t *s = st->cur;
    while (s->kind == PY_SCOPE_COMPREHENSION) {
        s->flags |= PY_SCOPE_FLAG_COROUTINE;
        if (s->name == PY_QSTR_lt_genexpr_gt) {
            return;
        }
        s = s->parent;
    }
    if (s->kind == PY_SCOPE_FUNCTION && (s->flags & PY_SCOPE_FLAG_COROUTINE)) {
        return;
    }
    const char *msg = comprehension
                          ? "asynchronous comprehension outside of an asynchronous function"
                      : s->kind == PY_SCOPE_FUNCTION ? "'await' outside async function"
                                                     : "'await' outside function";
    st_error(st, line, msg, PY_QSTR_NULL);
}

static qstr comp_name(const py_ast_expr_t *e) {
    switch (e->kind) {
        case PY_AST_EXPR_LISTCOMP:
            return PY_QSTR_lt_listcomp_gt;
        case PY_AST_EXPR_SETCOMP:
            return PY_QSTR_lt_setcomp_gt;
        case PY_AST_EXPR_DICTCOMP:
            return PY_QSTR_lt_dictcomp_gt;
        default:
            return PY_QSTR_lt_genexpr_gt;
    }
}

static void visit_comp(st_t *st, py_ast_expr_t *e) {
    py_ast_comprehension_t *gens = e->u.comp.generators;
    // The first iterable is evaluated outside, and passed in as the parameter ".0".
    visit_expr(st, gens[0].iter);
    py_scope_t *s = st_push_scope(st, PY_SCOPE_COMPREHENSION, comp_name(e), e, e->line);
    e->u.comp.scope = s;
    if (e->kind == PY_AST_EXPR_GENERATOREXP) {
        s->flags |= PY_SCOPE_FLAG_GENERATOR;
    }
    st_id(s, PY_QSTR_dot_0)->flags |= PY_ID_FLAG_PARAM | PY_ID_FLAG_BOUND;
    s->n_pos = 1;
    s->n_params = 1;
    for (size_t i = 0; i < e->u.comp.n_generators; i++) {
        if (i > 0) {
            visit_expr(st, gens[i].iter);
        }
        if (gens[i].is_async) {
            check_async(st, e->line, true);
        }
        visit_expr(st, gens[i].target);
        visit_exprs(st, gens[i].n_ifs, gens[i].ifs);
    }
    visit_expr(st, e->u.comp.elt);
    visit_opt(st, e->u.comp.value);
    st_pop_scope(st);
}

// A walrus target: inside comprehensions it binds in the nearest enclosing other scope.
static void visit_walrus_target(st_t *st, py_ast_expr_t *target) {
    qstr name = mangle(st, target->u.name.id);
    if (st->cur->kind != PY_SCOPE_COMPREHENSION) {
        st_bind(st, name);
        return;
    }
    py_scope_t *s = st->cur;
    while (s->kind == PY_SCOPE_COMPREHENSION) {
        py_id_info_t *id = py_scope_find(s, name);
        if (id != NULL && (id->flags & PY_ID_FLAG_BOUND)) {
            st_error(st, target->line,
                     "assignment expression cannot rebind comprehension iteration variable '%q'",
                     name);
        }
        s = s->parent;
    }
    if (s->kind == PY_SCOPE_CLASS) {
        st_error(st, target->line,
                 "assignment expression within a comprehension cannot be used in a class body",
                 name);
    }
    uint8_t decl = s->kind == PY_SCOPE_MODULE ? PY_ID_FLAG_GLOBAL_DECL : PY_ID_FLAG_NONLOCAL_DECL;
    for (py_scope_t *c = st->cur; c != s; c = c->parent) {
        st_id(c, name)->flags |= decl | PY_ID_FLAG_USED;
    }
    st_id(s, name)->flags |= PY_ID_FLAG_BOUND;
}

static void visit_yield(st_t *st, py_ast_expr_t *e) {
    py_scope_t *s = st->cur;
    if (s->kind == PY_SCOPE_COMPREHENSION) {
        const char *msg = s->name == PY_QSTR_lt_listcomp_gt  ? "'yield' inside list comprehension"
                          : s->name == PY_QSTR_lt_setcomp_gt ? "'yield' inside set comprehension"
                          : s->name == PY_QSTR_lt_dictcomp_gt
                              ? "'yield' inside dict comprehension"
                              : "'yield' inside generator expression";
        st_error(st, e->line, msg, PY_QSTR_NULL);
    }
    if (s->kind != PY_SCOPE_FUNCTION) {
        st_error(st, e->line, "'yield' outside function", PY_QSTR_NULL);
    }
    s->flags |= PY_SCOPE_FLAG_GENERATOR;
    visit_opt(st, e->u.yield.value);
}

static void visit_expr(st_t *st, py_ast_expr_t *e) {
    py_stack_check();
    switch (e->kind) {
        case PY_AST_EXPR_BOOLOP:
            visit_exprs(st, e->u.boolop.n_values, e->u.boolop.values);
            break;
        case PY_AST_EXPR_NAMEDEXPR:
            visit_expr(st, e->u.namedexpr.value);
            visit_walrus_target(st, e->u.namedexpr.target);
            break;
        case PY_AST_EXPR_BINOP:
            visit_expr(st, e->u.binop.left);
            visit_expr(st, e->u.binop.right);
            break;
        case PY_AST_EXPR_UNARYOP:
            visit_expr(st, e->u.unaryop.operand);
            break;
        case PY_AST_EXPR_LAMBDA:
            visit_lambda(st, e);
            break;
        case PY_AST_EXPR_IFEXP:
            visit_expr(st, e->u.ifexp.test);
            visit_expr(st, e->u.ifexp.body);
            visit_expr(st, e->u.ifexp.orelse);
            break;
        case PY_AST_EXPR_DICT:
            visit_exprs(st, e->u.dict.n, e->u.dict.keys);
            visit_exprs(st, e->u.dict.n, e->u.dict.values);
            break;
        case PY_AST_EXPR_SET:
        case PY_AST_EXPR_LIST:
        case PY_AST_EXPR_TUPLE:
            visit_exprs(st, e->u.tuple.n_elts, e->u.tuple.elts);
            break;
        case PY_AST_EXPR_LISTCOMP:
        case PY_AST_EXPR_SETCOMP:
        case PY_AST_EXPR_DICTCOMP:
        case PY_AST_EXPR_GENERATOREXP:
            visit_comp(st, e);
            break;
        case PY_AST_EXPR_AWAIT:
            check_async(st, e->line, false);
            visit_expr(st, e->u.await.value);
            break;
        case PY_AST_EXPR_YIELD:
        case PY_AST_EXPR_YIELDFROM:
            visit_yield(st, e);
            break;
        case PY_AST_EXPR_COMPARE:
            visit_expr(st, e->u.compare.left);
            visit_exprs(st, e->u.compare.n_ops, e->u.compare.comparators);
            break;
        case PY_AST_EXPR_CALL:
            visit_expr(st, e->u.call.func);
            visit_exprs(st, e->u.call.n_args, e->u.call.args);
            for (size_t i = 0; i < e->u.call.n_keywords; i++) {
                visit_expr(st, e->u.call.keywords[i].value);
            }
            break;
        case PY_AST_EXPR_FORMATTEDVALUE:
            visit_expr(st, e->u.formattedvalue.value);
            visit_opt(st, e->u.formattedvalue.format_spec);
            break;
        case PY_AST_EXPR_JOINEDSTR:
            visit_exprs(st, e->u.joinedstr.n_values, e->u.joinedstr.values);
            break;
        case PY_AST_EXPR_CONSTANT:
            break;
        case PY_AST_EXPR_ATTRIBUTE:
            visit_expr(st, e->u.attribute.value);
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            visit_expr(st, e->u.subscript.value);
            visit_expr(st, e->u.subscript.slice);
            break;
        case PY_AST_EXPR_STARRED:
            visit_expr(st, e->u.starred.value);
            break;
        case PY_AST_EXPR_NAME:
            if (e->ctx == PY_AST_LOAD) {
                st_use(st, e->u.name.id);
            } else {
                st_bind(st, e->u.name.id);
            }
            break;
        case PY_AST_EXPR_SLICE:
            visit_opt(st, e->u.slice.lower);
            visit_opt(st, e->u.slice.upper);
            visit_opt(st, e->u.slice.step);
            break;
        default:
            break;
    }
}

static void visit_funcdef(st_t *st, py_ast_stmt_t *s) {
    visit_exprs(st, s->u.functiondef.n_decorators, s->u.functiondef.decorator_list);
    visit_arguments_outside(st, s->u.functiondef.args);
    visit_opt(st, s->u.functiondef.returns);
    st_bind(st, s->u.functiondef.name);
    py_scope_t *scope = st_push_scope(st, PY_SCOPE_FUNCTION, s->u.functiondef.name, s, s->line);
    s->u.functiondef.scope = scope;
    if (s->kind == PY_AST_STMT_ASYNCFUNCTIONDEF) {
        scope->flags |= PY_SCOPE_FLAG_COROUTINE;
    }
    add_params(st, s->u.functiondef.args);
    uint32_t saved_return_line = st->return_line;
    st->return_line = 0;
    visit_body(st, s->u.functiondef.n_body, s->u.functiondef.body);
    uint16_t async_gen = PY_SCOPE_FLAG_COROUTINE | PY_SCOPE_FLAG_GENERATOR;
    if ((scope->flags & async_gen) == async_gen && (scope->flags & PY_SCOPE_FLAG_RETURNS_VALUE)) {
        st_error(st, st->return_line, "'return' with value in async generator", PY_QSTR_NULL);
    }
    st->return_line = saved_return_line;
    st_pop_scope(st);
}

static void visit_classdef(st_t *st, py_ast_stmt_t *s) {
    visit_exprs(st, s->u.classdef.n_decorators, s->u.classdef.decorator_list);
    visit_exprs(st, s->u.classdef.n_bases, s->u.classdef.bases);
    for (size_t i = 0; i < s->u.classdef.n_keywords; i++) {
        visit_expr(st, s->u.classdef.keywords[i].value);
    }
    s->u.classdef.scope = st_push_scope(st, PY_SCOPE_CLASS, s->u.classdef.name, s, s->line);
    qstr saved_private = st->private_name;
    st->private_name = s->u.classdef.name;
    visit_body(st, s->u.classdef.n_body, s->u.classdef.body);
    st->private_name = saved_private;
    st_pop_scope(st);
    st_bind(st, s->u.classdef.name);
}

static void visit_global(st_t *st, py_ast_stmt_t *s) {
    bool is_global = s->kind == PY_AST_STMT_GLOBAL;
    if (!is_global && st->cur->kind == PY_SCOPE_MODULE) {
        st_error(st, s->line, "nonlocal declaration not allowed at module level", PY_QSTR_NULL);
    }
    for (size_t i = 0; i < s->u.global.n_names; i++) {
        qstr name = mangle(st, s->u.global.names[i]);
        py_id_info_t *id = st_id(st->cur, name);
        if (id->flags & PY_ID_FLAG_PARAM) {
            st_error(st, s->line,
                     is_global ? "name '%q' is parameter and global"
                               : "name '%q' is parameter and nonlocal",
                     name);
        }
        if (id->flags & (is_global ? PY_ID_FLAG_NONLOCAL_DECL : PY_ID_FLAG_GLOBAL_DECL)) {
            st_error(st, s->line, "name '%q' is nonlocal and global", name);
        }
        if (id->flags & PY_ID_FLAG_USED) {
            st_error(st, s->line,
                     is_global ? "name '%q' is used prior to global declaration"
                               : "name '%q' is used prior to nonlocal declaration",
                     name);
        }
        if (id->flags & PY_ID_FLAG_BOUND) {
            st_error(st, s->line,
                     is_global ? "name '%q' is assigned to before global declaration"
                               : "name '%q' is assigned to before nonlocal declaration",
                     name);
        }
        id->flags |= is_global ? PY_ID_FLAG_GLOBAL_DECL : PY_ID_FLAG_NONLOCAL_DECL;
        // Until slots are numbered, [index] remembers the line for a later error report.
        id->index = (uint16_t)(s->line > 0xffff ? 0 : s->line);
    }
}

static void visit_import(st_t *st, py_ast_stmt_t *s) {
    bool from = s->kind == PY_AST_STMT_IMPORTFROM;
    size_t n = from ? s->u.importfrom.n_names : s->u.import.n_names;
    py_ast_alias_t *names = from ? s->u.importfrom.names : s->u.import.names;
    for (size_t i = 0; i < n; i++) {
        if (names[i].asname != PY_QSTR_NULL) {
            st_bind(st, names[i].asname);
        } else if (names[i].name != PY_QSTR_star) {
            // `import a.b.c` binds `a`.
            const char *text = py_qstr_str(names[i].name);
            const char *dot = strchr(text, '.');
            st_bind(st, dot == NULL || from ? names[i].name
                                            : py_qstr_from_strn(text, (size_t)(dot - text)));
        }
    }
}

static void visit_try(st_t *st, py_ast_stmt_t *s) {
    visit_body(st, s->u.try_.n_body, s->u.try_.body);
    for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
        py_ast_excepthandler_t *h = &s->u.try_.handlers[i];
        visit_opt(st, h->type);
        if (h->name != PY_QSTR_NULL) {
            st_bind(st, h->name);
        }
        visit_body(st, h->n_body, h->body);
    }
    visit_body(st, s->u.try_.n_orelse, s->u.try_.orelse);
    visit_body(st, s->u.try_.n_finalbody, s->u.try_.finalbody);
}

static void visit_stmt(st_t *st, py_ast_stmt_t *s) {
    py_stack_check();
    switch (s->kind) {
        case PY_AST_STMT_FUNCTIONDEF:
        case PY_AST_STMT_ASYNCFUNCTIONDEF:
            visit_funcdef(st, s);
            break;
        case PY_AST_STMT_CLASSDEF:
            visit_classdef(st, s);
            break;
        case PY_AST_STMT_RETURN:
            if (s->u.return_.value != NULL) {
                st->cur->flags |= PY_SCOPE_FLAG_RETURNS_VALUE;
                st->return_line = st->return_line != 0 ? st->return_line : s->line;
            }
            visit_opt(st, s->u.return_.value);
            break;
        case PY_AST_STMT_DELETE:
            visit_exprs(st, s->u.delete_.n_targets, s->u.delete_.targets);
            break;
        case PY_AST_STMT_ASSIGN:
            visit_expr(st, s->u.assign.value);
            visit_exprs(st, s->u.assign.n_targets, s->u.assign.targets);
            break;
        case PY_AST_STMT_AUGASSIGN:
            if (s->u.augassign.target->kind == PY_AST_EXPR_NAME) {
                st_use(st, s->u.augassign.target->u.name.id);
            }
            visit_expr(st, s->u.augassign.value);
            visit_expr(st, s->u.augassign.target);
            break;
        case PY_AST_STMT_ANNASSIGN:
            visit_opt(st, s->u.annassign.value);
            visit_expr(st, s->u.annassign.annotation);
            visit_expr(st, s->u.annassign.target);
            break;
        case PY_AST_STMT_FOR:
        case PY_AST_STMT_ASYNCFOR:
            visit_expr(st, s->u.for_.iter);
            visit_expr(st, s->u.for_.target);
            visit_body(st, s->u.for_.n_body, s->u.for_.body);
            visit_body(st, s->u.for_.n_orelse, s->u.for_.orelse);
            break;
        case PY_AST_STMT_WHILE:
        case PY_AST_STMT_IF:
            visit_expr(st, s->u.if_.test);
            visit_body(st, s->u.if_.n_body, s->u.if_.body);
            visit_body(st, s->u.if_.n_orelse, s->u.if_.orelse);
            break;
        case PY_AST_STMT_WITH:
        case PY_AST_STMT_ASYNCWITH:
            for (size_t i = 0; i < s->u.with.n_items; i++) {
                visit_expr(st, s->u.with.items[i].context_expr);
                visit_opt(st, s->u.with.items[i].optional_vars);
            }
            visit_body(st, s->u.with.n_body, s->u.with.body);
            break;
        case PY_AST_STMT_RAISE:
            visit_opt(st, s->u.raise.exc);
            visit_opt(st, s->u.raise.cause);
            break;
        case PY_AST_STMT_TRY:
            visit_try(st, s);
            break;
        case PY_AST_STMT_ASSERT:
            visit_expr(st, s->u.assert_.test);
            visit_opt(st, s->u.assert_.msg);
            break;
        case PY_AST_STMT_IMPORT:
        case PY_AST_STMT_IMPORTFROM:
            visit_import(st, s);
            break;
        case PY_AST_STMT_GLOBAL:
        case PY_AST_STMT_NONLOCAL:
            visit_global(st, s);
            break;
        case PY_AST_STMT_EXPR:
            visit_expr(st, s->u.expr.value);
            break;
        default:
            break;
    }
}

static void visit_body(st_t *st, size_t n, py_ast_stmt_t **body) {
    for (size_t i = 0; i < n; i++) {
        visit_stmt(st, body[i]);
    }
}

// ---- Resolving ---------------------------------------------------------------------------------

// Where a name that [from] does not bind comes from: the function scope that binds it (or the
// class providing __class__), or NULL for a global.
static py_scope_t *find_binding(py_scope_t *from, qstr name) {
    for (py_scope_t *s = from; s != NULL; s = s->parent) {
        if (s->kind == PY_SCOPE_MODULE) {
            return NULL;
        }
        if (s->kind == PY_SCOPE_CLASS) {
            if (name == PY_QSTR___class__) {
                return s;
            }
            continue;
        }
        py_id_info_t *id = py_scope_find(s, name);
        if (id != NULL) {
            if (id->flags & PY_ID_FLAG_GLOBAL_DECL) {
                return NULL;
            }
            if (id->flags & (PY_ID_FLAG_BOUND | PY_ID_FLAG_NONLOCAL_DECL)) {
                return s;
            }
        }
    }
    return NULL;
}

// [name] is free in [user] and bound in [owner]: make it a cell there and pass it through.
static void link_free(py_scope_t *user, py_scope_t *owner, qstr name) {
    for (py_scope_t *s = user->parent; s != owner; s = s->parent) {
        py_id_info_t *id = py_scope_find(s, name);
        if (id == NULL) {
            id = st_id(s, name);
            id->kind = PY_ID_FREE;
            id->flags |= PY_ID_FLAG_IMPLICIT;
        } else if (id->kind != PY_ID_FREE) {
            id->flags |= PY_ID_FLAG_PASS_FREE; // only a class can bind it in between
        }
    }
    py_id_info_t *id = st_id(owner, name);
    if (owner->kind == PY_SCOPE_CLASS) {
        id->kind = PY_ID_CELL; // __class__
        id->flags |= PY_ID_FLAG_IMPLICIT;
        owner->flags |= PY_SCOPE_FLAG_CLASS_CELL;
    } else if (id->kind == PY_ID_LOCAL) {
        id->kind = PY_ID_CELL;
    }
}

static void resolve_id(st_t *st, py_scope_t *s, py_id_info_t *id) {
    bool fn = is_function_like(s);
    if (id->flags & PY_ID_FLAG_GLOBAL_DECL) {
        id->kind = PY_ID_GLOBAL_EXPLICIT;
    } else if (id->flags & PY_ID_FLAG_NONLOCAL_DECL) {
        py_scope_t *owner = find_binding(s->parent, id->name);
        if (owner == NULL || owner->kind == PY_SCOPE_CLASS) {
            st_error(st, id->index != 0 ? id->index : s->line, "no binding for nonlocal '%q' found",
                     id->name);
        }
        id->kind = PY_ID_FREE;
        link_free(s, owner, id->name);
    } else if (s->kind == PY_SCOPE_MODULE) {
        id->kind = PY_ID_NAME;
    } else if (id->flags & PY_ID_FLAG_BOUND) {
        id->kind = fn ? PY_ID_LOCAL : PY_ID_NAME;
    } else if (id->kind == PY_ID_FREE || id->kind == PY_ID_CELL) {
        // Added while resolving an inner scope's names (pass-through or __class__).
    } else {
        py_scope_t *owner = find_binding(s->parent, id->name);
        if (owner == NULL) {
            id->kind = fn ? PY_ID_GLOBAL_IMPLICIT : PY_ID_NAME;
        } else {
            id->kind = PY_ID_FREE;
            link_free(s, owner, id->name);
        }
    }
}

// Resolves every scope, parents first (so a parent's local is known before a child makes it a
// cell, and pass-through ids added to parents are already final).
static void resolve_scope(st_t *st, py_scope_t *s) {
    py_stack_check();
    size_t n = s->n_ids; // ids appended meanwhile belong to ancestors, never to [s]
    for (size_t i = 0; i < n; i++) {
        resolve_id(st, s, &s->ids[i]);
    }
    for (py_scope_t *c = s->first_child; c != NULL; c = c->next_sibling) {
        resolve_scope(st, c);
    }
}

// ---- Finishing ---------------------------------------------------------------------------------

static void finish_scope(st_t *st, py_scope_t *s) {
    size_t n = s->n_ids;
    py_id_info_t *ids = py_arena_new(st->arena, py_id_info_t, n + 1);
    if (n > 0) {
        memcpy(ids, s->ids, n * sizeof(*ids));
    }
    py_free(s->ids);
    s->ids = ids;
    size_t n_locals = 0, n_cells = 0, n_free = 0;
    for (size_t i = 0; i < n; i++) {
        n_locals += ids[i].kind == PY_ID_LOCAL || ids[i].kind == PY_ID_CELL;
        n_cells += ids[i].kind == PY_ID_CELL;
        n_free += ids[i].kind == PY_ID_FREE || (ids[i].flags & PY_ID_FLAG_PASS_FREE);
    }
    if (n_locals > 0xffff || n_free > 0xffff) {
        st_error(st, s->line, "too many local variables", PY_QSTR_NULL);
    }
    s->locals = py_arena_new(st->arena, qstr, n_locals + 1);
    s->cells = py_arena_new(st->arena, uint16_t, n_cells + 1);
    s->free = py_arena_new(st->arena, qstr, n_free + 1);
    // Parameters were added first, in order, so slot order is id order.
    for (size_t i = 0; i < n; i++) {
        py_id_info_t *id = &ids[i];
        id->index = 0;
        if (id->kind == PY_ID_LOCAL || id->kind == PY_ID_CELL) {
            id->index = s->n_locals;
            s->locals[s->n_locals++] = id->name;
            if (id->kind == PY_ID_CELL) {
                s->cells[s->n_cells++] = id->index;
            }
        }
        if (id->kind == PY_ID_FREE || (id->flags & PY_ID_FLAG_PASS_FREE)) {
            if (id->kind == PY_ID_FREE) {
                id->index = s->n_free;
            }
            s->free[s->n_free++] = id->name;
        }
    }
    if (s->n_free > 0) {
        s->flags |= PY_SCOPE_FLAG_HAS_FREE;
    }
    py_id_info_t *cls = py_scope_find(s, PY_QSTR___class__);
    if (cls != NULL && cls->kind == PY_ID_FREE) {
        s->flags |= PY_SCOPE_FLAG_USES_CLASS;
    }
    for (py_scope_t *a = s->parent; a != NULL; a = a->parent) {
        if (is_function_like(a)) {
            s->flags |= PY_SCOPE_FLAG_NESTED;
        }
    }
    for (py_scope_t *c = s->first_child; c != NULL; c = c->next_sibling) {
        finish_scope(st, c);
    }
}

bool py_scope_cell_source(const py_scope_t *scope, qstr name, bool *is_free, size_t *index) {
    py_id_info_t *id = py_scope_find(scope, name);
    if (id != NULL && id->kind == PY_ID_CELL) {
        *is_free = false;
        *index = id->index;
        return true;
    }
    for (size_t i = 0; i < scope->n_free; i++) {
        if (scope->free[i] == name) {
            *is_free = true;
            *index = i;
            return true;
        }
    }
    return false;
}

void py_symtable_build(py_ast_mod_t *mod, py_arena_t *arena) {
    st_t st = {.arena = arena, .source_name = mod->source_name};
    mod->scope = st_push_scope(&st, PY_SCOPE_MODULE, PY_QSTR_lt_module_gt, mod, 1);
    st.module = mod->scope;
    if (mod->kind == PY_AST_MOD_EXPRESSION) {
        visit_expr(&st, mod->expression);
    } else {
        visit_body(&st, mod->n_body, mod->body);
    }
    st_pop_scope(&st);
    resolve_scope(&st, mod->scope);
    finish_scope(&st, mod->scope);
}

// ---- Statement by statement ------------------------------------------------------------------

void py_symtable_begin(py_ast_mod_t *mod) {
    py_scope_t *s = py_new(py_scope_t, 1);
    s->kind = PY_SCOPE_MODULE;
    s->name = PY_QSTR_lt_module_gt;
    s->node = mod;
    s->line = 1;
    mod->scope = s;
}

void py_symtable_add(py_ast_mod_t *mod, size_t n, py_ast_stmt_t **body, py_arena_t *arena) {
    py_scope_t *module = mod->scope;
    st_t st = {.arena = arena, .source_name = mod->source_name, .cur = module, .module = module};
    visit_body(&st, n, body);
    for (size_t i = 0; i < module->n_ids; i++) {
        resolve_id(&st, module, &module->ids[i]);
    }
    // The statements' own scopes are complete: resolve and finish them, then forget them, as
    // the caller may free them with the statements.
    for (py_scope_t *c = module->first_child; c != NULL; c = c->next_sibling) {
        resolve_scope(&st, c);
        finish_scope(&st, c);
    }
    module->first_child = NULL;
}

void py_symtable_end(py_ast_mod_t *mod) {
    if (mod->scope != NULL) {
        py_free(mod->scope->ids);
        py_free(mod->scope);
        mod->scope = NULL;
    }
}
