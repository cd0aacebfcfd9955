// SPDX-License-Identifier: MIT
// readline.c: the friendly REPL's line editor: keys, redraw, history, auto-indent, Tab.

#include "readline.h"

#include <stdio.h>
#include <string.h>

#include "complete.h"
#include "console.h"
#include "gc.h"
#include "hal.h"
#include "port.h"
#include "roots.h"
#include "runtime.h"

#define CHAR_ESC       (0x1b)
#define CHAR_BACKSPACE (0x08)
#define CHAR_DEL       (0x7f)
#define CHAR_TAB       (0x09)
#define INDENT         "    "
#define INDENT_LEN     (4)
// readline_read's "keep going" value inside this file.
#define KEEP_EDITING (-1)

typedef enum {
    ESC_NONE,
    ESC_START,         // after ESC
    ESC_BRACKET,       // after ESC [
    ESC_BRACKET_DIGIT, // after ESC [ digit
    ESC_O,             // after ESC O
} esc_state_t;

typedef struct editor {
    py_vstr_t *line;
    size_t start;  // where the line being edited begins in [line]
    size_t cursor; // index into line->buf, start <= cursor <= line->len
    esc_state_t esc;
    char esc_digit;
    int hist_pos;        // history entry shown, -1 for the line being typed
    bool indent_enabled; // auto-indent is on for this statement
    bool indent_added;   // auto-indent inserted spaces and no key was pressed since
    bool too_long;       // input refused: the rest of the line is swallowed
    const char *prompt;
} editor_t;

// What a key did to the terminal: move back, rewrite from the cursor, then move forward.
typedef struct redraw {
    size_t back;
    bool rewrite;
    size_t forward;
} redraw_t;

static editor_t ed;
// The byte that ended the previous line, so that the second half of a CR LF or LF CR pair is
// swallowed; it outlives a single line.
static char last_nl;

// ---- Terminal output ----------------------------------------------------------------------------

static void tx(const char *s, size_t n) {
    hal_stdout_tx_strn(s, n);
}

static void cursor_back(size_t n) {
    if (n == 0) {
        return;
    }
    if (n <= 4) {
        tx("\b\b\b\b", n);
        return;
    }
    char seq[24];
    int len = snprintf(seq, sizeof(seq), "\x1b[%zuD", n);
    tx(seq, (size_t)len);
}

static void apply_redraw(size_t old_len, const redraw_t *r) {
    py_vstr_t *line = ed.line;
    if (r->back > 0) {
        cursor_back(r->back);
        ed.cursor -= r->back;
    }
    if (r->rewrite) {
        if (line->len < old_len) {
            tx("\x1b[K", 3); // erase what the longer line left on screen
        }
        tx(line->buf + ed.cursor, line->len - ed.cursor);
        cursor_back(line->len - (ed.cursor + r->forward));
        ed.cursor += r->forward;
    } else if (r->forward > 0) {
        tx(line->buf + ed.cursor, r->forward);
        ed.cursor += r->forward;
    }
}

// ---- History ------------------------------------------------------------------------------------

static py_obj_t *history(void) {
    return (py_obj_t *)ROOT(ROOT_READLINE_HISTORY);
}

static void history_push_unprotected(const char *s, size_t len) {
    py_obj_t *hist = history();
    if (hist == NULL) {
        hist = py_new(py_obj_t, READLINE_HISTORY_SIZE);
        ROOT(ROOT_READLINE_HISTORY) = hist;
    }
    if (hist[0] != PY_OBJ_NULL) {
        size_t n;
        const char *last = py_obj_str_get_data(hist[0], &n);
        if (n == len && memcmp(last, s, len) == 0) {
            return;
        }
    }
    py_obj_t entry = py_obj_new_str(s, len);
    memmove(hist + 1, hist, (READLINE_HISTORY_SIZE - 1) * sizeof(py_obj_t));
    hist[0] = entry;
}

// Remembers a non-empty line; with the heap full the line is simply not remembered.
static void history_push(const char *s, size_t len) {
    if (len == 0) {
        return;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        history_push_unprotected(s, len);
        py_nlr_pop();
    }
}

static py_obj_t history_get(int pos) {
    py_obj_t *hist = history();
    if (hist == NULL || pos < 0 || pos >= READLINE_HISTORY_SIZE) {
        return PY_OBJ_NULL;
    }
    return hist[pos];
}

void readline_init(void) {
    ROOT(ROOT_READLINE_HISTORY) = NULL;
    last_nl = 0;
}

// ---- Editing ------------------------------------------------------------------------------------

// Reports that the input outgrew READLINE_INPUT_MAX; the rest of the line will be swallowed.
static void refuse_too_long(void) {
    char msg[96];
    int n = snprintf(msg, sizeof(msg), "\r\ninput too long (limit %u bytes); discarded\r\n",
                     (unsigned)READLINE_INPUT_MAX);
    tx(msg, (size_t)n);
    ed.too_long = true;
}

