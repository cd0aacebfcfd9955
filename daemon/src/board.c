// SPDX-License-Identifier: MIT
// board.c: one board's link in the lws loop, its state machine, and fan-out of its output to
// every viewer; reconnects with a timer when the link drops.

#define _GNU_SOURCE // memmem
#include "board.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hub.h"
#include "log.h"
#include "session.h"

#define CTRL_C             (0x03)
#define CTRL_D             (0x04)
#define MACHINE_RESET_LINE "import machine; machine.reset()\r"

static const char PROMPT[] = ">>> ";
static const char *const state_names[] = {"disconnected", "connecting", "repl", "busy"};

const char *board_state_name(enum board_state s) {
    return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

void board_describe(const struct board *b, struct api_board *out) {
    out->id = b->cfg.name;
    out->link = b->link->name;
    out->path = b->cfg.path;
    out->baud = b->cfg.kind == LINK_PTY ? 0 : b->cfg.baud;
    out->state = board_state_name(b->state);
    out->viewers = b->viewers.count;
    out->usb = b->usb;
    out->embedded = b->embedded;
}

// Sends the same text message to every viewer (one encoding, many queues).
void board_broadcast(struct board *b, char *json) {
    if (json == NULL) {
        log_err(b->tag, "out of memory encoding an event");
        return;
    }
    size_t len = strlen(json);
    lws_start_foreach_dll_safe(struct lws_dll2 *, d, d1, lws_dll2_get_head(&b->viewers)) {
        session_send(lws_container_of(d, struct session, node), OUTQ_TEXT, json, len);
    }
    lws_end_foreach_dll_safe(d, d1);
    free(json);
}

static void set_state(struct board *b, enum board_state st, const char *reason) {
    if (b->state == st) {
        return;
    }
    log_notice(b->tag, "%s -> %s (%s)", board_state_name(b->state), board_state_name(st), reason);
    b->state = st;
    board_broadcast(b, api_encode_state(b->cfg.name, board_state_name(st), reason));
    hub_board_changed(b->hub, b);
}

void board_set_busy(struct board *b, bool busy, const char *reason) {
    if (b->wsi != NULL) {
        set_state(b, busy ? BOARD_BUSY : BOARD_REPL, reason);
    }
    if (!busy && b->held_len > 0 && b->wsi != NULL) {
        size_t n = b->held_len;
        b->held_len = 0;
        board_input(b, b->held, n);
    }
}

static void pause_viewers(struct board *b, bool pause) {
    b->input_paused = pause;
    lws_start_foreach_dll(struct lws_dll2 *, d, lws_dll2_get_head(&b->viewers)) {
        session_pause_input(lws_container_of(d, struct session, node), pause);
    }
    lws_end_foreach_dll(d);
}

static void schedule(struct board *b, lws_sorted_usec_list_t *sul, sul_cb_t cb, unsigned ms) {
    lws_sul_schedule(b->hub->ctx, 0, sul, cb, (lws_usec_t)ms * LWS_US_PER_MS);
}

static void on_retry(lws_sorted_usec_list_t *sul);

static void on_settle(lws_sorted_usec_list_t *sul) {
    struct board *b = lws_container_of(sul, struct board, sul_settle);
    if (b->state == BOARD_CONNECTING) {
        set_state(b, BOARD_REPL, "link ready");
    }
}

// Opens the link and adopts its fd into the loop; on failure tries again later.
static void try_connect(struct board *b) {
    char err[ERR_LEN];
    int fd = b->link->open(&b->cfg, err, sizeof(err));
    if (fd < 0) {
        if (b->discovered) {
            log_warn(b->tag, "%s", err);
            return; // discovery tries again when it sees the device
        }
        if (!b->retry_logged) {
            log_warn(b->tag, "%s; retrying every %us at most", err, BOARD_RETRY_MAX_MS / 1000);
            b->retry_logged = true;
        }
        schedule(b, &b->sul_retry, on_retry, b->retry_ms);
        b->retry_ms = b->retry_ms * 2 > BOARD_RETRY_MAX_MS ? BOARD_RETRY_MAX_MS : b->retry_ms * 2;
        return;
    }
    lws_adopt_desc_t info = {.vh = b->hub->vh,
                             .type = LWS_ADOPT_RAW_FILE_DESC,
                             .fd = {.filefd = fd},
                             .vh_prot_name = "replhub-link",
                             .opaque = b};
    b->wsi = lws_adopt_descriptor_vhost_via_info(&info); // closes fd on failure
    if (b->wsi == NULL) {
        log_err(b->tag, "cannot adopt the link fd into the event loop");
        schedule(b, &b->sul_retry, on_retry, BOARD_RETRY_MAX_MS);
        return;
    }
    log_notice(b->tag, "link open: %s %s", b->link->name, b->cfg.path);
    b->retry_logged = false;
    b->retry_ms = BOARD_RETRY_MIN_MS;
    set_state(b, BOARD_CONNECTING, "link open");
    schedule(b, &b->sul_settle, on_settle, BOARD_SETTLE_MS);
}

static void on_retry(lws_sorted_usec_list_t *sul) {
    struct board *b = lws_container_of(sul, struct board, sul_retry);
    if (b->wsi == NULL && !b->hub->stopping) {
        try_connect(b);
    }
}

void board_start(struct board *b) {
    b->retry_ms = BOARD_RETRY_MIN_MS;
    schedule(b, &b->sul_retry, on_retry, 0);
}

struct board *board_new(struct hub *hub, const struct board_config *cfg, char *err,
                        size_t err_len) {
    struct board *b = calloc(1, sizeof(*b));
    if (b == NULL || ring_init(&b->scrollback, hub->cfg->limits.scrollback) < 0 ||
        outq_init(&b->tx, BOARD_TX_MAX) < 0) {
        snprintf(err, err_len, "board %s: out of memory", cfg->name);
        board_free(b);
        return NULL;
    }
    b->hub = hub;
    b->cfg = *cfg;
    b->link = cfg->kind == LINK_PTY ? &link_pty_ops : &link_serial_ops;
    snprintf(b->tag, sizeof(b->tag), "board:%s", cfg->name);
    board_ops_init(b);
    return b;
}

void board_free(struct board *b) {
    if (b == NULL) {
        return;
    }
    lws_sul_cancel(&b->sul_retry);
    lws_sul_cancel(&b->sul_settle);
    lws_sul_cancel(&b->sul_reset);
    if (b->hub != NULL) {
        board_ops_deinit(b);
    }
    if (b->wsi != NULL) {
        lws_set_opaque_user_data(b->wsi, NULL);
    }
    ring_deinit(&b->scrollback);
    outq_deinit(&b->tx);
    free(b);
}

// ---- output: link -> scrollback -> viewers ----

static void run_pending(struct board *b);

// Follows ">>> " across reads; a prompt ends connecting and releases a waiting reset.
static void scan_prompts(struct board *b, const uint8_t *data, size_t len) {
    b->at_prompt = false;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == (uint8_t)PROMPT[b->prompt_pos]) {
            b->prompt_pos++;
        } else {
            b->prompt_pos = data[i] == (uint8_t)PROMPT[0] ? 1 : 0;
        }
        if (b->prompt_pos == sizeof(PROMPT) - 1) {
            b->prompt_pos = 0;
            b->at_prompt = i + 1 == len; // the last thing printed: an empty prompt
            if (b->state == BOARD_CONNECTING) {
                set_state(b, BOARD_REPL, "prompt seen");
            }
            if (b->pending != PENDING_NONE) {
                run_pending(b);
            }
        }
    }
}

