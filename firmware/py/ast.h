// SPDX-License-Identifier: MIT
// ast.h: the abstract syntax tree the parser builds and the compiler walks.
//
// Shape. The tree follows Python's own `ast` module (3.8, with 3.9's simpler subscripts): a
// py_ast_mod_t root (Module, Interactive or Expression) holding statements (py_ast_stmt_t) which
// hold expressions (py_ast_expr_t). Both node types are a [kind] tag, a source [line] and a
// union with one member per kind, named after the kind in lower case (stmt->u.functiondef,
// expr->u.binop...). Lists of children are a count plus a pointer: `size_t n_body;
// py_ast_stmt_t **body;` for statements and expressions (arrays of pointers), and arrays of
// structs for the small helper records (py_ast_keyword_t, py_ast_alias_t, py_ast_withitem_t,
// py_ast_excepthandler_t, py_ast_comprehension_t, py_ast_arg_t). An optional child is NULL when
// absent (e.g. Return without a value, Slice bounds, the else-branch of If: n_orelse == 0).
//
// Values. Names and attributes are qstrs. Constants are ready-made py_obj_t values (small or big
// int, float, str (often a qstr), bytes, None, True, False, Ellipsis); adjacent string literals
// are already concatenated, and f-strings are JoinedStr/FormattedValue nodes. Operators use
// obj.h's enums: BinOp.op is a plain py_binary_op_t (PY_BINARY_OP_ADD...), AugAssign.op the
// in-place one (PY_BINARY_OP_INPLACE_ADD...), UnaryOp.op one of PY_UNARY_OP_POSITIVE / NEGATIVE
// / INVERT / NOT, Compare.ops the comparison ops of py_binary_op_t (LESS..IS) or the two extra
// values PY_AST_CMP_IS_NOT / PY_AST_CMP_NOT_IN. BoolOp.op is PY_AST_BOOL_AND or PY_AST_BOOL_OR.
//
// Contexts. Name, Attribute, Subscript, Starred, List and Tuple carry [ctx]: PY_AST_LOAD,
// PY_AST_STORE (assignment/for/with/except/comprehension targets, walrus) or PY_AST_DEL. The
// parser has checked that store/delete targets are assignable.
//
// Scopes. Every node that opens a scope (the mod root, FunctionDef, AsyncFunctionDef, ClassDef,
// Lambda, ListComp, SetComp, DictComp, GeneratorExp) has a [scope] pointer, NULL after parsing
// and filled in by py_symtable_build() (symtable.h), which says how each name is accessed.
//
// Size. A node is allocated with only the room its kind's union member needs (a Name is three
// words on the chip, not the size of the largest member): read and write only the member of the
// node's kind, and never copy a node by value. Code that makes its own nodes may allocate them
// whole.
//
// Ownership. Every node, array and scope record is allocated from one py_arena_t: a chain of
// chunks from the GC heap (py_malloc). The py_arena_t itself lives on the compiler's C stack,
// so the conservative GC finds the newest chunk there, each chunk points at the previous one, and
// the chunks are scanned, which keeps the constants in the nodes alive too. Nothing in the tree
// is freed individually: py_arena_free() releases it all once the compiler is done.
//
// Walking. A compiler visits mod->body (or mod->u.expression for PY_AST_MOD_EXPRESSION) and
// switches on stmt->kind / expr->kind, recursing into the children of the active union member.

#ifndef PY_AST_H
#define PY_AST_H

#include "obj.h"

// ---- Arena -----------------------------------------------------------------------------------

// Bytes per arena chunk (less its link word); larger requests get a chunk of their own.
#define PY_AST_ARENA_CHUNK (512)

typedef struct py_arena {
    void *head;  // newest chunk: its first word links to the previous chunk (NULL at the end)
    size_t used; // bytes used in [head], including the link word
    size_t size; // bytes in [head]
} py_arena_t;

