// SPDX-License-Identifier: MIT
// compile_stmt.c: statements: definitions, assignment, control flow, try/with, import.

#include <string.h>

#include "compile.h"
#include "gc.h"

// ---- Frame blocks ------------------------------------------------------------------------------

static py_fblock_t *push_fblock(py_compiler_t *c, py_fb_kind_t kind, size_t l_cont, size_t l_brk,
                                const void *datum) {
    py_comp_unit_t *u = c->u;
    if (u->n_fblocks == PY_MAX_BLOCK_DEPTH) {
        py_comp_error(c, u->cur_line, "too many statically nested blocks");
    }
    py_fblock_t *fb = &u->fblocks[u->n_fblocks++];
    fb->kind = (uint8_t)kind;
    fb->label_continue = l_cont;
    fb->label_break = l_brk;
    fb->datum = datum;
    return fb;
}

static void pop_fblock(py_compiler_t *c) {
    c->u->n_fblocks--;
}

static void pop_stack_items(py_compiler_t *c, size_t n, bool preserve_tos) {
    if (preserve_tos) {
        py_comp_emit_u(c, PY_BC_POP_UNDER, n);
    } else if (n == 1) {
        py_comp_emit(c, PY_BC_POP_TOP);
    } else {
        py_comp_emit_u(c, PY_BC_POP_N, n);
    }
}

static void call_exit_none(py_compiler_t *c, bool is_async) {
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_emit_uu(c, PY_BC_CALL_METHOD, 3, 0);
    if (is_async) {
        py_comp_emit(c, PY_BC_GET_AWAITABLE);
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit(c, PY_BC_YIELD_FROM);
    }
    py_comp_emit(c, PY_BC_POP_TOP);
}

static void clear_handler_name(py_compiler_t *c, qstr name) {
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_name_op(c, name, PY_AST_STORE);
    py_comp_name_op(c, name, PY_AST_DEL);
}

// Emits what leaving [fb] early needs; [preserve_tos] keeps the value on top of the stack.
static void unwind_fblock(py_compiler_t *c, const py_fblock_t *fb, bool preserve_tos) {
    switch (fb->kind) {
        case PY_FB_WHILE:
            break;
        case PY_FB_FOR:
            pop_stack_items(c, PY_BC_ITER_STACK_WORDS, preserve_tos);
            break;
        case PY_FB_ASYNC_FOR:
        case PY_FB_POP_VALUE:
            pop_stack_items(c, 1, preserve_tos);
            break;
        case PY_FB_TRY_EXCEPT:
            py_comp_emit(c, PY_BC_POP_BLOCK);
            break;
        case PY_FB_FINALLY_TRY: {
            const py_ast_stmt_t *s = fb->datum;
            py_comp_emit(c, PY_BC_POP_BLOCK);
            if (preserve_tos) {
                push_fblock(c, PY_FB_POP_VALUE, 0, 0, NULL);
            }
            py_comp_body(c, s->u.try_.n_finalbody, s->u.try_.finalbody);
            if (preserve_tos) {
                pop_fblock(c);
            }
            break;
        }
        case PY_FB_FINALLY_END:
            py_comp_emit(c, PY_BC_POP_EXCEPT);
            pop_stack_items(c, 1, preserve_tos);
            break;
        case PY_FB_HANDLER: {
            const py_ast_excepthandler_t *h = fb->datum;
            py_comp_emit(c, PY_BC_POP_EXCEPT);
            pop_stack_items(c, 1, preserve_tos);
            if (h->name != PY_QSTR_NULL) {
                clear_handler_name(c, h->name);
            }
            break;
        }
        default: // PY_FB_WITH, PY_FB_ASYNC_WITH
            py_comp_emit(c, PY_BC_POP_BLOCK);
            if (preserve_tos) {
                py_comp_emit(c, PY_BC_ROT_THREE);
            }
            call_exit_none(c, fb->kind == PY_FB_ASYNC_WITH);
            break;
    }
}

static bool is_loop(const py_fblock_t *fb) {
    return fb->kind == PY_FB_WHILE || fb->kind == PY_FB_FOR || fb->kind == PY_FB_ASYNC_FOR;
}

