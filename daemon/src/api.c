// SPDX-License-Identifier: MIT
// api.c: encodes the API's JSON messages and decodes controls; checks Origin and Host headers.

#include "api.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "err.h"

#define API_ERR_CODE(id, code, status)   code,
#define API_ERR_STATUS(id, code, status) status,
static const char *const error_codes[] = {API_ERRORS(API_ERR_CODE)};
static const int error_status[] = {API_ERRORS(API_ERR_STATUS)};
#undef API_ERR_CODE
#undef API_ERR_STATUS

#define HOST_MAX (256)

const char *api_error_code(enum api_error e) {
    return (unsigned)e < API_ERR_COUNT ? error_codes[e] : "internal";
}

int api_error_status(enum api_error e) {
    return (unsigned)e < API_ERR_COUNT ? error_status[e] : 500;
}

// Serialises and releases [j] (jansson steals nothing here: dumps then decref).
static char *dump(json_t *j) {
    if (j == NULL) {
        return NULL;
    }
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return text;
}

static json_t *board_json(const struct api_board *b) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:I, s:b}", "id", b->id, "link", b->link,
                          "path", b->path, "baud", (json_int_t)b->baud, "state", b->state,
                          "viewers", (json_int_t)b->viewers, "embedded", b->embedded);
    if (o != NULL && b->usb != NULL) {
        json_object_set_new(o, "usb", json_string(b->usb));
    }
    return o;
}

static json_t *board_array(const struct api_board *boards, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++) {
        if (json_array_append_new(a, board_json(&boards[i])) < 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

char *api_encode_boards(const struct api_board *boards, size_t n) {
    return dump(json_pack("{s:o?}", "boards", board_array(boards, n)));
}

char *api_encode_board(const struct api_board *b) {
    return dump(json_pack("{s:o?}", "board", board_json(b)));
}

char *api_encode_hello(const struct api_board *b, size_t scrollback) {
    return dump(json_pack("{s:s, s:o?, s:I}", "type", "hello", "board", board_json(b), "scrollback",
                          (json_int_t)scrollback));
}

static json_t *op_json(const struct api_op *op) {
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)op->id, "kind",
                          op->kind, "path", op->path, "state", op->state, "done",
                          (json_int_t)op->done, "total", (json_int_t)op->total);
    if (o == NULL) {
        return NULL;
    }
    if (op->to != NULL) {
        json_object_set_new(o, "to", json_string(op->to));
    }
    if (op->tag != NULL) {
        json_object_set_new(o, "tag", json_string(op->tag));
    }
    if (op->has_error) {
        json_object_set_new(o, "error",
                            json_pack("{s:s, s:s}", "code", api_error_code(op->error), "message",
                                      op->message != NULL ? op->message : ""));
    }
    return o;
}

char *api_encode_op_event(const char *board, const struct api_op *op) {
    return dump(json_pack("{s:s, s:s, s:o?}", "type", "op", "board", board, "op", op_json(op)));
}

char *api_encode_ops(const struct api_op *ops, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++) {
        if (json_array_append_new(a, op_json(&ops[i])) < 0) {
            json_decref(a);
            return NULL;
        }
    }
    return dump(json_pack("{s:o?}", "ops", a));
}

// Directories first, then by name (bytewise: UTF-8 order).
static int entry_cmp(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int dx = json_integer_value(json_array_get(x, 1)) != 0;
    int dy = json_integer_value(json_array_get(y, 1)) != 0;
    if (dx != dy) {
        return dy - dx;
    }
    return strcmp(json_string_value(json_array_get(x, 0)), json_string_value(json_array_get(y, 0)));
}

