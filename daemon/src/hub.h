// SPDX-License-Identifier: MIT
// hub.h: everything replhubd serves: the boards (configured, discovered, embedded) and the
// sessions watching the board list. Reached from any wsi through the lws context's user pointer.
#ifndef REPLHUB_HUB_H
#define REPLHUB_HUB_H

#include <stdbool.h>
#include <stddef.h>

#include <libwebsockets.h>

#include "api.h"
#include "config.h"

#define HUB_MAX_BOARDS  (CONFIG_MAX_BOARDS + 32) // configured + discovered + embedded
#define HUB_TICK_MS     (1000)                   // discovery scan and child reaping
#define HUB_EMBEDDED_ID "sim"

struct board;
struct child;
struct session;

struct hub {
    const struct config *cfg;
    struct lws_context *ctx;
    struct lws_vhost *vh;
    struct board *boards[HUB_MAX_BOARDS];
    size_t nboards;
    lws_dll2_owner_t watchers; // board-list event sessions
    unsigned sessions;         // WebSocket sessions open, against the connections limit
    unsigned next_session;     // numbers session tags
    struct child *child;       // the embedded simulated board, or NULL
    lws_sorted_usec_list_t sul_tick;
    bool stopping;
};

// Creates the configured boards (not connected yet). Returns 0 or ERR_* with [err].
int hub_init(struct hub *h, const struct config *cfg, char *err, size_t err_len);

// Connects the boards, starts the embedded board when none is configured, and starts the tick
// that discovers USB boards. Call once the vhost exists.
void hub_start(struct hub *h, struct lws_context *ctx, struct lws_vhost *vh);

// Stops timers and the embedded board; call before destroying the lws context.
void hub_stop(struct hub *h);

// Frees the boards (after the lws context is destroyed).
void hub_deinit(struct hub *h);

// The hub of [wsi]'s context.
struct hub *hub_of(struct lws *wsi);

// The board with id [id], or NULL.
struct board *hub_find(struct hub *h, const char *id);

// Describes up to [max] boards into [out]; returns how many.
size_t hub_describe(const struct hub *h, struct api_board *out, size_t max);

// Tells every board-list watcher that [b] changed (state, viewers).
void hub_board_changed(struct hub *h, const struct board *b);

// Sends the JSON event [json] ([len] bytes, borrowed) to every board-list watcher.
void hub_tell_watchers(struct hub *h, const char *json, size_t len);

// Adds [s] to the board-list watchers, queueing the current list first.
int hub_watch(struct hub *h, struct session *s);
void hub_unwatch(struct hub *h, struct session *s);

#endif
