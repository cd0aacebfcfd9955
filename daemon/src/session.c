// SPDX-License-Identifier: MIT
// session.c: browser WebSockets: a board's terminal (binary = bytes, text = JSON events and
// controls) or the board-list events; bounded queues, written only when lws says writable.

#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "err.h"
#include "hub.h"
#include "log.h"

#define SESSION_CUT_TIMEOUT_S (2) // a cut session that cannot take its close frame is dropped
#define HEADER_MAX            (256)

// Close codes: 1009 for an oversized message (RFC 6455), else 4000 + the error's HTTP status;
// the close reason is the error's code string (daemon/API.md).
static uint16_t close_code(enum api_error why) {
    if (why == API_ERR_MESSAGE_TOO_LARGE) {
        return LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE;
    }
    return (uint16_t)(4000 + api_error_status(why));
}

void session_cut(struct session *s, enum api_error why, const char *detail) {
    if (s->cut) {
        return;
    }
    s->cut = true;
    s->cut_why = why;
    log_notice(s->tag, "cut off: %s (%s)", api_error_code(why), detail);
    if (s->board != NULL) {
        board_detach(s->board, s);
    } else if (s->kind == SESSION_EVENTS && s->hub != NULL) {
        hub_unwatch(s->hub, s);
    }
    // The queue is dropped; only the error event goes out before the close frame.
    outq_clear(&s->q);
    char *json = api_encode_error(why, detail, true);
    if (json != NULL) {
        outq_push(&s->q, OUTQ_TEXT, json, strlen(json));
        free(json);
    }
    lws_set_timeout(s->wsi, PENDING_TIMEOUT_USER_OK, SESSION_CUT_TIMEOUT_S);
    lws_callback_on_writable(s->wsi);
}

int session_send(struct session *s, enum outq_kind kind, const void *data, size_t len) {
    if (s->cut) {
        return ERR_CLOSED;
    }
    if (outq_push(&s->q, kind, data, len) < 0) {
        session_cut(s, API_ERR_VIEWER_TOO_SLOW, "send queue full: the viewer stopped reading");
        return ERR_FULL;
    }
    lws_callback_on_writable(s->wsi);
    return 0;
}

int session_send_json(struct session *s, char *json) {
    if (json == NULL) {
        session_cut(s, API_ERR_INTERNAL, "out of memory");
        return ERR_NOMEM;
    }
    int rc = session_send(s, OUTQ_TEXT, json, strlen(json));
    free(json);
    return rc;
}

void session_pause_input(struct session *s, bool pause) {
    lws_rx_flow_control(s->wsi, pause ? 0 : 1);
}

// ---- handshake ----

static bool header(struct lws *wsi, enum lws_token_indexes t, char *out, size_t len) {
    return lws_hdr_total_length(wsi, t) > 0 && lws_hdr_copy(wsi, out, (int)len, t) > 0;
}

// Answers a refused upgrade with a 403 and the JSON error. lws_return_http_status would say
// "HTTP/1.0" here (lws 4.1 learns the request's version only for plain HTTP requests), which
// some clients reject as malformed; the handshake is lws' own write, made before any WRITEABLE.
static void refuse_upgrade(struct lws *wsi) {
    char *json =
        api_encode_error(API_ERR_FORBIDDEN_ORIGIN, "cross-origin WebSocket refused", false);
    uint8_t buf[LWS_PRE + HEADER_MAX * 2];
    int n = snprintf((char *)buf + LWS_PRE, sizeof(buf) - LWS_PRE,
                     "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n"
                     "content-length: %zu\r\nconnection: close\r\n\r\n%s",
                     json != NULL ? strlen(json) : 0, json != NULL ? json : "");
    free(json);
    if (n > 0 && (size_t)n < sizeof(buf) - LWS_PRE) {
        lws_write(wsi, buf + LWS_PRE, (size_t)n, LWS_WRITE_HTTP_HEADERS);
    }
}

