// SPDX-License-Identifier: MIT
// boardops.c: runs a board's file operations through its raw REPL, one at a time: the programs
// of fsops.c, the binary upload with its acknowledged chunks, downloads with their hash,
// tracebacks turned into API errors, and the busy state and notices the viewers see.

#include "boardops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "err.h"
#include "hub.h"
#include "log.h"

// Steps of an operation: each is one program on the board.
enum {
    STEP_CLEANUP = -1, // remove an earlier upload's temporary file first
    STEP_MAIN = 0,     // the operation's program (for OP_READ: its stat)
    STEP_SECOND,       // OP_READ: list or read; OP_WRITE/OP_HASH without hashlib: read back
    STEP_COMMIT,       // OP_WRITE read back and equal: rename over the target
};

static const char *const kind_names[] = {"list",  "stat",   "read", "write", "delete",
                                         "mkdir", "rename", "hash", "run",   "exec"};
static const char *const state_names[] = {"queued", "running", "done", "failed", "cancelled"};

struct op *op_new(enum op_kind kind, const char *path) {
    struct op *op = calloc(1, sizeof(*op));
    if (op == NULL) {
        return NULL;
    }
    op->kind = kind;
    snprintf(op->path, sizeof(op->path), "%s", path);
    mbedtls_sha256_init(&op->sha);
    mbedtls_sha256_starts_ret(&op->sha, 0);
    if (outq_init(&op->in, kind == OP_WRITE ? OPS_UPLOAD_BUFFER : 0) < 0 && kind == OP_WRITE) {
        op_free(op);
        return NULL;
    }
    return op;
}

void op_free(struct op *op) {
    if (op == NULL) {
        return;
    }
    mbedtls_sha256_free(&op->sha);
    free(op->out);
    free(op->errtext);
    free(op->script);
    free(op->code);
    outq_deinit(&op->in);
    free(op);
}

void op_describe(const struct op *op, struct api_op *out) {
    out->id = op->id;
    out->kind = kind_names[op->kind];
    out->path = op->path;
    out->to = op->kind == OP_RENAME ? op->to : NULL;
    out->state = state_names[op->state];
    out->done = op->done;
    out->total = op->total;
    out->tag = op->tag[0] != '\0' ? op->tag : NULL;
    out->has_error = op->state == OP_FAILED || op->state == OP_CANCELLED;
    out->error = op->error;
    out->message = op->message;
}

static struct op *running_op(struct board *b) {
    lws_dll2_t *d = lws_dll2_get_head(&b->ops.queue);
    struct op *op = d != NULL ? lws_container_of(d, struct op, node) : NULL;
    return op != NULL && op->state == OP_RUNNING ? op : NULL;
}

static uint64_t now_ms(void) {
    return (uint64_t)lws_now_usecs() / LWS_US_PER_MS;
}

static void op_event(struct op *op) {
    struct api_op info;
    op_describe(op, &info);
    op->last_event_ms = now_ms();
    char *json = api_encode_op_event(op->board->cfg.name, &info);
    if (json != NULL && !op->board->hub->stopping) {
        hub_tell_watchers(op->board->hub, json, strlen(json));
    }
    board_broadcast(op->board, json);
}

static void progress(struct op *op) {
    if (now_ms() - op->last_event_ms >= OPS_PROGRESS_MS) {
        op_event(op);
    }
}

