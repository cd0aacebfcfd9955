// SPDX-License-Identifier: MIT
// rawrepl.c: the raw REPL client state machine (PROTOCOLS.md §2): entering, raw-paste with its
// flow-control window, classic raw mode in paced slices, output framing, leaving.

#include "rawrepl.h"

#include <stdio.h>
#include <string.h>

#define CTRL_A (0x01)
#define CTRL_C (0x03)
#define CTRL_D (0x04)

static const char BANNER[] = "raw REPL; CTRL-B to exit\r\n>";
static const char OLD_BANNER_REST[] = "w REPL; CTRL-B to exit\r\n>"; // after "ra"
static const char FRIENDLY_PROMPT[] = ">>> ";
static const char INTERRUPTED[] = "KeyboardInterrupt";

// ---- pattern matching across reads ----

static void match_init(struct rawrepl_match *m, const char *pat) {
    m->pat = pat;
    m->len = strlen(pat);
    m->pos = 0;
}

// Feeds one byte; true when the pattern just completed. On a mismatch the longest suffix of what
// was seen that is still a prefix of the pattern is kept (patterns are short: brute force).
static bool match_byte(struct rawrepl_match *m, uint8_t c) {
    if ((uint8_t)m->pat[m->pos] == c) {
        if (++m->pos == m->len) {
            m->pos = 0;
            return true;
        }
        return false;
    }
    size_t seen = m->pos; // pat[0..seen) then c
    for (size_t k = seen; k > 0; k--) {
        // Does pat[seen-k+1 .. seen) + c equal pat[0 .. k)?
        if ((uint8_t)m->pat[k - 1] == c && memcmp(m->pat, m->pat + seen - k + 1, k - 1) == 0) {
            m->pos = k;
            return false;
        }
    }
    m->pos = 0;
    return false;
}

// ---- helpers ----

static void send(struct rawrepl *rr, const void *data, size_t len) {
    rr->io.send(rr->io.ctx, data, len);
}

static void timer(struct rawrepl *rr, unsigned ms) {
    rr->io.timer(rr->io.ctx, ms);
}

static void event(struct rawrepl *rr, enum rawrepl_event ev) {
    rr->io.event(rr->io.ctx, ev, ev == RAWREPL_EV_FAILED ? rr->detail : "");
}

static void fail(struct rawrepl *rr, const char *why) {
    snprintf(rr->detail, sizeof(rr->detail), "%s", why);
    rr->state = RAWREPL_FAILED;
    timer(rr, 0);
    event(rr, RAWREPL_EV_FAILED);
}

void rawrepl_init(struct rawrepl *rr, const struct rawrepl_io *io) {
    memset(rr, 0, sizeof(*rr));
    rr->io = *io;
    rr->paste_window = -1;
}

void rawrepl_reset(struct rawrepl *rr) {
    rr->state = RAWREPL_IDLE;
    rr->paste_window = -1;
    rr->code = NULL;
    timer(rr, 0);
}

// ---- entering ----

static void settled(struct rawrepl *rr);

static void start_settle(struct rawrepl *rr) {
    rr->state = RAWREPL_SETTLE;
    memset(rr->tail, 0, sizeof(rr->tail));
    rr->settle_start = rr->io.now_ms(rr->io.ctx);
    match_init(&rr->m, INTERRUPTED);
    // The first round meets a running program or a half-typed line: Ctrl-C ends either. Later
    // rounds also end a line (\r) and a program that caught the first KeyboardInterrupt.
    if (rr->tries == 0) {
        send(rr, "\x03", 1);
    } else {
        send(rr, "\r\x03\x03", 3);
    }
    timer(rr, RAWREPL_QUIET_MS);
}

void rawrepl_enter(struct rawrepl *rr) {
    if (rr->state == RAWREPL_READY) {
        event(rr, RAWREPL_EV_READY);
        return;
    }
    rr->tries = 0;
    rr->interrupted = false;
    start_settle(rr);
}

static void settled(struct rawrepl *rr) {
    rr->state = RAWREPL_ENTER;
    match_init(&rr->m, BANNER);
    send(rr, rr->tries == 0 ? "\x01" : "\r\x01", rr->tries == 0 ? 1 : 2);
    timer(rr, RAWREPL_ENTER_MS);
}

