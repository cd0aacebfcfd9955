// SPDX-License-Identifier: MIT
// compile.h: the compiler's internals, shared by compile.c (code units, emitting, statements)
// and compile_expr.c (expressions). The public entry point is py_compile (runtime.h).
//
// A code unit is one function being compiled (module, class body, def, lambda, comprehension):
// its bytecode, line table, constants and children grow on the GC heap while the unit struct
// itself lives on the C stack (the GC finds the buffers through it). The compiler tracks the
// value-stack depth and the runtime block depth as it emits, so the raw code knows its frame
// size. Jumps are emitted against labels and patched when the unit is finished.

#ifndef PY_COMPILE_H
#define PY_COMPILE_H

#include "ast.h"
#include "bc.h"
#include "runtime.h"
#include "symtable.h"

// What a `return`, `break` or `continue` must undo on its way out, innermost last.
typedef enum {
    PY_FB_WHILE,
    PY_FB_FOR,         // a for loop: PY_BC_ITER_STACK_WORDS on the stack
    PY_FB_ASYNC_FOR,   // an async for loop: the async iterator on the stack
    PY_FB_TRY_EXCEPT,  // inside try: (with handlers)
    PY_FB_FINALLY_TRY, // inside try: with finally: the finally body must run
    PY_FB_FINALLY_END, // inside the finally body run for an exception (exc on the stack)
    PY_FB_HANDLER,     // inside an except clause (exc on the stack)
    PY_FB_WITH,        // inside with: exit and self on the stack
    PY_FB_ASYNC_WITH,
    PY_FB_POP_VALUE, // a return value kept on the stack while a finally body runs
} py_fb_kind_t;

typedef struct py_fblock {
    uint8_t kind;
    size_t label_continue;
    size_t label_break;
    const void *datum; // FINALLY_TRY: the Try statement; HANDLER: its handler
} py_fblock_t;

typedef struct py_jump_fixup {
    uint32_t pos; // offset of the 2-byte operand
    uint32_t label;
} py_jump_fixup_t;

typedef struct py_comp_unit {
    struct py_comp_unit *parent;
    py_scope_t *scope;
    qstr name;
    qstr qualname;
    qstr private_name; // the enclosing class's name, for mangling __names; or PY_QSTR_NULL
    uint32_t first_line;
    uint16_t flags;   // PY_CODE_FLAG_*
    bool print_exprs; // interactive top level: expression statements print their value
    py_vstr_t code;
    py_vstr_t lines;
    size_t line_offset; // bytecode offset of the last line-table entry
    uint32_t line;      // line of the last line-table entry
    uint32_t cur_line;  // line of the code being emitted
    py_obj_t consts;    // list
    py_obj_t doc;
    struct py_raw_code **children;
    size_t n_children;
    size_t children_alloc;
    uint32_t *labels;
    size_t n_labels;
    size_t labels_alloc;
    py_jump_fixup_t *fixups;
    size_t n_fixups;
    size_t fixups_alloc;
    int depth;
    int max_depth;
    int blocks; // runtime exception blocks active
    int max_blocks;
    size_t n_fblocks;
    py_fblock_t fblocks[PY_MAX_BLOCK_DEPTH];
} py_comp_unit_t;

typedef struct py_compiler {
    qstr source_file;
    py_comp_unit_t *u;
} py_compiler_t;

// ---- compile.c ---------------------------------------------------------------------------------

PY_NORETURN void py_comp_error(py_compiler_t *c, uint32_t line, const char *msg);
size_t py_comp_new_label(py_compiler_t *c);
// Binds [label] to the current position.
void py_comp_place_label(py_compiler_t *c, size_t label);
void py_comp_emit(py_compiler_t *c, py_bc_op_t op);
void py_comp_emit_u(py_compiler_t *c, py_bc_op_t op, size_t a);
void py_comp_emit_uu(py_compiler_t *c, py_bc_op_t op, size_t a, size_t b);
void py_comp_emit_jump(py_compiler_t *c, py_bc_op_t op, size_t label);
void py_comp_emit_load_const(py_compiler_t *c, py_obj_t value);
// [name] as written inside the current class: `__x` becomes `_Class__x` (CPython's mangling).
qstr py_comp_mangle(py_compiler_t *c, qstr name);
// The load/store/delete instruction for [name] in the current scope ([ctx] as in ast.h).
void py_comp_name_op(py_compiler_t *c, qstr name, int ctx);
// Emits the code that creates the function for [scope] (defaults, closure, MAKE_FUNCTION);
// [args] may be NULL (class bodies, comprehensions).
void py_comp_make_function(py_compiler_t *c, py_scope_t *scope, const py_ast_arguments_t *args);
// Appends raw code [rc] to the current unit's children and returns its index.
size_t py_comp_add_child(py_compiler_t *c, struct py_raw_code *rc);

// ---- compile_expr.c ----------------------------------------------------------------------------

void py_comp_expr(py_compiler_t *c, py_ast_expr_t *e);
// Jumps to [label] if [e] is true ([if_true]) or false; pops what it evaluates.
void py_comp_jump_if(py_compiler_t *c, py_ast_expr_t *e, bool if_true, size_t label);
// Stores the value on top of the stack into [target] (ctx STORE).
void py_comp_store(py_compiler_t *c, py_ast_expr_t *target);
void py_comp_delete(py_compiler_t *c, py_ast_expr_t *target);
void py_comp_augassign(py_compiler_t *c, py_ast_stmt_t *s);
// Compiles the body of a comprehension scope (called with its unit current).
void py_comp_comprehension_body(py_compiler_t *c, py_ast_expr_t *e);
// Is [e] a Constant, or a Tuple of them (foldable into one constant)?
bool py_comp_is_const(const py_ast_expr_t *e);

// ---- compile_stmt.c ----------------------------------------------------------------------------

void py_comp_stmt(py_compiler_t *c, py_ast_stmt_t *s);
void py_comp_body(py_compiler_t *c, size_t n, py_ast_stmt_t **body);
// Compiles the scope of a def/lambda/class/comprehension node into a raw code.
struct py_raw_code *py_comp_scope(py_compiler_t *c, py_scope_t *scope);

#endif
