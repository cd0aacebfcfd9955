// SPDX-License-Identifier: MIT
// re_engine.h: the regular expression engine behind the re module: a compiler from pattern text
// to a small program, and a backtracking matcher that runs it.
//
// The matcher keeps its choice points on an explicit stack on the GC heap, never on the C stack,
// and counts its steps: a pattern that backtracks catastrophically raises RuntimeError once it
// passes PY_RE_MAX_STEPS steps or PY_RE_MAX_BACKTRACK saved choice points.

#ifndef PY_RE_ENGINE_H
#define PY_RE_ENGINE_H

#include "runtime.h"

// Steps one search or match call may take before it raises RuntimeError.
#ifndef PY_RE_MAX_STEPS
#define PY_RE_MAX_STEPS (8 * 1024 * 1024)
#endif
// Choice points (saved alternatives) a match may hold at once before it raises RuntimeError.
#ifndef PY_RE_MAX_BACKTRACK
#define PY_RE_MAX_BACKTRACK (256 * 1024)
#endif
// Words of compiled program a pattern may need (repeat counts multiply its size).
#define PY_RE_MAX_PROGRAM (16 * 1024)
// Largest count in {m,n}.
#define PY_RE_MAX_REPEAT (1000)
// Deepest nesting of groups.
#define PY_RE_MAX_NESTING (64)
// Most groups a pattern may have (group 0, the whole match, not counted).
#define PY_RE_MAX_GROUPS (99)

// Flags (the values CPython's re module uses).
enum {
    PY_RE_IGNORECASE = 2,
    PY_RE_MULTILINE = 8,
    PY_RE_DOTALL = 16,
};

typedef struct py_re_prog {
    uint32_t *code;  // GC heap, no pointers
    size_t len;      // words in [code]
    size_t n_groups; // capturing groups, counting group 0
    size_t n_loops;  // progress registers the matcher needs
    unsigned flags;
    bool is_text;        // the pattern (and subjects) are str: match code points, not bytes
    py_obj_t groupindex; // dict of group name -> number, or PY_OBJ_NULL without named groups
} py_re_prog_t;

// Compiles [len] bytes of pattern at [pat] into [prog]. Raises ValueError (the re module's
// error) for a malformed pattern, naming what is wrong.
void py_re_compile(py_re_prog_t *prog, const byte *pat, size_t len, bool is_text, unsigned flags);

// What a match runs over: [data, data + end) is the subject as far as the match may look
// ($ and \Z match at [end]).
typedef struct py_re_subject {
    const byte *data;
    size_t end;
} py_re_subject_t;

enum {
    PY_RE_ANCHORED = 1,     // only at [start] (match, fullmatch), else searching forward
    PY_RE_FULL = 2,         // the match must end at the subject's end (fullmatch)
    PY_RE_NOT_EMPTY_AT = 4, // an empty match at [start] does not count (after an empty match)
};

// Looks for a match of [prog] starting at byte offset [start] (and later ones unless
// PY_RE_ANCHORED). On success fills [caps] (2 * prog->n_groups byte offsets, -1 for groups that
// did not take part) and returns true.
bool py_re_exec(const py_re_prog_t *prog, const py_re_subject_t *subject, size_t start,
                unsigned mode, intptr_t *caps);

#endif