// Output as viewers see it: into the scrollback and every viewer's queue.
static void fan_out(struct board *b, const uint8_t *buf, size_t n) {
    ring_write(&b->scrollback, buf, n);
    lws_start_foreach_dll_safe(struct lws_dll2 *, d, d1, lws_dll2_get_head(&b->viewers)) {
        session_send(lws_container_of(d, struct session, node), OUTQ_BINARY, buf, n);
    }
    lws_end_foreach_dll_safe(d, d1);
}

void board_notice(struct board *b, const char *text) {
    fan_out(b, (const uint8_t *)text, strlen(text));
}

static int on_link_rx(struct board *b) {
    uint8_t buf[BOARD_READ_CHUNK];
    char err[ERR_LEN];
    ssize_t n = link_read(lws_get_socket_fd(b->wsi), buf, sizeof(buf), err, sizeof(err));
    if (n == ERR_AGAIN) {
        return 0;
    }
    if (n < 0) {
        log_notice(b->tag, "link lost: %s", err);
        return -1;
    }
    b->rx_bytes += (uint64_t)n;
    if (b->ops.in_raw) {
        board_ops_feed(b, buf, (size_t)n); // raw-REPL traffic: never shown to viewers
        return 0;
    }
    fan_out(b, buf, (size_t)n);
    scan_prompts(b, buf, (size_t)n);
    // A soft or hard reset clears the REPL's globals, where file operations keep helpers.
    if (memmem(buf, (size_t)n, "soft reboot", 11) != NULL ||
        memmem(buf, (size_t)n, "MicroPython v", 13) != NULL) {
        board_ops_board_reset(b);
    }
    return 0;
}

