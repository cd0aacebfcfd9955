// SPDX-License-Identifier: MIT
// rawrepl.h: the host side of MicroPython's raw REPL (PROTOCOLS.md §2) as a pure state machine.
//
// Bytes from the board go in through rawrepl_feed(); bytes for the board, program output and
// events come out through the callbacks of struct rawrepl_io. It owns no fd and no clock of its
// own: the owner keeps one timer armed as io.timer asks and calls rawrepl_timeout() when it
// fires, so the same code runs in the daemon's loop and in unit tests fed with transcripts.
//
// A session: rawrepl_enter() (Ctrl-C, wait for quiet, Ctrl-A, banner) → READY; then any number
// of rawrepl_exec() (raw-paste when the board offers it, else classic raw mode in paced
// slices), each ending in RAWREPL_EV_DONE; then rawrepl_leave() (Ctrl-B, wait for ">>> ").
#ifndef REPLHUB_RAWREPL_H
#define REPLHUB_RAWREPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAWREPL_QUIET_MS      (40)    // after Ctrl-C, the board is settled once silent this long,
#define RAWREPL_SETTLE_MAX_MS (1500)  // or at once when it ends at ">>> ", or after this anyway
#define RAWREPL_ENTER_MS      (1500)  // the raw banner must follow Ctrl-A within this
#define RAWREPL_ENTER_TRIES   (3)     // Ctrl-C + Ctrl-A rounds before giving up
#define RAWREPL_NEGOTIATE_MS  (1000)  // the answer to a raw-paste request
#define RAWREPL_LEAVE_MS      (1500)  // ">>> " after Ctrl-B
#define RAWREPL_PROMPT_MS     (10000) // '>' after a program's output, for commands with no limit
#define RAWREPL_SLICE         (256)   // classic raw mode: bytes per write ...
#define RAWREPL_SLICE_GAP_MS  (10)    // ... and the pause between them (as mpremote)
#define RAWREPL_WINDOW_MAX    (4096)  // a raw-paste window larger than this is a protocol error

enum rawrepl_state {
    RAWREPL_IDLE,         // the board is in the friendly REPL (or unknown)
    RAWREPL_SETTLE,       // Ctrl-C sent; waiting for the board to go quiet
    RAWREPL_ENTER,        // Ctrl-A sent; waiting for "raw REPL; CTRL-B to exit\r\n>"
    RAWREPL_READY,        // at the raw prompt '>'
    RAWREPL_NEGOTIATE,    // "\x05A\x01" sent; waiting for "R\x01", "R\x00" or an old banner
    RAWREPL_PASTE_SEND,   // raw-paste: sending code within the granted window
    RAWREPL_PASTE_END,    // raw-paste: 0x04 sent; waiting for the board's 0x04
    RAWREPL_CLASSIC_SEND, // classic raw mode: paced slices
    RAWREPL_CLASSIC_OK,   // classic raw mode: 0x04 sent; waiting for "OK"
    RAWREPL_OUT,          // the program runs; its output until 0x04
    RAWREPL_ERR,          // its error output until 0x04
    RAWREPL_PROMPT,       // waiting for '>' (or the banner after a SystemExit soft reset)
    RAWREPL_LEAVE,        // Ctrl-B sent; waiting for ">>> "
    RAWREPL_FAILED,       // the board did not answer as the protocol says
};

enum rawrepl_event {
    RAWREPL_EV_READY,   // entered: rawrepl_exec() may be called
    RAWREPL_EV_RUNNING, // the code was accepted and runs; rawrepl_stdin() may feed it
    RAWREPL_EV_DONE,    // the code ended (see rawrepl.err_len for an error section)
    RAWREPL_EV_LEFT,    // back in the friendly REPL
    RAWREPL_EV_FAILED,  // protocol failure or silence; the detail says which
};

struct rawrepl_io {
    void *ctx;
    // Bytes for the board.
    void (*send)(void *ctx, const uint8_t *data, size_t len);
    // Arms the one timer to fire in [ms] (replacing any earlier one); 0 cancels it.
    void (*timer)(void *ctx, unsigned ms);
    // Monotonic milliseconds.
    uint64_t (*now_ms)(void *ctx);
    // Program output. Returns how many of [len] bytes are output: when fewer, data[ret] is the
    // 0x04 that ends the output section. A binary protocol inside the output (file transfer
    // frames) decides itself where a 0x04 is data. NULL: output ends at the first 0x04.
    size_t (*out)(void *ctx, const uint8_t *data, size_t len);
    // The error section (a traceback), in pieces.
    void (*err)(void *ctx, const uint8_t *data, size_t len);
    // State events; [detail] is a message for RAWREPL_EV_FAILED, else "".
    void (*event)(void *ctx, enum rawrepl_event ev, const char *detail);
};

// Follows a fixed byte pattern through a stream split anywhere.
struct rawrepl_match {
    const char *pat;
    size_t len, pos;
};

struct rawrepl {
    struct rawrepl_io io;
    enum rawrepl_state state;
    int paste_window;    // raw-paste window from the board; 0 unsupported; -1 not asked yet
    const uint8_t *code; // the command being sent (owned by the caller until RUNNING)
    size_t code_len, code_pos;
    size_t granted;      // raw-paste bytes the board has room for
    unsigned silence_ms; // running code: fail after this long without a byte (0 = never)
    unsigned tries;
    uint64_t settle_start;
    bool interrupted; // the settle drain showed a KeyboardInterrupt: a program was running
    bool stop_sent;   // Ctrl-C sent while the code was being sent
    size_t err_len;   // bytes of the last command's error section
    uint8_t tail[4];  // the last bytes seen while settling (an empty prompt ends it at once)
    uint8_t hdr[4];   // raw-paste answer being collected
    size_t hdr_len;
    struct rawrepl_match m; // the pattern the current state waits for
    char detail[96];
};

void rawrepl_init(struct rawrepl *rr, const struct rawrepl_io *io);

// The link was lost or the board reset: back to IDLE, raw-paste support asked again.
void rawrepl_reset(struct rawrepl *rr);

// Interrupts whatever runs and enters the raw REPL; RAWREPL_EV_READY (or FAILED) follows.
// Already READY: the event is sent at once.
void rawrepl_enter(struct rawrepl *rr);

// As rawrepl_enter, for a board known to sit at an empty ">>> ": Ctrl-A at once, no Ctrl-C
// (which would print a fresh prompt); the Ctrl-C rounds follow if no banner comes.
void rawrepl_enter_at_prompt(struct rawrepl *rr);

// Sends [len] bytes of Python [code] (kept by the caller until RAWREPL_EV_RUNNING) to run as a
// file. With [silence_ms] > 0 the command fails when the board says nothing for that long.
// Only when READY; returns false otherwise.
bool rawrepl_exec(struct rawrepl *rr, const uint8_t *code, size_t len, unsigned silence_ms);

// Bytes for the running program's stdin (only while RAWREPL_OUT).
void rawrepl_stdin(struct rawrepl *rr, const uint8_t *data, size_t len);

// Sends Ctrl-C to the running program (or stops a raw-paste send): the command then ends with
// a KeyboardInterrupt in its error section.
void rawrepl_interrupt(struct rawrepl *rr);

// Leaves the raw REPL (from READY); RAWREPL_EV_LEFT follows once ">>> " is seen or after
// RAWREPL_LEAVE_MS.
void rawrepl_leave(struct rawrepl *rr);

// Bytes from the board.
void rawrepl_feed(struct rawrepl *rr, const uint8_t *data, size_t len);

// The timer armed through io.timer fired.
void rawrepl_timeout(struct rawrepl *rr);

#endif
