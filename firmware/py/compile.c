// SPDX-License-Identifier: MIT
// compile.c: the compiler's frame: code units, emitting instructions, labels, the line table,
// constants, name resolution, making functions, and py_compile itself.

#include "compile.h"

#include <string.h>

#include "gc.h"
#include "lexer.h"
#include "parse.h"

void py_comp_error(py_compiler_t *c, uint32_t line, const char *msg) {
    py_lexer_raise_at(&py_type_SyntaxError, msg, c->source_file, line);
}

// ---- Emitting ----------------------------------------------------------------------------------

static void put_uint(py_vstr_t *v, size_t x) {
    do {
        byte b = x & 0x7f;
        x >>= 7;
        if (x) {
            b |= 0x80;
        }
        py_vstr_add_byte(v, b);
    } while (x);
}

static void put_sint(py_vstr_t *v, intptr_t x) {
    put_uint(v, ((uintptr_t)x << 1) ^ (uintptr_t)(x >> (sizeof(intptr_t) * 8 - 1)));
}

static void adjust_depth(py_comp_unit_t *u, int delta) {
    u->depth += delta;
    if (u->depth > u->max_depth) {
        u->max_depth = u->depth;
    }
}

// The stack effect of an instruction whose table entry says VAR.
static int var_effect(py_bc_op_t op, size_t a, size_t b) {
    switch (op) {
        case PY_BC_POP_N:
        case PY_BC_POP_UNDER:
        case PY_BC_RAISE:
            return -(int)a;
        case PY_BC_JUMP_IF_FALSE_OR_POP: // as seen by the code that falls through
        case PY_BC_JUMP_IF_TRUE_OR_POP:
            return -1;
        case PY_BC_GET_ITER_STACK:
            return (int)PY_BC_ITER_STACK_WORDS - 1;
        case PY_BC_FOR_ITER:
            return 1;
        case PY_BC_BUILD_TUPLE:
        case PY_BC_BUILD_LIST:
        case PY_BC_BUILD_SET:
        case PY_BC_BUILD_SLICE:
        case PY_BC_BUILD_STRING:
            return 1 - (int)a;
        case PY_BC_BUILD_MAP:
            return 1 - 2 * (int)a;
        case PY_BC_UNPACK_SEQUENCE:
            return (int)a - 1;
        case PY_BC_UNPACK_EX:
            return (int)(a + b);
        case PY_BC_FORMAT_VALUE:
            return (a & PY_BC_FMT_HAS_SPEC) ? -1 : 0;
        case PY_BC_CALL_FUNCTION:
            return -(int)(a + 2 * b);
        case PY_BC_CALL_METHOD:
            return -(int)(a + 2 * b + 1);
        case PY_BC_MAKE_FUNCTION:
            return 1 - (int)((b & 1) + ((b >> 1) & 1) + ((b >> 2) & 1));
        default:
            return 0;
    }
}

static void begin_op(py_compiler_t *c, py_bc_op_t op, size_t a, size_t b) {
    py_comp_unit_t *u = c->u;
    if (u->cur_line != u->line) {
        put_uint(&u->lines, u->code.len - u->line_offset);
        put_sint(&u->lines, (intptr_t)u->cur_line - (intptr_t)u->line);
        u->line_offset = u->code.len;
        u->line = u->cur_line;
    }
    py_vstr_add_byte(&u->code, (byte)op);
    int eff = py_bc_op_effect[op];
    adjust_depth(u, eff == PY_BC_EFFECT_VAR ? var_effect(op, a, b) : eff);
    switch (op) {
        case PY_BC_SETUP_FINALLY:
            if (++u->blocks > u->max_blocks) {
                u->max_blocks = u->blocks;
                if (u->max_blocks > PY_MAX_BLOCK_DEPTH) {
                    py_comp_error(c, u->cur_line, "too many statically nested blocks");
                }
            }
            break;
        case PY_BC_POP_BLOCK:
        case PY_BC_POP_EXCEPT:
        case PY_BC_END_ASYNC_FOR:
            u->blocks--;
            break;
        default:
            break;
    }
}

void py_comp_emit(py_compiler_t *c, py_bc_op_t op) {
    begin_op(c, op, 0, 0);
}