// ---- input: viewers -> tx queue -> link ----

int board_link_send(struct board *b, const uint8_t *data, size_t len) {
    if (b->wsi == NULL) {
        return ERR_CLOSED;
    }
    if (outq_push(&b->tx, OUTQ_BINARY, data, len) < 0) {
        return ERR_FULL;
    }
    lws_callback_on_writable(b->wsi);
    return 0;
}

int board_input(struct board *b, const uint8_t *data, size_t len) {
    if (b->wsi == NULL) {
        return ERR_CLOSED;
    }
    b->at_prompt = false;
    if (b->ops.in_raw) {
        // Held until the file operations are over, then typed in the order it came.
        if (b->held_len + len > BOARD_HELD_MAX) {
            return ERR_BUSY;
        }
        memcpy(b->held + b->held_len, data, len);
        b->held_len += len;
        return 0;
    }
    if (outq_push(&b->tx, OUTQ_BINARY, data, len) < 0) {
        return ERR_FULL;
    }
    lws_callback_on_writable(b->wsi);
    if (!b->input_paused && outq_used(&b->tx) > BOARD_TX_PAUSE) {
        pause_viewers(b, true);
    }
    return 0;
}

static int on_link_writable(struct board *b) {
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    if (!outq_peek(&b->tx, &kind, &data, &len)) {
        return 0;
    }
    char err[ERR_LEN];
    ssize_t n = link_write(lws_get_socket_fd(b->wsi), data,
                           len < BOARD_READ_CHUNK ? len : BOARD_READ_CHUNK, err, sizeof(err));
    if (n < 0) {
        log_notice(b->tag, "link lost while writing: %s", err);
        return -1;
    }
    outq_consume(&b->tx, (size_t)n);
    b->tx_bytes += (uint64_t)n;
    if (outq_used(&b->tx) > 0) {
        lws_callback_on_writable(b->wsi);
    }
    if (b->input_paused && outq_used(&b->tx) < BOARD_TX_PAUSE / 2) {
        pause_viewers(b, false);
    }
    return 0;
}

static void on_link_closed(struct board *b) {
    b->wsi = NULL;
    b->held_len = 0;
    b->at_prompt = false;
    board_ops_link_lost(b);
    lws_sul_cancel(&b->sul_settle);
    lws_sul_cancel(&b->sul_reset);
    outq_clear(&b->tx);
    b->pending = PENDING_NONE;
    b->prompt_pos = 0;
    if (b->hub->stopping) {
        return;
    }
    if (b->input_paused) {
        pause_viewers(b, false);
    }
    set_state(b, BOARD_DISCONNECTED, "link closed");
    b->retry_ms = BOARD_RETRY_MIN_MS;
    if (!b->discovered) {
        // The same path may come back (a pty re-created, a device re-plugged): keep trying.
        schedule(b, &b->sul_retry, on_retry, BOARD_RETRY_MIN_MS);
    }
}

int board_link_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                        size_t len) {
    struct board *b = lws_get_opaque_user_data(wsi);
    (void)user;
    (void)in;
    (void)len;
    if (b == NULL) {
        return 0; // the board is being freed
    }
    switch (reason) {
        case LWS_CALLBACK_RAW_RX_FILE:
            return on_link_rx(b);
        case LWS_CALLBACK_RAW_WRITEABLE_FILE:
            return on_link_writable(b);
        case LWS_CALLBACK_RAW_CLOSE_FILE:
            on_link_closed(b);
            return 0;
        default:
            return 0;
    }
}

// ---- viewers ----

int board_attach(struct board *b, struct session *s) {
    if (b->viewers.count >= b->hub->cfg->limits.viewers_per_board) {
        return ERR_LIMIT;
    }
    lws_dll2_add_tail(&s->node, &b->viewers);
    s->board = b;
    struct api_board info;
    board_describe(b, &info);
    if (session_send_json(s, api_encode_hello(&info, b->scrollback.len)) < 0) {
        return 0; // cut: the session closes and detaches itself
    }
    const uint8_t *seg[2];
    size_t seg_len[2];
    ring_segments(&b->scrollback, &seg[0], &seg_len[0], &seg[1], &seg_len[1]);
    for (int i = 0; i < 2 && seg_len[i] > 0; i++) {
        if (session_send(s, OUTQ_BINARY, seg[i], seg_len[i]) < 0) {
            return 0;
        }
    }
    if (b->input_paused) {
        session_pause_input(s, true);
    }
    hub_board_changed(b->hub, b);
    return 0;
}

