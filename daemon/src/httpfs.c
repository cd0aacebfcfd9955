// SPDX-License-Identifier: MIT
// httpfs.c: the REST routes of board files, exec and operations (daemon/API.md "Files"): each
// request becomes a board operation; its answer goes out when the operation ends. Uploads
// stream: the body is read only as fast as the board stores it.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api.h"
#include "board.h"
#include "boardops.h"
#include "err.h"
#include "fsops.h"
#include "http.h"
#include "hub.h"
#include "log.h"

enum http_method { M_GET, M_POST, M_PUT, M_DELETE };

#define ARG_MAX (64) // one query argument

// Is "?NAME" or "?NAME=..." among the query arguments?
static bool has_arg(struct lws *wsi, const char *name) {
    char buf[ARG_MAX];
    size_t n = strlen(name);
    for (int i = 0; lws_hdr_copy_fragment(wsi, buf, sizeof(buf), WSI_TOKEN_HTTP_URI_ARGS, i) > 0;
         i++) {
        if (strncmp(buf, name, n) == 0 && (buf[n] == '\0' || buf[n] == '=')) {
            return true;
        }
    }
    return false;
}

static enum api_error submit_error(int rc) {
    return rc == ERR_CLOSED ? API_ERR_BOARD_DISCONNECTED : API_ERR_BOARD_BUSY;
}

static int respond_json(struct http_req *r, json_t *j) {
    char *text = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(j);
    if (text == NULL) {
        return http_respond_error(r, API_ERR_INTERNAL, "out of memory");
    }
    return http_respond(r, HTTP_STATUS_OK, "application/json", (uint8_t *)text, strlen(text), NULL);
}

// ---- answers, once the operation ended ----

static int answer_exec(struct http_req *r, struct op *op) {
    json_t *exc = json_null();
    if (op->err_len > 0) {
        exc = json_pack("{s:s, s:s}", "type", op->exc.type, "message", op->exc.message);
    }
    // Output is whatever the program printed: not always UTF-8.
    char *out = fsops_utf8_text(op->out != NULL ? op->out : (const uint8_t *)"", op->out_len);
    char *err =
        fsops_utf8_text(op->errtext != NULL ? op->errtext : (const uint8_t *)"", op->err_len);
    json_t *j = out != NULL && err != NULL
                    ? json_pack("{s:s, s:s, s:o?}", "stdout", out, "stderr", err, "exception", exc)
                    : (json_decref(exc), NULL);
    free(out);
    free(err);
    return respond_json(r, j);
}