void py_comp_emit_u(py_compiler_t *c, py_bc_op_t op, size_t a) {
    begin_op(c, op, a, 0);
    put_uint(&c->u->code, a);
    if (py_bc_op_format[op] == PY_BC_FMT_UC) {
        py_vstr_add_byte(&c->u->code, PY_BC_CACHE_NONE & 0xff);
        py_vstr_add_byte(&c->u->code, PY_BC_CACHE_NONE >> 8);
    }
}

void py_comp_emit_uu(py_compiler_t *c, py_bc_op_t op, size_t a, size_t b) {
    begin_op(c, op, a, b);
    put_uint(&c->u->code, a);
    put_uint(&c->u->code, b);
}

size_t py_comp_new_label(py_compiler_t *c) {
    py_comp_unit_t *u = c->u;
    if (u->n_labels == u->labels_alloc) {
        size_t n = u->labels_alloc ? u->labels_alloc * 2 : 16;
        u->labels = py_renew(uint32_t, u->labels, u->labels_alloc, n);
        u->labels_alloc = n;
    }
    u->labels[u->n_labels] = UINT32_MAX;
    return u->n_labels++;
}

void py_comp_place_label(py_compiler_t *c, size_t label) {
    c->u->labels[label] = (uint32_t)c->u->code.len;
}

void py_comp_emit_jump(py_compiler_t *c, py_bc_op_t op, size_t label) {
    py_comp_unit_t *u = c->u;
    begin_op(c, op, 0, 0);
    if (u->n_fixups == u->fixups_alloc) {
        size_t n = u->fixups_alloc ? u->fixups_alloc * 2 : 16;
        u->fixups = py_renew(py_jump_fixup_t, u->fixups, u->fixups_alloc, n);
        u->fixups_alloc = n;
    }
    u->fixups[u->n_fixups].pos = (uint32_t)u->code.len;
    u->fixups[u->n_fixups].label = (uint32_t)label;
    u->n_fixups++;
    py_vstr_add_byte(&u->code, 0);
    py_vstr_add_byte(&u->code, 0);
}

static void patch_jumps(py_comp_unit_t *u) {
    byte *code = (byte *)u->code.buf;
    for (size_t i = 0; i < u->n_fixups; i++) {
        py_jump_fixup_t *fx = &u->fixups[i];
        intptr_t off = (intptr_t)u->labels[fx->label] - (intptr_t)(fx->pos + 2);
        if (off < INT16_MIN || off > INT16_MAX) {
            py_raise_msg(&py_type_RuntimeError, "code too large");
        }
        code[fx->pos] = (byte)(off & 0xff);
        code[fx->pos + 1] = (byte)((off >> 8) & 0xff);
    }
}

// ---- Constants ---------------------------------------------------------------------------------

static size_t add_const(py_comp_unit_t *u, py_obj_t v) {
    py_obj_list_t *l = PY_OBJ_TO_PTR(u->consts);
    for (size_t i = 0; i < l->len; i++) {
        if (l->items[i] == v) {
            return i;
        }
    }
    py_obj_list_append(u->consts, v);
    return l->len - 1;
}

void py_comp_emit_load_const(py_compiler_t *c, py_obj_t v) {
    if (v == py_const_none) {
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    } else if (v == py_const_true) {
        py_comp_emit(c, PY_BC_LOAD_CONST_TRUE);
    } else if (v == py_const_false) {
        py_comp_emit(c, PY_BC_LOAD_CONST_FALSE);
    } else if (PY_OBJ_IS_SMALL_INT(v)) {
        begin_op(c, PY_BC_LOAD_CONST_SMALL_INT, 0, 0);
        put_sint(&c->u->code, PY_OBJ_SMALL_INT_VALUE(v));
    } else if (PY_OBJ_IS_QSTR(v)) {
        py_comp_emit_u(c, PY_BC_LOAD_CONST_QSTR, PY_OBJ_QSTR_VALUE(v));
    } else {
        py_comp_emit_u(c, PY_BC_LOAD_CONST, add_const(c->u, v));
    }
}

// ---- Names -------------------------------------------------------------------------------------

