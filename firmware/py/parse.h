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

// For the REPL's continuation prompt: is [len] bytes of [src], the lines entered so far (each
// ending with '\n'; a missing final '\n' is assumed), a complete input? False while the text
// ends inside brackets or a triple-quoted string, its last line ends with a backslash or ':',
// or it starts a compound statement (if/while/for/try/with/def/class/async/@) that has not yet
// been ended by an empty (or blank) line.
bool py_parse_input_is_complete(const char *src, size_t len);

#endif