// Makes [arena] empty; it allocates nothing until the first py_arena_alloc.
void py_arena_init(py_arena_t *arena);
// Returns [n] zeroed bytes, aligned for any node, from [arena]; raises MemoryError.
void *py_arena_alloc(py_arena_t *arena, size_t n);
// Frees every chunk of [arena] (py_free) and makes it empty again. Safe on an empty arena.
void py_arena_free(py_arena_t *arena);

#define py_arena_new(arena, type, n) ((type *)py_arena_alloc((arena), sizeof(type) * (n)))

// A point in an arena's life, to free everything allocated after it (e.g. the tree of one
// statement once it is compiled, see py_parse_iter_next).
typedef struct py_arena_mark {
    void *head;
    void *link;
    size_t used;
    size_t size;
} py_arena_mark_t;

py_arena_mark_t py_arena_mark(const py_arena_t *arena);
// Frees everything [arena] handed out since [mark] was taken; the memory before it stays.
void py_arena_release(py_arena_t *arena, const py_arena_mark_t *mark);

// ---- Node kinds ------------------------------------------------------------------------------

struct py_scope; // symtable.h

typedef struct py_ast_expr py_ast_expr_t;
typedef struct py_ast_stmt py_ast_stmt_t;

typedef enum {
    PY_AST_MOD_MODULE,      // a file: u.body
    PY_AST_MOD_INTERACTIVE, // one REPL input: u.body; expression statements print their value
    PY_AST_MOD_EXPRESSION,  // eval(): u.expression
} py_ast_mod_kind_t;

typedef enum {
    PY_AST_STMT_FUNCTIONDEF,
    PY_AST_STMT_ASYNCFUNCTIONDEF, // uses u.functiondef
    PY_AST_STMT_CLASSDEF,
    PY_AST_STMT_RETURN,
    PY_AST_STMT_DELETE,
    PY_AST_STMT_ASSIGN,
    PY_AST_STMT_AUGASSIGN,
    PY_AST_STMT_ANNASSIGN,
    PY_AST_STMT_FOR,
    PY_AST_STMT_ASYNCFOR, // uses u.for_
    PY_AST_STMT_WHILE,
    PY_AST_STMT_IF,
    PY_AST_STMT_WITH,
    PY_AST_STMT_ASYNCWITH, // uses u.with
    PY_AST_STMT_RAISE,
    PY_AST_STMT_TRY,
    PY_AST_STMT_ASSERT,
    PY_AST_STMT_IMPORT,
    PY_AST_STMT_IMPORTFROM,
    PY_AST_STMT_GLOBAL,
    PY_AST_STMT_NONLOCAL, // uses u.global
    PY_AST_STMT_EXPR,
    PY_AST_STMT_PASS,
    PY_AST_STMT_BREAK,
    PY_AST_STMT_CONTINUE,
} py_ast_stmt_kind_t;

typedef enum {
    PY_AST_EXPR_BOOLOP,
    PY_AST_EXPR_NAMEDEXPR,
    PY_AST_EXPR_BINOP,
    PY_AST_EXPR_UNARYOP,
    PY_AST_EXPR_LAMBDA,
    PY_AST_EXPR_IFEXP,
    PY_AST_EXPR_DICT,
    PY_AST_EXPR_SET,
    PY_AST_EXPR_LISTCOMP,     // uses u.comp
    PY_AST_EXPR_SETCOMP,      // uses u.comp
    PY_AST_EXPR_DICTCOMP,     // uses u.comp (with [value])
    PY_AST_EXPR_GENERATOREXP, // uses u.comp
    PY_AST_EXPR_AWAIT,
    PY_AST_EXPR_YIELD,
    PY_AST_EXPR_YIELDFROM,
    PY_AST_EXPR_COMPARE,
    PY_AST_EXPR_CALL,
    PY_AST_EXPR_FORMATTEDVALUE,
    PY_AST_EXPR_JOINEDSTR,
    PY_AST_EXPR_CONSTANT,
    PY_AST_EXPR_ATTRIBUTE,
    PY_AST_EXPR_SUBSCRIPT,
    PY_AST_EXPR_STARRED,
    PY_AST_EXPR_NAME,
    PY_AST_EXPR_LIST,
    PY_AST_EXPR_TUPLE,
    PY_AST_EXPR_SLICE,
} py_ast_expr_kind_t;