char *api_encode_listing(const char *path, const char *board, size_t len) {
    json_error_t jerr;
    json_t *root = json_loadb(board, len, 0, &jerr);
    json_t *entries = json_array_get(root, 0);
    size_t n = json_array_size(entries);
    bool ok = json_is_array(entries) && json_is_integer(json_array_get(root, 1)) &&
              json_is_integer(json_array_get(root, 2));
    json_t **v = ok ? calloc(n + 1, sizeof(*v)) : NULL;
    json_t *list = json_array();
    ok = ok && v != NULL && list != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        v[i] = json_array_get(entries, i);
        ok = json_is_string(json_array_get(v[i], 0)) && json_is_integer(json_array_get(v[i], 1)) &&
             json_is_integer(json_array_get(v[i], 2));
    }
    if (ok) {
        qsort(v, n, sizeof(*v), entry_cmp);
        for (size_t i = 0; ok && i < n; i++) {
            bool dir = json_integer_value(json_array_get(v[i], 1)) != 0;
            json_int_t size = dir ? 0 : json_integer_value(json_array_get(v[i], 2));
            ok = json_array_append_new(list,
                                       json_pack("{s:O, s:s, s:I}", "name", json_array_get(v[i], 0),
                                                 "type", dir ? "dir" : "file", "size", size)) == 0;
        }
    }
    char *text =
        ok ? dump(json_pack("{s:s, s:O, s:{s:O, s:O}}", "path", path, "entries", list, "fs",
                            "total", json_array_get(root, 1), "free", json_array_get(root, 2)))
           : NULL;
    json_decref(list);
    json_decref(root);
    free(v);
    return text;
}

char *api_encode_state(const char *id, const char *state, const char *reason) {
    return dump(json_pack("{s:s, s:s, s:s, s:s}", "type", "state", "board", id, "state", state,
                          "reason", reason != NULL ? reason : ""));
}

char *api_encode_reset(const char *id, const char *kind, const char *method) {
    return dump(json_pack("{s:s, s:s, s:s, s:s}", "type", "reset", "board", id, "kind", kind,
                          "method", method));
}

char *api_encode_board_list_event(const struct api_board *boards, size_t n) {
    return dump(json_pack("{s:s, s:o?}", "type", "boards", "boards", board_array(boards, n)));
}

char *api_encode_board_event(const struct api_board *b) {
    return dump(json_pack("{s:s, s:o?}", "type", "board", "board", board_json(b)));
}

char *api_encode_pong(void) {
    return dump(json_pack("{s:s}", "type", "pong"));
}

