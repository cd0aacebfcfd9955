// SPDX-License-Identifier: MIT
// config.h: replhubd's configuration: defaults <- JSON file <- command-line flags, validated once.
#ifndef REPLHUB_CONFIG_H
#define REPLHUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "log.h"

#define CONFIG_MAX_BOARDS   (64)
#define CONFIG_NAME_MAX     (48) // board ids appear in URLs: [A-Za-z0-9_.-]
#define CONFIG_PATH_MAX     (256)
#define CONFIG_ADDR_MAX     (64)
#define CONFIG_FILE_MAX     (1 << 20) // a config file larger than this is refused
#define CONFIG_DEFAULT_FILE "/etc/replhub/replhub.json"
#define CONFIG_DEFAULT_PORT (8080)
#define CONFIG_DEFAULT_BAUD (115200)

// config_build's results besides 0 and ERR_*: the caller prints help or the version and exits.
#define CONFIG_HELP    (1)
#define CONFIG_VERSION (2)

enum link_kind { LINK_SERIAL, LINK_PTY };

// What opening a serial port does to DTR/RTS: "deassert" releases both after opening (an ESP
// with the usual auto-reset circuit, or with RTS wired to EN, then runs); "keep" leaves them.
enum modem_policy { MODEM_DEASSERT, MODEM_KEEP };

struct board_config {
    char name[CONFIG_NAME_MAX + 1];
    enum link_kind kind;
    char path[CONFIG_PATH_MAX];
    unsigned baud;
    enum modem_policy modem;
};

struct config_limits {
    unsigned viewers_per_board;
    unsigned connections; // WebSocket sessions in all
    size_t message_bytes; // largest WebSocket message a browser may send
    size_t viewer_queue;  // bytes queued for one viewer before it is cut off
    size_t scrollback;    // bytes of recent output a late joiner gets
};

struct config {
    char listen_addr[CONFIG_ADDR_MAX];
    int port; // 0: pick a free port (printed at start)
    char web_dir[CONFIG_PATH_MAX];
    char state_dir[CONFIG_PATH_MAX];
    enum log_level log_level;
    bool syslog;
    bool discover; // open recognised USB boards by themselves
    bool embedded; // start a simulated board when no board is configured
    char board_binary[CONFIG_PATH_MAX];
    unsigned embedded_baud;
    struct config_limits limits;
    size_t nboards;
    struct board_config boards[CONFIG_MAX_BOARDS];
};

// Fills [c] with the built-in defaults (loopback, port 8080, state dir under $XDG_RUNTIME_DIR
// or /tmp, the web app and replhub-board paths compiled in by the build).
void config_defaults(struct config *c);

// Merges the JSON object in [text] into [c]; unknown keys are errors. Returns 0 or ERR_INVAL
// with the reason in [err].
int config_merge_json(struct config *c, const char *text, char *err, size_t err_len);

// Reads [path] and merges it. Returns 0, ERR_IO (unreadable) or ERR_INVAL.
int config_merge_file(struct config *c, const char *path, char *err, size_t err_len);

// Applies the flags in [argv] (--config is skipped: config_build handles it). Returns 0,
// CONFIG_HELP, CONFIG_VERSION or ERR_INVAL.
int config_merge_args(struct config *c, int argc, char **argv, char *err, size_t err_len);

// Parses a board spec "[NAME=]serial:/dev/ttyUSB0[@BAUD]" or "[NAME=]pty:PATH" into [b].
int config_parse_board(const char *spec, struct board_config *b, char *err, size_t err_len);

// Appends [b] (named board<N> when it has no name); returns 0 or ERR_INVAL past CONFIG_MAX_BOARDS.
int config_add_board(struct config *c, const struct board_config *b, char *err, size_t err_len);

// Checks ranges, names and the listen address once; returns 0 or ERR_INVAL.
int config_validate(struct config *c, char *err, size_t err_len);

// All three steps: defaults are expected in [c]; then the file (--config, or the default file
// when it exists), then the flags, then validation.
int config_build(struct config *c, int argc, char **argv, char *err, size_t err_len);

// Prints --help, showing the defaults in [defaults].
void config_usage(FILE *f, const struct config *defaults);

const char *config_link_name(enum link_kind kind);
const char *config_level_name(enum log_level level);

#endif
