// SPDX-License-Identifier: MIT
// re_compile.c: compiles regular expression text into a program for re_exec.c.
//
// Syntax: literals and escapes, . [] [^] with ranges, * + ? {m} {m,} {m,n} {,n} and their lazy
// forms, ^ $ \A \Z \b \B, | ( ) (?: ) (?P<name> ) (?P=name) \1..\99, \d \D \w \W \s \S.
// Look-around and inline flags are rejected with an error rather than misread.
//
// The parser is recursive descent. Each piece is emitted as it is parsed; a quantifier then wraps
// (or copies) the code of the atom before it, which relative jump offsets make safe.

#include <string.h>

#include "gc.h"
#include "objstr.h"
#include "re_private.h"

typedef struct re_parser {
    const byte *pos;
    const byte *end;
    py_re_prog_t *prog;
    size_t alloc; // words available at prog->code
    size_t depth; // group nesting
} re_parser_t;

static PY_NORETURN void re_error(const char *msg) {
    py_raise_msg_varg(&py_type_ValueError, "%s", msg);
}

// ---- Emitting code ------------------------------------------------------------------------------

static void reserve(re_parser_t *p, size_t n) {
    py_re_prog_t *prog = p->prog;
    if (n > PY_RE_MAX_PROGRAM - prog->len) {
        re_error("pattern too large");
    }
    if (prog->len + n <= p->alloc) {
        return;
    }
    size_t alloc = p->alloc * 2 > prog->len + n ? p->alloc * 2 : prog->len + n;
    uint32_t *code = py_malloc_noscan(alloc * sizeof(uint32_t));
    if (prog->len > 0) {
        memcpy(code, prog->code, prog->len * sizeof(uint32_t));
    }
    py_free(prog->code);
    prog->code = code;
    p->alloc = alloc;
}

static void emit(re_parser_t *p, uint32_t w) {
    reserve(p, 1);
    p->prog->code[p->prog->len++] = w;
}

static void emit2(re_parser_t *p, uint32_t op, uint32_t arg) {
    emit(p, op);
    emit(p, arg);
}

// Makes room for [n] words at [at], moving what follows.
static void insert_gap(re_parser_t *p, size_t at, size_t n) {
    reserve(p, n);
    uint32_t *code = p->prog->code;
    memmove(code + at + n, code + at, (p->prog->len - at) * sizeof(uint32_t));
    p->prog->len += n;
}

static uint32_t rel(size_t from, size_t to) {
    return (uint32_t)(int32_t)((intptr_t)to - (intptr_t)from);
}

// ---- Reading the pattern ------------------------------------------------------------------------

static bool at_end(const re_parser_t *p) {
    return p->pos >= p->end;
}

static uint32_t peek(const re_parser_t *p) {
    return *p->pos;
}

static bool accept(re_parser_t *p, byte c) {
    if (!at_end(p) && *p->pos == c) {
        p->pos++;
        return true;
    }
    return false;
}

// The next code point of the pattern (a byte for bytes patterns).
static uint32_t next_char(re_parser_t *p) {
    if (!p->prog->is_text || *p->pos < 0x80) {
        return *p->pos++;
    }
    uint32_t c = py_utf8_get_char(p->pos, p->end);
    p->pos += py_utf8_seq_len(*p->pos);
    return c;
}

