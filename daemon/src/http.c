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

#define HTTP_PATH_MAX (256) // a Host header
#define HTTP_URI_MAX  (4096)
#define HTTP_HEADER_DATA_MAX                                                                       \
    (8192) // all request headers together // a request path, percent-decoded (board paths are up to
           // 1024 bytes)
#define WS_PING_S   (30) // idle WebSockets are pinged, and dropped when pings go unanswered
#define WS_HANGUP_S (60)

static bool header(struct lws *wsi, enum lws_token_indexes t, char *out, size_t len) {
    return lws_hdr_total_length(wsi, t) > 0 && lws_hdr_copy(wsi, out, (int)len, t) > 0;
}

int http_respond(struct http_req *r, int status, const char *type, uint8_t *data, size_t len,
                 const char *extra) {
    struct lws *wsi = r->wsi;
    free(r->resp);
    r->resp = data;
    r->resp_len = len;
    r->resp_off = 0;
    r->resp_ready = true;
    uint8_t buf[LWS_PRE + HTTP_HEADERS_MAX], *start = buf + LWS_PRE, *p = start;
    uint8_t *end = buf + sizeof(buf) - 1;
    if (lws_add_http_common_headers(wsi, (unsigned)status, type, len, &p, end) ||
        lws_add_http_header_by_name(
            wsi, (const uint8_t *)"cache-control:", (const uint8_t *)"no-store", 8, &p, end)) {
        return -1;
    }
    // Extra headers: "name: value\r\n" lines.
    for (const char *line = extra; line != NULL && *line != '\0';) {
        const char *colon = strchr(line, ':'), *eol = strstr(line, "\r\n");
        if (colon == NULL || eol == NULL || colon > eol) {
            break;
        }
        char name[64];
        size_t n = (size_t)(colon - line) + 1;
        if (n >= sizeof(name)) {
            return -1;
        }
        memcpy(name, line, n);
        name[n] = '\0';
        const char *v = colon + 1;
        while (*v == ' ') {
            v++;
        }
        if (lws_add_http_header_by_name(wsi, (const uint8_t *)name, (const uint8_t *)v,
                                        (int)(eol - v), &p, end)) {
            return -1;
        }
        line = eol + 2;
    }
    if (lws_finalize_write_http_header(wsi, start, &p, end)) {
        return -1;
    }
    lws_callback_on_writable(wsi);
    return 0;
}

int http_respond_error(struct http_req *r, int e, const char *msg) {
    char *json = api_encode_error((enum api_error)e, msg, false);
    if (json == NULL) {
        return -1;
    }
    return http_respond(r, api_error_status((enum api_error)e), "application/json", (uint8_t *)json,
                        strlen(json), NULL);
}

static int respond_json(struct http_req *r, int status, char *json) {
    if (json == NULL) {
        return -1;
    }
    return http_respond(r, status, "application/json", (uint8_t *)json, strlen(json), NULL);
}

static int on_http(struct http_req *r, struct lws *wsi) {
    struct hub *h = hub_of(wsi);
    char path[HTTP_URI_MAX], host[HTTP_PATH_MAX], id[CONFIG_NAME_MAX + 1];
    free(r->resp);
    free(r->post);
    free(r->held);
    memset(r, 0, sizeof(*r));
    r->wsi = wsi;
    static const enum lws_token_indexes methods[] = {WSI_TOKEN_GET_URI, WSI_TOKEN_POST_URI,
                                                     WSI_TOKEN_PUT_URI, WSI_TOKEN_DELETE_URI};
    int method = -1;
    for (int i = 0; i < 4 && method < 0; i++) {
        if (header(wsi, methods[i], path, sizeof(path))) {
            method = i;
        }
    }
    if (method < 0) {
        return http_respond_error(r, API_ERR_METHOD, "GET, POST, PUT or DELETE");
    }
    r->method = method;
    if (!header(wsi, WSI_TOKEN_HOST, host, sizeof(host)) || !api_host_is_loopback(host)) {
        return http_respond_error(r, API_ERR_FORBIDDEN_ORIGIN, "Host is not a loopback name");
    }
    const char *rest = NULL;
    enum api_route route = api_route(path, id, sizeof(id), &rest);
    struct board *b = NULL;
    if (route != API_ROUTE_BOARDS && route != API_ROUTE_EVENTS && route != API_ROUTE_NONE &&
        (b = hub_find(h, id)) == NULL) {
        return http_respond_error(r, API_ERR_BOARD_NOT_FOUND, id);
    }
    if (route >= API_ROUTE_FS) {
        return httpfs_request(r, b, route, rest);
    }
    if (method != 0) {
        return http_respond_error(r, API_ERR_METHOD, "only GET here");
    }
    switch (route) {
        case API_ROUTE_BOARDS: {
            struct api_board infos[HUB_MAX_BOARDS];
            size_t n = hub_describe(h, infos, HUB_MAX_BOARDS);
            return respond_json(r, HTTP_STATUS_OK, api_encode_boards(infos, n));
        }
        case API_ROUTE_BOARD: {
            struct api_board info;
            board_describe(b, &info);
            return respond_json(r, HTTP_STATUS_OK, api_encode_board(&info));
        }
        case API_ROUTE_TERM:
        case API_ROUTE_EVENTS:
            return http_respond_error(r, API_ERR_BAD_MESSAGE, "WebSocket upgrade expected");
        default:
            return http_respond_error(r, API_ERR_NOT_FOUND, path);
    }
}

static void on_closed(struct http_req *r);

static int on_http_writable(struct http_req *r, struct lws *wsi) {
    if (!r->resp_ready) {
        return 0;
    }
    uint8_t buf[LWS_PRE + HTTP_TX_CHUNK];
    size_t n = r->resp_len - r->resp_off;
    if (n > HTTP_TX_CHUNK) {
        n = HTTP_TX_CHUNK;
    }
    bool last = r->resp_off + n == r->resp_len;
    if (n > 0) {
        memcpy(buf + LWS_PRE, r->resp + r->resp_off, n);
    }
    int w = lws_write(wsi, buf + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP);
    if (w < (int)n) {
        return -1;
    }
    r->resp_off += n;
    if (!last) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    // lws frees this request's memory when the transaction completes: release what it holds.
    on_closed(r);
    r->resp_ready = false;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
}

static void on_closed(struct http_req *r) {
    if (r == NULL) {
        return;
    }
    httpfs_closed(r);
    free(r->resp);
    free(r->post);
    free(r->held);
    r->resp = r->post = r->held = NULL;
}

static int http_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                         size_t len) {
    struct http_req *r = user;
    switch (reason) {
        case LWS_CALLBACK_HTTP:
            return on_http(r, wsi);
        case LWS_CALLBACK_HTTP_BODY:
            return httpfs_body(r, in, len);
        case LWS_CALLBACK_HTTP_BODY_COMPLETION:
            return httpfs_body_done(r);
        case LWS_CALLBACK_HTTP_WRITEABLE:
            return on_http_writable(r, wsi);
        case LWS_CALLBACK_CLOSED_HTTP:
        case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
            on_closed(r);
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
    info.max_http_header_data = HTTP_HEADER_DATA_MAX; // room for a long percent-encoded path
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