// Inserts [n] bytes at the cursor (the cursor stays); false (and the input refused) if that
// would pass the limit.
static bool insert(const char *s, size_t n) {
    if (ed.line->len + n > READLINE_INPUT_MAX) {
        refuse_too_long();
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        py_vstr_ins_byte(ed.line, ed.cursor + i, (byte)s[i]);
    }
    return true;
}

// Replaces the line being edited by history entry [pos] (or by nothing when pos is -1).
static void show_history(int pos, redraw_t *r) {
    py_obj_t entry = history_get(pos);
    if (pos >= 0 && entry == PY_OBJ_NULL) {
        return;
    }
    size_t len = 0;
    const char *s = entry == PY_OBJ_NULL ? "" : py_obj_str_get_data(entry, &len);
    if (ed.start + len > READLINE_INPUT_MAX) {
        return; // the statement so far leaves no room for it
    }
    ed.hist_pos = pos;
    r->back = ed.cursor - ed.start;
    ed.line->len = ed.start;
    py_vstr_add_strn(ed.line, s, len);
    r->rewrite = true;
    r->forward = len;
}

static void backspace(redraw_t *r) {
    if (ed.cursor <= ed.start) {
        return;
    }
    // Inside leading indentation a backspace removes one indent level.
    size_t n = 0;
    for (size_t i = ed.start; i < ed.cursor && ed.line->buf[i] == ' '; i++) {
        n++;
    }
    n = n == ed.cursor - ed.start && n >= INDENT_LEN ? INDENT_LEN : 1;
    py_vstr_cut_out_bytes(ed.line, ed.cursor - n, n);
    r->back = n;
    r->rewrite = true;
}

static void delete_at_cursor(redraw_t *r) {
    if (ed.cursor < ed.line->len) {
        py_vstr_cut_out_bytes(ed.line, ed.cursor, 1);
        r->rewrite = true;
    }
}

static void tab(redraw_t *r) {
    const char *ins;
    size_t n;
    char before = ed.cursor > 0 ? ed.line->buf[ed.cursor - 1] : 'x';
    if (ed.line->len > 0 && (before == ' ' || before == '\n' || before == '\t')) {
        ins = INDENT;
        n = INDENT_LEN;
    } else {
        n = complete_word(ed.line->buf + ed.start, ed.cursor - ed.start, &ins);
    }
    if (n == COMPLETE_MANY) {
        // The candidates were printed below: show the prompt and the line again.
        console_tx_str(ed.prompt);
        tx(ed.line->buf + ed.start, ed.cursor - ed.start);
        r->rewrite = true;
    } else if (n > 0 && insert(ins, n)) {
        r->rewrite = true;
        r->forward = n;
    }
}

// A space or Tab right after auto-indent means the text brings its own indentation (it is being
// pasted): auto-indent stops for this statement, and a space takes back all but one column.
static void undo_auto_indent(int c, redraw_t *r) {
    ed.indent_enabled = false;
    if (c == ' ') {
        py_vstr_cut_tail_bytes(ed.line, INDENT_LEN - 1);
        r->back = INDENT_LEN - 1;
    }
}

// ---- Keys ---------------------------------------------------------------------------------------

static void key_home(redraw_t *r) {
    r->back = ed.cursor - ed.start;
}

static void key_end(redraw_t *r) {
    r->forward = ed.line->len - ed.cursor;
}

// ESC [ letter.
static void bracket_key(int c, redraw_t *r) {
    switch (c) {
        case 'A':
            if (ed.hist_pos + 1 < READLINE_HISTORY_SIZE) {
                show_history(ed.hist_pos + 1, r);
            }
            break;
        case 'B':
            if (ed.hist_pos >= 0) {
                show_history(ed.hist_pos - 1, r);
            }
            break;
        case 'C':
            r->forward = ed.cursor < ed.line->len ? 1 : 0;
            break;
        case 'D':
            r->back = ed.cursor > ed.start ? 1 : 0;
            break;
        case 'H':
            key_home(r);
            break;
        case 'F':
            key_end(r);
            break;
        default:
            break;
    }
}

// ESC [ digit ~.
static void tilde_key(char digit, redraw_t *r) {
    if (digit == '1' || digit == '7') {
        key_home(r);
    } else if (digit == '4' || digit == '8') {
        key_end(r);
    } else if (digit == '3') {
        delete_at_cursor(r);
    }
}

static void escape_key(int c, redraw_t *r) {
    esc_state_t state = ed.esc;
    ed.esc = ESC_NONE;
    if (state == ESC_START) {
        ed.esc = c == '[' ? ESC_BRACKET : c == 'O' ? ESC_O : ESC_NONE;
    } else if (state == ESC_BRACKET) {
        if (c >= '0' && c <= '9') {
            ed.esc = ESC_BRACKET_DIGIT;
            ed.esc_digit = (char)c;
        } else {
            bracket_key(c, r);
        }
    } else if (state == ESC_BRACKET_DIGIT) {
        if (c == '~') {
            tilde_key(ed.esc_digit, r);
        }
    } else if (state == ESC_O) {
        if (c == 'H') {
            key_home(r);
        } else if (c == 'F') {
            key_end(r);
        }
    }
}

