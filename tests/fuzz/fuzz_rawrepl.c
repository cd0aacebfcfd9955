// SPDX-License-Identifier: MIT
// fuzz_rawrepl.c: libFuzzer target: the raw REPL client (daemon/src/rawrepl.c) run by a script.
//
// The input is a script of actions, one letter each, and board bytes:
//   E enter, M enter at an empty prompt, X exec (2 bytes: code length and silence, output mode),
//   I interrupt, L leave, Z reset, T fire the timer, W wait (1 byte: times 8 ms), S stdin (count,
//   bytes), Y set the reactions (1 byte of REACT_* bits);
//   board answers: B raw banner, P "R\x01" and 2 window bytes, N "R\x00", O "OK",
//   K "KeyboardInterrupt\r\n", Q ">>> ", D 0x04, A 0x01, F raw bytes (count, bytes), G a
//   download frame (1 byte: length); '|' feeds what has gathered.
// Any other byte is a byte from the board. Board bytes gather into one chunk until an action
// that is not a board answer, so the fuzzer chooses how the stream is split. The
// callbacks act as the daemon does (free the command when it may, run the next one on READY,
// leave after a failure) and check the contract of rawrepl.h on every call:
// - code bytes go out in order, once, never after the command was given up, and in raw-paste
//   never past the windows the board granted; classic slices stay within RAWREPL_SLICE;
// - everything else sent is one of the protocol's control sequences or the program's stdin;
// - output and error sections arrive only in their states, inside the bytes being fed, the
//   error section without 0x04, and err_len counts exactly the error bytes of the command;
// - events match what was asked (READY after enter, one DONE or FAILED per command, LEFT after
//   leave) and the state they leave;
// - a state that waits for the board has its timer armed (so nothing waits forever), a resting
//   state has none, and the settle phase ends within RAWREPL_SETTLE_MAX_MS however busy the
//   board is.
// At the end the timer is fired until the client rests.

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsops.h"
#include "rawrepl.h"

#define CHUNK_MAX (4096)    // board bytes gathered before they are fed
#define STDIN_MAX (16)      // bytes of one stdin action
#define DEPTH_MAX (8)       // nested reactions
#define DRAIN_MAX (100000)  // timer firings at the end before the client must rest
#define TIMER_MAX (600000u) // no timer is armed further out than this

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s (state %d)\n", __FILE__, __LINE__, #cond,     \
                    (int)H.rr.state);                                                              \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

// What the daemon does when an event arrives (bits of a 'Y' action).
enum {
    REACT_EXEC_ON_READY = 1,   // the next step of a file operation
    REACT_LEAVE_ON_FAILED = 2, // give the board back at ">>> "
    REACT_STOP_ON_RUNNING = 4, // a cancel that was waiting
    REACT_STDIN_ON_RUNNING = 8,
    REACT_LEAVE_ON_DONE = 16,
};

// How the output callback answers (chosen per command).
enum {
    OUT_NULL,      // io.out == NULL: the client finds the 0x04 itself
    OUT_PLAIN,     // output ends at the first 0x04
    OUT_FRAMES,    // download frames (fsops_frames_feed), as boardops does
    OUT_ALL,       // every byte is output (a protocol that takes 0x04 as data)
    OUT_WRONG,     // claims output ends in the middle, where there may be no 0x04
    OUT_INTERRUPT, // sends Ctrl-C from inside the callback, then as OUT_PLAIN
    OUT_RESET,     // resets the client from inside the callback
    OUT_MODES
};

static const size_t code_lengths[] = {0, 1, 3, 127, 128, 255, 256, 257, 1000, 4097, 9000};
static const unsigned silences[] = {0, 1, 40, 1000};