// Unwinds the blocks from the innermost out, stopping at a loop when [loop] is given (it is
// then set to the loop's block, or NULL if there is none).
static void unwind_fblocks(py_compiler_t *c, bool preserve_tos, py_fblock_t *loop) {
    py_comp_unit_t *u = c->u;
    if (u->n_fblocks == 0) {
        return;
    }
    py_fblock_t top = u->fblocks[u->n_fblocks - 1];
    if (loop != NULL && is_loop(&top)) {
        *loop = top;
        return;
    }
    u->n_fblocks--;
    unwind_fblock(c, &top, preserve_tos);
    unwind_fblocks(c, preserve_tos, loop);
    u->fblocks[u->n_fblocks++] = top;
}

static void compile_break_continue(py_compiler_t *c, py_ast_stmt_t *s) {
    py_comp_unit_t *u = c->u;
    int depth = u->depth;
    int blocks = u->blocks;
    bool is_break = s->kind == PY_AST_STMT_BREAK;
    py_fblock_t loop;
    loop.kind = 0xff;
    unwind_fblocks(c, false, &loop);
    if (loop.kind == 0xff) {
        py_comp_error(c, s->line,
                      is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    if (is_break) {
        unwind_fblock(c, &loop, false);
        py_comp_emit_jump(c, PY_BC_JUMP, loop.label_break);
    } else {
        py_comp_emit_jump(c, PY_BC_JUMP, loop.label_continue);
    }
    u->depth = depth;
    u->blocks = blocks;
}

static void compile_return(py_compiler_t *c, py_ast_stmt_t *s) {
    py_comp_unit_t *u = c->u;
    if (u->scope->kind != PY_SCOPE_FUNCTION) {
        py_comp_error(c, s->line, "'return' outside function");
    }
    int depth = u->depth;
    int blocks = u->blocks;
    if (s->u.return_.value != NULL) {
        if ((u->flags & PY_CODE_FLAG_COROUTINE) && (u->flags & PY_CODE_FLAG_GENERATOR)) {
            py_comp_error(c, s->line, "'return' with value in async generator");
        }
        py_comp_expr(c, s->u.return_.value);
    } else {
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    }
    unwind_fblocks(c, true, NULL);
    py_comp_emit(c, PY_BC_RETURN_VALUE);
    u->depth = depth;
    u->blocks = blocks;
}

// ---- Definitions -------------------------------------------------------------------------------

static void compile_decorators(py_compiler_t *c, size_t n, py_ast_expr_t **decs) {
    for (size_t i = 0; i < n; i++) {
        py_comp_expr(c, decs[i]);
    }
}

static void apply_decorators(py_compiler_t *c, size_t n) {
    for (size_t i = 0; i < n; i++) {
        py_comp_emit_uu(c, PY_BC_CALL_FUNCTION, 1, 0);
    }
}

static void compile_funcdef(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t n_dec = s->u.functiondef.n_decorators;
    compile_decorators(c, n_dec, s->u.functiondef.decorator_list);
    py_comp_make_function(c, s->u.functiondef.scope, s->u.functiondef.args);
    apply_decorators(c, n_dec);
    py_comp_name_op(c, s->u.functiondef.name, PY_AST_STORE);
}

static bool has_starred(size_t n, py_ast_expr_t **elts) {
    for (size_t i = 0; i < n; i++) {
        if (elts[i]->kind == PY_AST_EXPR_STARRED) {
            return true;
        }
    }
    return false;
}

static void compile_classdef(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t n_dec = s->u.classdef.n_decorators;
    compile_decorators(c, n_dec, s->u.classdef.decorator_list);
    py_comp_emit(c, PY_BC_LOAD_BUILD_CLASS);
    py_comp_make_function(c, s->u.classdef.scope, NULL);
    py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(s->u.classdef.name));
    size_t n_bases = s->u.classdef.n_bases;
    size_t n_kw = s->u.classdef.n_keywords;
    py_ast_keyword_t *kws = s->u.classdef.keywords;
    bool dstar = false;
    for (size_t i = 0; i < n_kw; i++) {
        dstar |= kws[i].arg == PY_QSTR_NULL;
    }
    if (!dstar && !has_starred(n_bases, s->u.classdef.bases)) {
        for (size_t i = 0; i < n_bases; i++) {
            py_comp_expr(c, s->u.classdef.bases[i]);
        }
        for (size_t i = 0; i < n_kw; i++) {
            py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(kws[i].arg));
            py_comp_expr(c, kws[i].value);
        }
        py_comp_emit_uu(c, PY_BC_CALL_FUNCTION, 2 + n_bases, n_kw);
    } else {
        // __build_class__(body, name, *bases, **kw): the positional part is a list.
        py_comp_emit_u(c, PY_BC_BUILD_LIST, 2);
        for (size_t i = 0; i < n_bases; i++) {
            py_ast_expr_t *b = s->u.classdef.bases[i];
            bool star = b->kind == PY_AST_EXPR_STARRED;
            py_comp_expr(c, star ? b->u.starred.value : b);
            py_comp_emit_u(c, star ? PY_BC_LIST_EXTEND : PY_BC_LIST_APPEND, 1);
        }
        py_comp_emit_u(c, PY_BC_BUILD_MAP, 0);
        for (size_t i = 0; i < n_kw; i++) {
            if (kws[i].arg == PY_QSTR_NULL) {
                py_comp_expr(c, kws[i].value);
            } else {
                py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(kws[i].arg));
                py_comp_expr(c, kws[i].value);
                py_comp_emit_u(c, PY_BC_BUILD_MAP, 1);
            }
            py_comp_emit_u(c, PY_BC_DICT_MERGE, 1);
        }
        py_comp_emit(c, PY_BC_CALL_FUNCTION_EX);
    }
    apply_decorators(c, n_dec);
    py_comp_name_op(c, s->u.classdef.name, PY_AST_STORE);
}

