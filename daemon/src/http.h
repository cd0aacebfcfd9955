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

struct hub;

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
