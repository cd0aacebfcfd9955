// SPDX-License-Identifier: MIT
// http.c: the lws context: static web app files, REST routes (JSON), WebSocket upgrades, and
// the protocol adopted board links use; security headers on every response.

#include "http.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "board.h"
#include "err.h"
#include "hub.h"
#include "log.h"
#include "session.h"

#define HTTP_PATH_MAX (256)
#define WS_PING_S     (30) // idle WebSockets are pinged, and dropped when pings go unanswered
#define WS_HANGUP_S   (60)

// One REST request (per-connection memory owned by lws).
struct http_req {
    uint8_t *body; // LWS_PRE headroom, then the JSON
    size_t len;
};

static bool header(struct lws *wsi, enum lws_token_indexes t, char *out, size_t len) {
    return lws_hdr_total_length(wsi, t) > 0 && lws_hdr_copy(wsi, out, (int)len, t) > 0;
}

// Writes the headers now and queues [json] (taken) for HTTP_WRITEABLE.
static int respond(struct http_req *r, struct lws *wsi, int status, char *json) {
    if (json == NULL) {
        return -1;
    }
    size_t len = strlen(json);
    r->body = malloc(LWS_PRE + len);
    if (r->body == NULL) {
        free(json);
        return -1;
    }
    memcpy(r->body + LWS_PRE, json, len);
    r->len = len;
    free(json);
    uint8_t buf[LWS_PRE + HTTP_HEADERS_MAX], *start = buf + LWS_PRE, *p = start;
    uint8_t *end = buf + sizeof(buf) - 1;
    if (lws_add_http_common_headers(wsi, (unsigned)status, "application/json", len, &p, end) ||
        lws_add_http_header_by_name(
            wsi, (const uint8_t *)"cache-control:", (const uint8_t *)"no-store", 8, &p, end) ||
        lws_finalize_write_http_header(wsi, start, &p, end)) {
        return -1;
    }
    lws_callback_on_writable(wsi);
    return 0;
}

static int respond_error(struct http_req *r, struct lws *wsi, enum api_error e, const char *msg) {
    return respond(r, wsi, api_error_status(e), api_encode_error(e, msg, false));
}

static int on_http(struct http_req *r, struct lws *wsi) {
    struct hub *h = hub_of(wsi);
    char path[HTTP_PATH_MAX], host[HTTP_PATH_MAX], id[CONFIG_NAME_MAX + 1];
    if (!header(wsi, WSI_TOKEN_GET_URI, path, sizeof(path))) {
        return respond_error(r, wsi, API_ERR_METHOD, "only GET");
    }
    if (!header(wsi, WSI_TOKEN_HOST, host, sizeof(host)) || !api_host_is_loopback(host)) {
        return respond_error(r, wsi, API_ERR_FORBIDDEN_ORIGIN, "Host is not a loopback name");
    }
    struct board *b;
    switch (api_route(path, id, sizeof(id))) {
        case API_ROUTE_BOARDS: {
            struct api_board infos[HUB_MAX_BOARDS];
            size_t n = hub_describe(h, infos, HUB_MAX_BOARDS);
            return respond(r, wsi, HTTP_STATUS_OK, api_encode_boards(infos, n));
        }
        case API_ROUTE_BOARD:
            if ((b = hub_find(h, id)) == NULL) {
                return respond_error(r, wsi, API_ERR_BOARD_NOT_FOUND, id);
            }
            struct api_board info;
            board_describe(b, &info);
            return respond(r, wsi, HTTP_STATUS_OK, api_encode_board(&info));
        case API_ROUTE_TERM:
        case API_ROUTE_EVENTS:
            return respond_error(r, wsi, API_ERR_BAD_MESSAGE, "WebSocket upgrade expected");
        default:
            return respond_error(r, wsi, API_ERR_NOT_FOUND, path);
    }
}