void rawrepl_enter_at_prompt(struct rawrepl *rr) {
    if (rr->state == RAWREPL_READY) {
        event(rr, RAWREPL_EV_READY);
        return;
    }
    rr->tries = 0;
    rr->interrupted = false;
    settled(rr);
}

static size_t feed_settle(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (match_byte(&rr->m, data[i])) {
            rr->interrupted = true;
        }
        memmove(rr->tail, rr->tail + 1, sizeof(rr->tail) - 1);
        rr->tail[sizeof(rr->tail) - 1] = data[i];
    }
    if (memcmp(rr->tail, FRIENDLY_PROMPT, sizeof(rr->tail)) == 0) {
        settled(rr); // at an empty prompt: nothing more is coming
        return len;
    }
    uint64_t elapsed = rr->io.now_ms(rr->io.ctx) - rr->settle_start;
    uint64_t left = elapsed >= RAWREPL_SETTLE_MAX_MS ? 1 : RAWREPL_SETTLE_MAX_MS - elapsed;
    timer(rr, (unsigned)(left < RAWREPL_QUIET_MS ? left : RAWREPL_QUIET_MS));
    return len;
}

static void ready(struct rawrepl *rr, enum rawrepl_event ev) {
    rr->state = RAWREPL_READY;
    rr->code = NULL;
    timer(rr, 0);
    event(rr, ev);
}

static size_t feed_enter(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (match_byte(&rr->m, data[i])) {
            ready(rr, RAWREPL_EV_READY);
            return len; // anything after the prompt is noise from before it
        }
    }
    return len;
}

// ---- sending a command ----

static void running(struct rawrepl *rr) {
    rr->state = RAWREPL_OUT;
    rr->code = NULL;
    rr->err_len = 0;
    timer(rr, rr->silence_ms);
    event(rr, RAWREPL_EV_RUNNING);
}

static void send_slice(struct rawrepl *rr) {
    size_t n = rr->code_len - rr->code_pos;
    if (n > RAWREPL_SLICE) {
        n = RAWREPL_SLICE;
    }
    send(rr, rr->code + rr->code_pos, n);
    rr->code_pos += n;
    if (rr->code_pos < rr->code_len) {
        timer(rr, RAWREPL_SLICE_GAP_MS);
        return;
    }
    send(rr, "\x04", 1);
    rr->state = RAWREPL_CLASSIC_OK;
    match_init(&rr->m, "OK");
    timer(rr, rr->silence_ms);
}

static void start_classic(struct rawrepl *rr) {
    rr->state = RAWREPL_CLASSIC_SEND;
    rr->code_pos = 0;
    send_slice(rr);
}

static void pump_paste(struct rawrepl *rr) {
    while (!rr->stop_sent && rr->granted > 0 && rr->code_pos < rr->code_len) {
        size_t n = rr->code_len - rr->code_pos;
        if (n > rr->granted) {
            n = rr->granted;
        }
        send(rr, rr->code + rr->code_pos, n);
        rr->code_pos += n;
        rr->granted -= n;
    }
    if (!rr->stop_sent && rr->code_pos == rr->code_len) {
        send(rr, "\x04", 1);
        rr->state = RAWREPL_PASTE_END;
    }
    timer(rr, rr->silence_ms);
}

bool rawrepl_exec(struct rawrepl *rr, const uint8_t *code, size_t len, unsigned silence_ms) {
    if (rr->state != RAWREPL_READY) {
        return false;
    }
    rr->code = code;
    rr->code_len = len;
    rr->code_pos = 0;
    rr->silence_ms = silence_ms;
    rr->stop_sent = false;
    rr->err_len = 0; // a command stopped before it runs has no error section
    if (rr->paste_window == 0) {
        start_classic(rr);
        return true;
    }
    rr->state = RAWREPL_NEGOTIATE;
    rr->hdr_len = 0;
    send(rr,
         "\x05"
         "A\x01",
         3);
    timer(rr, RAWREPL_NEGOTIATE_MS);
    return true;
}

