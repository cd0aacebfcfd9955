// SPDX-License-Identifier: MIT
// parseiter.c: parsing a module one top-level statement at a time, so that the compiler can
// free each statement's tree once compiled and the peak memory is that of the largest statement.

#include "gc.h"
#include "parse.h"
#include "parsepriv.h"
#include "symtable.h"

typedef struct {
    py_parser_t parser;
    py_lexer_t lex;
    py_ast_mod_t mod;
} iter_state_t;

void py_parse_iter_init(py_parse_iter_t *it, py_reader_t *reader, qstr source_name,
                        py_compile_mode_t mode, py_arena_t *arena) {
    // The state outlives the statements, so it is not in the arena; [it] on the caller's stack
    // keeps it alive.
    iter_state_t *st = py_new(iter_state_t, 1);
    it->state = st;
    it->mod = &st->mod;
    py_parser_t *p = &st->parser;
    p->lex = &st->lex;
    p->arena = arena;
    p->source_name = source_name;
    py_vstr_init(&p->ptrs, 8 * sizeof(void *));
    py_vstr_init(&p->recs, 64);
    py_vstr_init(&p->text, 32);
    st->mod.kind = mode == PY_COMPILE_SINGLE ? PY_AST_MOD_INTERACTIVE : PY_AST_MOD_MODULE;
    st->mod.source_name = source_name;
    py_symtable_begin(&st->mod);
    py_lexer_init(&st->lex, reader, source_name, 1, 0);
}

py_ast_stmt_t **py_parse_iter_next(py_parse_iter_t *it, size_t *n) {
    iter_state_t *st = it->state;
    py_parser_t *p = &st->parser;
    while (py_parse_accept(p, PY_TOK_NEWLINE)) {
    }
    if (py_parse_tok(p) == PY_TOK_END) {
        *n = 0;
        return NULL;
    }
    size_t mark = py_parse_ptrs_mark(p);
    py_parse_stmt(p);
    py_ast_stmt_t **body = (py_ast_stmt_t **)py_parse_pop_ptrs(p, mark, n);
    py_symtable_add(&st->mod, *n, body, p->arena);
    return body;
}

void py_parse_iter_deinit(py_parse_iter_t *it) {
    iter_state_t *st = it->state;
    if (st == NULL) {
        return;
    }
    py_lexer_deinit(&st->lex);
    py_vstr_clear(&st->parser.ptrs);
    py_vstr_clear(&st->parser.recs);
    py_vstr_clear(&st->parser.text);
    py_symtable_end(&st->mod);
    py_free(st);
    it->state = NULL;
    it->mod = NULL;
}