static const py_bc_op_t name_ops[][3] = {
    {PY_BC_LOAD_FAST, PY_BC_STORE_FAST, PY_BC_DELETE_FAST},
    {PY_BC_LOAD_DEREF, PY_BC_STORE_DEREF, PY_BC_DELETE_DEREF},
    {PY_BC_LOAD_GLOBAL, PY_BC_STORE_GLOBAL, PY_BC_DELETE_GLOBAL},
    {PY_BC_LOAD_NAME, PY_BC_STORE_NAME, PY_BC_DELETE_NAME},
};

qstr py_comp_mangle(py_compiler_t *c, qstr name) {
    qstr cls = c->u->private_name;
    size_t len = py_qstr_len(name);
    const char *s = py_qstr_str(name);
    if (cls == PY_QSTR_NULL || len < 3 || s[0] != '_' || s[1] != '_' ||
        (s[len - 1] == '_' && s[len - 2] == '_') || strchr(s, '.') != NULL) {
        return name;
    }
    const char *cs = py_qstr_str(cls);
    while (*cs == '_') {
        cs++;
    }
    size_t clen = strlen(cs);
    if (clen == 0 || 1 + clen + len > PY_QSTR_MAX_LEN) {
        return name;
    }
    char buf[PY_QSTR_MAX_LEN + 1];
    buf[0] = '_';
    memcpy(buf + 1, cs, clen);
    memcpy(buf + 1 + clen, s, len);
    return py_qstr_from_strn(buf, 1 + clen + len);
}

void py_comp_name_op(py_compiler_t *c, qstr name, int ctx) {
    py_scope_t *sc = c->u->scope;
    qstr unmangled = name;
    name = py_comp_mangle(c, name);
    py_id_info_t *id = py_scope_find(sc, name);
    if (id == NULL && name != unmangled) {
        id = py_scope_find(sc, unmangled);
    }
    int kind;
    if (id != NULL) {
        kind = id->kind;
    } else {
        kind = sc->kind == PY_SCOPE_MODULE || sc->kind == PY_SCOPE_CLASS ? PY_ID_NAME
                                                                         : PY_ID_GLOBAL_IMPLICIT;
    }
    switch (kind) {
        case PY_ID_LOCAL:
            py_comp_emit_u(c, name_ops[0][ctx], id->index);
            break;
        case PY_ID_CELL:
            py_comp_emit_u(c, name_ops[1][ctx], id->index);
            break;
        case PY_ID_FREE:
            if (sc->kind == PY_SCOPE_CLASS && ctx == PY_AST_LOAD) {
                py_comp_emit_uu(c, PY_BC_LOAD_CLASSDEREF, sc->n_locals + id->index, name);
            } else {
                py_comp_emit_u(c, name_ops[1][ctx], sc->n_locals + id->index);
            }
            break;
        case PY_ID_GLOBAL_EXPLICIT:
        case PY_ID_GLOBAL_IMPLICIT:
            if (kind == PY_ID_GLOBAL_IMPLICIT && sc->kind != PY_SCOPE_FUNCTION &&
                sc->kind != PY_SCOPE_COMPREHENSION) {
                py_comp_emit_u(c, name_ops[3][ctx], name);
            } else {
                py_comp_emit_u(c, name_ops[2][ctx], name);
            }
            break;
        default:
            py_comp_emit_u(c, name_ops[3][ctx], name);
            break;
    }
}

// ---- Units -------------------------------------------------------------------------------------

static qstr make_qualname(py_comp_unit_t *parent, qstr name) {
    if (parent == NULL || parent->scope->kind == PY_SCOPE_MODULE) {
        return name;
    }
    py_vstr_t v;
    py_vstr_init(&v, 32);
    py_vstr_add_str(&v, py_qstr_str(parent->qualname));
    py_vstr_add_str(&v, parent->scope->kind == PY_SCOPE_CLASS ? "." : ".<locals>.");
    py_vstr_add_str(&v, py_qstr_str(name));
    qstr q = v.len <= PY_QSTR_MAX_LEN ? py_qstr_from_strn(v.buf, v.len) : name;
    py_vstr_clear(&v);
    return q;
}