static size_t feed_negotiate(struct rawrepl *rr, const uint8_t *data, size_t len) {
    size_t i = 0;
    if (rr->hdr_len == 2 && rr->hdr[0] == 'r') {
        // Firmware older than raw-paste took 0x01 as "reset": skip the rest of its banner.
        for (; i < len; i++) {
            if (match_byte(&rr->m, data[i])) {
                rr->paste_window = 0;
                start_classic(rr);
                return i + 1;
            }
        }
        return len;
    }
    while (i < len && rr->hdr_len < 4) {
        rr->hdr[rr->hdr_len++] = data[i++];
        if (rr->hdr_len == 2) {
            if (rr->hdr[0] == 'R' && rr->hdr[1] == 0x00) {
                rr->paste_window = 0; // understood, not supported
                start_classic(rr);
                return i;
            }
            if (rr->hdr[0] == 'r' && rr->hdr[1] == 'a') {
                match_init(&rr->m, OLD_BANNER_REST);
                return i + feed_negotiate(rr, data + i, len - i);
            }
            if (rr->hdr[0] != 'R' || rr->hdr[1] != 0x01) {
                fail(rr, "unexpected answer to the raw-paste request");
                return len;
            }
        }
    }
    if (rr->hdr_len == 4) {
        unsigned window = rr->hdr[2] | (unsigned)rr->hdr[3] << 8;
        if (window == 0 || window > RAWREPL_WINDOW_MAX) {
            fail(rr, "raw-paste window out of range");
            return len;
        }
        rr->paste_window = (int)window;
        rr->granted = window; // the 0x01 that follows grants the second window
        rr->state = RAWREPL_PASTE_SEND;
        pump_paste(rr);
    }
    return i;
}

static size_t feed_paste(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (data[i] == CTRL_A) {
            if (rr->state == RAWREPL_PASTE_SEND) {
                rr->granted += (size_t)rr->paste_window;
                pump_paste(rr);
            }
        } else if (data[i] == CTRL_D) {
            // The end-of-data acknowledgement, or the board stopping early (a syntax error, or
            // our Ctrl-C): unless we interrupted, it waits for our 0x04 before it answers.
            if (rr->state == RAWREPL_PASTE_SEND && !rr->stop_sent) {
                send(rr, "\x04", 1);
            }
            running(rr);
            return i + 1;
        } else {
            fail(rr, "unexpected byte during raw-paste");
            return len;
        }
    }
    timer(rr, rr->silence_ms);
    return len;
}

static size_t feed_classic_ok(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (match_byte(&rr->m, data[i])) {
            running(rr);
            return i + 1;
        }
    }
    return len;
}

void rawrepl_stdin(struct rawrepl *rr, const uint8_t *data, size_t len) {
    if (rr->state == RAWREPL_OUT) {
        send(rr, data, len);
    }
}

void rawrepl_interrupt(struct rawrepl *rr) {
    switch (rr->state) {
        case RAWREPL_PASTE_SEND:
        case RAWREPL_PASTE_END:
            rr->stop_sent = true;
            send(rr, "\x03", 1);
            break;
        case RAWREPL_CLASSIC_SEND:
            // Not executing yet: Ctrl-C only clears the board's buffer, and nothing answers.
            send(rr, "\x03", 1);
            snprintf(rr->detail, sizeof(rr->detail), "interrupted");
            ready(rr, RAWREPL_EV_DONE);
            break;
        case RAWREPL_CLASSIC_OK:
        case RAWREPL_OUT:
        case RAWREPL_ERR:
            send(rr, "\x03", 1);
            break;
        default:
            break;
    }
}

// ---- output framing ----

static size_t feed_out(struct rawrepl *rr, const uint8_t *data, size_t len) {
    size_t n;
    if (rr->io.out != NULL) {
        n = rr->io.out(rr->io.ctx, data, len);
    } else {
        const uint8_t *end = memchr(data, CTRL_D, len);
        n = end != NULL ? (size_t)(end - data) : len;
    }
    if (rr->state != RAWREPL_OUT) {
        return len; // the output handler stopped the session (a failure it reported)
    }
    timer(rr, rr->silence_ms);
    if (n >= len) {
        return len;
    }
    if (data[n] != CTRL_D) {
        fail(rr, "output section not ended by 0x04");
        return len;
    }
    rr->state = RAWREPL_ERR;
    return n + 1;
}