// Appends to a result buffer of at most [max] bytes; false when it would not fit.
static bool append(uint8_t **buf, size_t *len, size_t *cap, size_t max, const uint8_t *data,
                   size_t n) {
    if (*len + n > max) {
        return false;
    }
    if (*len + n + 1 > *cap) {
        size_t c = *cap == 0 ? 4096 : *cap;
        while (c < *len + n + 1) {
            c *= 2;
        }
        uint8_t *p = realloc(*buf, c);
        if (p == NULL) {
            return false;
        }
        *buf = p;
        *cap = c;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0'; // text results are read as C strings
    return true;
}

// ---- the queue ----

static void start_next(struct board *b);
static void run_step(struct op *op);

static void finish(struct op *op, enum op_state st, enum api_error code, const char *msg) {
    struct board *b = op->board;
    if (op->kind == OP_EXEC || op->kind == OP_RUN) {
        b->ops.helpers = false; // user code may have reset the board or rebound the names
    }
    if (st != OP_DONE) {
        op->error = code;
        if (msg != op->message) { // a limit the op stopped for has its text there already
            snprintf(op->message, sizeof(op->message), "%s", msg != NULL ? msg : "");
        }
        log_notice(b->tag, "%s %s: %s (%s)", kind_names[op->kind], op->path, api_error_code(code),
                   op->message);
    }
    if (st != OP_DONE && op->kind == OP_WRITE && op->step >= STEP_MAIN) {
        // The board removes its temporary file when the upload fails; if it could not (power
        // lost, link gone), the next operation does.
        fsops_tmp_path(op->path, b->ops.stray_tmp, sizeof(b->ops.stray_tmp));
    }
    if (st != OP_DONE && op->state == OP_RUNNING) {
        // Chunk bytes may still sit in the board's buffer, or a frame was cut: the next
        // operation enters the raw REPL afresh.
        b->ops.reenter = true;
    }
    op->state = st;
    lws_dll2_remove(&op->node);
    op_event(op);
    if (op->on_done != NULL) {
        op->on_done(op, op->ctx);
    } else if (op->abandoned) {
        op_free(op);
    }
    start_next(b);
}

static void fail(struct op *op, enum api_error code, const char *msg) {
    finish(op, code == API_ERR_CANCELLED ? OP_CANCELLED : OP_FAILED, code, msg);
}

static bool is_read_only(enum op_kind k) {
    return k == OP_LIST || k == OP_STAT || k == OP_READ || k == OP_HASH;
}

static void notice(struct board *b, const char *fmt, const char *arg) {
    b->ops.noticed = true;
    char line[FSOPS_PATH_MAX + 128];
    int n = snprintf(line, sizeof(line), "\r\n\x1b[2m[replhub] ");
    n += snprintf(line + n, sizeof(line) - (size_t)n, fmt, arg);
    snprintf(line + n, sizeof(line) - (size_t)n, "\x1b[0m");
    board_notice(b, line);
}

static void start_next(struct board *b) {
    lws_dll2_t *d = lws_dll2_get_head(&b->ops.queue);
    if (b->wsi == NULL) {
        return; // the link went away: board_ops_link_lost ends everything
    }
    if (d == NULL) {
        if (b->ops.in_raw && b->rr.state != RAWREPL_LEAVE) {
            rawrepl_leave(&b->rr);
        }
        return;
    }
    struct op *op = lws_container_of(d, struct op, node);
    if (op->state == OP_RUNNING || b->rr.state == RAWREPL_LEAVE) {
        return; // already going, or starts once the board is back at ">>> "
    }
    op->state = OP_RUNNING;
    op->step = b->ops.stray_tmp[0] != '\0' ? STEP_CLEANUP : STEP_MAIN;
    op_event(op);
    if (!b->ops.in_raw) {
        // A board idle at an empty prompt needs no Ctrl-C, and reading it changes nothing a
        // viewer sees: such operations pass silently.
        b->ops.quiet = b->at_prompt;
        b->ops.noticed = false;
    }
    if (!is_read_only(op->kind) || !b->ops.quiet) {
        char what[FSOPS_PATH_MAX + 32];
        snprintf(what, sizeof(what), "%s %s", kind_names[op->kind], op->path);
        notice(b, "%s", what);
    }
    if (!b->ops.in_raw) {
        b->ops.in_raw = true;
        b->ops.reenter = false; // entering from the friendly REPL is a fresh start anyway
        board_set_busy(b, true, kind_names[op->kind]);
        if (b->ops.quiet) {
            rawrepl_enter_at_prompt(&b->rr);
        } else {
            rawrepl_enter(&b->rr);
        }
    } else if (b->ops.reenter || b->rr.state != RAWREPL_READY) {
        b->ops.reenter = false;
        b->rr.state = RAWREPL_IDLE;
        rawrepl_enter(&b->rr);
    } else {
        run_step(op);
    }
}

int board_op_submit(struct board *b, struct op *op) {
    if (b->wsi == NULL) {
        return ERR_CLOSED;
    }
    if (b->ops.queue.count >= OPS_QUEUE_MAX) {
        return ERR_FULL;
    }
    op->board = b;
    op->id = ++b->ops.next_id;
    op->state = OP_QUEUED;
    lws_dll2_add_tail(&op->node, &b->ops.queue);
    op_event(op);
    start_next(b);
    return 0;
}

struct op *board_op_find(struct board *b, unsigned id) {
    lws_start_foreach_dll(struct lws_dll2 *, d, lws_dll2_get_head(&b->ops.queue)) {
        struct op *op = lws_container_of(d, struct op, node);
        if (op->id == id) {
            return op;
        }
    }
    lws_end_foreach_dll(d);
    return NULL;
}

void board_op_cancel(struct op *op) {
    if (op->board == NULL || op->state > OP_RUNNING) {
        return;
    }
    if (op->state == OP_QUEUED) {
        fail(op, API_ERR_CANCELLED, "cancelled before it started");
        return;
    }
    op->cancel = true;
    if (op->board->rr.state == RAWREPL_OUT || op->board->rr.state == RAWREPL_PASTE_SEND ||
        op->board->rr.state == RAWREPL_PASTE_END || op->board->rr.state == RAWREPL_CLASSIC_SEND ||
        op->board->rr.state == RAWREPL_CLASSIC_OK) {
        rawrepl_interrupt(&op->board->rr);
    }
    // Otherwise the op stops at its next step.
}

void board_op_abandon(struct op *op) {
    op->on_done = NULL;
    op->on_room = NULL;
    op->abandoned = true;
    if (op->board == NULL) {
        op_free(op);
        return;
    }
    board_op_cancel(op);
}

// ---- upload ----

static size_t chunk_room(struct board *b) {
    int w = b->rr.paste_window;
    if (w <= 0) {
        return OPS_CLASSIC_CHUNK;
    }
    return (size_t)w < FSOPS_CHUNK_MAX ? (size_t)w : FSOPS_CHUNK_MAX;
}

static void pump_upload(struct op *op) {
    struct board *b = op->board;
    size_t room = chunk_room(b);
    uint8_t chunk[FSOPS_CHUNK_MAX + FSOPS_SHA256_HEX + 1];
    bool was_full = outq_room(&op->in) < OPS_UPLOAD_BUFFER / 2;
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    while (!op->cancel && op->inflight < 2 && outq_peek(&op->in, &kind, &data, &len)) {
        size_t used;
        size_t n = fsops_encode_chunk(data, len, &used, chunk, room);
        rawrepl_stdin(&b->rr, chunk, n);
        outq_consume(&op->in, used);
        op->done += used;
        op->inflight++;
    }
    if (!op->cancel && op->in_end && outq_used(&op->in) == 0 && op->inflight == 0 &&
        !op->end_sent) {
        unsigned char digest[32];
        mbedtls_sha256_finish_ret(&op->sha, digest);
        fsops_hex(digest, sizeof(digest), op->sha256);
        size_t n = fsops_encode_end(op->sha256, chunk, sizeof(chunk));
        rawrepl_stdin(&b->rr, chunk, n);
        op->end_sent = true;
    }
    if (was_full && outq_room(&op->in) >= OPS_UPLOAD_BUFFER / 2 && op->on_room != NULL) {
        op->on_room(op->ctx);
    }
    progress(op);
}

size_t op_upload_push(struct op *op, const uint8_t *data, size_t len) {
    size_t room = outq_room(&op->in);
    size_t n = room < len ? room : len;
    if (n == 0 || outq_push(&op->in, OUTQ_BINARY, data, n) < 0) {
        return 0;
    }
    mbedtls_sha256_update_ret(&op->sha, data, n);
    if (op->state == OP_RUNNING && op->step == STEP_MAIN && op->board->rr.state == RAWREPL_OUT) {
        pump_upload(op);
    }
    return n;
}

void op_upload_end(struct op *op) {
    op->in_end = true;
    if (op->state == OP_RUNNING && op->step == STEP_MAIN && op->board->rr.state == RAWREPL_OUT) {
        pump_upload(op);
    }
}

// ---- output of the running program ----

static void on_file_data(void *ctx, const uint8_t *data, size_t len) {
    struct op *op = ctx;
    mbedtls_sha256_update_ret(&op->sha, data, len);
    op->done += len;
    // A read keeps the bytes; a read-back only hashes them.
    if (op->kind == OP_READ &&
        !append(&op->out, &op->out_len, &op->out_cap, OPS_RESULT_MAX, data, len)) {
        op->cancel = true;
        snprintf(op->message, sizeof(op->message), "file over %u bytes", OPS_RESULT_MAX);
        rawrepl_interrupt(&op->board->rr);
    }
    progress(op);
}

static size_t text_out(struct op *op, const uint8_t *data, size_t len) {
    const uint8_t *end = memchr(data, 0x04, len);
    size_t n = end != NULL ? (size_t)(end - data) : len;
    size_t max = op->kind == OP_EXEC ? OPS_RESULT_MAX : FSOPS_TEXT_MAX;
    if (!append(&op->out, &op->out_len, &op->out_cap, max, data, n) && !op->cancel) {
        op->cancel = true;
        snprintf(op->message, sizeof(op->message), "output over %zu bytes", max);
        rawrepl_interrupt(&op->board->rr);
    }
    return n;
}

static size_t upload_out(struct op *op, const uint8_t *data, size_t len) {
    size_t i = 0;
    // Acknowledgements come first, one per chunk; after the data the program prints text.
    while (i < len && data[i] == FSOPS_ACK && op->inflight > 0) {
        op->inflight--;
        i++;
    }
    if (i > 0) {
        pump_upload(op);
    }
    return i + text_out(op, data + i, len - i);
}

static size_t io_out(void *ctx, const uint8_t *data, size_t len) {
    struct board *b = ctx;
    struct op *op = running_op(b);
    if (op == NULL) {
        const uint8_t *end = memchr(data, 0x04, len);
        return end != NULL ? (size_t)(end - data) : len;
    }
    if (op->step == STEP_SECOND && !op->is_dir) {
        return fsops_frames_feed(&op->frames, data, len);
    }
    if (op->kind == OP_WRITE && op->step == STEP_MAIN) {
        return upload_out(op, data, len);
    }
    return text_out(op, data, len);
}

static void io_err(void *ctx, const uint8_t *data, size_t len) {
    struct board *b = ctx;
    struct op *op = running_op(b);
    if (op != NULL) {
        // Only the end of a long traceback matters: what does not fit is dropped from the front.
        if (!append(&op->errtext, &op->err_len, &op->err_cap, FSOPS_TEXT_MAX, data, len)) {
            op->err_len = 0;
        }
    }
}

// ---- steps ----

// Runs [script] (taken) as the op's next command; programs that call the helper functions get
// their definitions in front while the board may not have them.
static void exec_script(struct op *op, char *script, unsigned silence_ms) {
    struct board *b = op->board;
    if (script != NULL && op->step != STEP_CLEANUP && strstr(script, "_rh_") != NULL &&
        !b->ops.helpers) {
        char *helpers = fsops_script_helpers();
        size_t hl = helpers != NULL ? strlen(helpers) : 0, sl = strlen(script);
        char *both = helpers != NULL ? realloc(helpers, hl + sl + 1) : NULL;
        if (both == NULL) {
            free(helpers);
        } else {
            memcpy(both + hl, script, sl + 1);
        }
        free(script);
        script = both;
        b->ops.helpers = true; // unless the command shows otherwise (command_done)
    }
    free(op->script);
    op->script = script;
    op->out_len = 0;
    op->err_len = 0;
    if (script == NULL) {
        fail(op, API_ERR_INTERNAL, "out of memory");
        return;
    }
    if (!rawrepl_exec(&op->board->rr, (const uint8_t *)script, strlen(script), silence_ms)) {
        fail(op, API_ERR_BOARD_NO_ANSWER, "the raw REPL is not ready");
    }
}

static void run_step(struct op *op) {
    struct board *b = op->board;
    if (op->cancel) {
        fail(op, API_ERR_CANCELLED, "cancelled");
        return;
    }
    char tmp[FSOPS_PATH_MAX + 1];
    switch (op->step) {
        case STEP_CLEANUP:
            exec_script(op, fsops_script_remove_quiet(b->ops.stray_tmp), OPS_SILENCE_MS);
            return;
        case STEP_SECOND:
            fsops_frames_init(&op->frames, on_file_data, op);
            mbedtls_sha256_starts_ret(&op->sha, 0);
            op->done = 0;
            if (op->is_dir) {
                exec_script(op, fsops_script_list(op->path), OPS_SILENCE_MS);
            } else if (op->kind == OP_WRITE) {
                fsops_tmp_path(op->path, tmp, sizeof(tmp));
                exec_script(op, fsops_script_read(tmp), OPS_SILENCE_MS);
            } else {
                exec_script(op, fsops_script_read(op->path), OPS_SILENCE_MS);
            }
            return;
        case STEP_COMMIT:
            fsops_tmp_path(op->path, tmp, sizeof(tmp));
            exec_script(op, fsops_script_commit(tmp, op->path), OPS_SILENCE_MS);
            return;
        default:
            break;
    }
    switch (op->kind) {
        case OP_LIST:
            exec_script(op, fsops_script_list(op->path), OPS_SILENCE_MS);
            break;
        case OP_STAT:
        case OP_READ:
            exec_script(op, fsops_script_stat(op->path), OPS_SILENCE_MS);
            break;
        case OP_WRITE:
            fsops_tmp_path(op->path, tmp, sizeof(tmp));
            exec_script(op, fsops_script_write(op->path, tmp), OPS_SILENCE_MS);
            break;
        case OP_DELETE:
            exec_script(op, fsops_script_delete(op->path, op->recursive), OPS_SILENCE_MS);
            break;
        case OP_MKDIR:
            exec_script(op, fsops_script_mkdir(op->path), OPS_SILENCE_MS);
            break;
        case OP_RENAME:
            exec_script(op, fsops_script_rename(op->path, op->to), OPS_SILENCE_MS);
            break;
        case OP_HASH:
            exec_script(op, fsops_script_hash(op->path), OPS_SILENCE_MS);
            break;
        case OP_RUN:
            rawrepl_leave(&b->rr);
            break; // typed at ">>> " once there
        case OP_EXEC:
            if (!rawrepl_exec(&b->rr, (const uint8_t *)op->code, strlen(op->code), 0)) {
                fail(op, API_ERR_BOARD_NO_ANSWER, "the raw REPL is not ready");
            }
            break;
    }
}

// Replaces the listing the board printed with the API's JSON.
static bool make_listing(struct op *op) {
    char *text = api_encode_listing(op->path, (const char *)op->out, op->out_len);
    if (text == NULL) {
        return false;
    }
    op->out_len = 0;
    bool fit =
        append(&op->out, &op->out_len, &op->out_cap, OPS_RESULT_MAX, (uint8_t *)text, strlen(text));
    free(text);
    return fit;
}

// Reads "A B" printed by a program into two numbers; false when it is not that.
static bool parse_two(const struct op *op, unsigned long long *a, unsigned long long *b) {
    return op->out != NULL && sscanf((const char *)op->out, "%llu %llu", a, b) == 2;
}

// The program of the current step ended without an exception.
static void step_done(struct op *op) {
    unsigned long long a, b;
    char word[16];
    switch (op->step) {
        case STEP_CLEANUP:
            op->board->ops.stray_tmp[0] = '\0';
            op->step = STEP_MAIN;
            run_step(op);
            return;
        case STEP_SECOND:
            if (op->is_dir) {
                if (!make_listing(op)) {
                    fail(op, API_ERR_BOARD_ERROR, "the board's listing is not valid JSON");
                    return;
                }
                finish(op, OP_DONE, 0, NULL);
                return;
            }
            if (!op->frames.ended || op->frames.malformed) {
                fail(op, API_ERR_BOARD_ERROR, "the board's file data is malformed");
                return;
            }
            unsigned char digest[32];
            char hex[FSOPS_SHA256_HEX + 1];
            mbedtls_sha256_finish_ret(&op->sha, digest);
            fsops_hex(digest, sizeof(digest), hex);
            // The board hashed what it read from flash (when it has hashlib); we hashed what
            // arrived: they must agree.
            char board_hex[FSOPS_SHA256_HEX + 1] = "";
            sscanf(op->frames.text, "%64[0-9a-f]", board_hex);
            if (board_hex[0] != '\0' && strcmp(board_hex, hex) != 0) {
                fail(op, API_ERR_VERIFY_FAILED, "the data received does not hash as on the board");
                return;
            }
            if (op->kind == OP_WRITE) {
                if (strcmp(hex, op->sha256) != 0) {
                    fail(op, API_ERR_VERIFY_FAILED, "the stored file differs from the upload");
                    return;
                }
                op->step = STEP_COMMIT;
                run_step(op);
                return;
            }
            snprintf(op->sha256, sizeof(op->sha256), "%s", hex);
            finish(op, OP_DONE, 0, NULL);
            return;
        case STEP_COMMIT:
            op->board->ops.stray_tmp[0] = '\0';
            finish(op, OP_DONE, 0, NULL);
            return;
        default:
            break;
    }
    switch (op->kind) {
        case OP_STAT:
        case OP_READ:
            if (!parse_two(op, &a, &b)) {
                fail(op, API_ERR_BOARD_ERROR, "unexpected answer to stat");
                return;
            }
            op->is_dir = a != 0;
            op->total = op->is_dir ? 0 : b;
            if (op->kind == OP_READ && op->is_dir) {
                op->kind = OP_LIST; // a GET of a directory lists it
            }
            if (op->kind != OP_STAT) {
                op->step = STEP_SECOND;
                run_step(op);
                return;
            }
            break;
        case OP_WRITE:
            if (op->out == NULL || sscanf((const char *)op->out, "%15s %llu", word, &a) != 2) {
                fail(op, API_ERR_BOARD_ERROR, "unexpected answer to the upload");
                return;
            }
            if (strcmp(word, "unverified") == 0) {
                op->step = STEP_SECOND; // no hashlib: read the temporary file back
                run_step(op);
                return;
            }
            op->total = a;
            break;
        case OP_HASH:
            if (op->out == NULL ||
                sscanf((const char *)op->out, "%llu %64s", &a, op->sha256) != 2) {
                fail(op, API_ERR_BOARD_ERROR, "unexpected answer to the hash");
                return;
            }
            op->total = a;
            if (strcmp(op->sha256, "-") == 0) {
                op->step = STEP_SECOND; // no hashlib: read it back and hash it here
                run_step(op);
                return;
            }
            break;
        default:
            break;
    }
    finish(op, OP_DONE, 0, NULL);
}

static void command_done(struct op *op) {
    if (op->step == STEP_CLEANUP) {
        step_done(op); // a failed cleanup changes nothing
        return;
    }
    if (op->err_len > 0) {
        fsops_parse_error((const char *)op->errtext, op->err_len, &op->exc);
        if (strcmp(op->exc.type, "NameError") == 0 && strstr(op->exc.message, "_rh_") != NULL &&
            op->kind != OP_EXEC && !op->retried) {
            // The board reset since it learnt the helpers: teach it again and retry.
            op->board->ops.helpers = false;
            op->retried = true;
            run_step(op);
            return;
        }
        if (op->kind == OP_EXEC && op->exc.code != API_ERR_CANCELLED) {
            finish(op, OP_DONE, 0, NULL); // the exception is part of exec's answer
            return;
        }
        if (op->cancel && op->message[0] != '\0') {
            fail(op, API_ERR_BOARD_ERROR, op->message); // a limit we stopped it for
            return;
        }
        char msg[sizeof(op->exc.type) + sizeof(op->exc.message) + 2];
        snprintf(msg, sizeof(msg), "%s: %s", op->exc.type, op->exc.message);
        if (strstr(op->exc.message, "replhub: verify failed") != NULL) {
            fail(op, API_ERR_VERIFY_FAILED, "the stored file differs from the upload");
            return;
        }
        fail(op, op->exc.code, msg);
        return;
    }
    if (op->cancel) {
        fail(op, op->message[0] != '\0' ? API_ERR_BOARD_ERROR : API_ERR_CANCELLED,
             op->message[0] != '\0' ? op->message : "cancelled");
        return;
    }
    step_done(op);
}

// ---- raw REPL callbacks ----

static void io_send(void *ctx, const uint8_t *data, size_t len) {
    board_link_send(ctx, data, len);
}

static void on_rr_timer(lws_sorted_usec_list_t *sul) {
    struct board *b = lws_container_of(sul, struct board, sul_rr);
    rawrepl_timeout(&b->rr);
}

static void io_timer(void *ctx, unsigned ms) {
    struct board *b = ctx;
    if (ms == 0) {
        lws_sul_cancel(&b->sul_rr);
    } else {
        lws_sul_schedule(b->hub->ctx, 0, &b->sul_rr, on_rr_timer, (lws_usec_t)ms * LWS_US_PER_MS);
    }
}

static uint64_t io_now(void *ctx) {
    (void)ctx;
    return now_ms();
}

static void left_raw(struct board *b) {
    b->ops.in_raw = false;
    struct op *op = running_op(b);
    if (op != NULL && op->kind == OP_RUN && !op->cancel) {
        char *line = fsops_run_line(op->path);
        board_set_busy(b, false, "file operation done");
        board_notice(b, "\r\n>>> "); // the line is typed here, as after a notice
        if (line == NULL) {
            fail(op, API_ERR_INTERNAL, "out of memory");
            return;
        }
        board_link_send(b, (const uint8_t *)line, strlen(line));
        free(line);
        finish(op, OP_DONE, 0, NULL);
        return;
    }
    if (b->ops.queue.count > 0) {
        start_next(b); // queued while leaving: enter again
        return;
    }
    if (b->ops.noticed) {
        board_notice(b, "\r\n>>> ");
    }
    b->at_prompt = true; // left the raw REPL: the board's prompt is empty
    board_set_busy(b, false, "file operation done");
}

static void io_event(void *ctx, enum rawrepl_event ev, const char *detail) {
    struct board *b = ctx;
    struct op *op = running_op(b);
    switch (ev) {
        case RAWREPL_EV_READY:
            if (b->rr.interrupted) {
                b->rr.interrupted = false;
                notice(b, "%s", "the running program was interrupted");
            }
            if (op != NULL) {
                run_step(op);
            } else {
                start_next(b);
            }
            break;
        case RAWREPL_EV_RUNNING:
            if (op != NULL && op->kind == OP_WRITE && op->step == STEP_MAIN) {
                if (op->cancel) {
                    rawrepl_interrupt(&b->rr);
                } else {
                    pump_upload(op);
                }
            }
            break;
        case RAWREPL_EV_DONE:
            if (op != NULL) {
                command_done(op);
            }
            break;
        case RAWREPL_EV_FAILED:
            b->ops.reenter = true;
            if (op != NULL) {
                fail(op, op->cancel ? API_ERR_CANCELLED : API_ERR_BOARD_NO_ANSWER, detail);
            }
            if (b->rr.state == RAWREPL_FAILED) {
                rawrepl_leave(&b->rr); // try to give the board back at ">>> " anyway
            }
            break;
        case RAWREPL_EV_LEFT:
            left_raw(b);
            break;
    }
}

void board_ops_init(struct board *b) {
    struct rawrepl_io io = {.ctx = b,
                            .send = io_send,
                            .timer = io_timer,
                            .now_ms = io_now,
                            .out = io_out,
                            .err = io_err,
                            .event = io_event};
    rawrepl_init(&b->rr, &io);
}

void board_ops_board_reset(struct board *b) {
    b->ops.helpers = false;
}

void board_ops_feed(struct board *b, const uint8_t *data, size_t len) {
    rawrepl_feed(&b->rr, data, len);
}

void board_ops_link_lost(struct board *b) {
    lws_sul_cancel(&b->sul_rr);
    rawrepl_reset(&b->rr);
    b->ops.in_raw = false;
    b->ops.helpers = false;
    b->ops.reenter = false;
    lws_start_foreach_dll_safe(struct lws_dll2 *, d, d1, lws_dll2_get_head(&b->ops.queue)) {
        struct op *op = lws_container_of(d, struct op, node);
        finish(op, OP_FAILED, API_ERR_BOARD_DISCONNECTED, "the board's link closed");
    }
    lws_end_foreach_dll_safe(d, d1);
}

void board_ops_deinit(struct board *b) {
    lws_sul_cancel(&b->sul_rr);
    lws_start_foreach_dll_safe(struct lws_dll2 *, d, d1, lws_dll2_get_head(&b->ops.queue)) {
        struct op *op = lws_container_of(d, struct op, node);
        lws_dll2_remove(&op->node);
        op->board = NULL;
        if (op->abandoned) {
            op_free(op);
        }
    }
    lws_end_foreach_dll_safe(d, d1);
}