// ---- Assignment --------------------------------------------------------------------------------

static bool is_simple_swap(py_ast_stmt_t *s) {
    if (s->u.assign.n_targets != 1) {
        return false;
    }
    py_ast_expr_t *t = s->u.assign.targets[0];
    py_ast_expr_t *v = s->u.assign.value;
    if ((t->kind != PY_AST_EXPR_TUPLE && t->kind != PY_AST_EXPR_LIST) ||
        v->kind != PY_AST_EXPR_TUPLE) {
        return false;
    }
    size_t n = t->u.tuple.n_elts;
    return (n == 2 || n == 3) && v->u.tuple.n_elts == n && !has_starred(n, t->u.tuple.elts) &&
           !has_starred(n, v->u.tuple.elts);
}

static void compile_assign(py_compiler_t *c, py_ast_stmt_t *s) {
    if (is_simple_swap(s)) {
        // a, b = x, y without building a tuple.
        py_ast_expr_t *t = s->u.assign.targets[0];
        size_t n = t->u.tuple.n_elts;
        for (size_t i = 0; i < n; i++) {
            py_comp_expr(c, s->u.assign.value->u.tuple.elts[i]);
        }
        if (n == 3) {
            py_comp_emit(c, PY_BC_ROT_THREE);
        }
        py_comp_emit(c, PY_BC_ROT_TWO);
        for (size_t i = 0; i < n; i++) {
            py_comp_store(c, t->u.tuple.elts[i]);
        }
        return;
    }
    py_comp_expr(c, s->u.assign.value);
    size_t n = s->u.assign.n_targets;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n) {
            py_comp_emit(c, PY_BC_DUP_TOP);
        }
        py_comp_store(c, s->u.assign.targets[i]);
    }
}

static void compile_annassign(py_compiler_t *c, py_ast_stmt_t *s) {
    // Annotations are not evaluated or stored.
    if (s->u.annassign.value != NULL) {
        py_comp_expr(c, s->u.annassign.value);
        py_comp_store(c, s->u.annassign.target);
    }
}

static void compile_delete(py_compiler_t *c, py_ast_stmt_t *s) {
    for (size_t i = 0; i < s->u.delete_.n_targets; i++) {
        py_comp_delete(c, s->u.delete_.targets[i]);
    }
}

static void compile_expr_stmt(py_compiler_t *c, py_ast_stmt_t *s) {
    py_ast_expr_t *e = s->u.expr.value;
    if (c->u->print_exprs) {
        py_comp_expr(c, e);
        py_comp_emit(c, PY_BC_PRINT_EXPR);
        return;
    }
    if (e->kind == PY_AST_EXPR_CONSTANT) {
        return; // docstrings and other bare literals do nothing
    }
    py_comp_expr(c, e);
    py_comp_emit(c, PY_BC_POP_TOP);
}

// ---- Control flow ------------------------------------------------------------------------------