static int answer_read(struct http_req *r, struct op *op) {
    if (op->is_dir) {
        uint8_t *text = op->out;
        size_t len = op->out_len;
        op->out = NULL;
        return http_respond(r, HTTP_STATUS_OK, "application/json", text, len, NULL);
    }
    char extra[FSOPS_PATH_MAX * 3 + 256];
    int n = snprintf(extra, sizeof(extra), "x-replhub-sha256: %s\r\n", op->sha256);
    if (r->download) {
        const char *name = strrchr(op->path, '/') + 1;
        // RFC 6266/5987: the UTF-8 name percent-encoded.
        n += snprintf(extra + n, sizeof(extra) - (size_t)n,
                      "content-disposition: attachment; filename*=UTF-8''");
        for (const uint8_t *p = (const uint8_t *)name; *p != '\0'; p++) {
            bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                         (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL;
            n += snprintf(extra + n, sizeof(extra) - (size_t)n, plain ? "%c" : "%%%02X", *p);
        }
        snprintf(extra + n, sizeof(extra) - (size_t)n, "\r\n");
    }
    uint8_t *data = op->out;
    size_t len = op->out_len;
    op->out = NULL;
    return http_respond(r, HTTP_STATUS_OK, "application/octet-stream", data, len, extra);
}

static int answer(struct http_req *r, struct op *op) {
    if (op->state != OP_DONE) {
        return http_respond_error(r, op->error, op->message);
    }
    switch (op->kind) {
        case OP_READ:
        case OP_LIST:
            return answer_read(r, op);
        case OP_STAT:
            return respond_json(r, json_pack("{s:s, s:s, s:I}", "path", op->path, "type",
                                             op->is_dir ? "dir" : "file", "size",
                                             (json_int_t)op->total));
        case OP_HASH:
        case OP_WRITE:
            return respond_json(r, json_pack("{s:s, s:I, s:s}", "path", op->path, "size",
                                             (json_int_t)op->total, "sha256", op->sha256));
        case OP_RENAME:
            return respond_json(r, json_pack("{s:s, s:s}", "path", op->path, "to", op->to));
        case OP_EXEC:
            return answer_exec(r, op);
        case OP_RUN: {
            char *text = NULL;
            json_t *j = json_pack("{s:s}", "path", op->path);
            text = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
            json_decref(j);
            if (text == NULL) {
                return http_respond_error(r, API_ERR_INTERNAL, "out of memory");
            }
            return http_respond(r, 202, "application/json", (uint8_t *)text, strlen(text), NULL);
        }
        default:
            return respond_json(r, json_pack("{s:s}", "path", op->path));
    }
}

static void on_op_done(struct op *op, void *ctx) {
    struct http_req *r = ctx;
    r->op = NULL;
    if (answer(r, op) < 0) {
        lws_set_timeout(r->wsi, PENDING_TIMEOUT_KILLED_BY_PARENT, LWS_TO_KILL_ASYNC);
    }
    op_free(op);
}

// ---- upload body ----

// Hands held bytes to the operation; resumes reading the socket once they are all taken.
static void feed_held(struct http_req *r) {
    size_t n = op_upload_push(r->op, r->held, r->held_len);
    memmove(r->held, r->held + n, r->held_len - n);
    r->held_len -= n;
    if (r->held_len == 0) {
        lws_rx_flow_control(r->wsi, 1);
        if (r->body_done) {
            op_upload_end(r->op);
        }
    }
}

static void on_op_room(void *ctx) {
    struct http_req *r = ctx;
    if (r->op != NULL && r->held_len > 0) {
        feed_held(r);
    }
}

int httpfs_body(struct http_req *r, const uint8_t *in, size_t len) {
    lws_set_timeout(r->wsi, NO_PENDING_TIMEOUT, 0);
    if (len == 0 || r->resp_ready) {
        return 0; // an empty body arrives as one empty piece; after an answer the rest is dropped
    }
    if (r->method == M_POST) {
        if (r->post == NULL || r->post_len + len > r->post_max) {
            return http_respond_error(r, API_ERR_MESSAGE_TOO_LARGE, "request body too large");
        }
        memcpy(r->post + r->post_len, in, len);
        r->post_len += len;
        return 0;
    }
    if (r->op == NULL || r->op->kind != OP_WRITE) {
        return 0; // answered already (an early error): the rest is dropped
    }
    size_t n = r->held_len == 0 ? op_upload_push(r->op, in, len) : 0;
    if (n < len) {
        uint8_t *p = realloc(r->held, r->held_len + len - n);
        if (p == NULL) {
            return -1;
        }
        r->held = p;
        memcpy(r->held + r->held_len, in + n, len - n);
        r->held_len += len - n;
        lws_rx_flow_control(r->wsi, 0); // the board is slower than the network: wait for it
    }
    return 0;
}

// ---- requests ----

static int start(struct http_req *r, struct board *b, struct op *op) {
    if (op == NULL) {
        return http_respond_error(r, API_ERR_INTERNAL, "out of memory");
    }
    int n = lws_hdr_custom_length(r->wsi, "x-replhub-tag:", 14);
    if (n > 0) {
        char tag[OPS_TAG_MAX + 1];
        bool ok = n <= OPS_TAG_MAX &&
                  lws_hdr_custom_copy(r->wsi, tag, sizeof(tag), "x-replhub-tag:", 14) == n;
        for (int i = 0; ok && i < n; i++) {
            ok = tag[i] >= 0x20 && tag[i] < 0x7f;
        }
        if (!ok) {
            op_free(op);
            return http_respond_error(r, API_ERR_BAD_MESSAGE,
                                      "x-replhub-tag: at most 64 printable ASCII characters");
        }
        memcpy(op->tag, tag, (size_t)n + 1);
    }
    int rc = board_op_submit(b, op);
    if (rc < 0) {
        op_free(op);
        return http_respond_error(r, submit_error(rc),
                                  rc == ERR_CLOSED ? b->cfg.name : "too many operations waiting");
    }
    op->on_done = on_op_done;
    op->on_room = on_op_room;
    op->ctx = r;
    r->op = op;
    lws_set_timeout(r->wsi, NO_PENDING_TIMEOUT, 0); // a transfer takes as long as the board does
    return 0;
}

static int on_post_body(struct http_req *r);

static int fs_request(struct http_req *r, struct board *b, const char *rest) {
    char path[FSOPS_PATH_MAX + 1], err[ERR_LEN];
    if (fsops_path_normalize(rest, strlen(rest), path, sizeof(path), err, sizeof(err)) < 0) {
        return http_respond_error(r, API_ERR_BAD_PATH, err);
    }
    struct op *op;
    switch (r->method) {
        case M_GET:
            r->download = has_arg(r->wsi, "download");
            if (has_arg(r->wsi, "stat")) {
                return start(r, b, op_new(OP_STAT, path));
            }
            return start(r, b, op_new(has_arg(r->wsi, "sha256") ? OP_HASH : OP_READ, path));
        case M_DELETE:
            if (strcmp(path, "/") == 0) {
                return http_respond_error(r, API_ERR_BAD_PATH, "the root cannot be deleted");
            }
            if ((op = op_new(OP_DELETE, path)) != NULL) {
                op->recursive = has_arg(r->wsi, "recursive");
            }
            return start(r, b, op);
        case M_PUT: {
            char len_text[32];
            if (lws_hdr_copy(r->wsi, len_text, sizeof(len_text), WSI_TOKEN_HTTP_CONTENT_LENGTH) <=
                0) {
                return http_respond_error(r, API_ERR_LENGTH_REQUIRED, "Content-Length is needed");
            }
            char *end;
            unsigned long long total = strtoull(len_text, &end, 10);
            if (*end != '\0' || len_text[0] < '0' || len_text[0] > '9') {
                return http_respond_error(r, API_ERR_BAD_MESSAGE, "Content-Length is not a number");
            }
            if (total > HTTP_UPLOAD_MAX) {
                return http_respond_error(r, API_ERR_MESSAGE_TOO_LARGE, "upload over 16 MiB");
            }
            if (strcmp(path, "/") == 0) {
                return http_respond_error(r, API_ERR_BAD_PATH, "the root is a directory");
            }
            if ((op = op_new(OP_WRITE, path)) == NULL) {
                return http_respond_error(r, API_ERR_INTERNAL, "out of memory");
            }
            op->total = total;
            int rc = start(r, b, op);
            if (rc == 0 && r->op != NULL && total == 0) {
                op_upload_end(r->op);
            }
            return rc;
        }
        default: // POST: the body says what to do
            return 0;
    }
}

int httpfs_request(struct http_req *r, struct board *b, int route, const char *rest) {
    struct hub *h = hub_of(r->wsi);
    switch (route) {
        case API_ROUTE_FS:
        case API_ROUTE_EXEC:
            if (r->method == M_POST) {
                r->route = route;
                r->post_max =
                    route == API_ROUTE_EXEC ? OPS_CODE_MAX + 1024 : h->cfg->limits.message_bytes;
                r->post = malloc(r->post_max);
                // The path goes with the request; it is read again when the body is complete.
                return r->post == NULL ? http_respond_error(r, API_ERR_INTERNAL, "out of memory")
                                       : 0;
            }
            if (route == API_ROUTE_EXEC) {
                return http_respond_error(r, API_ERR_METHOD, "POST");
            }
            return fs_request(r, b, rest);
        case API_ROUTE_OPS: {
            if (r->method != M_GET) {
                return http_respond_error(r, API_ERR_METHOD, "GET");
            }
            struct api_op infos[OPS_QUEUE_MAX];
            size_t n = 0;
            lws_start_foreach_dll(struct lws_dll2 *, d, lws_dll2_get_head(&b->ops.queue)) {
                if (n < OPS_QUEUE_MAX) {
                    op_describe(lws_container_of(d, struct op, node), &infos[n++]);
                }
            }
            lws_end_foreach_dll(d);
            char *text = api_encode_ops(infos, n);
            if (text == NULL) {
                return http_respond_error(r, API_ERR_INTERNAL, "out of memory");
            }
            return http_respond(r, HTTP_STATUS_OK, "application/json", (uint8_t *)text,
                                strlen(text), NULL);
        }
        case API_ROUTE_OP: {
            if (r->method != M_DELETE) {
                return http_respond_error(r, API_ERR_METHOD, "DELETE");
            }
            char *end;
            unsigned long id = strtoul(rest, &end, 10);
            struct op *op = *end == '\0' ? board_op_find(b, (unsigned)id) : NULL;
            if (op == NULL) {
                return http_respond_error(r, API_ERR_NOT_FOUND, "no such operation");
            }
            board_op_cancel(op);
            return respond_json(r, json_pack("{s:I}", "cancelled", (json_int_t)id));
        }
        default:
            return http_respond_error(r, API_ERR_NOT_FOUND, "no such route");
    }
}

// ---- POST bodies ----

static int on_post_body(struct http_req *r) {
    struct hub *h = hub_of(r->wsi);
    char uri[FSOPS_PATH_MAX * 3 + 64], id[CONFIG_NAME_MAX + 1];
    const char *rest = NULL;
    if (lws_hdr_copy(r->wsi, uri, sizeof(uri), WSI_TOKEN_POST_URI) <= 0) {
        return http_respond_error(r, API_ERR_BAD_MESSAGE, "no URI");
    }
    api_route(uri, id, sizeof(id), &rest);
    struct board *b = hub_find(h, id);
    if (b == NULL) {
        return http_respond_error(r, API_ERR_BOARD_NOT_FOUND, id);
    }
    json_error_t jerr;
    json_t *body = json_loadb((const char *)r->post, r->post_len, 0, &jerr);
    if (!json_is_object(body)) {
        json_decref(body);
        return http_respond_error(r, API_ERR_BAD_MESSAGE, "the body is not a JSON object");
    }
    int rc;
    struct op *op = NULL;
    char path[FSOPS_PATH_MAX + 1], to[FSOPS_PATH_MAX + 1], err[ERR_LEN];
    if (r->route == API_ROUTE_EXEC) {
        const char *code = json_string_value(json_object_get(body, "code"));
        if (code == NULL || strlen(code) > OPS_CODE_MAX) {
            rc = http_respond_error(r, API_ERR_BAD_MESSAGE,
                                    "\"code\" must be a string of at "
                                    "most 64 KiB");
        } else if ((op = op_new(OP_EXEC, "")) == NULL || (op->code = strdup(code)) == NULL) {
            op_free(op);
            rc = http_respond_error(r, API_ERR_INTERNAL, "out of memory");
        } else {
            rc = start(r, b, op);
        }
        json_decref(body);
        return rc;
    }
    const char *what = json_string_value(json_object_get(body, "op"));
    if (fsops_path_normalize(rest, strlen(rest), path, sizeof(path), err, sizeof(err)) < 0) {
        rc = http_respond_error(r, API_ERR_BAD_PATH, err);
    } else if (what == NULL) {
        rc = http_respond_error(r, API_ERR_BAD_MESSAGE, "\"op\" is missing");
    } else if (strcmp(path, "/") == 0) {
        rc = http_respond_error(r, API_ERR_BAD_PATH, "not on the root");
    } else if (strcmp(what, "mkdir") == 0) {
        rc = start(r, b, op_new(OP_MKDIR, path));
    } else if (strcmp(what, "run") == 0) {
        rc = start(r, b, op_new(OP_RUN, path));
    } else if (strcmp(what, "rename") == 0) {
        const char *dest = json_string_value(json_object_get(body, "to"));
        if (dest == NULL ||
            fsops_path_normalize(dest, strlen(dest), to, sizeof(to), err, sizeof(err)) < 0 ||
            strcmp(to, "/") == 0) {
            rc = http_respond_error(r, API_ERR_BAD_PATH, dest == NULL ? "\"to\" is missing" : err);
        } else if ((op = op_new(OP_RENAME, path)) == NULL) {
            rc = http_respond_error(r, API_ERR_INTERNAL, "out of memory");
        } else {
            snprintf(op->to, sizeof(op->to), "%s", to);
            rc = start(r, b, op);
        }
    } else {
        rc = http_respond_error(r, API_ERR_BAD_MESSAGE, "\"op\" is mkdir, rename or run");
    }
    json_decref(body);
    return rc;
}

int httpfs_body_done(struct http_req *r) {
    r->body_done = true;
    if (r->method == M_POST && r->post != NULL && !r->resp_ready && r->op == NULL) {
        return on_post_body(r);
    }
    if (r->op != NULL && r->op->kind == OP_WRITE && r->held_len == 0) {
        op_upload_end(r->op);
    }
    return 0;
}

void httpfs_closed(struct http_req *r) {
    if (r->op != NULL) {
        board_op_abandon(r->op); // the client went away: cancel, and the board frees it
        r->op = NULL;
    }
}
