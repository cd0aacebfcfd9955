// SPDX-License-Identifier: MIT
// config_args.c: the command-line half of the configuration, validation, and --help.

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "err.h"

#ifndef REPLHUB_VERSION
#define REPLHUB_VERSION "0.1.0"
#endif

static int fail(char *err, size_t err_len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return ERR_INVAL;
}

static int parse_num(const char *flag, const char *text, unsigned long long min,
                     unsigned long long max, unsigned long long *out, char *err, size_t err_len) {
    char *end;
    errno = 0;
    unsigned long long v = text[0] >= '0' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
    if (text[0] < '0' || text[0] > '9' || errno != 0 || *end != '\0' || v < min || v > max) {
        return fail(err, err_len, "%s: '%s' is not a number from %llu to %llu", flag, text, min,
                    max);
    }
    *out = v;
    return 0;
}

static int set_path(char *dst, size_t size, const char *flag, const char *value, char *err,
                    size_t err_len) {
    if (strlen(value) >= size) {
        return fail(err, err_len, "%s: longer than %zu bytes", flag, size - 1);
    }
    strcpy(dst, value);
    return 0;
}

// Flags that take a number, with their ranges, and where the number goes.
static int numeric_flag(struct config *c, const char *flag, const char *value, char *err,
                        size_t err_len) {
    static const struct {
        const char *flag;
        unsigned long long min, max;
    } ranges[] = {
        {"--port", 0, 65535},
        {"--max-viewers", 1, 1024},
        {"--max-connections", 1, 4096},
        {"--max-message", 256, 16u << 20},
        {"--viewer-queue", (1u << 10) + (16u << 10), 64u << 20},
        {"--scrollback", 1u << 10, 16u << 20},
        {"--embedded-baud", 0, 4000000},
    };
    for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
        if (strcmp(flag, ranges[i].flag) != 0) {
            continue;
        }
        unsigned long long n = 0;
        if (parse_num(flag, value, ranges[i].min, ranges[i].max, &n, err, err_len) < 0) {
            return ERR_INVAL;
        }
        switch (i) {
            case 0:
                c->port = (int)n;
                break;
            case 1:
                c->limits.viewers_per_board = (unsigned)n;
                break;
            case 2:
                c->limits.connections = (unsigned)n;
                break;
            case 3:
                c->limits.message_bytes = (size_t)n;
                break;
            case 4:
                c->limits.viewer_queue = (size_t)n;
                break;
            case 5:
                c->limits.scrollback = (size_t)n;
                break;
            default:
                c->embedded_baud = (unsigned)n;
                break;
        }
        return 0;
    }
    return ERR_NOTFOUND;
}

// A flag with a value; returns 0, ERR_INVAL, or ERR_NOTFOUND for a flag it does not know.
static int value_flag(struct config *c, const char *flag, const char *value, char *err,
                      size_t err_len) {
    if (strcmp(flag, "--config") == 0) {
        return 0; // read by config_build before the other flags
    } else if (strcmp(flag, "--listen") == 0) {
        return set_path(c->listen_addr, sizeof(c->listen_addr), flag, value, err, err_len);
    } else if (strcmp(flag, "--web-dir") == 0) {
        return set_path(c->web_dir, sizeof(c->web_dir), flag, value, err, err_len);
    } else if (strcmp(flag, "--state-dir") == 0) {
        return set_path(c->state_dir, sizeof(c->state_dir), flag, value, err, err_len);
    } else if (strcmp(flag, "--board-binary") == 0) {
        return set_path(c->board_binary, sizeof(c->board_binary), flag, value, err, err_len);
    } else if (strcmp(flag, "--log-level") == 0) {
        for (int i = LOG_ERR; i <= LOG_DEBUG; i++) {
            if (strcmp(value, config_level_name((enum log_level)i)) == 0) {
                c->log_level = (enum log_level)i;
                return 0;
            }
        }
        return fail(err, err_len, "--log-level: '%s' is not err|warn|notice|info|debug", value);
    } else if (strcmp(flag, "--board") == 0) {
        struct board_config b;
        if (config_parse_board(value, &b, err, err_len) < 0) {
            return ERR_INVAL;
        }
        return config_add_board(c, &b, err, err_len);
    }
    return numeric_flag(c, flag, value, err, err_len);
}

int config_merge_args(struct config *c, int argc, char **argv, char *err, size_t err_len) {
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "-h") == 0 || strcmp(flag, "--help") == 0) {
            return CONFIG_HELP;
        } else if (strcmp(flag, "--version") == 0) {
            return CONFIG_VERSION;
        } else if (strcmp(flag, "--syslog") == 0) {
            c->syslog = true;
        } else if (strcmp(flag, "--no-embedded") == 0) {
            c->embedded = false;
        } else if (strcmp(flag, "--no-discover") == 0) {
            c->discover = false;
        } else if (i + 1 >= argc) {
            return fail(err, err_len, "%s: unknown flag, or it needs a value", flag);
        } else {
            int rc = value_flag(c, flag, argv[++i], err, err_len);
            if (rc == ERR_NOTFOUND) {
                return fail(err, err_len, "unknown flag %s (see --help)", flag);
            }
            if (rc < 0) {
                return rc;
            }
        }
    }
    return 0;
}

// Only loopback until passwords exist: a board's REPL runs arbitrary code on it.
static bool is_loopback(const char *addr) {
    return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0 ||
           strcmp(addr, "localhost") == 0 || strcmp(addr, "lo") == 0;
}