typedef enum {
    PY_AST_LOAD,
    PY_AST_STORE,
    PY_AST_DEL,
} py_ast_ctx_t;

typedef enum {
    PY_AST_BOOL_AND,
    PY_AST_BOOL_OR,
} py_ast_boolop_t;

// Compare.ops values beyond py_binary_op_t's (whose LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL,
// NOT_EQUAL, IN and IS are used as they are).
enum {
    PY_AST_CMP_IS_NOT = PY_BINARY_OP_NUM,
    PY_AST_CMP_NOT_IN,
};

// FormattedValue.conversion when there is no !s/!r/!a.
#define PY_AST_CONV_NONE (-1)

// ---- Helper records ----------------------------------------------------------------------------

// One parameter.
typedef struct py_ast_arg {
    qstr arg;
    py_ast_expr_t *annotation; // NULL if none
    uint32_t line;
} py_ast_arg_t;

// A parameter list, in source order: args[0 .. n_posonly) are positional-only (before `/`),
// args[n_posonly .. n_args) positional-or-keyword. [defaults] are for the LAST n_defaults of
// args. kw_defaults has n_kwonly entries, NULL for a required keyword-only parameter.
typedef struct py_ast_arguments {
    size_t n_posonly;
    size_t n_args; // includes the positional-only ones
    py_ast_arg_t *args;
    py_ast_arg_t *vararg; // *args, or NULL
    size_t n_kwonly;
    py_ast_arg_t *kwonlyargs;
    py_ast_expr_t **kw_defaults;
    py_ast_arg_t *kwarg; // **kwargs, or NULL
    size_t n_defaults;
    py_ast_expr_t **defaults;
} py_ast_arguments_t;

// A keyword argument `arg=value` of a call or class; arg == PY_QSTR_NULL for `**value`.
typedef struct py_ast_keyword {
    qstr arg;
    py_ast_expr_t *value;
    uint32_t line;
} py_ast_keyword_t;

// An import name. [name] is the full dotted name ("a.b.c"; "*" for `from m import *`, which is
// then the only alias); [asname] is PY_QSTR_NULL without `as`.
typedef struct py_ast_alias {
    qstr name;
    qstr asname;
} py_ast_alias_t;

typedef struct py_ast_withitem {
    py_ast_expr_t *context_expr;
    py_ast_expr_t *optional_vars; // the `as` target (ctx STORE), or NULL
} py_ast_withitem_t;

typedef struct py_ast_excepthandler {
    uint32_t line;
    py_ast_expr_t *type; // NULL for a bare `except:`
    qstr name;           // `as name`, or PY_QSTR_NULL
    size_t n_body;
    py_ast_stmt_t **body;
} py_ast_excepthandler_t;

// `for target in iter if ifs...` inside a comprehension.
typedef struct py_ast_comprehension {
    py_ast_expr_t *target; // ctx STORE
    py_ast_expr_t *iter;
    size_t n_ifs;
    py_ast_expr_t **ifs;
    bool is_async;
} py_ast_comprehension_t;

// ---- Statements ------------------------------------------------------------------------------

// Most lines a node records; larger line numbers are stored as this.
#define PY_AST_MAX_LINE ((1u << 23) - 1)