struct harness {
    struct rawrepl rr;
    uint64_t now;
    bool armed;
    uint64_t deadline;
    // the command
    uint8_t *code; // owned here; freed as soon as the contract lets the caller
    size_t code_len, code_sent;
    bool open, running;
    int out_mode;
    size_t err_seen;
    struct fsops_frames frames;
    size_t exec_len_ix;
    unsigned exec_silence;
    // raw-paste accounting: 0x01 bytes fed from exec_at + 4 on (the header) bound the grants
    uint64_t fed, exec_at;
    size_t grants;
    const uint8_t *chunk; // the bytes being fed, or NULL
    size_t chunk_len;
    // expectations
    bool want_ready, want_left;
    unsigned react;
    int depth;
    uint8_t stdin_buf[STDIN_MAX];
    unsigned long sends; // non-empty sends so far
    uint8_t sink;        // every byte sent is read, so a stale pointer shows up
};

static struct harness H;

static bool in_range(const void *p, size_t n, const void *base, size_t len) {
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    return a >= b && a + n <= b + len && (n > 0 || a < b + len);
}

static size_t count_grants(const uint8_t *data, size_t len, uint64_t at) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == 0x01 && at + i >= H.exec_at + 4) {
            n++;
        }
    }
    return n;
}

static void drop_code(void) {
    free(H.code);
    H.code = NULL;
}

static void close_command(void) {
    H.open = false;
    H.running = false;
    drop_code();
}

// ---- the caller's side: each action as the daemon would call it ----

static size_t f_out(void *ctx, const uint8_t *data, size_t len);

static void do_enter(void) {
    close_command();
    H.want_ready = true;
    H.want_left = false;
    rawrepl_enter(&H.rr);
}

static void do_enter_at_prompt(void) {
    close_command();
    H.want_ready = true;
    H.want_left = false;
    rawrepl_enter_at_prompt(&H.rr);
}

static void do_leave(void) {
    close_command();
    H.want_ready = false;
    H.want_left = true;
    rawrepl_leave(&H.rr);
    CHECK(H.rr.state == RAWREPL_LEAVE);
}

static void do_reset(void) {
    close_command();
    H.want_ready = false;
    H.want_left = false;
    rawrepl_reset(&H.rr);
    CHECK(H.rr.state == RAWREPL_IDLE);
    CHECK(!H.armed);
}

static void do_stdin(size_t n) {
    bool running = H.rr.state == RAWREPL_OUT;
    unsigned long before = H.sends;
    rawrepl_stdin(&H.rr, H.stdin_buf, n);
    CHECK(H.sends == before + (running && n > 0 ? 1 : 0));
}

static void on_frame_data(void *ctx, const uint8_t *data, size_t len) {
    (void)ctx;
    CHECK(len > 0 && len <= FSOPS_FRAME_MAX);
    CHECK(H.chunk != NULL && in_range(data, len, H.chunk, H.chunk_len));
}

static void do_exec(void) {
    bool ready = H.rr.state == RAWREPL_READY;
    if (!ready) {
        static const uint8_t dummy[1] = {'x'};
        CHECK(!rawrepl_exec(&H.rr, dummy, sizeof(dummy), 0));
        return;
    }
    CHECK(!H.open && H.code == NULL);
    H.code_len = code_lengths[H.exec_len_ix];
    H.code = malloc(H.code_len > 0 ? H.code_len : 1);
    CHECK(H.code != NULL);
    for (size_t i = 0; i < H.code_len; i++) {
        H.code[i] = (uint8_t)(i % 10 == 9 ? '\n' : 'a' + i % 26);
    }
    H.code_sent = 0;
    H.open = true;
    H.running = false;
    H.err_seen = 0;
    fsops_frames_init(&H.frames, on_frame_data, NULL);
    H.rr.io.out = H.out_mode == OUT_NULL ? NULL : f_out;
    // A call from inside a feed may come after some of the chunk: counting from the chunk's
    // start gives a looser bound, never a wrong one.
    H.exec_at = H.fed;
    H.grants = H.chunk != NULL ? count_grants(H.chunk, H.chunk_len, H.fed) : 0;
    CHECK(rawrepl_exec(&H.rr, H.code, H.code_len, H.exec_silence));
}

static void do_interrupt(void) {
    enum rawrepl_state st = H.rr.state;
    bool was_open = H.open;
    rawrepl_interrupt(&H.rr);
    if (st == RAWREPL_CLASSIC_SEND) {
        CHECK(!was_open || !H.open); // ended at once with DONE
    } else {
        CHECK(H.rr.state == st);
    }
}

