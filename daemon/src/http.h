// SPDX-License-Identifier: MIT
// http.h: the lws context and vhost: static files of the web app, the REST routes, the
// WebSocket protocol and the protocol that adopted board links use.
#ifndef REPLHUB_HTTP_H
#define REPLHUB_HTTP_H

#include <stddef.h>

#include <libwebsockets.h>

#include "config.h"

#define HTTP_HEADERS_MAX (1024) // room for a REST response's headers
#define HTTP_WS_RX_CHUNK (4096) // WebSocket payload delivered per RECEIVE callback

struct board;
struct hub;
struct op;

#define HTTP_UPLOAD_MAX (16u << 20) // bytes of one PUT
#define HTTP_TX_CHUNK   (16u << 10) // response bytes written per WRITEABLE

// One HTTP connection's request state (per-connection memory owned by lws; reset per request).
struct http_req {
    struct lws *wsi;
    // The response being written: headers went out, [resp] follows in chunks.
    uint8_t *resp;
    size_t resp_len, resp_off;
    bool resp_ready;
    // A file route waiting for its board operation.
    struct op *op;
    int route;  // enum api_route
    int method; // enum http_method (httpfs.c)
    bool download;
    uint8_t *post; // a POST body (at most the message limit)
    size_t post_len, post_max;
    uint8_t *held; // upload bytes the operation had no room for yet
    size_t held_len;
    bool body_done;
};

// Sends [status] with [type] and [data] ([len] bytes, malloc'd, taken; NULL + len 0 for none)
// and [extra] header lines ("name: value\r\n"..., or NULL). Returns 0 or -1 (close).
int http_respond(struct http_req *r, int status, const char *type, uint8_t *data, size_t len,
                 const char *extra);

// An error response with the API's JSON body.
int http_respond_error(struct http_req *r, int api_error, const char *msg);

// httpfs.c: the file, exec and ops routes. [rest] is what api_route gave.
int httpfs_request(struct http_req *r, struct board *b, int route, const char *rest);
// Request body pieces, its end, and the connection closing.
int httpfs_body(struct http_req *r, const uint8_t *in, size_t len);
int httpfs_body_done(struct http_req *r);
void httpfs_closed(struct http_req *r);

// Everything lws keeps pointers to while the context lives (owned by the caller, e.g. main).
struct http_server {
    struct lws_context *ctx;
    struct lws_vhost *vh;
    int port; // the port actually listened on
    struct lws_http_mount mount_api;
    struct lws_http_mount mount_web;
    struct lws_protocol_vhost_options pvo_default, pvo_ws;
    struct lws_protocol_vhost_options headers[4];
    struct lws_protocol_vhost_options mimetypes[3];
};

// Creates the context (its user pointer is [hub]) listening as [cfg] says. Returns 0, or ERR_IO
// with the reason in [err] (port in use, bad address).
int http_server_open(struct http_server *srv, const struct config *cfg, struct hub *hub, char *err,
                     size_t err_len);

// Destroys the context: closes every connection and adopted link.
void http_server_close(struct http_server *srv);

#endif
