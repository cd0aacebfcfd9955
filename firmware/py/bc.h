// SPDX-License-Identifier: MIT
// bc.h: the bytecode: opcodes, raw code objects, frames, and the VM's internal interfaces.
//
// Code. A function compiles to a py_raw_code_t: its bytecode, a constants table, the raw codes
// of the functions defined inside it, parameter and slot information, and a line table. Each
// instruction is one opcode byte followed by its operands:
//   U  an unsigned varint: 7 bits per byte, least significant group first, high bit = more
//      (slot numbers, counts, constant indices, qstrs, operator numbers)
//   S  a signed varint: zigzag-encoded U (small int constants)
//   J  a 16-bit signed jump offset, little-endian, relative to the end of the instruction
//   UC a qstr (U) then a 2-byte lookup cache the VM rewrites: the position of the name's entry
//      in the globals map (bit 15 clear) or the builtins map (bit 15 set); 0xffff = unknown
// A function whose jumps do not fit in 16 bits is rejected with RuntimeError("code too large").
//
// Frames. A frame holds the raw code's slots (locals, then the closure's cells), then the value
// stack (max_stack words), then the exception block stack. Calls of plain functions put the
// frame on the C stack; generators and coroutines keep it in their heap object, where it stays
// while suspended. The value stack grows upwards: [sp] points one past the top item.
//
// Exceptions. SETUP_FINALLY pushes a block {handler, stack depth}. When something raises, the
// VM pops blocks until it finds one: the value stack is cut back to the block's depth, the
// exception is pushed, and the block becomes an EXCEPT_HANDLER that remembers which exception
// was being handled before (py_state.roots.cur_exc); POP_EXCEPT restores it. The compiler
// inlines `finally` bodies on every normal exit path (CPython 3.9 style).

#ifndef PY_BC_H
#define PY_BC_H

#include "obj.h"
#include "objects.h"

