// SPDX-License-Identifier: MIT
// compile_expr.c: expressions, assignment targets, conditions and comprehensions.

#include "compile.h"

// Displays longer than this are built in pieces, so the value stack stays small.
#define SEQ_CHUNK (32)

static void set_line(py_compiler_t *c, const py_ast_expr_t *e) {
    if (e->line) {
        c->u->cur_line = e->line;
    }
}

// ---- Constants ---------------------------------------------------------------------------------

bool py_comp_is_const(const py_ast_expr_t *e) {
    if (e->kind == PY_AST_EXPR_CONSTANT) {
        return true;
    }
    if (e->kind != PY_AST_EXPR_TUPLE || e->u.tuple.n_elts == 0) {
        return false;
    }
    for (size_t i = 0; i < e->u.tuple.n_elts; i++) {
        if (!py_comp_is_const(e->u.tuple.elts[i])) {
            return false;
        }
    }
    return true;
}

static py_obj_t const_value(const py_ast_expr_t *e) {
    if (e->kind == PY_AST_EXPR_CONSTANT) {
        return e->u.constant.value;
    }
    size_t n = e->u.tuple.n_elts;
    py_obj_t t = py_obj_new_tuple(n, NULL);
    py_obj_tuple_t *tp = PY_OBJ_TO_PTR(t);
    for (size_t i = 0; i < n; i++) {
        tp->items[i] = const_value(e->u.tuple.elts[i]);
    }
    return t;
}

// The truth of constant [v] when it is obvious at compile time.
static bool const_truth(py_obj_t v, bool *truth) {
    if (v == py_const_none || v == py_const_false) {
        *truth = false;
    } else if (v == py_const_true) {
        *truth = true;
    } else if (PY_OBJ_IS_SMALL_INT(v)) {
        *truth = PY_OBJ_SMALL_INT_VALUE(v) != 0;
    } else {
        return false;
    }
    return true;
}

// ---- Displays ----------------------------------------------------------------------------------

static bool any_starred(size_t n, py_ast_expr_t **elts) {
    for (size_t i = 0; i < n; i++) {
        if (elts[i]->kind == PY_AST_EXPR_STARRED) {
            return true;
        }
    }
    return false;
}

static void build_seq(py_compiler_t *c, py_ast_expr_kind_t kind, size_t n, py_ast_expr_t **elts) {
    size_t lead = 0;
    while (lead < n && lead < SEQ_CHUNK && elts[lead]->kind != PY_AST_EXPR_STARRED) {
        py_comp_expr(c, elts[lead++]);
    }
    bool is_set = kind == PY_AST_EXPR_SET;
    if (lead == n) {
        py_comp_emit_u(c,
                       kind == PY_AST_EXPR_TUPLE ? PY_BC_BUILD_TUPLE
                       : is_set                  ? PY_BC_BUILD_SET
                                                 : PY_BC_BUILD_LIST,
                       n);
        return;
    }
    py_comp_emit_u(c, is_set ? PY_BC_BUILD_SET : PY_BC_BUILD_LIST, lead);
    for (size_t i = lead; i < n; i++) {
        if (elts[i]->kind == PY_AST_EXPR_STARRED) {
            py_comp_expr(c, elts[i]->u.starred.value);
            py_comp_emit_u(c, is_set ? PY_BC_SET_UPDATE : PY_BC_LIST_EXTEND, 1);
        } else {
            py_comp_expr(c, elts[i]);
            py_comp_emit_u(c, is_set ? PY_BC_SET_ADD : PY_BC_LIST_APPEND, 1);
        }
    }
    if (kind == PY_AST_EXPR_TUPLE) {
        py_comp_emit(c, PY_BC_LIST_TO_TUPLE);
    }
}

