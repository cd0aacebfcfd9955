// SPDX-License-Identifier: MIT
// re_exec.c: the backtracking matcher that runs programs from re_compile.c.
//
// State is the program counter, the subject position, the capture slots and the loop progress
// registers. A SPLIT pushes its second choice on an explicit stack; capture and register writes
// push their old value, so failing pops back to the last choice with the state it had then.

#include <string.h>

#include "gc.h"
#include "objstr.h"
#include "re_private.h"

typedef enum {
    BT_BRANCH,   // resume at [a] = pc, [b] = position
    BT_CAPTURE,  // caps[a] = b
    BT_REGISTER, // regs[a] = b
    BT_GREEDY,   // REPEAT1 at pc [a] matched up to [c]; it may give back characters down to [b]
    BT_LAZY,     // REPEAT1 at pc [a] stopped at [b] after [c] repetitions; it may take more
} bt_kind_t;

typedef struct bt_entry {
    uintptr_t kind;
    uintptr_t a;
    intptr_t b;
    intptr_t c;
} bt_entry_t;

typedef struct re_vm {
    const py_re_prog_t *prog;
    const byte *data;
    size_t end;
    intptr_t *caps;
    intptr_t *regs;
    bt_entry_t *stack; // GC heap, no pointers
    size_t sp;
    size_t stack_alloc;
    size_t steps;
} re_vm_t;

bool py_re_named_class(unsigned kind, uint32_t c, bool is_text) {
    bool r;
    switch (kind & ~1u) {
        case RE_CLASS_DIGIT:
            r = (c >= '0' && c <= '9') || (is_text && c >= 0x80 && py_unichar_isdecimal(c));
            break;
        case RE_CLASS_WORD:
            r = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' ||
                (is_text && c >= 0x80 && (py_unichar_isalpha(c) || py_unichar_isnumeric(c)));
            break;
        default: // RE_CLASS_SPACE
            r = c == ' ' || (c >= '\t' && c <= '\r') || (is_text && (c >= 0x1c && c <= 0x1f)) ||
                (is_text && c >= 0x80 && py_unichar_isspace(c));
            break;
    }
    return (kind & 1) ? !r : r; // the odd kinds are the negated classes
}

uint32_t py_re_fold(uint32_t c, bool is_text) {
    if (c < 0x80 || !is_text) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    return py_unichar_tolower(c);
}

static bool is_word_char(const re_vm_t *vm, uint32_t c) {
    return py_re_named_class(RE_CLASS_WORD, c, vm->prog->is_text);
}

// The code point at [pos] (< end) and its length in bytes.
static uint32_t char_at(const re_vm_t *vm, size_t pos, size_t *len) {
    byte b = vm->data[pos];
    if (!vm->prog->is_text || b < 0x80) {
        *len = 1;
        return b;
    }
    *len = py_utf8_seq_len(b);
    if (*len > vm->end - pos) {
        *len = vm->end - pos;
    }
    return py_utf8_get_char(vm->data + pos, vm->data + vm->end);
}

// The code point before [pos] (> 0).
static uint32_t char_before(const re_vm_t *vm, size_t pos) {
    size_t start = vm->prog->is_text ? py_utf8_prev(vm->data, pos) : pos - 1;
    size_t len;
    return char_at(vm, start, &len);
}

static bool class_has(const uint32_t *cls, uint32_t c, bool is_text) {
    uint32_t n = cls[2];
    const uint32_t *pairs = cls + 3;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t lo = pairs[2 * i], hi = pairs[2 * i + 1];
        if (lo >= RE_CLASS_NAMED ? py_re_named_class(lo - RE_CLASS_NAMED, c, is_text)
                                 : (c >= lo && c <= hi)) {
            return true;
        }
    }
    return false;
}

static bool class_match(const re_vm_t *vm, const uint32_t *cls, uint32_t c) {
    bool is_text = vm->prog->is_text;
    bool in = class_has(cls, c, is_text);
    if (!in && (vm->prog->flags & PY_RE_IGNORECASE)) {
        uint32_t lower = py_re_fold(c, is_text);
        uint32_t upper =
            c < 0x80 || !is_text ? (c >= 'a' && c <= 'z' ? c - 32 : c) : py_unichar_toupper(c);
        in = class_has(cls, lower, is_text) || class_has(cls, upper, is_text);
    }
    return in != (cls[1] != 0);
}

static void push3(re_vm_t *vm, bt_kind_t kind, uintptr_t a, intptr_t b, intptr_t c) {
    if (vm->sp == vm->stack_alloc) {
        if (vm->stack_alloc >= PY_RE_MAX_BACKTRACK) {
            py_raise_msg(&py_type_RuntimeError, "maximum recursion depth exceeded in regex");
        }
        size_t alloc = vm->stack_alloc ? vm->stack_alloc * 2 : 32;
        bt_entry_t *grown = py_malloc_noscan(alloc * sizeof(bt_entry_t));
        if (vm->sp > 0) {
            memcpy(grown, vm->stack, vm->sp * sizeof(bt_entry_t));
        }
        py_free(vm->stack);
        vm->stack = grown;
        vm->stack_alloc = alloc;
    }
    vm->stack[vm->sp++] = (bt_entry_t){kind, a, b, c};
}