struct py_ast_stmt {
    // One word on the chip: the kind and the line share it.
    uint32_t kind : 8;  // py_ast_stmt_kind_t
    uint32_t line : 24; // at most PY_AST_MAX_LINE
    union {
        struct { // FunctionDef, AsyncFunctionDef
            qstr name;
            py_ast_arguments_t *args;
            size_t n_body;
            py_ast_stmt_t **body;
            size_t n_decorators;
            py_ast_expr_t **decorator_list; // in source order (applied last to first)
            py_ast_expr_t *returns;         // the -> annotation, or NULL
            struct py_scope *scope;
        } functiondef;
        struct { // ClassDef
            qstr name;
            size_t n_bases;
            py_ast_expr_t **bases; // may contain Starred
            size_t n_keywords;
            py_ast_keyword_t *keywords; // metaclass=... among them
            size_t n_body;
            py_ast_stmt_t **body;
            size_t n_decorators;
            py_ast_expr_t **decorator_list;
            struct py_scope *scope;
        } classdef;
        struct {                  // Return
            py_ast_expr_t *value; // NULL for a bare return
        } return_;
        struct { // Delete
            size_t n_targets;
            py_ast_expr_t **targets; // ctx DEL
        } delete_;
        struct { // Assign: targets[0] = targets[1] = ... = value
            size_t n_targets;
            py_ast_expr_t **targets; // ctx STORE, in source order
            py_ast_expr_t *value;
        } assign;
        struct {                   // AugAssign
            py_ast_expr_t *target; // Name, Attribute or Subscript, ctx STORE
            uint8_t op;            // PY_BINARY_OP_INPLACE_*
            py_ast_expr_t *value;
        } augassign;
        struct { // AnnAssign
            py_ast_expr_t *target;
            py_ast_expr_t *annotation;
            py_ast_expr_t *value; // NULL for a bare `x: int`
            bool simple;          // target is a plain Name not in parentheses
        } annassign;
        struct { // For, AsyncFor
            py_ast_expr_t *target;
            py_ast_expr_t *iter;
            size_t n_body;
            py_ast_stmt_t **body;
            size_t n_orelse;
            py_ast_stmt_t **orelse;
        } for_;
        struct { // While, If (elif is an If alone in orelse)
            py_ast_expr_t *test;
            size_t n_body;
            py_ast_stmt_t **body;
            size_t n_orelse;
            py_ast_stmt_t **orelse;
        } while_, if_;
        struct { // With, AsyncWith
            size_t n_items;
            py_ast_withitem_t *items;
            size_t n_body;
            py_ast_stmt_t **body;
        } with;
        struct {                  // Raise
            py_ast_expr_t *exc;   // NULL for a bare raise
            py_ast_expr_t *cause; // `from cause`, or NULL
        } raise;
        struct { // Try
            size_t n_body;
            py_ast_stmt_t **body;
            size_t n_handlers;
            py_ast_excepthandler_t *handlers;
            size_t n_orelse;
            py_ast_stmt_t **orelse;
            size_t n_finalbody;
            py_ast_stmt_t **finalbody;
        } try_;
        struct { // Assert
            py_ast_expr_t *test;
            py_ast_expr_t *msg; // or NULL
        } assert_;
        struct { // Import
            size_t n_names;
            py_ast_alias_t *names;
        } import;
        struct {         // ImportFrom: from ..module import names
            qstr module; // dotted; PY_QSTR_NULL for `from . import x`
            size_t n_names;
            py_ast_alias_t *names;
            size_t level; // number of leading dots
        } importfrom;
        struct { // Global, Nonlocal
            size_t n_names;
            qstr *names;
        } global;
        struct { // Expr
            py_ast_expr_t *value;
        } expr;
    } u;
};

// ---- Expressions -----------------------------------------------------------------------------