static void compile_dict(py_compiler_t *c, py_ast_expr_t *e) {
    size_t n = e->u.dict.n;
    bool dstar = false;
    for (size_t i = 0; i < n; i++) {
        dstar |= e->u.dict.keys[i] == NULL;
    }
    if (!dstar && n <= SEQ_CHUNK / 2) {
        for (size_t i = 0; i < n; i++) {
            py_comp_expr(c, e->u.dict.keys[i]);
            py_comp_expr(c, e->u.dict.values[i]);
        }
        py_comp_emit_u(c, PY_BC_BUILD_MAP, n);
        return;
    }
    py_comp_emit_u(c, PY_BC_BUILD_MAP, 0);
    for (size_t i = 0; i < n; i++) {
        if (e->u.dict.keys[i] == NULL) {
            py_comp_expr(c, e->u.dict.values[i]);
            py_comp_emit_u(c, PY_BC_DICT_UPDATE, 1);
        } else {
            py_comp_expr(c, e->u.dict.keys[i]);
            py_comp_expr(c, e->u.dict.values[i]);
            py_comp_emit_u(c, PY_BC_MAP_ADD, 1);
        }
    }
}

// ---- Operators ---------------------------------------------------------------------------------

static void compile_boolop(py_compiler_t *c, py_ast_expr_t *e) {
    size_t l_end = py_comp_new_label(c);
    py_bc_op_t op =
        e->u.boolop.op == PY_AST_BOOL_AND ? PY_BC_JUMP_IF_FALSE_OR_POP : PY_BC_JUMP_IF_TRUE_OR_POP;
    size_t n = e->u.boolop.n_values;
    for (size_t i = 0; i + 1 < n; i++) {
        py_comp_expr(c, e->u.boolop.values[i]);
        py_comp_emit_jump(c, op, l_end);
    }
    py_comp_expr(c, e->u.boolop.values[n - 1]);
    py_comp_place_label(c, l_end);
}

static void compile_compare(py_compiler_t *c, py_ast_expr_t *e) {
    py_comp_unit_t *u = c->u;
    size_t n = e->u.compare.n_ops;
    py_comp_expr(c, e->u.compare.left);
    if (n == 1) {
        py_comp_expr(c, e->u.compare.comparators[0]);
        py_comp_emit_u(c, PY_BC_BINARY_OP, e->u.compare.ops[0]);
        return;
    }
    // a < b < c: each middle operand is compared twice but evaluated once.
    size_t l_cleanup = py_comp_new_label(c);
    size_t l_end = py_comp_new_label(c);
    int depth = u->depth;
    for (size_t i = 0; i + 1 < n; i++) {
        py_comp_expr(c, e->u.compare.comparators[i]);
        py_comp_emit(c, PY_BC_DUP_TOP);
        py_comp_emit(c, PY_BC_ROT_THREE);
        py_comp_emit_u(c, PY_BC_BINARY_OP, e->u.compare.ops[i]);
        py_comp_emit_jump(c, PY_BC_JUMP_IF_FALSE_OR_POP, l_cleanup);
    }
    py_comp_expr(c, e->u.compare.comparators[n - 1]);
    py_comp_emit_u(c, PY_BC_BINARY_OP, e->u.compare.ops[n - 1]);
    py_comp_emit_jump(c, PY_BC_JUMP, l_end);
    py_comp_place_label(c, l_cleanup);
    u->depth = depth + 1; // the last right operand, the false result
    py_comp_emit(c, PY_BC_ROT_TWO);
    py_comp_emit(c, PY_BC_POP_TOP);
    py_comp_place_label(c, l_end);
}

static void compile_unaryop(py_compiler_t *c, py_ast_expr_t *e) {
    py_ast_expr_t *operand = e->u.unaryop.operand;
    if (e->u.unaryop.op == PY_UNARY_OP_NOT) {
        py_comp_expr(c, operand);
        py_comp_emit(c, PY_BC_UNARY_NOT);
        return;
    }
    if (operand->kind == PY_AST_EXPR_CONSTANT) {
        py_obj_t v = operand->u.constant.value;
        bool numeric = py_obj_is_int(v) && !py_obj_is_type(v, &py_type_bool);
#if PY_FEATURE_FLOAT
        numeric |= py_obj_is_type(v, &py_type_float);
#endif
        if (numeric) {
            // -5, ~0, -1.5: fold into one constant.
            py_comp_emit_load_const(c, py_unary_op((py_unary_op_t)e->u.unaryop.op, v));
            return;
        }
    }
    py_comp_expr(c, operand);
    py_comp_emit_u(c, PY_BC_UNARY_OP, e->u.unaryop.op);
}

