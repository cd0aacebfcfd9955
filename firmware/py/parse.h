// SPDX-License-Identifier: MIT
// parse.h: the parser: Python 3.8 source to an AST (ast.h) with its scopes analysed.
//
// Typical use by the compiler:
//
//     py_arena_t arena;
//     py_arena_init(&arena);
//     py_ast_mod_t *mod = py_parse(reader, source_name, mode, &arena);   // may raise
//     ... compile mod (every scope pointer is filled in) ...
//     py_arena_free(&arena);
//
// If py_parse raises, what it allocated stays in [arena]: free it in the caller's handler (or
// leave it to the GC: the chunks are ordinary heap blocks, unreachable once the arena is gone).

#ifndef PY_PARSE_H
#define PY_PARSE_H

#include "ast.h"
#include "reader.h"
#include "runtime.h"

// Parses everything [reader] yields as [mode] (PY_COMPILE_FILE: a Module; PY_COMPILE_SINGLE:
// an Interactive input of one or more statements; PY_COMPILE_EVAL: an Expression, leading
// whitespace allowed) and runs py_symtable_build on it. Nodes come from [arena]. Errors raise
// SyntaxError / IndentationError with MicroPython's messages and a traceback entry naming
// [source_name] and the line. The reader is read as a stream and is not closed.
py_ast_mod_t *py_parse(py_reader_t *reader, qstr source_name, py_compile_mode_t mode,
                       py_arena_t *arena);

// Parsing a module (PY_COMPILE_FILE) or REPL input (PY_COMPILE_SINGLE) one top-level statement at
// a time, so the tree of each can be freed once it is compiled and the peak memory is that of
// the largest statement rather than of the whole module (EVAL input: use py_parse):
//
//     py_parse_iter_t it;
//     py_parse_iter_init(&it, reader, source_name, mode, &arena);  // it.mod: kind, scope
//     size_t n;
//     py_arena_mark_t mark = py_arena_mark(&arena);
//     py_ast_stmt_t **body;
//     while ((body = py_parse_iter_next(&it, &n)) != NULL) {
//         ... compile the n statements of body (their scopes are filled in) ...
//         py_arena_release(&arena, &mark);
//     }
//     py_parse_iter_deinit(&it);
//
// it.mod->scope is the module's scope; its ids grow as statements are parsed (module-level names
// are all NAME or GLOBAL_EXPLICIT, so earlier statements never change kind). Several statements
// come at once when a line joins them with ';'. Errors raise as py_parse does; the state is then
// left to the GC.
typedef struct py_parse_iter {
    void *state;       // private: the parser and lexer (GC heap)
    py_ast_mod_t *mod; // kind, source_name and the module scope (body unused)
} py_parse_iter_t;

void py_parse_iter_init(py_parse_iter_t *it, py_reader_t *reader, qstr source_name,
                        py_compile_mode_t mode, py_arena_t *arena);
// The next top-level statement(s), *[n] of them, or NULL at the end of the input.
py_ast_stmt_t **py_parse_iter_next(py_parse_iter_t *it, size_t *n);
void py_parse_iter_deinit(py_parse_iter_t *it);

// For the REPL's continuation prompt: is [len] bytes of [src], the lines entered so far (each
// ending with '\n'; a missing final '\n' is assumed), a complete input? False while the text
// ends inside brackets or a triple-quoted string, its last line ends with a backslash or ':',
// or it starts a compound statement (if/while/for/try/with/def/class/async/@) that has not yet
// been ended by an empty (or blank) line.
bool py_parse_input_is_complete(const char *src, size_t len);

#endif