// Refuses upgrades from pages of other origins and Host names that are not loopback (DNS
// rebinding). Returns non-zero to refuse.
static int on_filter(struct lws *wsi) {
    char origin[HEADER_MAX], host[HEADER_MAX];
    bool has_origin = header(wsi, WSI_TOKEN_ORIGIN, origin, sizeof(origin));
    bool has_host = header(wsi, WSI_TOKEN_HOST, host, sizeof(host));
    if (has_host && api_host_is_loopback(host) &&
        api_origin_is_allowed(has_origin ? origin : NULL, host)) {
        return 0;
    }
    log_warn("http", "refused WebSocket upgrade: origin '%s', host '%s'", has_origin ? origin : "-",
             has_host ? host : "-");
    refuse_upgrade(wsi);
    return 1;
}

static void open_route(struct session *s, struct hub *h, const char *path) {
    char id[CONFIG_NAME_MAX + 1];
    enum api_route route = api_route(path, id, sizeof(id), NULL);
    if (route == API_ROUTE_EVENTS) {
        s->kind = SESSION_EVENTS;
        hub_watch(h, s);
        return;
    }
    if (route != API_ROUTE_TERM) {
        session_cut(s, API_ERR_NOT_FOUND, "no WebSocket at this path");
        return;
    }
    struct board *b = hub_find(h, id);
    if (b == NULL) {
        session_cut(s, API_ERR_BOARD_NOT_FOUND, id);
    } else if (board_attach(b, s) == ERR_LIMIT) {
        session_cut(s, API_ERR_TOO_MANY_VIEWERS, id);
    }
}

static int on_established(struct session *s, struct lws *wsi) {
    struct hub *h = hub_of(wsi);
    char peer[64] = "?", path[HEADER_MAX] = "";
    s->wsi = wsi;
    s->hub = h;
    lws_get_peer_simple(wsi, peer, sizeof(peer));
    header(wsi, WSI_TOKEN_GET_URI, path, sizeof(path));
    snprintf(s->tag, sizeof(s->tag), "session:%u", ++h->next_session);
    if (outq_init(&s->q, h->cfg->limits.viewer_queue) < 0) {
        log_err(s->tag, "out of memory for the send queue");
        return -1;
    }
    log_notice(s->tag, "open from %s: %s", peer, path);
    if (h->sessions >= h->cfg->limits.connections) {
        session_cut(s, API_ERR_TOO_MANY_CONNECTIONS, "too many WebSocket sessions");
        return 0;
    }
    h->sessions++;
    s->counted = true;
    open_route(s, h, path);
    return 0;
}

// ---- receive ----

static int close_now(struct session *s, enum api_error why, const char *detail) {
    log_notice(s->tag, "closing: %s (%s)", api_error_code(why), detail);
    const char *code = api_error_code(why);
    lws_close_reason(s->wsi, (enum lws_close_status)close_code(why), (unsigned char *)code,
                     strlen(code));
    return -1;
}

static void on_control(struct session *s) {
    enum api_control ctl;
    char err[ERR_LEN];
    if (api_decode_control((const char *)s->msg, s->msg_len, &ctl, err, sizeof(err)) < 0) {
        session_send_json(s, api_encode_error(API_ERR_BAD_MESSAGE, err, true));
    } else if (ctl == API_CTL_PING) {
        session_send_json(s, api_encode_pong());
    } else if (s->board == NULL) {
        session_send_json(s, api_encode_error(API_ERR_BAD_MESSAGE, "not a terminal", true));
    } else {
        int rc = board_control(s->board, ctl);
        if (rc < 0) {
            enum api_error e = rc == ERR_BUSY     ? API_ERR_BOARD_BUSY
                               : rc == ERR_NOTSUP ? API_ERR_NOT_SUPPORTED
                                                  : API_ERR_BOARD_DISCONNECTED;
            session_send_json(s, api_encode_error(e,
                                                  rc == ERR_NOTSUP ? "the link has no DTR/RTS lines"
                                                                   : s->board->cfg.name,
                                                  true));
        }
    }
}