int config_validate(struct config *c, char *err, size_t err_len) {
    if (!is_loopback(c->listen_addr)) {
        return fail(err, err_len,
                    "refusing to listen on %s: only loopback addresses are allowed until "
                    "replhubd has passwords",
                    c->listen_addr);
    }
    if (c->limits.viewer_queue < c->limits.scrollback + (16u << 10)) {
        return fail(err, err_len,
                    "the viewer queue (%zu) must exceed the scrollback (%zu) by 16 KiB",
                    c->limits.viewer_queue, c->limits.scrollback);
    }
    if (c->state_dir[0] != '/') {
        return fail(err, err_len, "the state directory must be an absolute path");
    }
    for (size_t i = 0; i < c->nboards; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(c->boards[i].name, c->boards[j].name) == 0) {
                return fail(err, err_len, "two boards are named '%s'", c->boards[i].name);
            }
            if (strcmp(c->boards[i].path, c->boards[j].path) == 0) {
                return fail(err, err_len, "boards '%s' and '%s' use the same port %s",
                            c->boards[j].name, c->boards[i].name, c->boards[i].path);
            }
        }
    }
    return 0;
}

// Finds the value of --config in [argv]; NULL when absent.
static const char *find_config_flag(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--config") == 0) {
            return argv[i + 1];
        }
    }
    return NULL;
}

int config_build(struct config *c, int argc, char **argv, char *err, size_t err_len) {
    const char *file = find_config_flag(argc, argv);
    if (file == NULL && access(CONFIG_DEFAULT_FILE, F_OK) == 0) {
        file = CONFIG_DEFAULT_FILE;
    }
    if (file != NULL) {
        int rc = config_merge_file(c, file, err, err_len);
        if (rc < 0) {
            return rc;
        }
    }
    int rc = config_merge_args(c, argc, argv, err, err_len);
    if (rc != 0) {
        return rc;
    }
    return config_validate(c, err, err_len);
}

void config_usage(FILE *f, const struct config *d) {
    fprintf(
        f,
        "usage: replhubd [FLAGS]\n"
        "replhubd %s shares MicroPython boards' REPLs with browsers: open http://ADDRESS:PORT/.\n"
        "\n"
        "Configuration: defaults <- JSON file <- flags. The file is --config FILE, else\n"
        "%s when it exists.\n"
        "\n"
        "  --config FILE          JSON configuration file (keys below)\n"
        "  --listen ADDR          address to listen on (default %s; loopback only)\n"
        "  --port N               TCP port (default %d; 0 picks a free one, printed at start)\n"
        "  --board SPEC           add a board (repeatable):\n"
        "                           [NAME=]serial:/dev/ttyUSB0[@BAUD]  USB serial (default %u "
        "baud)\n"
        "                           [NAME=]pty:PATH                     a pseudo-terminal\n"
        "                         NAME is the board's id in URLs (default board<N>)\n"
        "  --no-discover          do not open recognised USB boards (VID:PID) by themselves\n"
        "  --no-embedded          never start a simulated board\n"
        "  --board-binary PATH    replhub-board, started on a pty when no board is configured\n"
        "                         (default %s)\n"
        "  --embedded-baud N      its UART pacing (default %u; 0 unpaced)\n"
        "  --state-dir DIR        runtime files: the simulated board's pty link (default %s)\n"
        "  --web-dir DIR          the web app's files (default %s)\n"
        "  --max-viewers N        viewers per board (default %u)\n"
        "  --max-connections N    WebSocket sessions in all (default %u)\n"
        "  --max-message N        largest message a browser may send, bytes (default %zu)\n"
        "  --viewer-queue N       bytes queued for a viewer before it is cut off (default %zu)\n"
        "  --scrollback N         bytes of recent output a new viewer gets (default %zu)\n"
        "  --log-level L          err|warn|notice|info|debug (default %s)\n"
        "  --syslog               log to syslog instead of stderr\n"
        "  --version, -h/--help\n"
        "\n"
        "JSON keys: {\"listen\": {\"address\", \"port\"}, \"boards\": [{\"name\", "
        "\"serial\"|\"pty\",\n"
        "  \"baud\", \"modem_lines\": \"deassert\"|\"keep\"}], \"discover\", \"embedded\": "
        "{\"enabled\",\n"
        "  \"binary\", \"baud\"}, \"state_dir\", \"web_dir\", \"limits\": {\"viewers_per_board\",\n"
        "  \"connections\", \"message_bytes\", \"viewer_queue_bytes\", \"scrollback_bytes\"},\n"
        "  \"log\": {\"level\", \"syslog\"}}\n"
        "modem_lines: after opening a serial port replhubd releases DTR and RTS (\"deassert\", "
        "the\n"
        "default: an ESP runs) or leaves them as the OS set them (\"keep\").\n"
        "The API is documented in daemon/API.md.\n",
        REPLHUB_VERSION, CONFIG_DEFAULT_FILE, d->listen_addr, d->port, CONFIG_DEFAULT_BAUD,
        d->board_binary[0] ? d->board_binary : "(none found)", d->embedded_baud, d->state_dir,
        d->web_dir, d->limits.viewers_per_board, d->limits.connections, d->limits.message_bytes,
        d->limits.viewer_queue, d->limits.scrollback, config_level_name(d->log_level));
}
