// SPDX-License-Identifier: MIT
// re_private.h: the instruction set shared by the regular expression compiler (re_compile.c) and
// matcher (re_exec.c).
//
// A program is an array of 32-bit words. Each instruction is an opcode word and its operands;
// jump operands are signed offsets from the start of the instruction, so a compiled piece can be
// moved or copied without patching (quantifiers do both).

#ifndef PY_RE_PRIVATE_H
#define PY_RE_PRIVATE_H

#include "re_engine.h"

enum {
    RE_OP_CHAR,    // c: one code point (case-folded when compiled with IGNORECASE)
    RE_OP_ANY,     // any code point but '\n'
    RE_OP_ANYNL,   // any code point (DOTALL)
    RE_OP_CLASS,   // negate, n, then n (lo, hi) pairs: a set; lo >= RE_CLASS_NAMED is \d \w...
    RE_OP_SPLIT,   // off1, off2: try off1, and off2 if that fails
    RE_OP_JMP,     // off
    RE_OP_SAVE,    // slot: caps[slot] = position
    RE_OP_BOL,     // ^
    RE_OP_EOL,     // $
    RE_OP_BOS,     // \A
    RE_OP_EOS,     // \Z
    RE_OP_WORDB,   // \b
    RE_OP_NWORDB,  // \B
    RE_OP_BACKREF, // group: the text group matched, again
    RE_OP_MARK,    // reg: remembers the position where a loop iteration starts
    RE_OP_CHECK,   // reg, off: an iteration that matched nothing ends the loop: go to off
    RE_OP_REPEAT1, // lazy, min, max, n, then an n-word CHAR/ANY/ANYNL/CLASS repeated min..max times
    RE_OP_MATCH,
};

// RE_OP_REPEAT1's max when there is none. A repeated single-character matcher needs one choice
// point for the whole run (the matcher gives back one character at a time), not one per character.
#define RE_REPEAT_INF (0xffffffffu)

// Named classes inside RE_OP_CLASS: lo = RE_CLASS_NAMED + one of these, hi unused.
#define RE_CLASS_NAMED (0x200000u)
enum {
    RE_CLASS_DIGIT,
    RE_CLASS_NOT_DIGIT,
    RE_CLASS_WORD,
    RE_CLASS_NOT_WORD,
    RE_CLASS_SPACE,
    RE_CLASS_NOT_SPACE,
};

// Is [c] in named class [kind]? [is_text]: Unicode rules, else ASCII.
bool py_re_named_class(unsigned kind, uint32_t c, bool is_text);
// Case folding used by IGNORECASE.
uint32_t py_re_fold(uint32_t c, bool is_text);

#endif
