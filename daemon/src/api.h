// SPDX-License-Identifier: MIT
// api.h: the browser<->daemon messages of daemon/API.md, encoded and decoded (pure: jansson only).
#ifndef REPLHUB_API_H
#define REPLHUB_API_H

#include <stdbool.h>
#include <stddef.h>

// ORDER API_ERRORS: the codes are part of the API (daemon/API.md); never renumber or rename.
#define API_ERRORS(X)                                                                              \
    X(API_ERR_NOT_FOUND, "not_found", 404)                                                         \
    X(API_ERR_BOARD_NOT_FOUND, "board_not_found", 404)                                             \
    X(API_ERR_METHOD, "method_not_allowed", 405)                                                   \
    X(API_ERR_BAD_MESSAGE, "bad_message", 400)                                                     \
    X(API_ERR_MESSAGE_TOO_LARGE, "message_too_large", 413)                                         \
    X(API_ERR_FORBIDDEN_ORIGIN, "forbidden_origin", 403)                                           \
    X(API_ERR_TOO_MANY_VIEWERS, "too_many_viewers", 503)                                           \
    X(API_ERR_TOO_MANY_CONNECTIONS, "too_many_connections", 503)                                   \
    X(API_ERR_BOARD_DISCONNECTED, "board_disconnected", 409)                                       \
    X(API_ERR_VIEWER_TOO_SLOW, "viewer_too_slow", 503)                                             \
    X(API_ERR_INTERNAL, "internal", 500)                                                           \
    X(API_ERR_BAD_PATH, "bad_path", 400)                                                           \
    X(API_ERR_FILE_NOT_FOUND, "file_not_found", 404)                                               \
    X(API_ERR_EXISTS, "exists", 409)                                                               \
    X(API_ERR_NOT_A_DIRECTORY, "not_a_directory", 409)                                             \
    X(API_ERR_IS_A_DIRECTORY, "is_a_directory", 409)                                               \
    X(API_ERR_DIRECTORY_NOT_EMPTY, "directory_not_empty", 409)                                     \
    X(API_ERR_BOARD_BUSY, "board_busy", 409)                                                       \
    X(API_ERR_CANCELLED, "cancelled", 409)                                                         \
    X(API_ERR_LENGTH_REQUIRED, "length_required", 411)                                             \
    X(API_ERR_NO_SPACE, "no_space", 507)                                                           \
    X(API_ERR_BOARD_ERROR, "board_error", 502)                                                     \
    X(API_ERR_BOARD_NO_ANSWER, "board_no_answer", 504)                                             \
    X(API_ERR_VERIFY_FAILED, "verify_failed", 502)                                                 \
    X(API_ERR_NOT_SUPPORTED, "not_supported", 501)

#define API_ERR_ENUM(id, code, status) id,
enum api_error { API_ERRORS(API_ERR_ENUM) API_ERR_COUNT };
#undef API_ERR_ENUM

// The stable code string ("board_not_found") and HTTP status of [e].
const char *api_error_code(enum api_error e);
int api_error_status(enum api_error e);

// What a browser may ask over a terminal WebSocket (text frames).
enum api_control {
    API_CTL_INTERRUPT,
    API_CTL_SOFT_RESET,
    API_CTL_HARD_RESET,
    API_CTL_BOOTLOADER,
    API_CTL_PING
};

// One board as the API shows it.
struct api_board {
    const char *id;
    const char *link; // "serial" | "pty"
    const char *path;
    unsigned baud;
    const char *state; // "disconnected" | "connecting" | "repl" | "busy"
    unsigned viewers;
    const char *usb; // bridge name for a discovered USB board, else NULL
    bool embedded;   // the simulated board replhubd started itself
};

// One file operation as the API shows it (daemon/API.md "Operations").
struct api_op {
    unsigned id;
    const char *kind; // "write", ...
    const char *path;
    const char *to;    // rename target, else NULL
    const char *state; // "queued" | "running" | "done" | "failed" | "cancelled"
    unsigned long long done, total;
    const char *tag; // NULL when the request had none
    bool has_error;
    enum api_error error;
    const char *message;
};

// Each encoder returns a malloc'd NUL-terminated JSON text (free() it), or NULL when out of memory.
// {"boards":[board...]}
char *api_encode_boards(const struct api_board *boards, size_t n);
// {"board":board}
char *api_encode_board(const struct api_board *b);
// {"type":"hello","board":board,"scrollback":N}: first message of a terminal session.
char *api_encode_hello(const struct api_board *b, size_t scrollback);
// {"type":"state","board":ID,"state":STATE,"reason":REASON}
char *api_encode_state(const char *id, const char *state, const char *reason);
// {"type":"reset","board":ID,"kind":"soft"|"hard","method":METHOD}
char *api_encode_reset(const char *id, const char *kind, const char *method);
// {"type":"boards","boards":[...]}: first message of an events session.
char *api_encode_board_list_event(const struct api_board *boards, size_t n);
// {"type":"board","board":board}: a board changed (events session).
char *api_encode_board_event(const struct api_board *b);
// {"type":"op","board":ID,"op":op}
char *api_encode_op_event(const char *board, const struct api_op *op);
// {"ops":[op...]}
char *api_encode_ops(const struct api_op *ops, size_t n);
// A directory listing as the board printed it, [[[name, isdir, size]...], total, free] ([len]
// bytes), as the API's {"path":PATH,"entries":[{"name","type","size"}...],"fs":{"total","free"}}:
// directories first, then by name. NULL when [board] is not that shape (or out of memory).
char *api_encode_listing(const char *path, const char *board, size_t len);
// {"type":"pong"}
char *api_encode_pong(void);
// HTTP error body {"error":{"code":CODE,"message":MSG}}, or with [ws] the WebSocket event
// {"type":"error","code":CODE,"message":MSG}.
char *api_encode_error(enum api_error e, const char *message, bool ws);

// Decodes a control message {"type":"interrupt"|"soft_reset"|"hard_reset"|"ping"} of [len]
// bytes. Returns 0, or ERR_INVAL with the reason in [err].
int api_decode_control(const char *text, size_t len, enum api_control *out, char *err,
                       size_t err_len);

// What a request path names: /api/v1/boards, /api/v1/boards/{id}, /api/v1/boards/{id}/term
// (WebSocket), /api/v1/events (WebSocket), /api/v1/boards/{id}/fs[/PATH], .../exec, .../ops,
// .../ops/{op}. [id] receives the board id (at most [id_len]-1 bytes); [rest] (when not NULL)
// points into [path] at the board PATH of fs ("" for the root) or at the op number.
enum api_route {
    API_ROUTE_NONE,
    API_ROUTE_BOARDS,
    API_ROUTE_BOARD,
    API_ROUTE_TERM,
    API_ROUTE_EVENTS,
    API_ROUTE_FS,
    API_ROUTE_EXEC,
    API_ROUTE_OPS,
    API_ROUTE_OP
};
enum api_route api_route(const char *path, char *id, size_t id_len, const char **rest);

// Is a WebSocket upgrade with this [origin] header (NULL: none, a non-browser client) allowed
// on a request whose Host header is [host]? Only the same origin is.
bool api_origin_is_allowed(const char *origin, const char *host);

// Is [host] (a Host header, "localhost:8080") a loopback name? Refuses DNS-rebinding names.
bool api_host_is_loopback(const char *host);

#endif