static int on_http_writable(struct http_req *r, struct lws *wsi) {
    if (r->body == NULL) {
        return 0;
    }
    int n = lws_write(wsi, r->body + LWS_PRE, r->len, LWS_WRITE_HTTP_FINAL);
    free(r->body);
    r->body = NULL;
    if (n < (int)r->len) {
        return -1;
    }
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

static int http_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                         size_t len) {
    struct http_req *r = user;
    switch (reason) {
        case LWS_CALLBACK_HTTP:
            return on_http(r, wsi);
        case LWS_CALLBACK_HTTP_WRITEABLE:
            return on_http_writable(r, wsi);
        case LWS_CALLBACK_CLOSED_HTTP:
            free(r != NULL ? r->body : NULL);
            if (r != NULL) {
                r->body = NULL;
            }
            return 0;
        default:
            return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}

static const struct lws_protocols protocols[] = {
    {"http", http_callback, sizeof(struct http_req), 0, 0, NULL, 0},
    {"replhub", session_callback, sizeof(struct session), HTTP_WS_RX_CHUNK, 0, NULL, 0},
    {"replhub-link", board_link_callback, 0, 0, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static const lws_retry_bo_t ws_idle_policy = {
    .secs_since_valid_ping = WS_PING_S,
    .secs_since_valid_hangup = WS_HANGUP_S,
};

// PLATFORM.md: our own headers, never lws' BEST_PRACTICES_ENFORCE (its CSP blanks xterm).
static void set_headers(struct http_server *s) {
    static const char *const kv[][2] = {
        {"content-security-policy:", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                     "connect-src 'self' ws: wss:; img-src 'self' data:; "
                                     "frame-ancestors 'none'"},
        {"x-content-type-options:", "nosniff"},
        {"x-frame-options:", "DENY"},
        {"referrer-policy:", "no-referrer"},
    };
    for (size_t i = 0; i < 4; i++) {
        s->headers[i].name = kv[i][0];
        s->headers[i].value = kv[i][1];
        s->headers[i].next = i + 1 < 4 ? &s->headers[i + 1] : NULL;
    }
    static const char *const mime[][2] = {
        {".map", "application/json"}, {".mjs", "text/javascript"}, {".wasm", "application/wasm"}};
    for (size_t i = 0; i < 3; i++) {
        s->mimetypes[i].name = mime[i][0];
        s->mimetypes[i].value = mime[i][1];
        s->mimetypes[i].next = i + 1 < 3 ? &s->mimetypes[i + 1] : NULL;
    }
}

static void set_mounts(struct http_server *s, const struct config *cfg) {
    s->mount_api.mountpoint = "/api";
    s->mount_api.mountpoint_len = 4;
    s->mount_api.origin = "http"; // served by http_callback
    s->mount_api.origin_protocol = LWSMPRO_CALLBACK;
    s->mount_api.mount_next = &s->mount_web;
    s->mount_web.mountpoint = "/";
    s->mount_web.mountpoint_len = 1;
    s->mount_web.origin = cfg->web_dir;
    s->mount_web.def = "index.html";
    s->mount_web.origin_protocol = LWSMPRO_FILE;
    s->mount_web.extra_mimetypes = s->mimetypes;
    // Clients that name no subprotocol (browsers here) get the WebSocket protocol.
    s->pvo_default.name = "default";
    s->pvo_default.value = "";
    s->pvo_ws.name = "replhub";
    s->pvo_ws.options = &s->pvo_default;
}

int http_server_open(struct http_server *srv, const struct config *cfg, struct hub *hub, char *err,
                     size_t err_len) {
    memset(srv, 0, sizeof(*srv));
    set_headers(srv);
    set_mounts(srv, cfg);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof(info));
    info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_VALIDATE_UTF8;
    info.user = hub;
    srv->ctx = lws_create_context(&info);
    if (srv->ctx == NULL) {
        snprintf(err, err_len, "cannot create the libwebsockets context");
        return ERR_IO;
    }
    info.vhost_name = "replhubd";
    info.port = cfg->port;
    info.iface = cfg->listen_addr;
    info.protocols = protocols;
    info.mounts = &srv->mount_api;
    info.pvo = &srv->pvo_ws;
    info.headers = srv->headers;
    info.retry_and_idle_policy = &ws_idle_policy;
    srv->vh = lws_create_vhost(srv->ctx, &info);
    if (srv->vh == NULL) {
        snprintf(err, err_len, "cannot listen on %s port %d (in use, or a bad address?)",
                 cfg->listen_addr, cfg->port);
        lws_context_destroy(srv->ctx);
        srv->ctx = NULL;
        return ERR_IO;
    }
    srv->port = lws_get_vhost_listen_port(srv->vh);
    return 0;
}

void http_server_close(struct http_server *srv) {
    if (srv->ctx != NULL) {
        lws_context_destroy(srv->ctx);
        srv->ctx = NULL;
    }
}