static void compile_ifexp(py_compiler_t *c, py_ast_expr_t *e) {
    size_t l_else = py_comp_new_label(c);
    size_t l_end = py_comp_new_label(c);
    py_comp_jump_if(c, e->u.ifexp.test, false, l_else);
    py_comp_expr(c, e->u.ifexp.body);
    py_comp_emit_jump(c, PY_BC_JUMP, l_end);
    c->u->depth--;
    py_comp_place_label(c, l_else);
    py_comp_expr(c, e->u.ifexp.orelse);
    py_comp_place_label(c, l_end);
}

// ---- Calls -------------------------------------------------------------------------------------

// super() with no arguments inside a method: super(__class__, <first parameter>).
static bool compile_super_call(py_compiler_t *c, py_ast_expr_t *e) {
    py_ast_expr_t *func = e->u.call.func;
    py_scope_t *sc = c->u->scope;
    if (func->kind != PY_AST_EXPR_NAME || func->u.name.id != PY_QSTR_super ||
        e->u.call.n_args != 0 || e->u.call.n_keywords != 0 || sc->kind != PY_SCOPE_FUNCTION ||
        sc->n_pos == 0) {
        return false;
    }
    py_id_info_t *id = py_scope_find(sc, PY_QSTR_super);
    py_id_info_t *cls = py_scope_find(sc, PY_QSTR___class__);
    if ((id != NULL && id->kind != PY_ID_GLOBAL_IMPLICIT) || cls == NULL ||
        (cls->kind != PY_ID_FREE && cls->kind != PY_ID_CELL)) {
        return false;
    }
    py_comp_name_op(c, PY_QSTR_super, PY_AST_LOAD);
    py_comp_name_op(c, PY_QSTR___class__, PY_AST_LOAD);
    py_comp_name_op(c, sc->locals[0], PY_AST_LOAD);
    py_comp_emit_uu(c, PY_BC_CALL_FUNCTION, 2, 0);
    return true;
}

static void compile_call_ex(py_compiler_t *c, py_ast_expr_t *e) {
    size_t n_args = e->u.call.n_args;
    py_ast_expr_t **args = e->u.call.args;
    if (n_args == 0) {
        py_comp_emit(c, PY_BC_LOAD_NULL);
    } else if (n_args == 1 && args[0]->kind == PY_AST_EXPR_STARRED) {
        py_comp_expr(c, args[0]->u.starred.value); // any iterable will do
    } else {
        build_seq(c, PY_AST_EXPR_LIST, n_args, args);
    }
    size_t n_kw = e->u.call.n_keywords;
    py_ast_keyword_t *kws = e->u.call.keywords;
    if (n_kw == 0) {
        py_comp_emit(c, PY_BC_LOAD_NULL);
    } else {
        py_comp_emit_u(c, PY_BC_BUILD_MAP, 0);
        bool seen_dstar = false;
        for (size_t i = 0; i < n_kw; i++) {
            if (kws[i].arg == PY_QSTR_NULL) {
                py_comp_expr(c, kws[i].value);
                py_comp_emit_u(c, PY_BC_DICT_MERGE, 1);
                seen_dstar = true;
                continue;
            }
            py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(kws[i].arg));
            py_comp_expr(c, kws[i].value);
            if (seen_dstar) {
                py_comp_emit_u(c, PY_BC_BUILD_MAP, 1);
                py_comp_emit_u(c, PY_BC_DICT_MERGE, 1);
            } else {
                py_comp_emit_u(c, PY_BC_MAP_ADD, 1);
            }
        }
    }
    py_comp_emit(c, PY_BC_CALL_FUNCTION_EX);
}