static void compile_if(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t l_else = py_comp_new_label(c);
    py_comp_jump_if(c, s->u.if_.test, false, l_else);
    py_comp_body(c, s->u.if_.n_body, s->u.if_.body);
    if (s->u.if_.n_orelse) {
        size_t l_end = py_comp_new_label(c);
        py_comp_emit_jump(c, PY_BC_JUMP, l_end);
        py_comp_place_label(c, l_else);
        py_comp_body(c, s->u.if_.n_orelse, s->u.if_.orelse);
        py_comp_place_label(c, l_end);
    } else {
        py_comp_place_label(c, l_else);
    }
}

static void compile_while(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t l_cont = py_comp_new_label(c);
    size_t l_else = py_comp_new_label(c);
    size_t l_break = py_comp_new_label(c);
    py_comp_place_label(c, l_cont);
    py_comp_jump_if(c, s->u.while_.test, false, l_else);
    push_fblock(c, PY_FB_WHILE, l_cont, l_break, NULL);
    py_comp_body(c, s->u.while_.n_body, s->u.while_.body);
    pop_fblock(c);
    c->u->cur_line = s->line; // the loop's back edge belongs to the `while` line
    py_comp_emit_jump(c, PY_BC_JUMP, l_cont);
    py_comp_place_label(c, l_else);
    py_comp_body(c, s->u.while_.n_orelse, s->u.while_.orelse);
    py_comp_place_label(c, l_break);
}

static void compile_for(py_compiler_t *c, py_ast_stmt_t *s) {
    py_comp_unit_t *u = c->u;
    size_t l_cont = py_comp_new_label(c);
    size_t l_exit = py_comp_new_label(c);
    size_t l_break = py_comp_new_label(c);
    py_comp_expr(c, s->u.for_.iter);
    py_comp_emit(c, PY_BC_GET_ITER_STACK);
    int depth = u->depth;
    py_comp_place_label(c, l_cont);
    py_comp_emit_jump(c, PY_BC_FOR_ITER, l_exit);
    py_comp_store(c, s->u.for_.target);
    push_fblock(c, PY_FB_FOR, l_cont, l_break, NULL);
    py_comp_body(c, s->u.for_.n_body, s->u.for_.body);
    pop_fblock(c);
    u->cur_line = s->line;
    py_comp_emit_jump(c, PY_BC_JUMP, l_cont);
    py_comp_place_label(c, l_exit);
    u->depth = depth;
    py_comp_emit_u(c, PY_BC_POP_N, PY_BC_ITER_STACK_WORDS);
    py_comp_body(c, s->u.for_.n_orelse, s->u.for_.orelse);
    py_comp_place_label(c, l_break);
}

static void compile_async_for(py_compiler_t *c, py_ast_stmt_t *s) {
    py_comp_unit_t *u = c->u;
    size_t l_cont = py_comp_new_label(c);
    size_t l_exc = py_comp_new_label(c);
    size_t l_break = py_comp_new_label(c);
    py_comp_expr(c, s->u.for_.iter);
    py_comp_emit(c, PY_BC_GET_AITER);
    int depth = u->depth;
    int blocks = u->blocks;
    py_comp_place_label(c, l_cont);
    py_comp_emit_jump(c, PY_BC_SETUP_FINALLY, l_exc);
    py_comp_emit(c, PY_BC_GET_ANEXT);
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_emit(c, PY_BC_YIELD_FROM);
    py_comp_emit(c, PY_BC_POP_BLOCK);
    py_comp_store(c, s->u.for_.target);
    push_fblock(c, PY_FB_ASYNC_FOR, l_cont, l_break, NULL);
    py_comp_body(c, s->u.for_.n_body, s->u.for_.body);
    pop_fblock(c);
    py_comp_emit_jump(c, PY_BC_JUMP, l_cont);
    py_comp_place_label(c, l_exc);
    u->depth = depth + 1; // aiter, exc
    u->blocks = blocks + 1;
    py_comp_emit(c, PY_BC_END_ASYNC_FOR);
    py_comp_body(c, s->u.for_.n_orelse, s->u.for_.orelse);
    py_comp_place_label(c, l_break);
}

// ---- try ---------------------------------------------------------------------------------------