static int on_text(struct session *s, const uint8_t *in, size_t len, bool final) {
    size_t max = s->hub->cfg->limits.message_bytes;
    if (s->msg == NULL && (s->msg = malloc(max)) == NULL) {
        return close_now(s, API_ERR_INTERNAL, "out of memory");
    }
    memcpy(s->msg + s->msg_len, in, len); // fits: msg_total was checked against max
    s->msg_len += len;
    if (final) {
        on_control(s);
        s->msg_len = 0;
    }
    return 0;
}

static int on_receive(struct session *s, struct lws *wsi, const uint8_t *in, size_t len) {
    if (s->cut) {
        return 0; // closing: input is ignored
    }
    s->msg_total += len;
    s->rx += len;
    if (s->msg_total > s->hub->cfg->limits.message_bytes) {
        return close_now(s, API_ERR_MESSAGE_TOO_LARGE, "message over the size limit");
    }
    bool final = lws_is_final_fragment(wsi);
    int rc = 0;
    if (!lws_frame_is_binary(wsi)) {
        rc = on_text(s, in, len, final);
    } else if (s->board == NULL) {
        session_send_json(s, api_encode_error(API_ERR_BAD_MESSAGE, "binary frame here", true));
    } else {
        int r = board_input(s->board, in, len);
        if ((r == ERR_CLOSED || r == ERR_BUSY) && lws_is_first_fragment(wsi)) {
            enum api_error e = r == ERR_BUSY ? API_ERR_BOARD_BUSY : API_ERR_BOARD_DISCONNECTED;
            session_send_json(s, api_encode_error(e, s->board->cfg.name, true));
        } else if (r == ERR_FULL) {
            rc = close_now(s, API_ERR_MESSAGE_TOO_LARGE, "input faster than the board takes it");
        }
    }
    if (final) {
        s->msg_total = 0;
    }
    return rc;
}

// ---- send ----

static int write_frame(struct session *s, enum outq_kind kind, const uint8_t *data, size_t len) {
    uint8_t *buf = s->frame;
    if (len > SESSION_TX_CHUNK) {
        buf = malloc(LWS_PRE + len); // a large text event: sent whole
        if (buf == NULL) {
            return close_now(s, API_ERR_INTERNAL, "out of memory");
        }
    }
    memcpy(buf + LWS_PRE, data, len);
    int n = lws_write(s->wsi, buf + LWS_PRE, len,
                      kind == OUTQ_TEXT ? LWS_WRITE_TEXT : LWS_WRITE_BINARY);
    if (buf != s->frame) {
        free(buf);
    }
    if (n < (int)len) {
        log_notice(s->tag, "write failed");
        return -1;
    }
    s->tx += len;
    return 0;
}

static int on_writable(struct session *s) {
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    if (!outq_peek(&s->q, &kind, &data, &len)) {
        return s->cut ? close_now(s, s->cut_why, "after the error event") : 0;
    }
    if (kind == OUTQ_BINARY && len > SESSION_TX_CHUNK) {
        len = SESSION_TX_CHUNK;
    }
    if (write_frame(s, kind, data, len) < 0) {
        return -1;
    }
    outq_consume(&s->q, len);
    lws_callback_on_writable(s->wsi); // more to send, or the close after a cut
    return 0;
}

static void on_closed(struct session *s) {
    if (s->hub == NULL) {
        return; // never established
    }
    if (s->board != NULL) {
        board_detach(s->board, s);
    } else if (s->kind == SESSION_EVENTS) {
        hub_unwatch(s->hub, s);
    }
    if (s->counted) {
        s->hub->sessions--;
    }
    log_notice(s->tag, "closed (%llu bytes in, %llu out)", (unsigned long long)s->rx,
               (unsigned long long)s->tx);
    outq_deinit(&s->q);
    free(s->msg);
    s->msg = NULL;
}

int session_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                     size_t len) {
    struct session *s = user;
    switch (reason) {
        case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
            return on_filter(wsi);
        case LWS_CALLBACK_ESTABLISHED:
            return on_established(s, wsi);
        case LWS_CALLBACK_RECEIVE:
            return on_receive(s, wsi, in, len);
        case LWS_CALLBACK_SERVER_WRITEABLE:
            return on_writable(s);
        case LWS_CALLBACK_CLOSED:
            on_closed(s);
            return 0;
        default:
            return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}