static void compile_call(py_compiler_t *c, py_ast_expr_t *e) {
    if (compile_super_call(c, e)) {
        return;
    }
    py_ast_expr_t *func = e->u.call.func;
    size_t n_args = e->u.call.n_args;
    size_t n_kw = e->u.call.n_keywords;
    bool ex = any_starred(n_args, e->u.call.args);
    for (size_t i = 0; i < n_kw; i++) {
        ex |= e->u.call.keywords[i].arg == PY_QSTR_NULL;
    }
    bool method = !ex && func->kind == PY_AST_EXPR_ATTRIBUTE;
    if (method) {
        py_comp_expr(c, func->u.attribute.value);
        set_line(c, func);
        py_comp_emit_u(c, PY_BC_LOAD_METHOD, py_comp_mangle(c, func->u.attribute.attr));
    } else {
        py_comp_expr(c, func);
    }
    if (ex) {
        compile_call_ex(c, e);
        return;
    }
    for (size_t i = 0; i < n_args; i++) {
        py_comp_expr(c, e->u.call.args[i]);
    }
    for (size_t i = 0; i < n_kw; i++) {
        py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(e->u.call.keywords[i].arg));
        py_comp_expr(c, e->u.call.keywords[i].value);
    }
    set_line(c, e);
    py_comp_emit_uu(c, method ? PY_BC_CALL_METHOD : PY_BC_CALL_FUNCTION, n_args, n_kw);
}

// ---- f-strings ---------------------------------------------------------------------------------

static void compile_formatted_value(py_compiler_t *c, py_ast_expr_t *e) {
    py_comp_expr(c, e->u.formattedvalue.value);
    size_t flags = 0;
    switch (e->u.formattedvalue.conversion) {
        case 's':
            flags = 1;
            break;
        case 'r':
            flags = 2;
            break;
        case 'a':
            flags = 3;
            break;
        default:
            break;
    }
    if (e->u.formattedvalue.format_spec != NULL) {
        py_comp_expr(c, e->u.formattedvalue.format_spec);
        flags |= PY_BC_FMT_HAS_SPEC;
    }
    py_comp_emit_u(c, PY_BC_FORMAT_VALUE, flags);
}

static void compile_joined_str(py_compiler_t *c, py_ast_expr_t *e) {
    size_t n = e->u.joinedstr.n_values;
    if (n == 0) {
        py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(PY_QSTR_));
        return;
    }
    size_t pending = 0;
    for (size_t i = 0; i < n; i++) {
        py_comp_expr(c, e->u.joinedstr.values[i]);
        if (++pending == SEQ_CHUNK) {
            py_comp_emit_u(c, PY_BC_BUILD_STRING, pending);
            pending = 1;
        }
    }
    if (pending > 1) {
        py_comp_emit_u(c, PY_BC_BUILD_STRING, pending);
    }
}

// ---- Comprehensions ----------------------------------------------------------------------------