static void push(re_vm_t *vm, bt_kind_t kind, uintptr_t a, intptr_t b) {
    push3(vm, kind, a, b, 0);
}

static void count_steps(re_vm_t *vm, size_t n) {
    vm->steps += n;
    if (vm->steps > PY_RE_MAX_STEPS) {
        py_raise_msg(&py_type_RuntimeError, "regex too complex: step limit exceeded");
    }
}

// Matches the single-character instruction [ins] (CHAR, ANY, ANYNL, CLASS) at [*pos],
// advancing it on success.
static bool match_one(const re_vm_t *vm, const uint32_t *ins, size_t *pos) {
    if (*pos >= vm->end) {
        return false;
    }
    size_t len;
    uint32_t c = char_at(vm, *pos, &len);
    switch (ins[0]) {
        case RE_OP_CHAR:
            if (vm->prog->flags & PY_RE_IGNORECASE) {
                c = py_re_fold(c, vm->prog->is_text);
            }
            if (c != ins[1]) {
                return false;
            }
            break;
        case RE_OP_ANY:
            if (c == '\n') {
                return false;
            }
            break;
        case RE_OP_ANYNL:
            break;
        default:
            if (!class_match(vm, ins, c)) {
                return false;
            }
            break;
    }
    *pos += len;
    return true;
}

// RE_OP_REPEAT1 at [pc]: the mandatory repetitions, then as many more as possible (greedy) or
// none yet (lazy), leaving a choice point to revisit. Returns false if the minimum fails.
static bool repeat1_start(re_vm_t *vm, size_t pc, size_t *pos) {
    const uint32_t *ins = vm->prog->code + pc;
    const uint32_t *atom = ins + 5;
    size_t p = *pos, count = 0;
    while (count < ins[2]) {
        if (!match_one(vm, atom, &p)) {
            return false;
        }
        count++;
    }
    size_t at_min = p;
    if (ins[1]) {
        if (count < ins[3]) {
            push3(vm, BT_LAZY, pc, (intptr_t)p, (intptr_t)count);
        }
    } else {
        while (count < ins[3] && match_one(vm, atom, &p)) {
            count++;
        }
        if (p != at_min) {
            push3(vm, BT_GREEDY, pc, (intptr_t)at_min, (intptr_t)p);
        }
    }
    count_steps(vm, count);
    *pos = p;
    return true;
}

// Revisits a REPEAT1 choice point [e]: one character fewer (greedy) or one more (lazy). Returns
// false when it has no alternative left; else sets [*pos] and keeps a choice point if needed.
static bool repeat1_retry(re_vm_t *vm, const bt_entry_t *e, size_t *pos) {
    const uint32_t *ins = vm->prog->code + e->a;
    if (e->kind == BT_GREEDY) {
        size_t cur = (size_t)e->c;
        size_t prev = vm->prog->is_text ? py_utf8_prev(vm->data, cur) : cur - 1;
        if (prev > (size_t)e->b) {
            push3(vm, BT_GREEDY, e->a, e->b, (intptr_t)prev);
        }
        *pos = prev;
        return true;
    }
    size_t p = (size_t)e->b;
    if (!match_one(vm, ins + 5, &p)) {
        return false;
    }
    size_t count = (size_t)e->c + 1;
    if (count < ins[3]) {
        push3(vm, BT_LAZY, e->a, (intptr_t)p, (intptr_t)count);
    }
    count_steps(vm, 1);
    *pos = p;
    return true;
}

// Does the text of group [g] occur again at [*pos]? Advances [*pos] past it if so.
static bool backref_match(const re_vm_t *vm, uint32_t g, size_t *pos) {
    intptr_t s = vm->caps[2 * g], e = vm->caps[2 * g + 1];
    if (s < 0 || e < 0) {
        return false;
    }
    size_t n = (size_t)(e - s);
    if (n > vm->end - *pos) {
        return false;
    }
    if (!(vm->prog->flags & PY_RE_IGNORECASE)) {
        if (memcmp(vm->data + s, vm->data + *pos, n) != 0) {
            return false;
        }
        *pos += n;
        return true;
    }
    size_t i = (size_t)s, j = *pos;
    while (i < (size_t)e) {
        size_t li, lj;
        if (j >= vm->end) {
            return false;
        }
        uint32_t a = char_at(vm, i, &li), b = char_at(vm, j, &lj);
        if (py_re_fold(a, vm->prog->is_text) != py_re_fold(b, vm->prog->is_text)) {
            return false;
        }
        i += li;
        j += lj;
    }
    *pos = j;
    return true;
}