static void unit_init(py_compiler_t *c, py_comp_unit_t *u, py_scope_t *scope) {
    memset(u, 0, sizeof(*u));
    u->parent = c->u;
    u->scope = scope;
    u->name = scope->name;
    u->qualname = make_qualname(c->u, scope->name);
    u->private_name = scope->kind == PY_SCOPE_CLASS ? scope->name
                      : c->u != NULL                ? c->u->private_name
                                                    : PY_QSTR_NULL;
    u->first_line = scope->line ? scope->line : 1;
    u->line = u->first_line;
    u->cur_line = u->first_line;
    py_vstr_init(&u->code, 64);
    py_vstr_init(&u->lines, 16);
    u->consts = py_obj_new_list(0, NULL);
    uint16_t f = 0;
    if (scope->flags & PY_SCOPE_FLAG_GENERATOR) {
        f |= PY_CODE_FLAG_GENERATOR;
    }
    if (scope->flags & PY_SCOPE_FLAG_COROUTINE) {
        f |= PY_CODE_FLAG_COROUTINE;
    }
    if (scope->flags & PY_SCOPE_FLAG_VARARGS) {
        f |= PY_CODE_FLAG_VARARGS;
    }
    if (scope->flags & PY_SCOPE_FLAG_VARKEYWORDS) {
        f |= PY_CODE_FLAG_VARKEYWORDS;
    }
    if (scope->kind == PY_SCOPE_MODULE) {
        f |= PY_CODE_FLAG_NAME_LOCALS;
    } else if (scope->kind == PY_SCOPE_CLASS) {
        f |= PY_CODE_FLAG_NAME_LOCALS | PY_CODE_FLAG_CLASS_BODY;
    }
    u->flags = f;
}

static void *copy_out(const void *src, size_t n) {
    if (n == 0) {
        return NULL;
    }
    void *p = py_malloc(n);
    memcpy(p, src, n);
    return p;
}

static py_raw_code_t *unit_finish(py_compiler_t *c) {
    py_comp_unit_t *u = c->u;
    py_scope_t *sc = u->scope;
    patch_jumps(u);
    if (u->max_depth > 0xffff || sc->n_locals + sc->n_free > 0xffff) {
        py_comp_error(c, u->first_line, "function too complex");
    }
    py_raw_code_t *rc = py_new(py_raw_code_t, 1);
    // The buffers are trimmed to size: code stays in RAM for the program's life.
    rc->code = py_realloc(u->code.buf, u->code.alloc, u->code.len);
    rc->code_len = u->code.len;
    rc->lines = copy_out(u->lines.buf, u->lines.len);
    rc->lines_len = u->lines.len;
    py_vstr_clear(&u->lines);
    py_free(u->labels);
    py_free(u->fixups);
    py_obj_list_t *consts = PY_OBJ_TO_PTR(u->consts);
    rc->n_consts = (uint16_t)consts->len;
    rc->consts = copy_out(consts->items, consts->len * sizeof(py_obj_t));
    rc->n_children = (uint16_t)u->n_children;
    rc->children = copy_out(u->children, u->n_children * sizeof(py_raw_code_t *));
    qstr *names = py_new(qstr, sc->n_locals + sc->n_free + 1);
    if (sc->n_locals > 0) { // the tables are NULL when empty
        memcpy(names, sc->locals, sc->n_locals * sizeof(qstr));
    }
    if (sc->n_free > 0) {
        memcpy(names + sc->n_locals, sc->free, sc->n_free * sizeof(qstr));
    }
    rc->slot_names = names;
    rc->cells = copy_out(sc->cells, sc->n_cells * sizeof(uint16_t));
    rc->doc = u->doc;
    rc->name = u->name;
    rc->qualname = u->qualname;
    rc->source_file = c->source_file;
    rc->first_line = u->first_line;
    rc->n_posonly = sc->n_posonly;
    rc->n_pos = sc->n_pos;
    rc->n_kwonly = sc->n_kwonly;
    rc->n_locals = sc->n_locals;
    rc->n_cells = sc->n_cells;
    rc->n_free = sc->n_free;
    rc->max_stack = (uint16_t)u->max_depth;
    rc->max_blocks = (uint16_t)u->max_blocks;
    rc->flags = u->flags;
    rc->frame_words = py_frame_words(rc);
    return rc;
}