static int hex_digit(byte c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static uint32_t read_hex(re_parser_t *p, int n) {
    uint32_t v = 0;
    for (int i = 0; i < n; i++) {
        int d = at_end(p) ? -1 : hex_digit(*p->pos);
        if (d < 0) {
            re_error("bad escape");
        }
        p->pos++;
        v = v << 4 | (uint32_t)d;
    }
    return v;
}

// An escape that stands for one character (after the backslash), or -1 if [c] is not one.
static int32_t simple_escape(re_parser_t *p, byte c) {
    switch (c) {
        case 'n':
            return '\n';
        case 't':
            return '\t';
        case 'r':
            return '\r';
        case 'f':
            return '\f';
        case 'v':
            return '\v';
        case 'a':
            return '\a';
        case '0': {
            uint32_t v = 0;
            for (int i = 0; i < 2 && !at_end(p) && peek(p) >= '0' && peek(p) <= '7'; i++) {
                v = v * 8 + (uint32_t)(*p->pos++ - '0');
            }
            return (int32_t)v;
        }
        case 'x':
            return (int32_t)read_hex(p, 2);
        case 'u':
        case 'U':
            if (!p->prog->is_text) {
                re_error("bad escape");
            }
            return (int32_t)read_hex(p, c == 'u' ? 4 : 8);
        default:
            break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return -1;
    }
    return c; // an escaped punctuation character stands for itself
}

static int named_class_of(byte c) {
    switch (c) {
        case 'd':
            return RE_CLASS_DIGIT;
        case 'D':
            return RE_CLASS_NOT_DIGIT;
        case 'w':
            return RE_CLASS_WORD;
        case 'W':
            return RE_CLASS_NOT_WORD;
        case 's':
            return RE_CLASS_SPACE;
        case 'S':
            return RE_CLASS_NOT_SPACE;
        default:
            return -1;
    }
}

// ---- Atoms --------------------------------------------------------------------------------------

static void emit_char(re_parser_t *p, uint32_t c) {
    if (p->prog->flags & PY_RE_IGNORECASE) {
        c = py_re_fold(c, p->prog->is_text);
    }
    emit2(p, RE_OP_CHAR, c);
}

// [...] after the '['.
static void parse_class(re_parser_t *p) {
    size_t start = p->prog->len;
    emit(p, RE_OP_CLASS);
    emit(p, accept(p, '^'));
    emit(p, 0); // pair count, patched below
    uint32_t n = 0;
    bool first = true;
    for (;;) {
        if (at_end(p)) {
            re_error("unterminated character set");
        }
        if (peek(p) == ']' && !first) {
            p->pos++;
            break;
        }
        first = false;
        uint32_t lo;
        if (accept(p, '\\')) {
            if (at_end(p)) {
                re_error("bad escape (end of pattern)");
            }
            byte c = *p->pos++;
            int named = named_class_of(c);
            if (named >= 0) {
                emit2(p, RE_CLASS_NAMED + (uint32_t)named, 0);
                n++;
                continue;
            }
            int32_t e = c == 'b' ? '\b' : simple_escape(p, c);
            if (e < 0) {
                re_error("bad escape");
            }
            lo = (uint32_t)e;
        } else {
            lo = next_char(p);
        }
        uint32_t hi = lo;
        if (p->end - p->pos >= 2 && peek(p) == '-' && p->pos[1] != ']') {
            p->pos++;
            if (accept(p, '\\')) {
                int32_t e = at_end(p) ? -1 : simple_escape(p, *p->pos++);
                if (e < 0) {
                    re_error("bad character range");
                }
                hi = (uint32_t)e;
            } else {
                hi = next_char(p);
            }
            if (hi < lo) {
                re_error("bad character range");
            }
        }
        emit2(p, lo, hi);
        n++;
    }
    p->prog->code[start + 2] = n;
}

static bool parse_alt(re_parser_t *p);

// Group number of a name given in (?P=name), after the '='.
static size_t parse_group_ref(re_parser_t *p) {
    const byte *name = p->pos;
    while (!at_end(p) && peek(p) != ')') {
        p->pos++;
    }
    size_t len = (size_t)(p->pos - name);
    if (!accept(p, ')') || len == 0 || p->prog->groupindex == PY_OBJ_NULL) {
        re_error("unknown group name");
    }
    py_obj_t idx = py_obj_dict_get(p->prog->groupindex, py_obj_new_str((const char *)name, len));
    if (idx == PY_OBJ_NULL) {
        re_error("unknown group name");
    }
    return (size_t)py_obj_get_int(idx);
}

// Adds group [idx] under the name running to the next '>'.
static void parse_group_name(re_parser_t *p, size_t idx) {
    const byte *name = p->pos;
    while (!at_end(p) && peek(p) != '>') {
        p->pos++;
    }
    size_t len = (size_t)(p->pos - name);
    if (!accept(p, '>') || len == 0) {
        re_error("missing group name");
    }
    if (p->prog->groupindex == PY_OBJ_NULL) {
        p->prog->groupindex = py_obj_new_dict(1);
    }
    py_obj_t key = py_obj_new_str((const char *)name, len);
    if (py_obj_dict_get(p->prog->groupindex, key) != PY_OBJ_NULL) {
        re_error("redefinition of group name");
    }
    py_obj_dict_store(p->prog->groupindex, key, PY_OBJ_NEW_SMALL_INT(idx));
}

// A group after the '('. Returns whether it can match the empty string.
static bool parse_group(re_parser_t *p) {
    bool capture = true;
    size_t idx = 0;
    if (accept(p, '?')) {
        if (accept(p, ':')) {
            capture = false;
        } else if (accept(p, 'P')) {
            if (accept(p, '=')) {
                emit2(p, RE_OP_BACKREF, (uint32_t)parse_group_ref(p));
                return true;
            }
            if (!accept(p, '<')) {
                re_error("unknown extension ?P");
            }
            idx = p->prog->n_groups;
            parse_group_name(p, idx);
        } else {
            re_error("unsupported group extension");
        }
    }
    if (capture) {
        idx = p->prog->n_groups++;
        if (idx > PY_RE_MAX_GROUPS) {
            re_error("too many groups");
        }
        emit2(p, RE_OP_SAVE, (uint32_t)(2 * idx));
    }
    if (++p->depth > PY_RE_MAX_NESTING) {
        re_error("too many nested groups");
    }
    bool nullable = parse_alt(p);
    p->depth--;
    if (!accept(p, ')')) {
        re_error("missing ), unterminated subpattern");
    }
    if (capture) {
        emit2(p, RE_OP_SAVE, (uint32_t)(2 * idx + 1));
    }
    return nullable;
}

// A backslash escape outside a class, after the backslash.
static bool parse_escape(re_parser_t *p) {
    if (at_end(p)) {
        re_error("bad escape (end of pattern)");
    }
    byte c = *p->pos;
    if (c >= '1' && c <= '9') {
        size_t group = (size_t)(*p->pos++ - '0');
        if (!at_end(p) && peek(p) >= '0' && peek(p) <= '9') {
            group = group * 10 + (size_t)(*p->pos++ - '0');
        }
        if (group >= p->prog->n_groups) {
            re_error("invalid group reference");
        }
        emit2(p, RE_OP_BACKREF, (uint32_t)group);
        return true;
    }
    p->pos++;
    int named = named_class_of(c);
    if (named >= 0) {
        emit(p, RE_OP_CLASS);
        emit(p, 0);
        emit(p, 1);
        emit2(p, RE_CLASS_NAMED + (uint32_t)named, 0);
        return false;
    }
    uint32_t op = c == 'b'   ? RE_OP_WORDB
                  : c == 'B' ? RE_OP_NWORDB
                  : c == 'A' ? RE_OP_BOS
                  : c == 'Z' ? RE_OP_EOS
                             : 0;
    if (op != 0) {
        emit(p, op);
        return true;
    }
    int32_t e = simple_escape(p, c);
    if (e < 0) {
        re_error("bad escape");
    }
    emit_char(p, (uint32_t)e);
    return false;
}

// One atom; returns whether it can match the empty string.
static bool parse_atom(re_parser_t *p) {
    uint32_t c = next_char(p);
    switch (c) {
        case '(':
            return parse_group(p);
        case '[':
            parse_class(p);
            return false;
        case '.':
            emit(p, p->prog->flags & PY_RE_DOTALL ? RE_OP_ANYNL : RE_OP_ANY);
            return false;
        case '^':
            emit(p, RE_OP_BOL);
            return true;
        case '$':
            emit(p, RE_OP_EOL);
            return true;
        case '\\':
            return parse_escape(p);
        case '*':
        case '+':
        case '?':
            re_error("nothing to repeat");
        default:
            emit_char(p, c);
            return false;
    }
}

// ---- Quantifiers --------------------------------------------------------------------------------

// Reads {m}, {m,}, {,n} or {m,n} at the '{'; false (consuming nothing) if it is a literal brace.
static bool parse_braces(re_parser_t *p, size_t *min, size_t *max) {
    const byte *s = p->pos + 1;
    size_t lo = 0, hi = SIZE_MAX;
    bool have_lo = false, have_hi = false;
    while (s < p->end && *s >= '0' && *s <= '9') {
        lo = lo > PY_RE_MAX_REPEAT ? lo : lo * 10 + (size_t)(*s++ - '0');
        have_lo = true;
    }
    if (s < p->end && *s == ',') {
        s++;
        hi = 0;
        while (s < p->end && *s >= '0' && *s <= '9') {
            hi = hi > PY_RE_MAX_REPEAT ? hi : hi * 10 + (size_t)(*s++ - '0');
            have_hi = true;
        }
        if (!have_hi) {
            hi = SIZE_MAX;
        }
    } else {
        hi = lo;
        have_hi = have_lo;
    }
    if (s >= p->end || *s != '}' || (!have_lo && !have_hi)) {
        return false;
    }
    if (lo > PY_RE_MAX_REPEAT || (hi != SIZE_MAX && hi > PY_RE_MAX_REPEAT)) {
        re_error("the repetition number is too large");
    }
    if (hi < lo) {
        re_error("min repeat greater than max repeat");
    }
    p->pos = s + 1;
    *min = lo;
    *max = hi;
    return true;
}

// Turns the atom at [at, len) into a loop: SPLIT [MARK r] atom [CHECK r] JMP back. The MARK and
// CHECK pair, only for atoms that can match empty, ends the loop after an iteration that matched
// nothing (keeping what it captured, as CPython does) instead of looping for ever.
static void make_star(re_parser_t *p, size_t at, bool lazy, bool nullable) {
    size_t head = nullable ? 5 : 3;
    insert_gap(p, at, head);
    uint32_t *code = p->prog->code;
    uint32_t reg = (uint32_t)p->prog->n_loops;
    size_t check = p->prog->len;
    if (nullable) {
        p->prog->n_loops++;
        code[at + 3] = RE_OP_MARK;
        code[at + 4] = reg;
        emit2(p, RE_OP_CHECK, reg);
        emit(p, 0); // the loop's exit, patched below
    }
    emit2(p, RE_OP_JMP, rel(p->prog->len, at));
    code = p->prog->code;
    size_t body = at + 3, out = p->prog->len;
    if (nullable) {
        code[check + 2] = rel(check, out);
    }
    code[at] = RE_OP_SPLIT;
    code[at + 1] = rel(at, lazy ? out : body);
    code[at + 2] = rel(at, lazy ? body : out);
}

// Makes the atom at [at, len) optional.
static void make_optional(re_parser_t *p, size_t at, bool lazy) {
    insert_gap(p, at, 3);
    uint32_t *code = p->prog->code;
    size_t out = p->prog->len;
    code[at] = RE_OP_SPLIT;
    code[at + 1] = rel(at, lazy ? out : at + 3);
    code[at + 2] = rel(at, lazy ? at + 3 : out);
}

// Appends the [n] words at [src].
static void emit_words(re_parser_t *p, const uint32_t *src, size_t n) {
    reserve(p, n);
    memcpy(p->prog->code + p->prog->len, src, n * sizeof(uint32_t));
    p->prog->len += n;
}

// atom{min,max} from the atom at [at, len): min copies, then either a loop (no max) or
// (max - min) optional copies that each skip straight to the end.
static void make_repeat(re_parser_t *p, size_t at, size_t min, size_t max, bool lazy,
                        bool nullable) {
    size_t n = p->prog->len - at;
    uint32_t *atom = py_malloc_noscan(n * sizeof(uint32_t));
    memcpy(atom, p->prog->code + at, n * sizeof(uint32_t));
    p->prog->len = at;
    for (size_t i = 0; i < min; i++) {
        emit_words(p, atom, n);
    }
    if (max == SIZE_MAX) {
        size_t loop = p->prog->len;
        emit_words(p, atom, n);
        make_star(p, loop, lazy, nullable);
    } else {
        size_t first_opt = p->prog->len;
        for (size_t i = min; i < max; i++) {
            emit(p, RE_OP_SPLIT);
            emit2(p, 0, 0);
            emit_words(p, atom, n);
        }
        size_t out = p->prog->len;
        for (size_t split = first_opt; split < out; split += 3 + n) {
            p->prog->code[split + 1] = rel(split, lazy ? out : split + 3);
            p->prog->code[split + 2] = rel(split, lazy ? split + 3 : out);
        }
    }
    py_free(atom);
}

// Words of the instruction at [ins] if it matches exactly one character, else 0.
static size_t single_char_len(const uint32_t *ins) {
    switch (ins[0]) {
        case RE_OP_CHAR:
            return 2;
        case RE_OP_ANY:
        case RE_OP_ANYNL:
            return 1;
        case RE_OP_CLASS:
            return 3 + 2 * (size_t)ins[2];
        default:
            return 0;
    }
}

// An atom and the quantifiers after it; returns whether the result can match empty.
static bool parse_piece(re_parser_t *p) {
    size_t at = p->prog->len;
    bool nullable = parse_atom(p);
    if (at_end(p)) {
        return nullable;
    }
    size_t min, max;
    byte q = *p->pos;
    if (q == '*' || q == '+' || q == '?') {
        p->pos++;
        min = q == '+' ? 1 : 0;
        max = q == '?' ? 1 : SIZE_MAX;
    } else if (q != '{' || !parse_braces(p, &min, &max)) {
        return nullable;
    }
    bool lazy = accept(p, '?');
    if (!at_end(p) && (peek(p) == '*' || peek(p) == '+' || peek(p) == '?' ||
                       (peek(p) == '{' && parse_braces(p, &(size_t){0}, &(size_t){0})))) {
        re_error("multiple repeat");
    }
    size_t n = p->prog->len - at;
    if (n > 0 && single_char_len(p->prog->code + at) == n) {
        insert_gap(p, at, 5);
        uint32_t *code = p->prog->code;
        code[at] = RE_OP_REPEAT1;
        code[at + 1] = lazy;
        code[at + 2] = (uint32_t)min;
        code[at + 3] = max == SIZE_MAX ? RE_REPEAT_INF : (uint32_t)max;
        code[at + 4] = (uint32_t)n;
    } else if (min == 0 && max == SIZE_MAX) {
        make_star(p, at, lazy, nullable);
    } else if (min == 0 && max == 1) {
        make_optional(p, at, lazy);
    } else if (min == 1 && max == 1) {
        // atom{1}: the atom itself
    } else if (max == 0) {
        p->prog->len = at; // atom{0} matches the empty string
    } else {
        make_repeat(p, at, min, max, lazy, nullable);
    }
    return nullable || min == 0;
}

// ---- Sequences and alternatives -----------------------------------------------------------------

static bool parse_seq(re_parser_t *p) {
    bool nullable = true;
    while (!at_end(p) && peek(p) != '|' && peek(p) != ')') {
        py_stack_check();
        nullable &= parse_piece(p);
    }
    return nullable;
}

// a|b|c: SPLIT(a, next) a JMP(end) SPLIT(b, next) b JMP(end) c. The JMPs to the end are chained
// through their operands until the end is known.
static bool parse_alt(re_parser_t *p) {
    size_t branch = p->prog->len;
    bool nullable = parse_seq(p);
    size_t chain = 0; // 1 + position of the last JMP, 0 for none
    while (accept(p, '|')) {
        insert_gap(p, branch, 3);
        p->prog->code[branch] = RE_OP_SPLIT;
        p->prog->code[branch + 1] = 3;
        emit(p, RE_OP_JMP);
        emit(p, (uint32_t)chain);
        chain = p->prog->len - 1;
        p->prog->code[branch + 2] = rel(branch, p->prog->len);
        branch = p->prog->len;
        nullable |= parse_seq(p);
    }
    size_t out = p->prog->len;
    while (chain != 0) {
        size_t jmp = chain - 1;
        chain = p->prog->code[jmp + 1];
        p->prog->code[jmp + 1] = rel(jmp, out);
    }
    return nullable;
}

void py_re_compile(py_re_prog_t *prog, const byte *pat, size_t len, bool is_text, unsigned flags) {
    memset(prog, 0, sizeof(*prog));
    prog->is_text = is_text;
    prog->flags = flags;
    prog->n_groups = 1;
    prog->groupindex = PY_OBJ_NULL;
    re_parser_t p = {pat, pat + len, prog, 0, 0};
    emit2(&p, RE_OP_SAVE, 0);
    parse_alt(&p);
    if (!at_end(&p)) {
        re_error("unbalanced parenthesis");
    }
    emit2(&p, RE_OP_SAVE, 1);
    emit(&p, RE_OP_MATCH);
}