// ---- the client's callbacks ----

static bool is_control(const uint8_t *d, size_t n) {
    static const char *const seqs[] = {"\x03",         "\r\x03\x03", "\x01",  "\r\x01",
                                       "\x05\x41\x01", "\x04",       "\r\x02"};
    for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
        if (strlen(seqs[i]) == n && memcmp(seqs[i], d, n) == 0) {
            return true;
        }
    }
    return false;
}

static void f_send(void *ctx, const uint8_t *data, size_t len) {
    (void)ctx;
    enum rawrepl_state st = H.rr.state;
    if (len == 0) {
        return;
    }
    H.sends++;
    for (size_t i = 0; i < len; i++) {
        H.sink ^= data[i];
    }
    if (H.code != NULL && in_range(data, len, H.code, H.code_len)) {
        CHECK(H.open && !H.running);
        CHECK(data == H.code + H.code_sent); // in order, each byte once
        H.code_sent += len;
        if (st == RAWREPL_PASTE_SEND) {
            CHECK(!H.rr.stop_sent);
            CHECK(H.rr.paste_window > 0 && H.rr.paste_window <= RAWREPL_WINDOW_MAX);
            CHECK(H.code_sent <= (size_t)H.rr.paste_window * (1 + H.grants));
        } else {
            CHECK(st == RAWREPL_CLASSIC_SEND);
            CHECK(len <= RAWREPL_SLICE);
        }
        return;
    }
    if (data == H.stdin_buf) {
        CHECK(st == RAWREPL_OUT && len <= STDIN_MAX);
        return;
    }
    CHECK(is_control(data, len));
    if (data[0] == 0x04 && st == RAWREPL_CLASSIC_SEND) {
        CHECK(H.code_sent == H.code_len);
    }
}

static void f_timer(void *ctx, unsigned ms) {
    (void)ctx;
    CHECK(ms <= TIMER_MAX);
    H.armed = ms > 0;
    H.deadline = H.now + ms;
    if (ms > 0 && H.rr.state == RAWREPL_SETTLE) {
        uint64_t limit = H.rr.settle_start + RAWREPL_SETTLE_MAX_MS;
        CHECK(H.deadline <= (limit > H.now + 1 ? limit : H.now + 1));
    }
}

static uint64_t f_now(void *ctx) {
    (void)ctx;
    return H.now;
}

static size_t f_out(void *ctx, const uint8_t *data, size_t len) {
    (void)ctx;
    CHECK(H.rr.state == RAWREPL_OUT && H.open && H.running);
    CHECK(len > 0 && H.chunk != NULL && in_range(data, len, H.chunk, H.chunk_len));
    const uint8_t *end = memchr(data, 0x04, len);
    size_t plain = end != NULL ? (size_t)(end - data) : len;
    switch (H.out_mode) {
        case OUT_FRAMES: {
            size_t n = fsops_frames_feed(&H.frames, data, len);
            CHECK(n == len || (n < len && data[n] == 0x04));
            return n;
        }
        case OUT_ALL:
            return len;
        case OUT_WRONG:
            return len / 2;
        case OUT_INTERRUPT:
            rawrepl_interrupt(&H.rr);
            CHECK(H.rr.state == RAWREPL_OUT);
            return plain;
        case OUT_RESET:
            do_reset();
            return 0;
        default:
            return plain;
    }
}

static void f_err(void *ctx, const uint8_t *data, size_t len) {
    (void)ctx;
    CHECK(H.rr.state == RAWREPL_ERR && H.open && H.running);
    CHECK(len > 0 && H.chunk != NULL && in_range(data, len, H.chunk, H.chunk_len));
    CHECK(memchr(data, 0x04, len) == NULL);
    H.err_seen += len;
}

static void react(unsigned bit, void (*action)(void)) {
    if ((H.react & bit) && H.depth < DEPTH_MAX) {
        H.depth++;
        action();
        H.depth--;
    }
}

static void stdin_reaction(void) {
    do_stdin(STDIN_MAX);
}