char *api_encode_error(enum api_error e, const char *message, bool ws) {
    const char *code = api_error_code(e);
    message = message != NULL ? message : "";
    if (ws) {
        return dump(
            json_pack("{s:s, s:s, s:s}", "type", "error", "code", code, "message", message));
    }
    return dump(json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
}

static int bad(char *err, size_t err_len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return ERR_INVAL;
}

int api_decode_control(const char *text, size_t len, enum api_control *out, char *err,
                       size_t err_len) {
    static const struct {
        const char *type;
        enum api_control ctl;
    } types[] = {
        {"interrupt", API_CTL_INTERRUPT},
        {"soft_reset", API_CTL_SOFT_RESET},
        {"hard_reset", API_CTL_HARD_RESET},
        {"bootloader", API_CTL_BOOTLOADER},
        {"ping", API_CTL_PING},
    };
    json_error_t jerr;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (j == NULL) {
        return bad(err, err_len, "not JSON: %s", jerr.text);
    }
    const char *type = json_string_value(json_object_get(j, "type"));
    int rc = bad(err, err_len,
                 "expected {\"type\": \"interrupt\"|\"soft_reset\"|\"hard_reset\"|"
                 "\"bootloader\"|\"ping\"}");
    for (size_t i = 0; type != NULL && i < sizeof(types) / sizeof(types[0]); i++) {
        if (strcmp(type, types[i].type) == 0) {
            *out = types[i].ctl;
            rc = 0;
        }
    }
    json_decref(j);
    return rc;
}

enum api_route api_route(const char *path, char *id, size_t id_len, const char **rest) {
    static const char boards[] = "/api/v1/boards";
    size_t n = sizeof(boards) - 1;
    if (strcmp(path, "/api/v1/events") == 0) {
        return API_ROUTE_EVENTS;
    }
    if (strncmp(path, boards, n) != 0) {
        return API_ROUTE_NONE;
    }
    if (path[n] == '\0' || strcmp(path + n, "/") == 0) {
        return API_ROUTE_BOARDS;
    }
    if (path[n] != '/') {
        return API_ROUTE_NONE;
    }
    const char *start = path + n + 1;
    const char *slash = strchr(start, '/');
    size_t len = slash != NULL ? (size_t)(slash - start) : strlen(start);
    if (len == 0 || len >= id_len) {
        return API_ROUTE_NONE;
    }
    memcpy(id, start, len);
    id[len] = '\0';
    if (slash == NULL) {
        return API_ROUTE_BOARD;
    }
    const char *unused;
    if (rest == NULL) {
        rest = &unused;
    }
    if (strncmp(slash, "/fs", 3) == 0 && (slash[3] == '\0' || slash[3] == '/')) {
        *rest = slash + 3;
        return API_ROUTE_FS;
    }
    if (strncmp(slash, "/ops/", 5) == 0 && slash[5] != '\0') {
        *rest = slash + 5;
        return API_ROUTE_OP;
    }
    if (strcmp(slash, "/ops") == 0) {
        return API_ROUTE_OPS;
    }
    if (strcmp(slash, "/exec") == 0) {
        return API_ROUTE_EXEC;
    }
    return strcmp(slash, "/term") == 0 ? API_ROUTE_TERM : API_ROUTE_NONE;
}

bool api_origin_is_allowed(const char *origin, const char *host) {
    if (origin == NULL) {
        return true; // not a browser: browsers always send Origin on WebSocket upgrades
    }
    if (host == NULL || host[0] == '\0') {
        return false;
    }
    const char *rest = NULL;
    if (strncasecmp(origin, "http://", 7) == 0) {
        rest = origin + 7;
    } else if (strncasecmp(origin, "https://", 8) == 0) {
        rest = origin + 8;
    }
    // Same origin: the page's host:port is the one it sent this request to.
    return rest != NULL && strcasecmp(rest, host) == 0;
}

// One part of a dotted quad as browsers write it: 0..255 in decimal, no leading zero (which
// would read as octal elsewhere: 0127 is 87). Returns the end of it, or NULL.
static const char *quad_part(const char *s) {
    unsigned v = 0;
    size_t n = 0;
    while (n < 3 && s[n] >= '0' && s[n] <= '9') {
        v = v * 10 + (unsigned)(s[n++] - '0');
    }
    if (n == 0 || v > 255 || (n > 1 && s[0] == '0') || (s[n] >= '0' && s[n] <= '9')) {
        return NULL;
    }
    return s + n;
}

// Is [name] 127.x.y.z?
static bool is_loopback_v4(const char *name) {
    const char *s = quad_part(name);
    if (s == NULL || s - name != 3 || memcmp(name, "127", 3) != 0) {
        return false;
    }
    for (int i = 0; i < 3; i++) {
        if (*s != '.' || (s = quad_part(s + 1)) == NULL) {
            return false;
        }
    }
    return *s == '\0';
}

bool api_host_is_loopback(const char *host) {
    if (host == NULL || strlen(host) >= HOST_MAX) {
        return false;
    }
    char name[HOST_MAX];
    if (host[0] == '[') {
        const char *close = strchr(host, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':')) {
            return false;
        }
        size_t n = (size_t)(close - host - 1);
        memcpy(name, host + 1, n);
        name[n] = '\0';
        return strcmp(name, "::1") == 0;
    }
    snprintf(name, sizeof(name), "%s", host);
    char *colon = strchr(name, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    return strcasecmp(name, "localhost") == 0 || is_loopback_v4(name);
}