// ---- Opcodes ---------------------------------------------------------------------------------
//
// PY_BC_OPS(X) lists X(name, operands, stack effect). Stack pictures are bottom ... top; an
// effect of VAR depends on the operands (documented, and computed by the compiler).
#define PY_BC_OPS(X)                                                                               \
    X(NOP, NONE, 0)                                                                                \
    X(POP_TOP, NONE, -1)    /* v -> */                                                             \
    X(POP_N, U, VAR)        /* v1..vn -> */                                                        \
    X(POP_UNDER, U, VAR)    /* v1..vn top -> top */                                                \
    X(ROT_TWO, NONE, 0)     /* a b -> b a */                                                       \
    X(ROT_THREE, NONE, 0)   /* a b c -> c a b */                                                   \
    X(DUP_TOP, NONE, 1)     /* a -> a a */                                                         \
    X(DUP_TOP_TWO, NONE, 2) /* a b -> a b a b */                                                   \
    X(LOAD_NULL, NONE, 1)   /* -> NULL (an absent optional operand) */                             \
    X(LOAD_CONST_NONE, NONE, 1)                                                                    \
    X(LOAD_CONST_FALSE, NONE, 1)                                                                   \
    X(LOAD_CONST_TRUE, NONE, 1)                                                                    \
    X(LOAD_CONST_SMALL_INT, S, 1)                                                                  \
    X(LOAD_CONST_QSTR, U, 1) /* -> str (an interned string, operand = qstr) */                     \
    X(LOAD_CONST, U, 1)      /* -> consts[U] */                                                    \
    X(LOAD_FAST, U, 1)       /* -> slots[U]; UnboundLocalError if unset */                         \
    X(STORE_FAST, U, -1)                                                                           \
    X(DELETE_FAST, U, 0)                                                                           \
    X(LOAD_DEREF, U, 1) /* -> the value of the cell in slots[U] */                                 \
    X(STORE_DEREF, U, -1)                                                                          \
    X(DELETE_DEREF, U, 0)                                                                          \
    X(LOAD_CLOSURE, U, 1)     /* -> the cell object in slots[U] */                                 \
    X(LOAD_CLASSDEREF, UU, 1) /* slot, qstr: the locals dict, else the cell */                     \
    X(LOAD_NAME, UC, 1)       /* qstr: locals dict, globals, builtins */                           \
    X(STORE_NAME, UC, -1)                                                                          \
    X(DELETE_NAME, U, 0)                                                                           \
    X(LOAD_GLOBAL, UC, 1)                                                                          \
    X(STORE_GLOBAL, UC, -1)                                                                        \
    X(DELETE_GLOBAL, U, 0)                                                                         \
    X(LOAD_ATTR, U, 0)         /* obj -> obj.attr */                                               \
    X(STORE_ATTR, U, -2)       /* value obj -> */                                                  \
    X(DELETE_ATTR, U, -1)      /* obj -> */                                                        \
    X(LOAD_METHOD, U, 1)       /* obj -> fun self|NULL */                                          \
    X(LOAD_SUBSCR, NONE, -1)   /* obj index -> obj[index] */                                       \
    X(STORE_SUBSCR, NONE, -3)  /* value obj index -> */                                            \
    X(DELETE_SUBSCR, NONE, -2) /* obj index -> */                                                  \
    X(LOAD_BUILD_CLASS, NONE, 1)                                                                   \
    X(BINARY_OP, U, -1) /* lhs rhs -> result; U = py_binary_op_t or PY_BC_CMP_* */                 \
    X(UNARY_OP, U, 0)   /* U = py_unary_op_t */                                                    \
    X(UNARY_NOT, NONE, 0)                                                                          \
    X(JUMP, J, 0)                                                                                  \
    X(POP_JUMP_IF_FALSE, J, -1)                                                                    \
    X(POP_JUMP_IF_TRUE, J, -1)                                                                     \
    X(JUMP_IF_FALSE_OR_POP, J, VAR) /* v -> v (jumping) or -> (falling through) */                 \
    X(JUMP_IF_TRUE_OR_POP, J, VAR)                                                                 \
    X(GET_ITER, NONE, 0)         /* obj -> iter (on the heap) */                                   \
    X(GET_ITER_STACK, NONE, VAR) /* obj -> buf[4] iter (iterator may live in buf): +4 */           \
    X(FOR_ITER, J, VAR)          /* iter -> iter next, or jump when exhausted (iter kept) */       \
    X(BUILD_TUPLE, U, VAR)       /* v1..vn -> tuple */                                             \
    X(BUILD_LIST, U, VAR)                                                                          \
    X(BUILD_SET, U, VAR)                                                                           \
    X(BUILD_MAP, U, VAR)    /* k1 v1 .. kn vn -> dict */                                           \
    X(BUILD_SLICE, U, VAR)  /* start stop [step] -> slice (U = 2 or 3) */                          \
    X(BUILD_STRING, U, VAR) /* s1..sn -> s1 + ... + sn */                                          \
    X(LIST_TO_TUPLE, NONE, 0)                                                                      \
    X(LIST_APPEND, U, -1) /* list ... v -> list ...: list is U below the top */                    \
    X(LIST_EXTEND, U, -1) /* list ... iterable -> list ... */                                      \
    X(SET_ADD, U, -1)                                                                              \
    X(SET_UPDATE, U, -1)                                                                           \
    X(MAP_ADD, U, -2)             /* dict ... k v -> dict ... */                                   \
    X(DICT_UPDATE, U, -1)         /* dict ... mapping -> dict ... ({**m}) */                       \
    X(DICT_MERGE, U, -1)          /* as DICT_UPDATE, for f(**m): str keys, no duplicates */        \
    X(UNPACK_SEQUENCE, U, VAR)    /* seq -> vn .. v1 (v1 on top): n - 1 */                         \
    X(UNPACK_EX, UU, VAR)         /* seq -> after.. list before..: before + after */               \
    X(FORMAT_VALUE, U, VAR)       /* v [spec] -> str; U = conversion | PY_BC_FMT_HAS_SPEC */       \
    X(CALL_FUNCTION, UU, VAR)     /* fun a1..an k1 v1..km vm -> result (U = n, m) */               \
    X(CALL_METHOD, UU, VAR)       /* fun self|NULL a1..an k1 v1.. -> result */                     \
    X(CALL_FUNCTION_EX, NONE, -2) /* fun args|NULL kwargs|NULL -> result */                        \
    X(MAKE_FUNCTION, UU, VAR)     /* [defaults] [kwdefaults] [closure] -> fun (child, flg) */      \
    X(RETURN_VALUE, NONE, -1)                                                                      \
    X(YIELD_VALUE, NONE, 0) /* v -> sent value */                                                  \
    X(YIELD_FROM, NONE, -1) /* iter v -> result (suspends while iter yields) */                    \
    X(GET_YIELD_FROM_ITER, NONE, 0)                                                                \
    X(GET_AWAITABLE, NONE, 0)     /* obj -> iterator to drive with YIELD_FROM */                   \
    X(GET_AITER, NONE, 0)         /* obj -> obj.__aiter__() */                                     \
    X(GET_ANEXT, NONE, 1)         /* aiter -> aiter awaitable(aiter.__anext__()) */                \
    X(END_ASYNC_FOR, NONE, -2)    /* aiter exc -> (StopAsyncIteration; else re-raises) */          \
    X(BEFORE_WITH, NONE, 2)       /* mgr -> exit self|NULL mgr.__enter__() */                      \
    X(BEFORE_ASYNC_WITH, NONE, 2) /* mgr -> aexit self|NULL mgr.__aenter__() */                    \
    X(WITH_EXCEPT_START, NONE, 1) /* exit self exc -> exit self exc exit(type, exc, None) */       \
    X(SETUP_FINALLY, J, 0)        /* pushes an exception block */                                  \
    X(POP_BLOCK, NONE, 0)                                                                          \
    X(POP_EXCEPT, NONE, 0)          /* pops an EXCEPT_HANDLER block, restoring cur_exc */          \
    X(RAISE, U, VAR)                /* [exc [cause]] -> (U = 0 re-raises the handled one) */       \
    X(RERAISE, NONE, -1)            /* exc -> (raises it again, no new traceback entry) */         \
    X(JUMP_IF_NOT_EXC_MATCH, J, -1) /* exc type -> exc */                                          \
    X(IMPORT_NAME, U, -1)           /* level fromlist -> module */                                 \
    X(IMPORT_FROM, U, 1)            /* module -> module value */                                   \
    X(IMPORT_STAR, NONE, -1)                                                                       \
    X(PRINT_EXPR, NONE, -1) /* v -> (the REPL prints repr(v) unless None) */

