// SPDX-License-Identifier: MIT
// boardops.h: a board's queue of file operations, run one at a time through its raw REPL.
//
// While an operation runs the board is `busy`: whatever was running is interrupted, viewers get
// a notice line instead of raw-REPL traffic, and their input is refused. When the queue is empty
// the board leaves the raw REPL and is back at `>>> `. The requester (an HTTP request) gets its
// result through the op's done callback and frees the op; a requester that goes away abandons
// it, and the board frees it when it ends.
#ifndef REPLHUB_BOARDOPS_H
#define REPLHUB_BOARDOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libwebsockets.h>
#include <mbedtls/sha256.h>

#include "api.h"
#include "fsops.h"
#include "outq.h"

#define OPS_QUEUE_MAX     (16)        // operations waiting per board
#define OPS_TAG_MAX       (64)        // bytes of an x-replhub-tag
#define OPS_UPLOAD_BUFFER (64u << 10) // upload bytes held ahead of the board
#define OPS_RESULT_MAX    (16u << 20) // a downloaded file or exec output
#define OPS_CODE_MAX      (64u << 10) // code sent by exec
#define OPS_SILENCE_MS    (10000)     // a file operation fails after this long without a byte
#define OPS_PROGRESS_MS   (100)       // progress events at most this often
#define OPS_CLASSIC_CHUNK (64)        // upload chunk when the board has no raw-paste window

struct board;

enum op_kind {
    OP_LIST,
    OP_STAT,
    OP_READ,
    OP_WRITE,
    OP_DELETE,
    OP_MKDIR,
    OP_RENAME,
    OP_HASH,
    OP_RUN,
    OP_EXEC
};
enum op_state { OP_QUEUED, OP_RUNNING, OP_DONE, OP_FAILED, OP_CANCELLED };

struct op;
typedef void (*op_done_fn)(struct op *op, void *ctx);

struct op {
    lws_dll2_t node; // in the board's queue
    struct board *board;
    unsigned id;
    enum op_kind kind;
    enum op_state state;
    char path[FSOPS_PATH_MAX + 1];
    char to[FSOPS_PATH_MAX + 1]; // rename target
    char tag[OPS_TAG_MAX + 1];
    bool recursive;
    uint64_t done, total; // bytes moved, and expected when known
    // The requester: told once when the op ends; resumed when an upload buffer has room.
    op_done_fn on_done;
    void (*on_room)(void *ctx);
    void *ctx;
    bool abandoned;
    // Results.
    enum api_error error; // when FAILED or CANCELLED
    char message[200];
    struct fsops_error exc; // the board's exception, when it raised one
    uint8_t *out;           // read: file bytes; exec: stdout; others: the printed text
    size_t out_len, out_cap;
    uint8_t *errtext; // the error section
    size_t err_len, err_cap;
    char sha256[FSOPS_SHA256_HEX + 1];
    bool is_dir;
    // Internals.
    char *script;
    char *code; // exec
    int step;
    struct fsops_frames frames;
    mbedtls_sha256_context sha;
    struct outq in; // upload bytes waiting for the board (OP_WRITE only)
    bool in_end;
    unsigned inflight; // upload chunks sent and not yet acknowledged
    bool end_sent;
    bool cancel;
    bool retried; // ran again after the board had lost the helper functions
    uint64_t last_event_ms;
};

// Board-side state of the operation machinery (embedded in struct board).
struct board_ops {
    lws_dll2_owner_t queue; // the head runs
    unsigned next_id;
    bool in_raw;  // the board is in the raw REPL on our behalf
    bool helpers; // fsops' helper functions are defined on the board (until it resets)
    bool quiet;   // the batch began at an empty prompt: reads need no notice
    bool noticed; // a notice was printed in this batch: the prompt is printed again after
    bool reenter; // a cancelled transfer may have left bytes: enter afresh
    char stray_tmp[FSOPS_PATH_MAX + 1]; // an upload's temporary file to remove
    char notice_path[FSOPS_PATH_MAX + 1];
};

// A new operation of [kind] on [path]; NULL when out of memory.
struct op *op_new(enum op_kind kind, const char *path);
void op_free(struct op *op);

// Queues [op] on [b]. Returns 0, ERR_CLOSED (board disconnected) or ERR_FULL (queue full).
int board_op_submit(struct board *b, struct op *op);

// Upload bytes from the requester: returns how many fit (0 when the buffer is full: wait for
// on_room). op_upload_end() says the body is complete.
size_t op_upload_push(struct op *op, const uint8_t *data, size_t len);
void op_upload_end(struct op *op);

// Cancels [op] (queued: dropped; running: interrupted); its done callback follows.
void board_op_cancel(struct op *op);

// The requester goes away: the op is cancelled and freed by the board, no callback.
void board_op_abandon(struct op *op);

// The op with [id] on [b], or NULL.
struct op *board_op_find(struct board *b, unsigned id);

// Describes [op] as the API shows it.
void op_describe(const struct op *op, struct api_op *out);

// Board hooks (board.c): bytes from the link while busy; the link went away; the board reset
// (its REPL globals are gone).
void board_ops_feed(struct board *b, const uint8_t *data, size_t len);
void board_ops_board_reset(struct board *b);
void board_ops_link_lost(struct board *b);
void board_ops_init(struct board *b);
void board_ops_deinit(struct board *b);

#endif