static void comp_generator(py_compiler_t *c, py_ast_expr_t *e, size_t gi, int cdepth) {
    py_comp_unit_t *u = c->u;
    py_ast_comprehension_t *g = &e->u.comp.generators[gi];
    size_t l_top = py_comp_new_label(c);
    size_t l_exit = py_comp_new_label(c);
    size_t n_items = 1;
    if (gi == 0) {
        py_comp_emit_u(c, PY_BC_LOAD_FAST, 0); // the ".0" parameter: an iterator already
    } else {
        py_comp_expr(c, g->iter);
        if (g->is_async) {
            py_comp_emit(c, PY_BC_GET_AITER);
        } else {
            py_comp_emit(c, PY_BC_GET_ITER_STACK);
            n_items = PY_BC_ITER_STACK_WORDS;
        }
    }
    int depth = u->depth;
    int blocks = u->blocks;
    py_comp_place_label(c, l_top);
    if (g->is_async) {
        py_comp_emit_jump(c, PY_BC_SETUP_FINALLY, l_exit);
        py_comp_emit(c, PY_BC_GET_ANEXT);
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit(c, PY_BC_YIELD_FROM);
        py_comp_emit(c, PY_BC_POP_BLOCK);
    } else {
        py_comp_emit_jump(c, PY_BC_FOR_ITER, l_exit);
    }
    py_comp_store(c, g->target);
    for (size_t i = 0; i < g->n_ifs; i++) {
        py_comp_jump_if(c, g->ifs[i], false, l_top);
    }
    if (gi + 1 < e->u.comp.n_generators) {
        comp_generator(c, e, gi + 1, cdepth);
    } else {
        switch (e->kind) {
            case PY_AST_EXPR_LISTCOMP:
                py_comp_expr(c, e->u.comp.elt);
                py_comp_emit_u(c, PY_BC_LIST_APPEND, (size_t)(u->depth - cdepth));
                break;
            case PY_AST_EXPR_SETCOMP:
                py_comp_expr(c, e->u.comp.elt);
                py_comp_emit_u(c, PY_BC_SET_ADD, (size_t)(u->depth - cdepth));
                break;
            case PY_AST_EXPR_DICTCOMP:
                py_comp_expr(c, e->u.comp.elt);
                py_comp_expr(c, e->u.comp.value);
                py_comp_emit_u(c, PY_BC_MAP_ADD, (size_t)(u->depth - 1 - cdepth));
                break;
            default:
                py_comp_expr(c, e->u.comp.elt);
                py_comp_emit(c, PY_BC_YIELD_VALUE);
                py_comp_emit(c, PY_BC_POP_TOP);
                break;
        }
    }
    py_comp_emit_jump(c, PY_BC_JUMP, l_top);
    py_comp_place_label(c, l_exit);
    if (g->is_async) {
        u->depth = depth + 1; // aiter, exc
        u->blocks = blocks + 1;
        py_comp_emit(c, PY_BC_END_ASYNC_FOR);
    } else {
        u->depth = depth;
        if (n_items == 1) {
            py_comp_emit(c, PY_BC_POP_TOP);
        } else {
            py_comp_emit_u(c, PY_BC_POP_N, n_items);
        }
    }
}

void py_comp_comprehension_body(py_compiler_t *c, py_ast_expr_t *e) {
    switch (e->kind) {
        case PY_AST_EXPR_LISTCOMP:
            py_comp_emit_u(c, PY_BC_BUILD_LIST, 0);
            break;
        case PY_AST_EXPR_SETCOMP:
            py_comp_emit_u(c, PY_BC_BUILD_SET, 0);
            break;
        case PY_AST_EXPR_DICTCOMP:
            py_comp_emit_u(c, PY_BC_BUILD_MAP, 0);
            break;
        default:
            break;
    }
    comp_generator(c, e, 0, c->u->depth);
    if (e->kind == PY_AST_EXPR_GENERATOREXP) {
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    }
    py_comp_emit(c, PY_BC_RETURN_VALUE);
}

static void compile_comprehension(py_compiler_t *c, py_ast_expr_t *e) {
    py_scope_t *scope = e->u.comp.scope;
    py_comp_make_function(c, scope, NULL);
    py_ast_comprehension_t *g0 = &e->u.comp.generators[0];
    py_comp_expr(c, g0->iter);
    py_comp_emit(c, g0->is_async ? PY_BC_GET_AITER : PY_BC_GET_ITER);
    py_comp_emit_uu(c, PY_BC_CALL_FUNCTION, 1, 0);
    if ((scope->flags & PY_SCOPE_FLAG_COROUTINE) && e->kind != PY_AST_EXPR_GENERATOREXP) {
        py_comp_emit(c, PY_BC_GET_AWAITABLE);
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit(c, PY_BC_YIELD_FROM);
    }
}

// ---- Expressions -------------------------------------------------------------------------------