typedef enum {
#define PY_BC_X_ENUM(name, operands, effect) PY_BC_##name,
    PY_BC_OPS(PY_BC_X_ENUM)
#undef PY_BC_X_ENUM
        PY_BC_NUM_OPS,
} py_bc_op_t;

// Operand formats and the "variable" stack effect, for the tables below.
enum { PY_BC_FMT_NONE, PY_BC_FMT_U, PY_BC_FMT_UU, PY_BC_FMT_S, PY_BC_FMT_J, PY_BC_FMT_UC };
#define PY_BC_CACHE_NONE (0xffff)
#define PY_BC_EFFECT_VAR (127)

// BINARY_OP operands beyond py_binary_op_t (same values as ast.h's PY_AST_CMP_*).
enum {
    PY_BC_CMP_IS_NOT = PY_BINARY_OP_NUM,
    PY_BC_CMP_NOT_IN,
};

// FORMAT_VALUE operand: a conversion (0 none, 1 !s, 2 !r, 3 !a) plus this flag.
#define PY_BC_FMT_CONV_MASK (3)
#define PY_BC_FMT_HAS_SPEC  (4)

// MAKE_FUNCTION flags: which optional operands are on the stack.
#define PY_BC_MAKE_DEFAULTS   (1) // a tuple of positional defaults
#define PY_BC_MAKE_KWDEFAULTS (2) // a dict of keyword-only defaults
#define PY_BC_MAKE_CLOSURE    (4) // a tuple of cells

// Words GET_ITER_STACK adds: an iterator buffer and the iterator.
#define PY_BC_ITER_STACK_WORDS (sizeof(py_obj_iter_buf_t) / sizeof(py_obj_t) + 1)

extern const byte py_bc_op_format[PY_BC_NUM_OPS];
extern const signed char py_bc_op_effect[PY_BC_NUM_OPS];
extern const char *const py_bc_op_name[PY_BC_NUM_OPS];

