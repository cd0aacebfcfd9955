// SPDX-License-Identifier: MIT
// hub.c: owns the boards: configured ones, USB boards discovered by VID:PID, and the embedded
// simulated board; tells board-list watchers about changes.

#include "hub.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "child.h"
#include "err.h"
#include "log.h"
#include "session.h"
#include "usbid.h"

#define EMBEDDED_LINK_NAME  "sim.pty"
#define EMBEDDED_FLASH_NAME "sim-flash.img" // the simulated board's flash, kept across runs

struct hub *hub_of(struct lws *wsi) {
    return lws_context_user(lws_get_context(wsi));
}

static int add_board(struct hub *h, const struct board_config *cfg, char *err, size_t err_len) {
    if (h->nboards >= HUB_MAX_BOARDS) {
        snprintf(err, err_len, "more than %d boards", HUB_MAX_BOARDS);
        return ERR_LIMIT;
    }
    struct board *b = board_new(h, cfg, err, err_len);
    if (b == NULL) {
        return ERR_NOMEM;
    }
    h->boards[h->nboards++] = b;
    return 0;
}

int hub_init(struct hub *h, const struct config *cfg, char *err, size_t err_len) {
    memset(h, 0, sizeof(*h));
    h->cfg = cfg;
    for (size_t i = 0; i < cfg->nboards; i++) {
        int rc = add_board(h, &cfg->boards[i], err, err_len);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

struct board *hub_find(struct hub *h, const char *id) {
    for (size_t i = 0; i < h->nboards; i++) {
        if (strcmp(h->boards[i]->cfg.name, id) == 0) {
            return h->boards[i];
        }
    }
    return NULL;
}

size_t hub_describe(const struct hub *h, struct api_board *out, size_t max) {
    size_t n = h->nboards < max ? h->nboards : max;
    for (size_t i = 0; i < n; i++) {
        board_describe(h->boards[i], &out[i]);
    }
    return n;
}

// ---- board-list watchers ----

void hub_tell_watchers(struct hub *h, const char *json, size_t len) {
    lws_start_foreach_dll_safe(struct lws_dll2 *, d, d1, lws_dll2_get_head(&h->watchers)) {
        session_send(lws_container_of(d, struct session, node), OUTQ_TEXT, json, len);
    }
    lws_end_foreach_dll_safe(d, d1);
}

void hub_board_changed(struct hub *h, const struct board *b) {
    if (h->stopping || h->watchers.count == 0) {
        return;
    }
    struct api_board info;
    board_describe(b, &info);
    char *json = api_encode_board_event(&info);
    if (json == NULL) {
        log_err("hub", "out of memory encoding a board event");
        return;
    }
    hub_tell_watchers(h, json, strlen(json));
    free(json);
}

int hub_watch(struct hub *h, struct session *s) {
    struct api_board infos[HUB_MAX_BOARDS];
    size_t n = hub_describe(h, infos, HUB_MAX_BOARDS);
    lws_dll2_add_tail(&s->node, &h->watchers);
    return session_send_json(s, api_encode_board_list_event(infos, n));
}

void hub_unwatch(struct hub *h, struct session *s) {
    (void)h;
    lws_dll2_remove(&s->node);
}

// ---- discovery ----

static bool same_file(const char *a, const char *b) {
    char ra[PATH_MAX], rb[PATH_MAX];
    return strcmp(a, b) == 0 ||
           (realpath(a, ra) != NULL && realpath(b, rb) != NULL && strcmp(ra, rb) == 0);
}

// A USB serial port is present: attach it when its VID:PID is a known board bridge.
static void on_port_found(void *ctx, const struct link_port *p) {
    struct hub *h = ctx;
    const struct usbid *id = usbid_lookup(p->vid, p->pid);
    if (id == NULL) {
        return; // not a board: never opened
    }
    const char *key = p->serial != NULL && p->serial[0] != '\0' ? p->serial : p->path;
    for (size_t i = 0; i < h->nboards; i++) {
        struct board *b = h->boards[i];
        if (b->discovered && strcmp(b->usb_key, key) == 0) {
            if (b->wsi == NULL) { // plugged back in, maybe under another name
                snprintf(b->cfg.path, sizeof(b->cfg.path), "%s", p->path);
                board_start(b);
            }
            return;
        }
        if (!b->discovered && same_file(b->cfg.path, p->path)) {
            return; // configured explicitly
        }
    }
    struct board_config cfg = {.kind = LINK_SERIAL, .baud = CONFIG_DEFAULT_BAUD};
    char err[ERR_LEN];
    if (usbid_board_name(p->serial, p->path, cfg.name, sizeof(cfg.name)) < 0 ||
        hub_find(h, cfg.name) != NULL || strlen(p->path) >= sizeof(cfg.path) ||
        strlen(key) >= sizeof(h->boards[0]->usb_key)) {
        log_warn("hub", "cannot name the %s board on %s; ignoring it", id->name, p->path);
        return;
    }
    snprintf(cfg.path, sizeof(cfg.path), "%s", p->path);
    if (add_board(h, &cfg, err, sizeof(err)) < 0) {
        log_warn("hub", "%s on %s: %s", id->name, p->path, err);
        return;
    }
    struct board *b = h->boards[h->nboards - 1];
    b->discovered = true;
    b->usb = id->name;
    snprintf(b->usb_key, sizeof(b->usb_key), "%s", key);
    log_notice(b->tag, "discovered %s (%04x:%04x) on %s", id->name, p->vid, p->pid, p->path);
    board_start(b);
    hub_board_changed(h, b);
}

static void discover(struct hub *h) {
    char err[ERR_LEN];
    if (h->cfg->discover && link_scan(on_port_found, h, err, sizeof(err)) < 0) {
        log_warn("hub", "%s", err);
    }
}

static void on_tick(lws_sorted_usec_list_t *sul) {
    struct hub *h = lws_container_of(sul, struct hub, sul_tick);
    if (h->stopping) {
        return;
    }
    discover(h);
    child_poll(h->child);
    lws_sul_schedule(h->ctx, 0, &h->sul_tick, on_tick, HUB_TICK_MS * LWS_US_PER_MS);
}

// ---- the embedded simulated board ----

static void start_embedded(struct hub *h) {
    const struct config *cfg = h->cfg;
    if (cfg->board_binary[0] == '\0' || access(cfg->board_binary, X_OK) < 0) {
        log_notice("hub",
                   "no board configured, and no simulated board to start (%s: %s); "
                   "add one with --board serial:/dev/ttyUSB0 or plug in a USB board",
                   cfg->board_binary[0] ? cfg->board_binary : "replhub-board", strerror(errno));
        return;
    }
    struct board_config bc = {.kind = LINK_PTY, .baud = CONFIG_DEFAULT_BAUD};
    char err[ERR_LEN];
    snprintf(bc.name, sizeof(bc.name), "%s", HUB_EMBEDDED_ID);
    if (mkdir(cfg->state_dir, 0700) < 0 && errno != EEXIST) {
        log_err("hub", "state directory %s: %s", cfg->state_dir, strerror(errno));
        return;
    }
    if ((size_t)snprintf(bc.path, sizeof(bc.path), "%s/%s", cfg->state_dir, EMBEDDED_LINK_NAME) >=
        sizeof(bc.path)) {
        log_err("hub", "state directory path too long: %s", cfg->state_dir);
        return;
    }
    char flash[CONFIG_PATH_MAX];
    if ((size_t)snprintf(flash, sizeof(flash), "%s/%s", cfg->state_dir, EMBEDDED_FLASH_NAME) >=
        sizeof(flash)) {
        log_err("hub", "state directory path too long: %s", cfg->state_dir);
        return;
    }
    h->child = child_start(cfg->board_binary, bc.path, flash, cfg->embedded_baud, err, sizeof(err));
    if (h->child == NULL || add_board(h, &bc, err, sizeof(err)) < 0) {
        log_err("hub", "embedded board: %s", err);
        return;
    }
    struct board *b = h->boards[h->nboards - 1];
    b->embedded = true;
    b->retry_logged = true; // its pty appears a moment after the child starts: not news
    board_start(b);
}

void hub_start(struct hub *h, struct lws_context *ctx, struct lws_vhost *vh) {
    h->ctx = ctx;
    h->vh = vh;
    for (size_t i = 0; i < h->nboards; i++) {
        board_start(h->boards[i]);
    }
    discover(h);
    if (h->nboards == 0 && h->cfg->embedded) {
        start_embedded(h);
    }
    lws_sul_schedule(h->ctx, 0, &h->sul_tick, on_tick, HUB_TICK_MS * LWS_US_PER_MS);
}

void hub_stop(struct hub *h) {
    h->stopping = true;
    lws_sul_cancel(&h->sul_tick);
    for (size_t i = 0; i < h->nboards; i++) {
        lws_sul_cancel(&h->boards[i]->sul_retry);
        lws_sul_cancel(&h->boards[i]->sul_settle);
        lws_sul_cancel(&h->boards[i]->sul_reset);
    }
    child_stop(h->child);
    h->child = NULL;
}

void hub_deinit(struct hub *h) {
    for (size_t i = 0; i < h->nboards; i++) {
        h->boards[i]->wsi = NULL; // closed with the context
        board_free(h->boards[i]);
    }
    h->nboards = 0;
}