static void compile_handlers(py_compiler_t *c, py_ast_stmt_t *s, size_t l_end, int depth,
                             int blocks) {
    py_comp_unit_t *u = c->u;
    bool last_catches_all = false;
    for (size_t i = 0; i < s->u.try_.n_handlers; i++) {
        py_ast_excepthandler_t *h = &s->u.try_.handlers[i];
        u->cur_line = h->line;
        size_t l_next = py_comp_new_label(c);
        if (h->type != NULL) {
            py_comp_emit(c, PY_BC_DUP_TOP);
            py_comp_expr(c, h->type);
            py_comp_emit_jump(c, PY_BC_JUMP_IF_NOT_EXC_MATCH, l_next);
            if (h->name != PY_QSTR_NULL) {
                py_comp_name_op(c, h->name, PY_AST_STORE);
            } else {
                py_comp_emit(c, PY_BC_POP_TOP);
            }
        } else {
            last_catches_all = true;
            if (h->name != PY_QSTR_NULL) {
                py_comp_emit(c, PY_BC_DUP_TOP);
                py_comp_name_op(c, h->name, PY_AST_STORE);
            }
        }
        push_fblock(c, PY_FB_HANDLER, 0, 0, h);
        py_comp_body(c, h->n_body, h->body);
        pop_fblock(c);
        py_comp_emit(c, PY_BC_POP_EXCEPT);
        py_comp_emit(c, PY_BC_POP_TOP);
        if (h->name != PY_QSTR_NULL) {
            clear_handler_name(c, h->name);
        }
        py_comp_emit_jump(c, PY_BC_JUMP, l_end);
        py_comp_place_label(c, l_next);
        u->depth = depth + 2;
        u->blocks = blocks;
        if (h->type != NULL) {
            py_comp_emit(c, PY_BC_POP_TOP);
        }
        u->depth = depth + 1;
    }
    if (!last_catches_all) {
        py_comp_emit(c, PY_BC_RERAISE);
    }
}

static void compile_try_except(py_compiler_t *c, py_ast_stmt_t *s) {
    py_comp_unit_t *u = c->u;
    size_t l_handlers = py_comp_new_label(c);
    size_t l_end = py_comp_new_label(c);
    int depth = u->depth;
    int blocks = u->blocks;
    py_comp_emit_jump(c, PY_BC_SETUP_FINALLY, l_handlers);
    push_fblock(c, PY_FB_TRY_EXCEPT, 0, 0, NULL);
    py_comp_body(c, s->u.try_.n_body, s->u.try_.body);
    pop_fblock(c);
    py_comp_emit(c, PY_BC_POP_BLOCK);
    py_comp_body(c, s->u.try_.n_orelse, s->u.try_.orelse);
    py_comp_emit_jump(c, PY_BC_JUMP, l_end);
    py_comp_place_label(c, l_handlers);
    u->depth = depth + 1;
    u->blocks = blocks + 1;
    compile_handlers(c, s, l_end, depth, blocks + 1);
    py_comp_place_label(c, l_end);
    u->depth = depth;
    u->blocks = blocks;
}

static void compile_try(py_compiler_t *c, py_ast_stmt_t *s) {
    if (s->u.try_.n_finalbody == 0) {
        compile_try_except(c, s);
        return;
    }
    py_comp_unit_t *u = c->u;
    size_t l_final = py_comp_new_label(c);
    size_t l_end = py_comp_new_label(c);
    int depth = u->depth;
    int blocks = u->blocks;
    py_comp_emit_jump(c, PY_BC_SETUP_FINALLY, l_final);
    push_fblock(c, PY_FB_FINALLY_TRY, 0, 0, s);
    if (s->u.try_.n_handlers) {
        compile_try_except(c, s);
    } else {
        py_comp_body(c, s->u.try_.n_body, s->u.try_.body);
    }
    pop_fblock(c);
    py_comp_emit(c, PY_BC_POP_BLOCK);
    py_comp_body(c, s->u.try_.n_finalbody, s->u.try_.finalbody);
    py_comp_emit_jump(c, PY_BC_JUMP, l_end);
    py_comp_place_label(c, l_final);
    u->depth = depth + 1;
    u->blocks = blocks + 1;
    push_fblock(c, PY_FB_FINALLY_END, 0, 0, NULL);
    py_comp_body(c, s->u.try_.n_finalbody, s->u.try_.finalbody);
    pop_fblock(c);
    py_comp_emit(c, PY_BC_RERAISE);
    py_comp_place_label(c, l_end);
    u->depth = depth;
    u->blocks = blocks;
}