void board_detach(struct board *b, struct session *s) {
    lws_dll2_remove(&s->node);
    s->board = NULL;
    if (!b->hub->stopping) {
        hub_board_changed(b->hub, b);
    }
}

// ---- controls ----

static void on_reset_timer(lws_sorted_usec_list_t *sul);

// Sets the lines of the current step of the modem sequence and waits its time; true when a
// step remains.
static bool modem_next(struct board *b) {
    char err[ERR_LEN];
    while (b->modem_pos < b->modem->n && b->wsi != NULL) {
        const struct modem_step *st = &b->modem->step[b->modem_pos++];
        if (b->link->set_lines(lws_get_socket_fd(b->wsi), st->dtr, st->rts, err, sizeof(err)) < 0) {
            log_warn(b->tag, "setting DTR/RTS: %s", err);
        }
        if (st->wait_ms > 0) {
            schedule(b, &b->sul_reset, on_reset_timer, st->wait_ms);
            return true;
        }
    }
    b->modem = NULL;
    return false;
}

static void on_reset_timer(lws_sorted_usec_list_t *sul) {
    struct board *b = lws_container_of(sul, struct board, sul_reset);
    if (b->pending != PENDING_NONE) {
        run_pending(b); // no prompt came back: send the reset key anyway
    } else if (b->modem != NULL) {
        modem_next(b);
    }
}

static void run_pending(struct board *b) {
    enum board_pending p = b->pending;
    b->pending = PENDING_NONE;
    lws_sul_cancel(&b->sul_reset);
    static const uint8_t ctrl_d = CTRL_D;
    if (p == PENDING_SOFT_RESET) {
        board_input(b, &ctrl_d, 1);
    } else if (p == PENDING_MACHINE_RESET) {
        board_input(b, (const uint8_t *)MACHINE_RESET_LINE, strlen(MACHINE_RESET_LINE));
    }
}

// Ctrl-C first so the key that follows meets an empty prompt, whatever was running or typed.
static int reset_after_prompt(struct board *b, enum board_pending p, const char *method) {
    static const uint8_t ctrl_c = CTRL_C;
    int rc = board_input(b, &ctrl_c, 1);
    if (rc < 0) {
        return rc;
    }
    b->pending = p;
    b->prompt_pos = 0;
    schedule(b, &b->sul_reset, on_reset_timer, BOARD_PROMPT_WAIT_MS);
    board_broadcast(
        b, api_encode_reset(b->cfg.name, p == PENDING_SOFT_RESET ? "soft" : "hard", method));
    return 0;
}

// Runs a DTR/RTS sequence; ERR_NOTSUP when the link has no modem lines (a pty).
static int run_modem(struct board *b, const struct modem_seq *seq) {
    char err[ERR_LEN];
    if (b->wsi == NULL) {
        return ERR_CLOSED;
    }
    // Probe: leaves both lines as they are, fails without modem lines.
    int rc = b->link->set_lines(lws_get_socket_fd(b->wsi), -1, -1, err, sizeof(err));
    if (rc < 0) {
        return rc;
    }
    lws_sul_cancel(&b->sul_reset);
    b->pending = PENDING_NONE;
    b->modem = seq;
    b->modem_pos = 0;
    modem_next(b);
    return 0;
}

static int hard_reset(struct board *b) {
    int rc = run_modem(b, &modem_hard_reset);
    if (rc == ERR_NOTSUP) {
        return reset_after_prompt(b, PENDING_MACHINE_RESET, "machine.reset()");
    }
    if (rc == 0) {
        board_broadcast(b, api_encode_reset(b->cfg.name, "hard", "rts"));
    }
    return rc;
}

static int bootloader(struct board *b) {
    int rc = run_modem(b, &modem_bootloader);
    if (rc == 0) {
        board_broadcast(b, api_encode_reset(b->cfg.name, "bootloader", "dtr-rts"));
    }
    return rc;
}

int board_control(struct board *b, enum api_control ctl) {
    static const uint8_t ctrl_c = CTRL_C;
    if (b->ops.in_raw) {
        return ERR_BUSY;
    }
    switch (ctl) {
        case API_CTL_INTERRUPT:
            return board_input(b, &ctrl_c, 1);
        case API_CTL_SOFT_RESET:
            return reset_after_prompt(b, PENDING_SOFT_RESET, "ctrl-d");
        case API_CTL_HARD_RESET:
            return hard_reset(b);
        case API_CTL_BOOTLOADER:
            return bootloader(b);
        default:
            return 0;
    }
}
