// SPDX-License-Identifier: MIT
// objcontainer.h: internals shared by the container types (tuple, list, dict, set, range, slice)
// and the iterator builtins. Nothing outside those files should need this header.

#ifndef PY_OBJCONTAINER_H
#define PY_OBJCONTAINER_H

#include "map.h"
#include "obj.h"

// ---- Printing containers that may contain themselves (objtuple.c) ------------------------------

// Prints the items of a container: the body between the brackets.
typedef void (*py_print_body_fun_t)(const py_print_t *print, py_obj_t self);

// Calls [body] to print [self] unless [self] is already being printed by an enclosing call, in
// which case it prints [recursed] instead (so `l.append(l)` prints `[1, [...]]`).
void py_print_guarded(const py_print_t *print, py_obj_t self, const char *recursed,
                      py_print_body_fun_t body);

// Prints the repr of each of [len] [items] separated by ", ".
void py_print_items(const py_print_t *print, const py_obj_t *items, size_t len);

// ---- Sequence helpers for tuple and list (objtuple.c) -------------------------------------------

// The functions below take a tuple or list [seq] and re-read its items after every comparison,
// because Python code run by __eq__ may resize a list.

// Compares sequences [a] and [b] (both tuples or both lists) lexicographically for comparison
// operator [op] (LESS .. NOT_EQUAL) and returns the result.
bool py_seq_compare(py_binary_op_t op, py_obj_t a, py_obj_t b);
// Does [seq] contain an item equal to [value]?
bool py_seq_contains(py_obj_t seq, py_obj_t value);
// seq.count(value).
size_t py_seq_count(py_obj_t seq, py_obj_t value);
// seq.index(value[, start[, end]]): [args] are the method's arguments after self ([n_args] of
// them, 1 to 3). Raises ValueError when absent.
size_t py_seq_index(py_obj_t seq, size_t n_args, const py_obj_t *args);
// The number of copies for `seq * [count]` where seq has [len] items: negative counts give 0.
// Returns false if [count] is not an int (the operation is then unsupported); raises
// MemoryError (OverflowError for huge counts) if the result could not be allocated.
bool py_seq_repeat_count(py_obj_t count, size_t len, size_t *copies);
// Fills [dest] with [copies] copies of [len] [items].
void py_seq_repeat_fill(py_obj_t *dest, const py_obj_t *items, size_t len, size_t copies);

// A slice resolved against a sequence: [count] items at start, start + step, ...
typedef struct py_seq_slice {
    intptr_t start;
    intptr_t step;
    size_t count;
} py_seq_slice_t;
// Resolves [slice] against a sequence of [len] items.
void py_seq_slice_resolve(py_obj_t slice, size_t len, py_seq_slice_t *out);
// Copies the items [sl] selects from [items] to [dest] (sl->count of them).
void py_seq_slice_copy(py_obj_t *dest, const py_obj_t *items, const py_seq_slice_t *sl);

// ---- Iterators over items arrays (objtuple.c, objlist.c) ---------------------------------------

// The iterator of a tuple; [iter_buf] may be NULL.
py_obj_t py_tuple_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf);

// ---- list (objlist.c) ---------------------------------------------------------------------------

// list.sort([key], [reverse]) on [self].
void py_list_sort(py_obj_t self, py_obj_t key, bool reverse);
// Makes room for at least [n] items in total.
void py_list_reserve(py_obj_list_t *self, size_t n);

// ---- set and frozenset (objset.c) ---------------------------------------------------------------

// set or frozenset (not a subclass instance)?
bool py_obj_is_set_like(py_const_obj_t o);
// A new set of [type] (set or frozenset) holding the items of [iterable] (PY_OBJ_NULL: empty),
// built as CPython's set(iterable) builds it.
py_obj_t py_set_new(const py_obj_type_t *type, py_obj_t iterable);
// The in-place updates behind |=, -=, ^= and the methods: [self] is a set, [other] any iterable.
void py_set_update(py_obj_t self, py_obj_t other);
void py_set_difference_update(py_obj_t self, py_obj_t other);
void py_set_symmetric_difference_update(py_obj_t self, py_obj_t other);
// self & other as a new set of self's kind; [other] may be any iterable.
py_obj_t py_set_intersection(py_obj_t self, py_obj_t other);
// Is [key] a member of set [self]? Raises TypeError for unhashable keys.
bool py_set_contains(py_obj_t self, py_obj_t key);

// ---- dict (objdict.c) ---------------------------------------------------------------------------

// dict, dict subclass, or a dict view?
bool py_obj_is_dict_like(py_const_obj_t o);
// reversed() of a dict or a dict view.
py_obj_t py_dict_reversed(py_obj_t self);
// dict.update(arg): [arg] is a mapping (anything with keys()) or an iterable of pairs.
void py_dict_update_from(py_obj_t self, py_obj_t arg);

// ---- range (objrange.c) -------------------------------------------------------------------------

// reversed() of a range.
py_obj_t py_range_reversed(py_obj_t self);

// ---- slice (objslice.c) -------------------------------------------------------------------------

typedef struct py_obj_slice {
    py_obj_base_t base;
    py_obj_t start;
    py_obj_t stop;
    py_obj_t step;
} py_obj_slice_t;

// An index value for slicing: ints (clamped to +-INTPTR_MAX when huge), or objects with
// __index__; raises TypeError for anything else.
intptr_t py_slice_index_value(py_obj_t o);

// ---- Shared small pieces ------------------------------------------------------------------------

// A getiter slot for iterators: returns [self].
py_obj_t py_getiter_self(py_obj_t self, py_obj_iter_buf_t *iter_buf);
// Is [o] an instance of a class made by `class` (whose special methods are looked up by name)?
bool py_obj_is_heap_instance(py_const_obj_t o);

#endif