static size_t feed_err(struct rawrepl *rr, const uint8_t *data, size_t len) {
    const uint8_t *end = memchr(data, CTRL_D, len);
    size_t n = end != NULL ? (size_t)(end - data) : len;
    if (n > 0) {
        rr->err_len += n;
        if (rr->io.err != NULL) {
            rr->io.err(rr->io.ctx, data, n);
        }
    }
    timer(rr, rr->silence_ms);
    if (end == NULL) {
        return len;
    }
    rr->state = RAWREPL_PROMPT;
    rr->hdr_len = 0; // counts bytes since the second 0x04
    match_init(&rr->m, BANNER);
    // The program is over: its prompt is due whatever the command's own silence limit.
    timer(rr, rr->silence_ms > 0 ? rr->silence_ms : RAWREPL_PROMPT_MS);
    return n + 1;
}

static size_t feed_prompt(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        // '>' right away is the prompt; otherwise SystemExit soft-reset the board, which ends
        // with the raw banner.
        if ((rr->hdr_len++ == 0 && data[i] == '>') || match_byte(&rr->m, data[i])) {
            ready(rr, RAWREPL_EV_DONE);
            return i + 1;
        }
    }
    return len;
}

// ---- leaving ----

void rawrepl_leave(struct rawrepl *rr) {
    rr->state = RAWREPL_LEAVE;
    match_init(&rr->m, FRIENDLY_PROMPT);
    send(rr, "\r\x02", 2);
    timer(rr, RAWREPL_LEAVE_MS);
}

static size_t feed_leave(struct rawrepl *rr, const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (match_byte(&rr->m, data[i])) {
            rr->state = RAWREPL_IDLE;
            timer(rr, 0);
            event(rr, RAWREPL_EV_LEFT);
            return i + 1;
        }
    }
    return len;
}

// ---- input and timers ----

void rawrepl_feed(struct rawrepl *rr, const uint8_t *data, size_t len) {
    while (len > 0) {
        size_t used;
        switch (rr->state) {
            case RAWREPL_SETTLE:
                used = feed_settle(rr, data, len);
                break;
            case RAWREPL_ENTER:
                used = feed_enter(rr, data, len);
                break;
            case RAWREPL_NEGOTIATE:
                used = feed_negotiate(rr, data, len);
                break;
            case RAWREPL_PASTE_SEND:
            case RAWREPL_PASTE_END:
                used = feed_paste(rr, data, len);
                break;
            case RAWREPL_CLASSIC_OK:
                used = feed_classic_ok(rr, data, len);
                break;
            case RAWREPL_OUT:
                used = feed_out(rr, data, len);
                break;
            case RAWREPL_ERR:
                used = feed_err(rr, data, len);
                break;
            case RAWREPL_PROMPT:
                used = feed_prompt(rr, data, len);
                break;
            case RAWREPL_LEAVE:
                used = feed_leave(rr, data, len);
                break;
            default:
                used = len;
                break; // IDLE, READY, CLASSIC_SEND, FAILED: not ours, or noise
        }
        data += used;
        len -= used;
    }
}

void rawrepl_timeout(struct rawrepl *rr) {
    char why[sizeof(rr->detail)];
    switch (rr->state) {
        case RAWREPL_SETTLE:
            settled(rr);
            break;
        case RAWREPL_ENTER:
            if (++rr->tries < RAWREPL_ENTER_TRIES) {
                start_settle(rr);
            } else {
                fail(rr, "could not enter the raw REPL");
            }
            break;
        case RAWREPL_NEGOTIATE:
            fail(rr, "no answer to the raw-paste request");
            break;
        case RAWREPL_CLASSIC_SEND:
            send_slice(rr);
            break;
        case RAWREPL_LEAVE:
            rr->state = RAWREPL_IDLE;
            event(rr, RAWREPL_EV_LEFT);
            break;
        case RAWREPL_PROMPT:
            fail(rr, "no raw REPL prompt after the program ended");
            break;
        case RAWREPL_PASTE_SEND:
        case RAWREPL_PASTE_END:
        case RAWREPL_CLASSIC_OK:
        case RAWREPL_OUT:
        case RAWREPL_ERR:
            snprintf(why, sizeof(why), "the board said nothing for %u ms", rr->silence_ms);
            fail(rr, why);
            break;
        default:
            break;
    }
}