static void compile_slice(py_compiler_t *c, py_ast_expr_t *e) {
    py_ast_expr_t *parts[3] = {e->u.slice.lower, e->u.slice.upper, e->u.slice.step};
    size_t n = parts[2] != NULL ? 3 : 2;
    for (size_t i = 0; i < n; i++) {
        if (parts[i] != NULL) {
            py_comp_expr(c, parts[i]);
        } else {
            py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        }
    }
    py_comp_emit_u(c, PY_BC_BUILD_SLICE, n);
}

static void compile_await_like(py_compiler_t *c, py_ast_expr_t *e) {
    switch (e->kind) {
        case PY_AST_EXPR_AWAIT:
            py_comp_expr(c, e->u.await.value);
            py_comp_emit(c, PY_BC_GET_AWAITABLE);
            py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
            py_comp_emit(c, PY_BC_YIELD_FROM);
            break;
        case PY_AST_EXPR_YIELD:
            if (e->u.yield.value != NULL) {
                py_comp_expr(c, e->u.yield.value);
            } else {
                py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
            }
            py_comp_emit(c, PY_BC_YIELD_VALUE);
            break;
        default: // YieldFrom
            py_comp_expr(c, e->u.yieldfrom.value);
            py_comp_emit(c, PY_BC_GET_YIELD_FROM_ITER);
            py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
            py_comp_emit(c, PY_BC_YIELD_FROM);
            break;
    }
}

static void compile_expr_kind(py_compiler_t *c, py_ast_expr_t *e) {
    switch (e->kind) {
        case PY_AST_EXPR_BOOLOP:
            compile_boolop(c, e);
            break;
        case PY_AST_EXPR_NAMEDEXPR:
            py_comp_expr(c, e->u.namedexpr.value);
            py_comp_emit(c, PY_BC_DUP_TOP);
            py_comp_store(c, e->u.namedexpr.target);
            break;
        case PY_AST_EXPR_BINOP:
            py_comp_expr(c, e->u.binop.left);
            py_comp_expr(c, e->u.binop.right);
            set_line(c, e);
            py_comp_emit_u(c, PY_BC_BINARY_OP, e->u.binop.op);
            break;
        case PY_AST_EXPR_UNARYOP:
            compile_unaryop(c, e);
            break;
        case PY_AST_EXPR_LAMBDA:
            py_comp_make_function(c, e->u.lambda.scope, e->u.lambda.args);
            break;
        case PY_AST_EXPR_IFEXP:
            compile_ifexp(c, e);
            break;
        case PY_AST_EXPR_DICT:
            compile_dict(c, e);
            break;
        case PY_AST_EXPR_SET:
        case PY_AST_EXPR_LIST:
            build_seq(c, (py_ast_expr_kind_t)e->kind, e->u.list.n_elts, e->u.list.elts);
            break;
        case PY_AST_EXPR_TUPLE:
            if (py_comp_is_const(e)) {
                py_comp_emit_load_const(c, const_value(e));
            } else {
                build_seq(c, PY_AST_EXPR_TUPLE, e->u.tuple.n_elts, e->u.tuple.elts);
            }
            break;
        case PY_AST_EXPR_LISTCOMP:
        case PY_AST_EXPR_SETCOMP:
        case PY_AST_EXPR_DICTCOMP:
        case PY_AST_EXPR_GENERATOREXP:
            compile_comprehension(c, e);
            break;
        case PY_AST_EXPR_AWAIT:
        case PY_AST_EXPR_YIELD:
        case PY_AST_EXPR_YIELDFROM:
            compile_await_like(c, e);
            break;
        case PY_AST_EXPR_COMPARE:
            compile_compare(c, e);
            break;
        case PY_AST_EXPR_CALL:
            compile_call(c, e);
            break;
        case PY_AST_EXPR_FORMATTEDVALUE:
            compile_formatted_value(c, e);
            break;
        case PY_AST_EXPR_JOINEDSTR:
            compile_joined_str(c, e);
            break;
        case PY_AST_EXPR_CONSTANT:
            py_comp_emit_load_const(c, e->u.constant.value);
            break;
        case PY_AST_EXPR_ATTRIBUTE:
            py_comp_expr(c, e->u.attribute.value);
            set_line(c, e);
            py_comp_emit_u(c, PY_BC_LOAD_ATTR, py_comp_mangle(c, e->u.attribute.attr));
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            py_comp_expr(c, e->u.subscript.value);
            py_comp_expr(c, e->u.subscript.slice);
            set_line(c, e);
            py_comp_emit(c, PY_BC_LOAD_SUBSCR);
            break;
        case PY_AST_EXPR_NAME:
            py_comp_name_op(c, e->u.name.id, PY_AST_LOAD);
            break;
        case PY_AST_EXPR_SLICE:
            compile_slice(c, e);
            break;
        default: // Starred outside a call, display or assignment
            py_comp_error(c, e->line, "can't use starred expression here");
    }
}