// ---- with --------------------------------------------------------------------------------------

static void compile_with_item(py_compiler_t *c, py_ast_stmt_t *s, size_t item, bool is_async) {
    if (item == s->u.with.n_items) {
        py_comp_body(c, s->u.with.n_body, s->u.with.body);
        return;
    }
    py_comp_unit_t *u = c->u;
    py_ast_withitem_t *wi = &s->u.with.items[item];
    size_t l_exc = py_comp_new_label(c);
    size_t l_suppress = py_comp_new_label(c);
    size_t l_end = py_comp_new_label(c);
    int depth = u->depth;
    int blocks = u->blocks;
    py_comp_expr(c, wi->context_expr);
    py_comp_emit(c, is_async ? PY_BC_BEFORE_ASYNC_WITH : PY_BC_BEFORE_WITH);
    if (is_async) {
        py_comp_emit(c, PY_BC_GET_AWAITABLE);
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit(c, PY_BC_YIELD_FROM);
    }
    if (wi->optional_vars != NULL) {
        py_comp_store(c, wi->optional_vars);
    } else {
        py_comp_emit(c, PY_BC_POP_TOP);
    }
    py_comp_emit_jump(c, PY_BC_SETUP_FINALLY, l_exc);
    push_fblock(c, is_async ? PY_FB_ASYNC_WITH : PY_FB_WITH, 0, 0, NULL);
    compile_with_item(c, s, item + 1, is_async);
    pop_fblock(c);
    py_comp_emit(c, PY_BC_POP_BLOCK);
    call_exit_none(c, is_async);
    py_comp_emit_jump(c, PY_BC_JUMP, l_end);
    py_comp_place_label(c, l_exc);
    u->depth = depth + 3; // exit, self, exc
    u->blocks = blocks + 1;
    py_comp_emit(c, PY_BC_WITH_EXCEPT_START);
    if (is_async) {
        py_comp_emit(c, PY_BC_GET_AWAITABLE);
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit(c, PY_BC_YIELD_FROM);
    }
    py_comp_emit_jump(c, PY_BC_POP_JUMP_IF_TRUE, l_suppress);
    py_comp_emit(c, PY_BC_RERAISE);
    py_comp_place_label(c, l_suppress);
    u->depth = depth + 3;
    py_comp_emit(c, PY_BC_POP_EXCEPT);
    py_comp_emit_u(c, PY_BC_POP_N, 3);
    py_comp_place_label(c, l_end);
    u->depth = depth;
    u->blocks = blocks;
}

// ---- raise, assert, import ---------------------------------------------------------------------

static void compile_raise(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t n = 0;
    if (s->u.raise.exc != NULL) {
        py_comp_expr(c, s->u.raise.exc);
        n++;
        if (s->u.raise.cause != NULL) {
            py_comp_expr(c, s->u.raise.cause);
            n++;
        }
    }
    py_comp_emit_u(c, PY_BC_RAISE, n);
}

static void compile_assert(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t l_ok = py_comp_new_label(c);
    py_comp_jump_if(c, s->u.assert_.test, true, l_ok);
    py_comp_emit_load_const(c, PY_OBJ_FROM_PTR(&py_type_AssertionError));
    if (s->u.assert_.msg != NULL) {
        py_comp_expr(c, s->u.assert_.msg);
        py_comp_emit_uu(c, PY_BC_CALL_FUNCTION, 1, 0);
    }
    py_comp_emit_u(c, PY_BC_RAISE, 1);
    py_comp_place_label(c, l_ok);
}

// Emits LOAD_ATTR for each dotted part of [name] after the first; returns the first part.
static qstr dotted_first(qstr name, py_compiler_t *c, bool load_rest) {
    const char *s = py_qstr_str(name);
    const char *dot = strchr(s, '.');
    if (dot == NULL) {
        return name;
    }
    qstr first = py_qstr_from_strn(s, (size_t)(dot - s));
    while (load_rest && dot != NULL) {
        const char *part = dot + 1;
        dot = strchr(part, '.');
        size_t len = dot != NULL ? (size_t)(dot - part) : strlen(part);
        py_comp_emit_u(c, PY_BC_LOAD_ATTR, py_qstr_from_strn(part, len));
    }
    return first;
}