// Varint helpers shared by the compiler, the VM and the disassembler.
static inline size_t py_bc_read_uint(const byte **ip) {
    size_t v = 0;
    unsigned shift = 0;
    byte b;
    do {
        b = *(*ip)++;
        v |= (size_t)(b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    return v;
}
static inline intptr_t py_bc_read_sint(const byte **ip) {
    size_t z = py_bc_read_uint(ip);
    return (intptr_t)(z >> 1) ^ -(intptr_t)(z & 1);
}
static inline int py_bc_read_jump(const byte **ip) {
    int off = (int16_t)((*ip)[0] | ((*ip)[1] << 8));
    *ip += 2;
    return off;
}

// ---- Raw code ----------------------------------------------------------------------------------

enum {
    PY_CODE_FLAG_GENERATOR = 0x0001,
    PY_CODE_FLAG_COROUTINE = 0x0002,
    PY_CODE_FLAG_VARARGS = 0x0004,
    PY_CODE_FLAG_VARKEYWORDS = 0x0008,
    PY_CODE_FLAG_NAME_LOCALS = 0x0010, // module and class code: NAME ops use a locals dict
    PY_CODE_FLAG_CLASS_BODY = 0x0020,
};

typedef struct py_raw_code {
    const byte *code;
    size_t code_len;
    // Line table: pairs (U bytecode offset delta, S line delta), starting from (0, first_line).
    const byte *lines;
    size_t lines_len;
    py_obj_t *consts;
    struct py_raw_code **children;
    qstr *slot_names; // names of the n_locals + n_free slots (parameters first)
    uint16_t *cells;  // slot numbers that hold cells
    py_obj_t doc;     // the docstring, or PY_OBJ_NULL
    qstr name;
    qstr qualname;
    qstr source_file;
    uint32_t first_line;
    uint16_t n_consts;
    uint16_t n_children;
    uint16_t n_posonly;
    uint16_t n_pos;
    uint16_t n_kwonly;
    uint16_t n_locals; // slots for locals (parameters first)
    uint16_t n_cells;
    uint16_t n_free; // closure cells, in slots n_locals .. n_locals + n_free - 1
    uint16_t max_stack;
    uint16_t max_blocks;
    uint16_t flags;
    size_t frame_words; // py_frame_words() of this code, computed once
} py_raw_code_t;

// The source line of the instruction at byte [offset] of [rc]'s bytecode.
size_t py_raw_code_line(const py_raw_code_t *rc, size_t offset);

// ---- Frames ------------------------------------------------------------------------------------

enum {
    PY_EXC_BLOCK_FINALLY,        // SETUP_FINALLY: a handler to jump to
    PY_EXC_BLOCK_EXCEPT_HANDLER, // inside a handler: restore cur_exc when leaving it
};

typedef struct py_exc_block {
    const byte *handler;
    py_obj_t prev_exc; // EXCEPT_HANDLER: the exception handled before this one (or NULL)
    uint16_t depth;    // value-stack depth to cut back to
    uint16_t kind;
} py_exc_block_t;

typedef struct py_frame {
    const py_raw_code_t *rc;
    const byte *ip;  // the instruction running (for tracebacks) or where to resume
    py_obj_t *sp;    // when suspended: one past the top of the value stack
    py_obj_t *stack; // the value stack
    py_exc_block_t *blocks;
    py_obj_dict_t *globals;
    py_obj_dict_t *locals_dict;   // NAME_LOCALS code: the namespace of LOAD_NAME and friends
    py_obj_dict_t *saved_globals; // the caller's, while running
    py_obj_dict_t *saved_locals;
    py_obj_t gen;                 // the generator or coroutine owning a heap frame, else NULL
    struct py_frame *saved_frame; // py_state.vm_frame of the caller, while running
    uint16_t n_blocks;
    bool reraise;     // the exception being unwound is re-raised: no new traceback entry
    py_obj_t slots[]; // n_locals + n_free, then max_stack, then max_blocks blocks
} py_frame_t;

#define PY_BC_BLOCK_WORDS ((sizeof(py_exc_block_t) + sizeof(py_obj_t) - 1) / sizeof(py_obj_t))

// Words of storage a frame of [rc] needs (header included); rc->frame_words caches it.
size_t py_frame_words(const py_raw_code_t *rc);

// Prepares [f] to run [rc] from the start with [globals]: empty stacks, but the slots are left
// as they are (the caller fills them).
static inline void py_frame_init_header(py_frame_t *f, const py_raw_code_t *rc,
                                        py_obj_dict_t *globals) {
    f->rc = rc;
    f->ip = rc->code;
    f->stack = f->slots + rc->n_locals + rc->n_free;
    f->sp = f->stack;
    f->blocks = (py_exc_block_t *)(f->stack + rc->max_stack);
    f->globals = globals;
    f->locals_dict = NULL;
    f->gen = PY_OBJ_NULL;
    f->n_blocks = 0;
    f->reraise = false;
}

// py_frame_init_header, with every slot unset.
void py_frame_init(py_frame_t *f, const py_raw_code_t *rc, py_obj_dict_t *globals);

typedef enum {
    PY_VM_RETURN, // the code returned [*result]
    PY_VM_YIELD,  // the code yielded [*result] and can be resumed
} py_vm_kind_t;

// Runs [f] from f->ip until it returns or yields. With [throw_exc], raises it at the resume
// point first (delegating to a sub-iterator when suspended in YIELD_FROM). Exceptions that no
// block handles propagate (after a traceback entry for this frame is added); a generator's
// frame then also tells its generator (py_gen_frame_raised).
py_vm_kind_t py_vm_execute(py_frame_t *f, py_obj_t throw_exc, py_obj_t *result);

// ---- Functions (objfunbc.c) ---------------------------------------------------------------------

typedef struct py_obj_fun_bc {
    py_obj_base_t base;
    const py_raw_code_t *rc;
    py_obj_dict_t *globals;
    py_obj_t defaults;   // tuple or PY_OBJ_NULL
    py_obj_t kwdefaults; // dict or PY_OBJ_NULL
    py_obj_t closure;    // tuple of cells or PY_OBJ_NULL
    py_obj_dict_t *dict; // function attributes, made on first store
} py_obj_fun_bc_t;

py_obj_t py_obj_new_fun_bc(const py_raw_code_t *rc, py_obj_dict_t *globals, py_obj_t defaults,
                           py_obj_t kwdefaults, py_obj_t closure);
// Calls bytecode function [fun] with the py_call_function_n_kw argument layout.
py_obj_t py_fun_bc_call(py_obj_t fun, size_t n_args, size_t n_kw, const py_obj_t *args);
// Fills [f]'s parameter slots from the arguments, makes the cells and copies in the closure.
// The slots must be unset (PY_OBJ_NULL) on entry.
void py_fun_bc_setup_frame(py_frame_t *f, const py_obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                           const py_obj_t *args);

// ---- Generators and coroutines (objgen.c) ------------------------------------------------------

// A generator or coroutine for calling [fun] (whose code has GENERATOR or COROUTINE set).
py_obj_t py_obj_new_gen(const py_obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                        const py_obj_t *args);
// Resumes [gen] with [send] (or raises [throw] in it when not NULL). Returns PY_VM_YIELD with
// the yielded value or PY_VM_RETURN with the returned value in [*out]; may raise.
py_vm_kind_t py_gen_resume(py_obj_t gen, py_obj_t send, py_obj_t throw, py_obj_t *out);
// Called by the VM when an exception leaves a generator's frame: marks [gen] finished, restores
// the caller's handled exception and turns StopIteration into RuntimeError. Returns what to raise.
py_obj_t py_gen_frame_raised(py_obj_t gen, py_obj_t exc);
// The exception that throw(type[, value]) means, from [args] = (self, type[, value[, tb]]).
py_obj_t py_gen_throw_arg(size_t n_args, const py_obj_t *args);
// Is [gen] suspended in an `await` (YIELD_FROM) rather than at a `yield`?
bool py_gen_is_awaiting(py_obj_t gen);
// Has [gen] started and not finished?
bool py_gen_is_active(py_obj_t gen);
void py_gen_finish(py_obj_t gen);
// One step of `yield from`/`await` on any iterator [iter]: sends [send] (or throws [throw]).
py_vm_kind_t py_gen_send_to(py_obj_t iter, py_obj_t send, py_obj_t throw, py_obj_t *out);
// `await obj`: the iterator to drive (a coroutine itself, or obj.__await__()).
py_obj_t py_gen_get_awaitable(py_obj_t obj);

// ---- Async generators (objasyncgen.c) -----------------------------------------------------------

// The awaitable that __anext__(), asend(), athrow() and aclose() return.
extern const py_obj_type_t py_type_async_gen_op;
// One step of awaiting [op]: PY_VM_YIELD passes a value out to whoever drives the coroutine;
// PY_VM_RETURN means the operation completed with [*out] (may raise StopAsyncIteration).
py_vm_kind_t py_async_gen_op_step(py_obj_t op, py_obj_t send, py_obj_t throw, py_obj_t *out);

// ---- Compiler entry (compile.c) and disassembler (showbc.c) -------------------------------------

// Prints [rc] and its children's bytecode to [print], one instruction per line.
void py_bc_show(const py_print_t *print, const py_raw_code_t *rc);
// The raw code of a function made by py_compile (for the disassembler), or NULL.
const py_raw_code_t *py_fun_bc_get_raw_code(py_obj_t fun);

#endif