void py_comp_expr(py_compiler_t *c, py_ast_expr_t *e) {
    py_stack_check();
    uint32_t saved = c->u->cur_line;
    set_line(c, e);
    compile_expr_kind(c, e);
    c->u->cur_line = saved;
}

void py_comp_jump_if(py_compiler_t *c, py_ast_expr_t *e, bool if_true, size_t label) {
    uint32_t saved = c->u->cur_line;
    set_line(c, e);
    if (e->kind == PY_AST_EXPR_UNARYOP && e->u.unaryop.op == PY_UNARY_OP_NOT) {
        py_comp_jump_if(c, e->u.unaryop.operand, !if_true, label);
    } else if (e->kind == PY_AST_EXPR_BOOLOP) {
        bool is_and = e->u.boolop.op == PY_AST_BOOL_AND;
        size_t n = e->u.boolop.n_values;
        if (is_and != if_true) {
            // `a and b` jumping when false, `a or b` jumping when true: any operand decides.
            for (size_t i = 0; i < n; i++) {
                py_comp_jump_if(c, e->u.boolop.values[i], if_true, label);
            }
        } else {
            size_t l_skip = py_comp_new_label(c);
            for (size_t i = 0; i + 1 < n; i++) {
                py_comp_jump_if(c, e->u.boolop.values[i], !if_true, l_skip);
            }
            py_comp_jump_if(c, e->u.boolop.values[n - 1], if_true, label);
            py_comp_place_label(c, l_skip);
        }
    } else {
        bool truth;
        if (e->kind == PY_AST_EXPR_CONSTANT && const_truth(e->u.constant.value, &truth)) {
            if (truth == if_true) {
                py_comp_emit_jump(c, PY_BC_JUMP, label);
            }
        } else {
            py_comp_expr(c, e);
            py_comp_emit_jump(c, if_true ? PY_BC_POP_JUMP_IF_TRUE : PY_BC_POP_JUMP_IF_FALSE, label);
        }
    }
    c->u->cur_line = saved;
}

// ---- Targets -----------------------------------------------------------------------------------

static void compile_unpack(py_compiler_t *c, py_ast_expr_t *t) {
    size_t n = t->u.tuple.n_elts;
    py_ast_expr_t **elts = t->u.tuple.elts;
    size_t star = n;
    for (size_t i = 0; i < n; i++) {
        if (elts[i]->kind == PY_AST_EXPR_STARRED) {
            if (star != n) {
                py_comp_error(c, t->line, "multiple starred expressions in assignment");
            }
            star = i;
        }
    }
    if (star == n) {
        py_comp_emit_u(c, PY_BC_UNPACK_SEQUENCE, n);
    } else {
        py_comp_emit_uu(c, PY_BC_UNPACK_EX, star, n - star - 1);
    }
    for (size_t i = 0; i < n; i++) {
        py_comp_store(c, i == star ? elts[i]->u.starred.value : elts[i]);
    }
}