size_t py_comp_add_child(py_compiler_t *c, py_raw_code_t *rc) {
    py_comp_unit_t *u = c->u;
    if (u->n_children == u->children_alloc) {
        size_t n = u->children_alloc ? u->children_alloc * 2 : 4;
        u->children = py_renew(py_raw_code_t *, u->children, u->children_alloc, n);
        u->children_alloc = n;
    }
    u->children[u->n_children] = rc;
    return u->n_children++;
}

// A docstring: the body's first statement is a string literal.
static py_obj_t docstring_of(size_t n, py_ast_stmt_t **body) {
    if (n == 0 || body[0]->kind != PY_AST_STMT_EXPR) {
        return PY_OBJ_NULL;
    }
    py_ast_expr_t *e = body[0]->u.expr.value;
    if (e->kind != PY_AST_EXPR_CONSTANT || !py_obj_is_str(e->u.constant.value)) {
        return PY_OBJ_NULL;
    }
    return e->u.constant.value;
}

static void compile_function_body(py_compiler_t *c, py_scope_t *scope) {
    if (scope->name == PY_QSTR_lt_lambda_gt) {
        py_ast_expr_t *e = scope->node;
        py_comp_expr(c, e->u.lambda.body);
        py_comp_emit(c, PY_BC_RETURN_VALUE);
        return;
    }
    py_ast_stmt_t *s = scope->node;
    size_t n = s->u.functiondef.n_body;
    py_ast_stmt_t **body = s->u.functiondef.body;
    c->u->doc = docstring_of(n, body);
    if (c->u->doc != PY_OBJ_NULL) {
        n--;
        body++;
    }
    py_comp_body(c, n, body);
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    py_comp_emit(c, PY_BC_RETURN_VALUE);
}

static void compile_class_body(py_compiler_t *c, py_scope_t *scope) {
    py_ast_stmt_t *s = scope->node;
    py_comp_unit_t *u = c->u;
    py_comp_emit_u(c, PY_BC_LOAD_NAME, PY_QSTR___name__);
    py_comp_emit_u(c, PY_BC_STORE_NAME, PY_QSTR___module__);
    py_comp_emit_load_const(c, PY_OBJ_NEW_QSTR(u->qualname));
    py_comp_emit_u(c, PY_BC_STORE_NAME, PY_QSTR___qualname__);
    size_t n = s->u.classdef.n_body;
    py_ast_stmt_t **body = s->u.classdef.body;
    py_obj_t doc = docstring_of(n, body);
    if (doc != PY_OBJ_NULL) {
        py_comp_emit_load_const(c, doc);
        py_comp_emit_u(c, PY_BC_STORE_NAME, PY_QSTR___doc__);
        n--;
        body++;
    }
    py_comp_body(c, n, body);
    py_id_info_t *id = py_scope_find(scope, PY_QSTR___class__);
    if ((scope->flags & PY_SCOPE_FLAG_CLASS_CELL) && id != NULL && id->kind == PY_ID_CELL) {
        py_comp_emit_u(c, PY_BC_LOAD_CLOSURE, id->index);
    } else {
        py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    }
    py_comp_emit(c, PY_BC_RETURN_VALUE);
}

py_raw_code_t *py_comp_scope(py_compiler_t *c, py_scope_t *scope) {
    py_stack_check();
    py_comp_unit_t u;
    unit_init(c, &u, scope);
    c->u = &u;
    switch (scope->kind) {
        case PY_SCOPE_FUNCTION:
            compile_function_body(c, scope);
            break;
        case PY_SCOPE_CLASS:
            compile_class_body(c, scope);
            break;
        default:
            py_comp_comprehension_body(c, scope->node);
            break;
    }
    py_raw_code_t *rc = unit_finish(c);
    c->u = u.parent;
    return rc;
}