static void compile_import(py_compiler_t *c, py_ast_stmt_t *s) {
    for (size_t i = 0; i < s->u.import.n_names; i++) {
        py_ast_alias_t *a = &s->u.import.names[i];
        py_comp_emit_load_const(c, PY_OBJ_NEW_SMALL_INT(0));
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
        py_comp_emit_u(c, PY_BC_IMPORT_NAME, a->name);
        if (a->asname != PY_QSTR_NULL) {
            dotted_first(a->name, c, true);
            py_comp_name_op(c, a->asname, PY_AST_STORE);
        } else {
            py_comp_name_op(c, dotted_first(a->name, c, false), PY_AST_STORE);
        }
    }
}

static void compile_import_from(py_compiler_t *c, py_ast_stmt_t *s) {
    size_t n = s->u.importfrom.n_names;
    py_ast_alias_t *names = s->u.importfrom.names;
    qstr module = s->u.importfrom.module;
    if (module == PY_QSTR___future__) {
        return;
    }
    py_obj_t fromlist = py_obj_new_tuple(n, NULL);
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(fromlist);
    for (size_t i = 0; i < n; i++) {
        t->items[i] = PY_OBJ_NEW_QSTR(names[i].name);
    }
    py_comp_emit_load_const(c, PY_OBJ_NEW_SMALL_INT(s->u.importfrom.level));
    py_comp_emit_load_const(c, fromlist);
    py_comp_emit_u(c, PY_BC_IMPORT_NAME, module == PY_QSTR_NULL ? PY_QSTR_ : module);
    if (n == 1 && names[0].name == PY_QSTR_star) {
        py_comp_emit(c, PY_BC_IMPORT_STAR);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        py_comp_emit_u(c, PY_BC_IMPORT_FROM, names[i].name);
        py_comp_name_op(c, names[i].asname != PY_QSTR_NULL ? names[i].asname : names[i].name,
                        PY_AST_STORE);
    }
    py_comp_emit(c, PY_BC_POP_TOP);
}

// ---- Dispatch ----------------------------------------------------------------------------------

void py_comp_stmt(py_compiler_t *c, py_ast_stmt_t *s) {
    c->u->cur_line = s->line;
    switch (s->kind) {
        case PY_AST_STMT_FUNCTIONDEF:
        case PY_AST_STMT_ASYNCFUNCTIONDEF:
            compile_funcdef(c, s);
            break;
        case PY_AST_STMT_CLASSDEF:
            compile_classdef(c, s);
            break;
        case PY_AST_STMT_RETURN:
            compile_return(c, s);
            break;
        case PY_AST_STMT_DELETE:
            compile_delete(c, s);
            break;
        case PY_AST_STMT_ASSIGN:
            compile_assign(c, s);
            break;
        case PY_AST_STMT_AUGASSIGN:
            py_comp_augassign(c, s);
            break;
        case PY_AST_STMT_ANNASSIGN:
            compile_annassign(c, s);
            break;
        case PY_AST_STMT_FOR:
            compile_for(c, s);
            break;
        case PY_AST_STMT_ASYNCFOR:
            compile_async_for(c, s);
            break;
        case PY_AST_STMT_WHILE:
            compile_while(c, s);
            break;
        case PY_AST_STMT_IF:
            compile_if(c, s);
            break;
        case PY_AST_STMT_WITH:
        case PY_AST_STMT_ASYNCWITH:
            compile_with_item(c, s, 0, s->kind == PY_AST_STMT_ASYNCWITH);
            break;
        case PY_AST_STMT_RAISE:
            compile_raise(c, s);
            break;
        case PY_AST_STMT_TRY:
            compile_try(c, s);
            break;
        case PY_AST_STMT_ASSERT:
            compile_assert(c, s);
            break;
        case PY_AST_STMT_IMPORT:
            compile_import(c, s);
            break;
        case PY_AST_STMT_IMPORTFROM:
            compile_import_from(c, s);
            break;
        case PY_AST_STMT_EXPR:
            compile_expr_stmt(c, s);
            break;
        case PY_AST_STMT_BREAK:
        case PY_AST_STMT_CONTINUE:
            compile_break_continue(c, s);
            break;
        default: // Global, Nonlocal, Pass
            break;
    }
}

void py_comp_body(py_compiler_t *c, size_t n, py_ast_stmt_t **body) {
    for (size_t i = 0; i < n; i++) {
        py_comp_stmt(c, body[i]);
    }
}