static void f_event(void *ctx, enum rawrepl_event ev, const char *detail) {
    (void)ctx;
    CHECK(detail != NULL);
    switch (ev) {
        case RAWREPL_EV_READY:
            CHECK(H.want_ready && !H.open && H.rr.state == RAWREPL_READY && !H.armed);
            CHECK(detail[0] == '\0');
            H.want_ready = false;
            react(REACT_EXEC_ON_READY, do_exec);
            break;
        case RAWREPL_EV_RUNNING:
            CHECK(H.open && !H.running && H.rr.state == RAWREPL_OUT && detail[0] == '\0');
            CHECK(H.rr.err_len == 0);
            H.running = true;
            drop_code(); // the caller's copy may go now
            react(REACT_STOP_ON_RUNNING, do_interrupt);
            react(REACT_STDIN_ON_RUNNING, stdin_reaction);
            break;
        case RAWREPL_EV_DONE:
            CHECK(H.open && H.rr.state == RAWREPL_READY && !H.armed && detail[0] == '\0');
            CHECK(H.rr.err_len == H.err_seen);
            close_command();
            react(REACT_LEAVE_ON_DONE, do_leave);
            break;
        case RAWREPL_EV_FAILED:
            CHECK(H.rr.state == RAWREPL_FAILED && !H.armed);
            CHECK(detail[0] != '\0' && strlen(detail) < sizeof(H.rr.detail));
            close_command();
            H.want_ready = false;
            react(REACT_LEAVE_ON_FAILED, do_leave);
            break;
        case RAWREPL_EV_LEFT:
            CHECK(H.want_left && H.rr.state == RAWREPL_IDLE && detail[0] == '\0');
            H.want_left = false;
            break;
        default:
            CHECK(!"unknown event");
    }
}

// ---- the script ----

// Checks that hold between actions.
static void check_state(void) {
    const struct rawrepl *rr = &H.rr;
    CHECK(rr->state >= RAWREPL_IDLE && rr->state <= RAWREPL_FAILED);
    CHECK(memchr(rr->detail, '\0', sizeof(rr->detail)) != NULL);
    CHECK(rr->m.pat == NULL || rr->m.pos < rr->m.len);
    CHECK(rr->hdr_len <= sizeof(rr->hdr) || rr->state != RAWREPL_NEGOTIATE);
    CHECK(rr->code_pos <= rr->code_len);
    bool silent = rr->silence_ms > 0;
    switch (rr->state) {
        case RAWREPL_IDLE:
        case RAWREPL_READY:
        case RAWREPL_FAILED:
            CHECK(!H.armed && !H.open);
            break;
        case RAWREPL_SETTLE:
        case RAWREPL_ENTER:
        case RAWREPL_NEGOTIATE:
        case RAWREPL_CLASSIC_SEND:
        case RAWREPL_LEAVE:
            CHECK(H.armed);
            break;
        case RAWREPL_PROMPT: // the program ended: its prompt is always awaited with a limit
            CHECK(H.armed);
            CHECK(H.open);
            break;
        default:
            CHECK(H.armed == silent);
            CHECK(H.open);
            break;
    }
}

static void fire(void) {
    if (H.armed) {
        if (H.now < H.deadline) {
            H.now = H.deadline;
        }
        H.armed = false;
        rawrepl_timeout(&H.rr);
    }
}

static void advance(unsigned ms) {
    H.now += ms;
    if (H.armed && H.now >= H.deadline) {
        fire();
    }
}

struct chunk {
    uint8_t b[CHUNK_MAX];
    size_t len;
};

static void flush(struct chunk *c) {
    if (c->len == 0) {
        return;
    }
    H.grants += count_grants(c->b, c->len, H.fed);
    H.chunk = c->b;
    H.chunk_len = c->len;
    rawrepl_feed(&H.rr, c->b, c->len);
    H.chunk = NULL;
    H.fed += c->len;
    c->len = 0;
    check_state();
}

static void add(struct chunk *c, const void *data, size_t len) {
    const uint8_t *p = data;
    while (len > 0) {
        if (c->len == CHUNK_MAX) {
            flush(c);
        }
        size_t n = CHUNK_MAX - c->len < len ? CHUNK_MAX - c->len : len;
        memcpy(c->b + c->len, p, n);
        c->len += n;
        p += n;
        len -= n;
    }
}