// One zero-width assertion at [pos].
static bool assertion_holds(const re_vm_t *vm, uint32_t op, size_t pos) {
    bool multiline = (vm->prog->flags & PY_RE_MULTILINE) != 0;
    switch (op) {
        case RE_OP_BOL:
            return pos == 0 || (multiline && vm->data[pos - 1] == '\n');
        case RE_OP_EOL:
            return pos == vm->end || (vm->data[pos] == '\n' && (multiline || pos + 1 == vm->end));
        case RE_OP_BOS:
            return pos == 0;
        case RE_OP_EOS:
            return pos == vm->end;
        default: {
            bool before = pos > 0 && is_word_char(vm, char_before(vm, pos));
            size_t len;
            bool after = pos < vm->end && is_word_char(vm, char_at(vm, pos, &len));
            return (before != after) == (op == RE_OP_WORDB);
        }
    }
}

// Runs the program from [start]; true on a match, with vm->caps filled.
static bool run(re_vm_t *vm, size_t start, unsigned mode) {
    const uint32_t *code = vm->prog->code;
    size_t pc = 0, pos = start;
    vm->sp = 0;
    for (;;) {
        count_steps(vm, 1);
        const uint32_t *ins = code + pc;
        switch (ins[0]) {
            case RE_OP_CHAR:
            case RE_OP_ANY:
            case RE_OP_ANYNL:
            case RE_OP_CLASS:
                if (!match_one(vm, ins, &pos)) {
                    goto fail;
                }
                pc += ins[0] == RE_OP_CHAR ? 2 : ins[0] == RE_OP_CLASS ? 3 + 2 * ins[2] : 1;
                continue;
            case RE_OP_REPEAT1:
                if (!repeat1_start(vm, pc, &pos)) {
                    goto fail;
                }
                pc += 5 + ins[4];
                continue;
            case RE_OP_SPLIT:
                push(vm, BT_BRANCH, pc + (size_t)(intptr_t)(int32_t)ins[2], (intptr_t)pos);
                pc += (size_t)(intptr_t)(int32_t)ins[1];
                continue;
            case RE_OP_JMP:
                pc += (size_t)(intptr_t)(int32_t)ins[1];
                continue;
            case RE_OP_SAVE:
                push(vm, BT_CAPTURE, ins[1], vm->caps[ins[1]]);
                vm->caps[ins[1]] = (intptr_t)pos;
                pc += 2;
                continue;
            case RE_OP_MARK:
                push(vm, BT_REGISTER, ins[1], vm->regs[ins[1]]);
                vm->regs[ins[1]] = (intptr_t)pos;
                pc += 2;
                continue;
            case RE_OP_CHECK:
                if (vm->regs[ins[1]] == (intptr_t)pos) {
                    pc += (size_t)(intptr_t)(int32_t)ins[2];
                } else {
                    pc += 3;
                }
                continue;
            case RE_OP_BACKREF:
                if (!backref_match(vm, ins[1], &pos)) {
                    goto fail;
                }
                pc += 2;
                continue;
            case RE_OP_MATCH:
                if ((mode & PY_RE_FULL) && pos != vm->end) {
                    goto fail;
                }
                if ((mode & PY_RE_NOT_EMPTY_AT) && pos == start) {
                    goto fail;
                }
                return true;
            default:
                if (!assertion_holds(vm, ins[0], pos)) {
                    goto fail;
                }
                pc += 1;
                continue;
        }
    fail:
        for (;;) {
            if (vm->sp == 0) {
                return false;
            }
            bt_entry_t e = vm->stack[--vm->sp];
            if (e.kind == BT_BRANCH) {
                pc = e.a;
                pos = (size_t)e.b;
                break;
            }
            if (e.kind == BT_GREEDY || e.kind == BT_LAZY) {
                if (repeat1_retry(vm, &e, &pos)) {
                    pc = e.a + 5 + code[e.a + 4];
                    break;
                }
                continue;
            }
            (e.kind == BT_CAPTURE ? vm->caps : vm->regs)[e.a] = e.b;
        }
    }
}

bool py_re_exec(const py_re_prog_t *prog, const py_re_subject_t *subject, size_t start,
                unsigned mode, intptr_t *caps) {
    re_vm_t vm = {prog, subject->data, subject->end, caps, NULL, NULL, 0, 0, 0};
    if (prog->n_loops > 0) {
        vm.regs = py_malloc_noscan(prog->n_loops * sizeof(intptr_t));
    }
    bool found = false;
    for (size_t pos = start; pos <= subject->end;) {
        for (size_t i = 0; i < 2 * prog->n_groups; i++) {
            caps[i] = -1;
        }
        for (size_t i = 0; i < prog->n_loops; i++) {
            vm.regs[i] = -1;
        }
        if (run(&vm, pos, pos == start ? mode : mode & ~(unsigned)PY_RE_NOT_EMPTY_AT)) {
            found = true;
            break;
        }
        if ((mode & PY_RE_ANCHORED) || pos == subject->end) {
            break;
        }
        size_t len = 1;
        if (prog->is_text) {
            char_at(&vm, pos, &len);
        }
        pos += len;
    }
    py_free(vm.stack);
    py_free(vm.regs);
    return found;
}