void py_comp_store(py_compiler_t *c, py_ast_expr_t *t) {
    uint32_t saved = c->u->cur_line;
    set_line(c, t);
    switch (t->kind) {
        case PY_AST_EXPR_NAME:
            py_comp_name_op(c, t->u.name.id, PY_AST_STORE);
            break;
        case PY_AST_EXPR_ATTRIBUTE:
            py_comp_expr(c, t->u.attribute.value);
            py_comp_emit_u(c, PY_BC_STORE_ATTR, py_comp_mangle(c, t->u.attribute.attr));
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            py_comp_expr(c, t->u.subscript.value);
            py_comp_expr(c, t->u.subscript.slice);
            py_comp_emit(c, PY_BC_STORE_SUBSCR);
            break;
        case PY_AST_EXPR_TUPLE:
        case PY_AST_EXPR_LIST:
            compile_unpack(c, t);
            break;
        default:
            py_comp_error(c, t->line,
                          t->kind == PY_AST_EXPR_STARRED
                              ? "starred assignment target must be in a list or tuple"
                              : "can't assign to expression");
    }
    c->u->cur_line = saved;
}

void py_comp_delete(py_compiler_t *c, py_ast_expr_t *t) {
    uint32_t saved = c->u->cur_line;
    set_line(c, t);
    switch (t->kind) {
        case PY_AST_EXPR_NAME:
            py_comp_name_op(c, t->u.name.id, PY_AST_DEL);
            break;
        case PY_AST_EXPR_ATTRIBUTE:
            py_comp_expr(c, t->u.attribute.value);
            py_comp_emit_u(c, PY_BC_DELETE_ATTR, py_comp_mangle(c, t->u.attribute.attr));
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            py_comp_expr(c, t->u.subscript.value);
            py_comp_expr(c, t->u.subscript.slice);
            py_comp_emit(c, PY_BC_DELETE_SUBSCR);
            break;
        case PY_AST_EXPR_TUPLE:
        case PY_AST_EXPR_LIST:
            for (size_t i = 0; i < t->u.tuple.n_elts; i++) {
                py_comp_delete(c, t->u.tuple.elts[i]);
            }
            break;
        default:
            py_comp_error(c, t->line, "can't delete expression");
    }
    c->u->cur_line = saved;
}

void py_comp_augassign(py_compiler_t *c, py_ast_stmt_t *s) {
    py_ast_expr_t *t = s->u.augassign.target;
    size_t op = s->u.augassign.op;
    switch (t->kind) {
        case PY_AST_EXPR_NAME:
            py_comp_name_op(c, t->u.name.id, PY_AST_LOAD);
            py_comp_expr(c, s->u.augassign.value);
            py_comp_emit_u(c, PY_BC_BINARY_OP, op);
            py_comp_name_op(c, t->u.name.id, PY_AST_STORE);
            break;
        case PY_AST_EXPR_ATTRIBUTE:
            py_comp_expr(c, t->u.attribute.value);
            py_comp_emit(c, PY_BC_DUP_TOP);
            py_comp_emit_u(c, PY_BC_LOAD_ATTR, py_comp_mangle(c, t->u.attribute.attr));
            py_comp_expr(c, s->u.augassign.value);
            py_comp_emit_u(c, PY_BC_BINARY_OP, op);
            py_comp_emit(c, PY_BC_ROT_TWO);
            py_comp_emit_u(c, PY_BC_STORE_ATTR, py_comp_mangle(c, t->u.attribute.attr));
            break;
        case PY_AST_EXPR_SUBSCRIPT:
            py_comp_expr(c, t->u.subscript.value);
            py_comp_expr(c, t->u.subscript.slice);
            py_comp_emit(c, PY_BC_DUP_TOP_TWO);
            py_comp_emit(c, PY_BC_LOAD_SUBSCR);
            py_comp_expr(c, s->u.augassign.value);
            py_comp_emit_u(c, PY_BC_BINARY_OP, op);
            py_comp_emit(c, PY_BC_ROT_THREE);
            py_comp_emit(c, PY_BC_STORE_SUBSCR);
            break;
        default:
            py_comp_error(c, s->line, "illegal expression for augmented assignment");
    }
}
