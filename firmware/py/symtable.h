// SPDX-License-Identifier: MIT
// symtable.h: scope analysis: how every name in every scope is stored and loaded.
//
// py_symtable_build() walks a parsed tree once and gives each scope-creating node (ast.h) a
// py_scope_t record, allocated from the tree's arena. The rules are CPython 3.8's:
//  - A name bound in a function (assignment, augmented assignment, del, for/with/except target,
//    import, def, class, parameter, walrus) is local to it unless declared global/nonlocal.
//  - A function's free names are resolved in the enclosing *function* scopes; class bodies do not
//    enclose their methods. A name bound nowhere enclosing is GLOBAL_IMPLICIT.
//  - A local of a function that an inner scope uses freely becomes a CELL.
//  - Comprehensions and generator expressions are functions of one parameter (".0", the
//    iterator of the first `for`'s iterable, which the enclosing scope evaluates); a walrus
//    inside binds in the nearest enclosing non-comprehension scope.
//  - Inside a class body and the functions in it, names like `__x` (not `__x__`) are recorded
//    mangled, as `_Class__x` (leading underscores of the class name dropped), as in CPython.
//  - Loading `super` or `__class__` in a function nested in a class makes `__class__` free in it;
//    the class body then has a `__class__` CELL (slot 0) which py_call_class_body() returns.
//
// How the compiler uses a record: slots 0 .. n_locals-1 of a frame hold the locals (a CELL slot
// holds the cell object; a CELL parameter's value is moved into a new cell on entry), the
// closure's cells are free[0 .. n_free-1], and names of kind NAME / GLOBAL_* go through dicts.

#ifndef PY_SYMTABLE_H
#define PY_SYMTABLE_H

#include "ast.h"

typedef enum {
    PY_SCOPE_MODULE,        // Module, Interactive, Expression (and exec/eval code)
    PY_SCOPE_CLASS,         // a class body
    PY_SCOPE_FUNCTION,      // def, async def, lambda
    PY_SCOPE_COMPREHENSION, // ListComp, SetComp, DictComp, GeneratorExp
} py_scope_kind_t;

typedef enum {
    PY_ID_LOCAL,           // a function local: fast slot [index]
    PY_ID_CELL,            // a function local some inner scope captures: slot [index] holds a cell
    PY_ID_FREE,            // from an enclosing function: the closure's cell [index]. In a class
                           // body a FREE name is read from the class namespace first, then the
                           // cell (CPython's LOAD_CLASSDEREF)
    PY_ID_GLOBAL_EXPLICIT, // declared `global` here (or walrus target at module level from a
                           // comprehension): globals dict
    PY_ID_GLOBAL_IMPLICIT, // not bound in any enclosing function: globals, then builtins
    PY_ID_NAME,            // module and class scopes: the locals dict, then globals, then builtins
} py_id_kind_t;

enum {
    PY_ID_FLAG_PARAM = 0x01, // a parameter (or ".0" of a comprehension)
    PY_ID_FLAG_BOUND = 0x02, // bound in this scope
    PY_ID_FLAG_USED = 0x04,  // loaded in this scope
    PY_ID_FLAG_IMPLICIT =
        0x08, // added by the analysis (`__class__` for super(), pass-through frees)
    PY_ID_FLAG_GLOBAL_DECL = 0x10,   // named in a `global` statement here
    PY_ID_FLAG_NONLOCAL_DECL = 0x20, // named in a `nonlocal` statement here (or walrus in a
                                     // comprehension binding in the enclosing function)
    PY_ID_FLAG_PASS_FREE = 0x40,     // class scope: a NAME id that inner scopes also need from
                                     // the enclosing function, so it is in free[] as well
};

typedef struct py_id_info {
    qstr name;
    uint8_t kind;   // py_id_kind_t
    uint8_t flags;  // PY_ID_FLAG_*
    uint16_t index; // LOCAL and CELL: slot number; FREE: index into free[]; else 0
} py_id_info_t;