struct py_ast_expr {
    // One word on the chip: kind, context, flag and line share it.
    uint32_t kind : 6;          // py_ast_expr_kind_t
    uint32_t ctx : 2;           // py_ast_ctx_t, for the kinds that have one (else PY_AST_LOAD)
    uint32_t parenthesized : 1; // written in parentheses (AnnAssign.simple)
    uint32_t line : 23;         // at most PY_AST_MAX_LINE
    union {
        struct {        // BoolOp: values[0] op values[1] op ... (n_values >= 2)
            uint8_t op; // py_ast_boolop_t
            size_t n_values;
            py_ast_expr_t **values;
        } boolop;
        struct {                   // NamedExpr: target := value
            py_ast_expr_t *target; // a Name, ctx STORE
            py_ast_expr_t *value;
        } namedexpr;
        struct { // BinOp
            py_ast_expr_t *left;
            uint8_t op; // py_binary_op_t, plain group
            py_ast_expr_t *right;
        } binop;
        struct {        // UnaryOp
            uint8_t op; // PY_UNARY_OP_POSITIVE, _NEGATIVE, _INVERT or _NOT
            py_ast_expr_t *operand;
        } unaryop;
        struct { // Lambda
            py_ast_arguments_t *args;
            py_ast_expr_t *body;
            struct py_scope *scope;
        } lambda;
        struct { // IfExp: body if test else orelse
            py_ast_expr_t *test;
            py_ast_expr_t *body;
            py_ast_expr_t *orelse;
        } ifexp;
        struct { // Dict: keys[i] == NULL means `**values[i]`
            size_t n;
            py_ast_expr_t **keys;
            py_ast_expr_t **values;
        } dict;
        struct { // Set, List, Tuple (elements may be Starred)
            size_t n_elts;
            py_ast_expr_t **elts;
        } set, list, tuple;
        struct { // ListComp, SetComp, GeneratorExp: elt; DictComp: elt is the key, plus value
            py_ast_expr_t *elt;
            py_ast_expr_t *value; // DictComp only
            size_t n_generators;
            py_ast_comprehension_t *generators;
            struct py_scope *scope;
        } comp;
        struct { // Await, Yield (value may be NULL), YieldFrom, Starred
            py_ast_expr_t *value;
        } await, yield, yieldfrom, starred;
        struct { // Compare: left ops[0] comparators[0] ops[1] comparators[1] ...
            py_ast_expr_t *left;
            size_t n_ops;
            uint8_t *ops; // py_binary_op_t comparison or PY_AST_CMP_IS_NOT / _NOT_IN
            py_ast_expr_t **comparators;
        } compare;
        struct { // Call
            py_ast_expr_t *func;
            size_t n_args;
            py_ast_expr_t **args; // Starred for *x
            size_t n_keywords;
            py_ast_keyword_t *keywords; // arg == PY_QSTR_NULL for **x
        } call;
        struct { // FormattedValue: {value!conversion:format_spec}
            py_ast_expr_t *value;
            int conversion;             // PY_AST_CONV_NONE, 's', 'r' or 'a'
            py_ast_expr_t *format_spec; // a JoinedStr, or NULL
        } formattedvalue;
        struct { // JoinedStr: the pieces are Constant str and FormattedValue
            size_t n_values;
            py_ast_expr_t **values;
        } joinedstr;
        struct { // Constant
            py_obj_t value;
        } constant;
        struct { // Attribute: value.attr
            py_ast_expr_t *value;
            qstr attr;
        } attribute;
        struct { // Subscript: value[slice]; slice is a Slice, a Tuple (maybe of Slices) or any expr
            py_ast_expr_t *value;
            py_ast_expr_t *slice;
        } subscript;
        struct { // Name
            qstr id;
        } name;
        struct {                  // Slice (only as a Subscript's slice or a Tuple element there)
            py_ast_expr_t *lower; // each may be NULL
            py_ast_expr_t *upper;
            py_ast_expr_t *step;
        } slice;
    } u;
};

// ---- Root -------------------------------------------------------------------------------------

typedef struct py_ast_mod {
    uint8_t kind; // py_ast_mod_kind_t
    qstr source_name;
    size_t n_body; // Module, Interactive
    py_ast_stmt_t **body;
    py_ast_expr_t *expression; // Expression
    struct py_scope *scope;
} py_ast_mod_t;

#endif