struct script {
    const uint8_t *p;
    size_t n;
};

static uint8_t take(struct script *s) {
    if (s->n == 0) {
        return 0;
    }
    s->n--;
    return *s->p++;
}

static void exec_action(struct script *s) {
    uint8_t a = take(s), b = take(s);
    H.exec_len_ix = a % (sizeof(code_lengths) / sizeof(code_lengths[0]));
    H.exec_silence = silences[(a / 16) % (sizeof(silences) / sizeof(silences[0]))];
    H.out_mode = b % OUT_MODES;
    do_exec();
}

// Feeds board bytes or acts on the client; returns false when [c] was a board byte.
static bool action(uint8_t c, struct script *s, struct chunk *ch) {
    static const char banner[] = "raw REPL; CTRL-B to exit\r\n>";
    switch (c) {
        case 'B':
            add(ch, banner, sizeof(banner) - 1);
            return true;
        case 'P': { // raw-paste accepted, with a window from the script
            uint8_t hdr[4] = {'R', 0x01, take(s), take(s)};
            add(ch, hdr, sizeof(hdr));
            return true;
        }
        case 'N':
            add(ch, "R\x00", 2);
            return true;
        case 'O':
            add(ch, "OK", 2);
            return true;
        case 'K':
            add(ch, "KeyboardInterrupt\r\n", 19);
            return true;
        case 'Q':
            add(ch, ">>> ", 4);
            return true;
        case 'D':
            add(ch, "\x04", 1);
            return true;
        case 'A':
            add(ch, "\x01", 1);
            return true;
        case 'F': { // raw bytes, letters included
            size_t n = take(s);
            for (size_t i = 0; i < n && s->n > 0; i++) {
                uint8_t b = take(s);
                add(ch, &b, 1);
            }
            return true;
        }
        case 'G': { // a download frame of generated bytes (0x04 among them)
            uint8_t n = take(s);
            uint8_t hdr[3] = {0x01, 0x00, n};
            add(ch, hdr, sizeof(hdr));
            for (unsigned i = 0; i < n; i++) {
                uint8_t b = (uint8_t)(i * 5 + 4);
                add(ch, &b, 1);
            }
            return true;
        }
        case '|':
            flush(ch);
            return true;
        default:
            break;
    }
    if (c == 0 || strchr("EMXILZTWSY", c) == NULL) {
        return false; // a board byte
    }
    flush(ch);
    switch (c) {
        case 'E':
            do_enter();
            break;
        case 'M':
            do_enter_at_prompt();
            break;
        case 'X':
            exec_action(s);
            break;
        case 'I':
            do_interrupt();
            break;
        case 'L':
            do_leave();
            break;
        case 'Z':
            do_reset();
            break;
        case 'T':
            fire();
            break;
        case 'W':
            advance((unsigned)take(s) * 8);
            break;
        case 'S': {
            size_t n = take(s) % (STDIN_MAX + 1);
            for (size_t i = 0; i < n; i++) {
                H.stdin_buf[i] = take(s);
            }
            do_stdin(n);
            break;
        }
        default:
            H.react = take(s);
            break; // 'Y'
    }
    check_state();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    memset(&H, 0, sizeof(H));
    H.now = 1000;
    struct rawrepl_io io = {NULL, f_send, f_timer, f_now, NULL, f_err, f_event};
    rawrepl_init(&H.rr, &io);
    static struct chunk ch;
    ch.len = 0;
    struct script s = {data, size};
    while (s.n > 0) {
        uint8_t c = take(&s);
        if (!action(c, &s, &ch)) {
            add(&ch, &c, 1);
        }
    }
    flush(&ch);
    // However the script ended, the timer brings the client to rest (or to a running program
    // with no silence limit, which the user stops).
    for (int i = 0; i < DRAIN_MAX && H.armed; i++) {
        fire();
        check_state();
    }
    CHECK(!H.armed);
    close_command();
    return 0;
}