void py_comp_make_function(py_compiler_t *c, py_scope_t *scope, const py_ast_arguments_t *args) {
    size_t flags = 0;
    if (args != NULL && args->n_defaults) {
        for (size_t i = 0; i < args->n_defaults; i++) {
            py_comp_expr(c, args->defaults[i]);
        }
        py_comp_emit_u(c, PY_BC_BUILD_TUPLE, args->n_defaults);
        flags |= PY_BC_MAKE_DEFAULTS;
    }
    if (args != NULL) {
        size_t nk = 0;
        for (size_t i = 0; i < args->n_kwonly; i++) {
            if (args->kw_defaults[i] != NULL) {
                py_comp_emit_u(c, PY_BC_LOAD_CONST_QSTR, args->kwonlyargs[i].arg);
                py_comp_expr(c, args->kw_defaults[i]);
                nk++;
            }
        }
        if (nk) {
            py_comp_emit_u(c, PY_BC_BUILD_MAP, nk);
            flags |= PY_BC_MAKE_KWDEFAULTS;
        }
    }
    if (scope->n_free) {
        py_scope_t *here = c->u->scope;
        for (size_t i = 0; i < scope->n_free; i++) {
            bool is_free;
            size_t index;
            if (!py_scope_cell_source(here, scope->free[i], &is_free, &index)) {
                py_comp_error(c, scope->line, "internal error: no cell for free variable");
            }
            py_comp_emit_u(c, PY_BC_LOAD_CLOSURE, is_free ? here->n_locals + index : index);
        }
        py_comp_emit_u(c, PY_BC_BUILD_TUPLE, scope->n_free);
        flags |= PY_BC_MAKE_CLOSURE;
    }
    size_t child = py_comp_add_child(c, py_comp_scope(c, scope));
    py_comp_emit_uu(c, PY_BC_MAKE_FUNCTION, child, flags);
}

// ---- Modules -----------------------------------------------------------------------------------

// Starts the module's code unit; [scope] may still grow while statements are parsed.
static void module_begin(py_compiler_t *c, py_comp_unit_t *u, py_scope_t *scope) {
    c->u = NULL;
    unit_init(c, u, scope);
    u->name = PY_QSTR_lt_module_gt;
    u->qualname = PY_QSTR_lt_module_gt;
    u->first_line = u->line = u->cur_line = 1;
    c->u = u;
}

static py_raw_code_t *module_end(py_compiler_t *c) {
    py_comp_emit(c, PY_BC_RETURN_VALUE);
    py_raw_code_t *rc = unit_finish(c);
    c->u = NULL;
    return rc;
}

// An expression (eval input): parsed whole, it is one statement's worth of tree.
static py_raw_code_t *compile_eval(py_compiler_t *c, py_reader_t *reader, py_arena_t *arena) {
    py_ast_mod_t *mod = py_parse(reader, c->source_file, PY_COMPILE_EVAL, arena);
    py_comp_unit_t u;
    module_begin(c, &u, mod->scope);
    py_comp_expr(c, mod->expression);
    return module_end(c);
}

// A module or REPL input, compiled one top-level statement at a time: each statement's tree is
// freed once its code is emitted, so the peak memory is that of the largest statement, not of
// the whole source (a 38 KiB heap holds the code of far more source than its tree).
static py_raw_code_t *compile_statements(py_compiler_t *c, py_reader_t *reader,
                                         py_compile_mode_t mode, py_arena_t *arena) {
    py_parse_iter_t it;
    py_parse_iter_init(&it, reader, c->source_file, mode, arena);
    py_comp_unit_t u;
    module_begin(c, &u, it.mod->scope);
    u.print_exprs = mode == PY_COMPILE_SINGLE;
    py_arena_mark_t mark = py_arena_mark(arena);
    size_t n;
    py_ast_stmt_t **body;
    while ((body = py_parse_iter_next(&it, &n)) != NULL) {
        py_comp_body(c, n, body);
        py_arena_release(arena, &mark);
    }
    py_comp_emit(c, PY_BC_LOAD_CONST_NONE);
    // The module's code is finished from its scope, which the parser's state owns: only then
    // may that go.
    py_raw_code_t *rc = module_end(c);
    py_parse_iter_deinit(&it);
    return rc;
}

py_obj_t py_compile(py_reader_t *reader, qstr source_name, py_compile_mode_t mode) {
    py_arena_t arena;
    py_arena_init(&arena);
    // On a SyntaxError the arena's chunks are simply left to the GC.
    py_compiler_t c = {source_name, NULL};
    py_raw_code_t *rc = mode == PY_COMPILE_EVAL ? compile_eval(&c, reader, &arena)
                                                : compile_statements(&c, reader, mode, &arena);
    py_arena_free(&arena);
    return py_obj_new_fun_bc(rc, NULL, PY_OBJ_NULL, PY_OBJ_NULL, PY_OBJ_NULL);
}