enum {
    PY_SCOPE_FLAG_GENERATOR = 0x0001,     // contains yield / yield from, or is a GeneratorExp
    PY_SCOPE_FLAG_COROUTINE = 0x0002,     // async def (with GENERATOR too: an async generator);
                                          // a comprehension using await/async for: a coroutine to
                                          // await (list/set/dict) or an async generator (genexpr)
    PY_SCOPE_FLAG_VARARGS = 0x0004,       // has *args
    PY_SCOPE_FLAG_VARKEYWORDS = 0x0008,   // has **kwargs
    PY_SCOPE_FLAG_USES_CLASS = 0x0010,    // loads super or __class__: `__class__` is FREE here
    PY_SCOPE_FLAG_CLASS_CELL = 0x0020,    // class scope: the body creates the `__class__` cell
    PY_SCOPE_FLAG_NESTED = 0x0040,        // inside a function (has or may have a closure)
    PY_SCOPE_FLAG_HAS_FREE = 0x0080,      // n_free > 0: creating it needs a closure
    PY_SCOPE_FLAG_RETURNS_VALUE = 0x0100, // has a `return value` statement
};

typedef struct py_scope {
    struct py_scope *parent; // enclosing scope, NULL for the module
    uint8_t kind;            // py_scope_kind_t
    uint16_t flags;          // PY_SCOPE_FLAG_*
    qstr name;               // the def/class name, or <lambda>, <listcomp>, <setcomp>, <dictcomp>,
                             // <genexpr>, <module>
    uint32_t line;           // line of the def/class/lambda/comprehension
    void *node;              // the py_ast_stmt_t / py_ast_expr_t / py_ast_mod_t that opened it

    // Parameters (functions, lambdas, comprehensions). Their slots come first, in this order:
    // positional (n_pos, the first n_posonly of them positional-only), keyword-only (n_kwonly),
    // then *args if PY_SCOPE_FLAG_VARARGS, then **kwargs if PY_SCOPE_FLAG_VARKEYWORDS.
    uint16_t n_posonly;
    uint16_t n_pos; // includes n_posonly
    uint16_t n_kwonly;
    uint16_t n_params; // all parameter slots: n_pos + n_kwonly + *args + **kwargs

    // Every name the scope mentions (plus implicit ones), in order of first mention.
    size_t n_ids;
    py_id_info_t *ids;

    // Fast slots: locals[i] names slot i. Parameters first (above), then the other LOCAL and
    // CELL ids in order of first mention. A class scope with PY_SCOPE_FLAG_CLASS_CELL has one
    // slot, `__class__`; module scopes have none.
    uint16_t n_locals;
    qstr *locals;
    // Slot numbers of the CELL ids, ascending.
    uint16_t n_cells;
    uint16_t *cells;
    // The closure: free[i] is the name of closure cell i. Includes names this scope only passes
    // through to inner scopes (flag PY_ID_FLAG_IMPLICIT on their id).
    uint16_t n_free;
    qstr *free;

    // Child scopes in source order (first child, then each child's next sibling).
    struct py_scope *first_child;
    struct py_scope *next_sibling;
} py_scope_t;

// Builds the scope records of [mod] from [arena] and stores them in every scope-creating node.
// Raises SyntaxError (with a traceback entry naming mod->source_name and the line) for misuse of
// global/nonlocal: "no binding for nonlocal 'x' found", "name 'x' is assigned to before global
// declaration", "name 'x' is parameter and global", "nonlocal declaration not allowed at module
// level"... py_parse() calls this itself before returning the tree.
void py_symtable_build(py_ast_mod_t *mod, py_arena_t *arena);

// Analysis of a module one top-level statement at a time (py_parse_iter_*): py_symtable_begin
// gives [mod] a module scope on the GC heap (not in the arena, as it outlives the statements);
// py_symtable_add analyses [n] more top-level statements [body], adding to the module scope's
// ids and building the records of the scopes inside them from [arena] (it does not keep them:
// the module scope's first_child stays NULL); py_symtable_end frees the module scope.
void py_symtable_begin(py_ast_mod_t *mod);
void py_symtable_add(py_ast_mod_t *mod, size_t n, py_ast_stmt_t **body, py_arena_t *arena);
void py_symtable_end(py_ast_mod_t *mod);

// The id record of [name] in [scope], or NULL if the scope never mentions it.
py_id_info_t *py_scope_find(const py_scope_t *scope, qstr name);

// Where [scope] holds the cell for [name], which an inner scope lists in its free[]: returns true
// with *[is_free] false and *[index] the CELL slot, or *[is_free] true and *[index] the position
// in scope->free. Returns false if [scope] has no cell for it (a bug in the caller).
bool py_scope_cell_source(const py_scope_t *scope, qstr name, bool *is_free, size_t *index);

#endif
