// SPDX-License-Identifier: MIT
// board.h: one board: its link, a state machine, the scrollback ring and fan-out to viewers.
#ifndef REPLHUB_BOARD_H
#define REPLHUB_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libwebsockets.h>

#include "api.h"
#include "boardops.h"
#include "config.h"
#include "link.h"
#include "modem.h"
#include "outq.h"
#include "rawrepl.h"
#include "ring.h"

#define BOARD_TX_MAX         (256u << 10) // bytes from viewers waiting for the link
#define BOARD_TX_PAUSE       (64u << 10)  // above this, viewers' input is paused (flow control)
#define BOARD_READ_CHUNK     (4096)       // bytes read from the link per wake-up
#define BOARD_HELD_MAX       (4096)       // viewer input held while file operations run
#define BOARD_RETRY_MIN_MS   (200)        // reconnect backoff, doubling up to the max
#define BOARD_RETRY_MAX_MS   (2000)
#define BOARD_SETTLE_MS      (1000) // a silent board counts as at the REPL after this
#define BOARD_PROMPT_WAIT_MS (1000) // how long a reset waits for a prompt after Ctrl-C

struct hub;
struct session;

enum board_state { BOARD_DISCONNECTED, BOARD_CONNECTING, BOARD_REPL, BOARD_BUSY };

// A reset waiting for the prompt that follows Ctrl-C.
enum board_pending { PENDING_NONE, PENDING_SOFT_RESET, PENDING_MACHINE_RESET };

struct board {
    char tag[CONFIG_NAME_MAX + 8]; // "board:NAME"
    struct hub *hub;
    struct board_config cfg;
    const struct link_ops *link;
    const char *usb;               // USB bridge name of a discovered board, else NULL
    char usb_key[CONFIG_PATH_MAX]; // USB serial number (or port) a discovered board is matched by
    bool embedded;
    bool discovered; // reconnected by discovery (matched by USB serial), never by blind retries
    struct lws *wsi; // the adopted link fd; NULL while disconnected
    enum board_state state;
    struct ring scrollback;
    struct outq tx;
    lws_dll2_owner_t viewers;
    lws_sorted_usec_list_t sul_retry, sul_settle, sul_reset;
    unsigned retry_ms;
    bool retry_logged; // log a missing device once, not at every retry
    bool input_paused;
    enum board_pending pending;
    const struct modem_seq *modem; // a DTR/RTS sequence in progress, or NULL
    size_t modem_pos;
    unsigned prompt_pos; // progress matching ">>> " across reads
    bool at_prompt;      // the board's last output was ">>> " and nobody typed since
    uint8_t held[BOARD_HELD_MAX];
    size_t held_len;
    uint64_t rx_bytes, tx_bytes;
    struct rawrepl rr; // file operations' raw REPL session
    lws_sorted_usec_list_t sul_rr;
    struct board_ops ops;
};

// Creates a board for [cfg] (not yet connected); NULL with the reason in [err].
struct board *board_new(struct hub *hub, const struct board_config *cfg, char *err, size_t err_len);
// Closes the link and frees the board; its viewers must have been closed first.
void board_free(struct board *b);

// Starts connecting now (and keeps retrying while the device is absent).
void board_start(struct board *b);

// Makes [s] a viewer: queues the hello event and the scrollback for it. ERR_LIMIT when the board
// has its maximum of viewers.
int board_attach(struct board *b, struct session *s);
void board_detach(struct board *b, struct session *s);

// Queues viewer input for the link. ERR_CLOSED when disconnected, ERR_FULL when over the limit.
// While file operations have the board it is held (up to BOARD_HELD_MAX, else ERR_BUSY) and
// typed when they are over.
int board_input(struct board *b, const uint8_t *data, size_t len);

// Interrupt, soft reset, hard reset or bootloader entry; returns 0, ERR_CLOSED, ERR_BUSY, or
// ERR_NOTSUP (bootloader entry on a link without modem lines).
int board_control(struct board *b, enum api_control ctl);

// For boardops.c: bytes for the link whatever the state (ERR_FULL over the limit); a line for
// every viewer and the scrollback, as if the board had printed it; a JSON event (taken) for
// every viewer; entering or leaving the busy state.
int board_link_send(struct board *b, const uint8_t *data, size_t len);
void board_notice(struct board *b, const char *text);
void board_broadcast(struct board *b, char *json);
void board_set_busy(struct board *b, bool busy, const char *reason);

// Fills [out] with the board as the API shows it (strings borrowed from [b]).
void board_describe(const struct board *b, struct api_board *out);
const char *board_state_name(enum board_state s);

// lws callback of the "replhub-link" protocol (adopted link fds).
int board_link_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                        size_t len);

#endif