// Does [c] end a line? The second byte of a CR LF or LF CR pair does not.
static bool ends_line(int c) {
    if ((c == '\r' || c == '\n') && (last_nl == 0 || last_nl == c)) {
        last_nl = (char)c;
        return true;
    }
    last_nl = 0;
    return false;
}

static int enter(void) {
    tx("\r\n", 2);
    history_push(ed.line->buf + ed.start, ed.line->len - ed.start);
    return 0;
}

// Plain keys (not inside an escape sequence).
static int plain_key(int c, redraw_t *r) {
    bool empty = ed.line->len == ed.start;
    if (c >= CHAR_CTRL_A && c <= CHAR_CTRL_E && empty) {
        return c; // a REPL command
    } else if (c == CHAR_CTRL_A) {
        key_home(r);
    } else if (c == CHAR_CTRL_C) {
        return c;
    } else if (c == CHAR_CTRL_E) {
        key_end(r);
    } else if (ends_line(c)) {
        return enter();
    } else if (c == CHAR_ESC) {
        ed.esc = ESC_START;
    } else if (c == CHAR_BACKSPACE || c == CHAR_DEL) {
        backspace(r);
    } else if (ed.indent_added && (c == CHAR_TAB || c == ' ')) {
        undo_auto_indent(c, r);
    } else if (c == CHAR_TAB) {
        tab(r);
    } else if (c >= 32 && c <= 126) {
        char ch = (char)c;
        if (insert(&ch, 1)) {
            r->rewrite = true;
            r->forward = 1;
        }
    }
    return KEEP_EDITING;
}

// After a refused input: swallow bytes up to the end of the line.
static int swallow(int c) {
    if (c == CHAR_CTRL_C) {
        return c;
    }
    if (ends_line(c)) {
        return READLINE_TOO_LONG;
    }
    return KEEP_EDITING;
}

static int process_key(int c) {
    if (ed.too_long) {
        return swallow(c);
    }
    size_t old_len = ed.line->len;
    redraw_t r = {0, false, 0};
    int result = KEEP_EDITING;
    if (ed.esc != ESC_NONE) {
        escape_key(c, &r);
    } else {
        result = plain_key(c, &r);
    }
    if (result == KEEP_EDITING && !ed.too_long) {
        apply_redraw(old_len, &r);
        ed.indent_added = false;
    }
    return result;
}

// A continuation line starts with the previous line's indentation, one level more after ':'
// (not after two blank lines, so that pressing Enter repeatedly ends the statement).
static void auto_indent(void) {
    py_vstr_t *line = ed.line;
    if (!ed.indent_enabled || line->len < 2 || line->buf[line->len - 1] != '\n') {
        return;
    }
    size_t end = line->len - 1; // the '\n' that ends the previous line
    size_t prev = end;
    while (prev > 0 && line->buf[prev - 1] != '\n') {
        prev--;
    }
    size_t spaces = 0;
    while (prev + spaces < end && line->buf[prev + spaces] == ' ') {
        spaces++;
    }
    if (prev > 0 && prev + spaces == end) {
        // The previous line is blank: look at the one before it.
        size_t k = prev - 1;
        while (k > 0 && line->buf[k - 1] == ' ') {
            k--;
        }
        if (k > 0 && line->buf[k - 1] == '\n') {
            return;
        }
    }
    size_t levels = spaces / INDENT_LEN + (line->buf[end - 1] == ':' ? 1 : 0);
    for (size_t i = 0; i < levels; i++) {
        if (!insert(INDENT, INDENT_LEN)) {
            return;
        }
        tx(INDENT, INDENT_LEN);
        ed.cursor += INDENT_LEN;
        ed.indent_added = true;
    }
}

int readline_read(py_vstr_t *line, const char *prompt) {
    ed.line = line;
    ed.start = line->len;
    ed.cursor = ed.start;
    ed.esc = ESC_NONE;
    ed.hist_pos = -1;
    ed.too_long = false;
    ed.indent_added = false;
    ed.prompt = prompt;
    if (line->len == 0) {
        ed.indent_enabled = true;
    }
    console_tx_str(prompt);
    auto_indent();
    for (;;) {
        int result = process_key(console_rx_chr());
        if (result != KEEP_EDITING) {
            return result;
        }
    }
}

int py_port_readline(py_vstr_t *line) {
    // input() printed its prompt itself.
    switch (readline_read(line, "")) {
        case 0:
            return PY_PORT_LINE_OK;
        case CHAR_CTRL_C:
            return PY_PORT_LINE_INTERRUPT;
        case CHAR_CTRL_D:
            return PY_PORT_LINE_EOF;
        case READLINE_TOO_LONG:
            return PY_PORT_LINE_TOO_LONG;
        default:
            return PY_PORT_LINE_OK; // Ctrl-A, -B or -E on an empty line: an empty line
    }
}
