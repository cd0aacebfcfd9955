// SPDX-License-Identifier: MIT
// session.h: one browser WebSocket: a board terminal or the board-list event stream, each with a
// bounded send queue. A viewer that stops reading is cut off; it never slows anyone else.
#ifndef REPLHUB_SESSION_H
#define REPLHUB_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libwebsockets.h>

#include "api.h"
#include "outq.h"

#define SESSION_TX_CHUNK         (16u << 10) // largest binary frame sent to a browser
#define SESSION_TAG_MAX          (80)
#define SESSION_CLOSE_REASON_MAX (100) // a close frame's reason (<= 123 bytes)

struct board;
struct hub;

enum session_kind { SESSION_TERM, SESSION_EVENTS };

// Per-connection memory, allocated and zeroed by lws (protocols[].per_session_data_size).
struct session {
    lws_dll2_t node; // in the board's viewers or the hub's watchers
    struct lws *wsi;
    struct hub *hub;
    struct board *board; // terminal sessions only
    enum session_kind kind;
    char tag[SESSION_TAG_MAX];
    struct outq q;
    uint8_t *msg; // a text message being assembled (at most the message limit)
    size_t msg_len;
    size_t msg_total; // bytes so far of the current message, binary ones included
    bool counted;     // holds one of the hub's connection slots
    bool cut;         // being closed: queue nothing more
    enum api_error cut_why;
    uint64_t rx, tx;
    uint8_t frame[LWS_PRE + SESSION_TX_CHUNK];
};

// Queues a message for [s] and asks for a writable callback. When the queue is full the
// session is cut off (ERR_FULL is returned): the caller carries on with the others.
int session_send(struct session *s, enum outq_kind kind, const void *data, size_t len);

// Queues the JSON text [json] (taken: freed here, NULL is an out-of-memory that cuts [s]).
int session_send_json(struct session *s, char *json);

// Closes [s] with an error event and close code for [why]; safe from any callback.
void session_cut(struct session *s, enum api_error why, const char *detail);

// Stops or resumes reading [s]'s input (flow control for a board whose link is backed up).
void session_pause_input(struct session *s, bool pause);

// lws callback of the "replhub" WebSocket protocol.
int session_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                     size_t len);

#endif
