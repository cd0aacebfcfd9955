// SPDX-License-Identifier: MIT
// config.c: builds the one struct config: defaults <- JSON file (jansson) <- flags, then validates.

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "err.h"

#ifndef REPLHUB_WEB_DIR
#define REPLHUB_WEB_DIR "web"
#endif

#define BAUD_MIN     (50u)
#define BAUD_MAX     (4000000u)
#define VIEWERS_MAX  (1024u)
#define CONNS_MAX    (4096u)
#define MESSAGE_MIN  (256u)
#define MESSAGE_MAX  (16u << 20)
#define SCROLL_MIN   (1024u)
#define SCROLL_MAX   (16u << 20)
#define QUEUE_MAX    (64u << 20)
#define QUEUE_MARGIN (16u << 10) // a viewer queue holds the scrollback and then some live output

static int fail(char *err, size_t err_len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return ERR_INVAL;
}

// Copies [src] into [dst] of [size] bytes; a string that does not fit is an error, not cut.
static int copy_str(char *dst, size_t size, const char *src, const char *what, char *err,
                    size_t err_len) {
    size_t n = strlen(src);
    if (n >= size) {
        return fail(err, err_len, "%s is too long (%zu bytes, at most %zu)", what, n, size - 1);
    }
    memcpy(dst, src, n + 1);
    return 0;
}

static int parse_size(const char *text, unsigned long long min, unsigned long long max,
                      unsigned long long *out) {
    char *end;
    errno = 0;
    if (text[0] < '0' || text[0] > '9') {
        return ERR_INVAL;
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return ERR_INVAL;
    }
    *out = v;
    return 0;
}

const char *config_link_name(enum link_kind kind) {
    return kind == LINK_PTY ? "pty" : "serial";
}

static const char *const level_names[] = {"err", "warn", "notice", "info", "debug"};

const char *config_level_name(enum log_level level) {
    return (unsigned)level < 5 ? level_names[level] : "?";
}

static int parse_level(const char *text, enum log_level *out) {
    for (int i = 0; i < 5; i++) {
        if (strcmp(text, level_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return ERR_INVAL;
}

void config_defaults(struct config *c) {
    memset(c, 0, sizeof(*c));
    snprintf(c->listen_addr, sizeof(c->listen_addr), "127.0.0.1");
    c->port = CONFIG_DEFAULT_PORT;
    snprintf(c->web_dir, sizeof(c->web_dir), "%s", REPLHUB_WEB_DIR);
    const char *run = getenv("XDG_RUNTIME_DIR");
    if (run != NULL && run[0] == '/' && strlen(run) < CONFIG_PATH_MAX - 16) {
        snprintf(c->state_dir, sizeof(c->state_dir), "%s/replhub", run);
    } else {
        snprintf(c->state_dir, sizeof(c->state_dir), "/tmp/replhub-%u", (unsigned)getuid());
    }
    c->log_level = LOG_NOTICE;
    c->discover = true;
    c->embedded = true;
    c->embedded_baud = CONFIG_DEFAULT_BAUD;
    c->limits.viewers_per_board = 32;
    c->limits.connections = 256;
    c->limits.message_bytes = 64u << 10;
    c->limits.scrollback = 64u << 10;
    c->limits.viewer_queue = 256u << 10;
}

static bool is_name_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.';
}

static int check_name(const char *name, char *err, size_t err_len) {
    size_t n = strlen(name);
    if (n == 0 || n > CONFIG_NAME_MAX || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        return fail(err, err_len, "board name '%s' must have 1 to %d characters", name,
                    CONFIG_NAME_MAX);
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_name_char(name[i])) {
            return fail(err, err_len, "board name '%s': only letters, digits, '-', '_', '.'", name);
        }
    }
    return 0;
}

int config_parse_board(const char *spec, struct board_config *b, char *err, size_t err_len) {
    memset(b, 0, sizeof(*b));
    b->baud = CONFIG_DEFAULT_BAUD;
    const char *eq = strchr(spec, '=');
    const char *colon = strchr(spec, ':');
    if (eq != NULL && (colon == NULL || eq < colon)) {
        size_t n = (size_t)(eq - spec);
        if (n > CONFIG_NAME_MAX) {
            return fail(err, err_len, "board name in '%s' is too long", spec);
        }
        memcpy(b->name, spec, n);
        b->name[n] = '\0';
        if (check_name(b->name, err, err_len) < 0) {
            return ERR_INVAL;
        }
        spec = eq + 1;
    }
    const char *path = spec;
    if (strncmp(spec, "serial:", 7) == 0) {
        path = spec + 7;
    } else if (strncmp(spec, "pty:", 4) == 0) {
        b->kind = LINK_PTY;
        path = spec + 4;
    } else if (spec[0] != '/') {
        return fail(err, err_len, "board '%s': expected serial:PATH[@BAUD] or pty:PATH", spec);
    }
    if (copy_str(b->path, sizeof(b->path), path, "board path", err, err_len) < 0) {
        return ERR_INVAL;
    }
    char *at = strrchr(b->path, '@');
    if (at != NULL && b->kind == LINK_SERIAL) {
        unsigned long long baud = 0;
        if (parse_size(at + 1, BAUD_MIN, BAUD_MAX, &baud) < 0) {
            return fail(err, err_len, "board '%s': bad baud rate '%s'", spec, at + 1);
        }
        b->baud = (unsigned)baud;
        *at = '\0';
    }
    if (b->path[0] != '/') {
        return fail(err, err_len, "board '%s': the path must be absolute", spec);
    }
    return 0;
}

int config_add_board(struct config *c, const struct board_config *b, char *err, size_t err_len) {
    if (c->nboards >= CONFIG_MAX_BOARDS) {
        return fail(err, err_len, "more than %d boards configured", CONFIG_MAX_BOARDS);
    }
    c->boards[c->nboards] = *b;
    if (b->name[0] == '\0') {
        snprintf(c->boards[c->nboards].name, sizeof(b->name), "board%zu", c->nboards);
    }
    c->nboards++;
    return 0;
}

// ---- JSON ----

static int json_uint(json_t *v, const char *key, unsigned long long min, unsigned long long max,
                     unsigned long long *out, char *err, size_t err_len) {
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        (unsigned long long)json_integer_value(v) < min ||
        (unsigned long long)json_integer_value(v) > max) {
        return fail(err, err_len, "\"%s\" must be an integer from %llu to %llu", key, min, max);
    }
    *out = (unsigned long long)json_integer_value(v);
    return 0;
}

static int json_str(json_t *v, const char *key, char *dst, size_t size, char *err, size_t err_len) {
    if (!json_is_string(v)) {
        return fail(err, err_len, "\"%s\" must be a string", key);
    }
    return copy_str(dst, size, json_string_value(v), key, err, err_len);
}

static int json_bool(json_t *v, const char *key, bool *out, char *err, size_t err_len) {
    if (!json_is_boolean(v)) {
        return fail(err, err_len, "\"%s\" must be true or false", key);
    }
    *out = json_is_true(v);
    return 0;
}

static int merge_board(struct config *c, json_t *o, char *err, size_t err_len) {
    struct board_config b = {.baud = CONFIG_DEFAULT_BAUD};
    const char *key;
    json_t *v;
    bool has_path = false;
    if (!json_is_object(o)) {
        return fail(err, err_len, "each of \"boards\" must be an object");
    }
    json_object_foreach(o, key, v) {
        unsigned long long n = 0;
        int rc = 0;
        if (strcmp(key, "name") == 0) {
            rc = json_str(v, "name", b.name, sizeof(b.name), err, err_len);
            rc = rc < 0 ? rc : check_name(b.name, err, err_len);
        } else if (strcmp(key, "serial") == 0 || strcmp(key, "pty") == 0) {
            b.kind = key[0] == 'p' ? LINK_PTY : LINK_SERIAL;
            rc = json_str(v, key, b.path, sizeof(b.path), err, err_len);
            has_path = true;
        } else if (strcmp(key, "baud") == 0) {
            rc = json_uint(v, "baud", BAUD_MIN, BAUD_MAX, &n, err, err_len);
            b.baud = (unsigned)n;
        } else if (strcmp(key, "modem_lines") == 0 && json_is_string(v) &&
                   (!strcmp(json_string_value(v), "deassert") ||
                    !strcmp(json_string_value(v), "keep"))) {
            b.modem = json_string_value(v)[0] == 'k' ? MODEM_KEEP : MODEM_DEASSERT;
        } else {
            return fail(err, err_len, "boards: unknown key or bad value \"%s\"", key);
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (!has_path || b.path[0] != '/') {
        return fail(err, err_len, "boards: each needs \"serial\" or \"pty\" with an absolute path");
    }
    return config_add_board(c, &b, err, err_len);
}

static int merge_listen(struct config *c, json_t *o, char *err, size_t err_len) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        unsigned long long n = 0;
        int rc;
        if (strcmp(key, "address") == 0) {
            rc = json_str(v, "address", c->listen_addr, sizeof(c->listen_addr), err, err_len);
        } else if (strcmp(key, "port") == 0) {
            rc = json_uint(v, "port", 0, 65535, &n, err, err_len);
            c->port = (int)n;
        } else {
            return fail(err, err_len, "listen: unknown key \"%s\"", key);
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int merge_limits(struct config *c, json_t *o, char *err, size_t err_len) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        unsigned long long n = 0;
        int rc = ERR_INVAL;
        if (strcmp(key, "viewers_per_board") == 0) {
            rc = json_uint(v, key, 1, VIEWERS_MAX, &n, err, err_len);
            c->limits.viewers_per_board = (unsigned)n;
        } else if (strcmp(key, "connections") == 0) {
            rc = json_uint(v, key, 1, CONNS_MAX, &n, err, err_len);
            c->limits.connections = (unsigned)n;
        } else if (strcmp(key, "message_bytes") == 0) {
            rc = json_uint(v, key, MESSAGE_MIN, MESSAGE_MAX, &n, err, err_len);
            c->limits.message_bytes = (size_t)n;
        } else if (strcmp(key, "viewer_queue_bytes") == 0) {
            rc = json_uint(v, key, SCROLL_MIN + QUEUE_MARGIN, QUEUE_MAX, &n, err, err_len);
            c->limits.viewer_queue = (size_t)n;
        } else if (strcmp(key, "scrollback_bytes") == 0) {
            rc = json_uint(v, key, SCROLL_MIN, SCROLL_MAX, &n, err, err_len);
            c->limits.scrollback = (size_t)n;
        } else {
            return fail(err, err_len, "limits: unknown key \"%s\"", key);
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int merge_embedded(struct config *c, json_t *o, char *err, size_t err_len) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        unsigned long long n = 0;
        int rc;
        if (strcmp(key, "enabled") == 0) {
            rc = json_bool(v, key, &c->embedded, err, err_len);
        } else if (strcmp(key, "binary") == 0) {
            rc = json_str(v, key, c->board_binary, sizeof(c->board_binary), err, err_len);
        } else if (strcmp(key, "baud") == 0) {
            rc = json_uint(v, key, 0, BAUD_MAX, &n, err, err_len);
            c->embedded_baud = (unsigned)n;
        } else {
            return fail(err, err_len, "embedded: unknown key \"%s\"", key);
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int merge_log(struct config *c, json_t *o, char *err, size_t err_len) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (strcmp(key, "level") == 0 && json_is_string(v) &&
            parse_level(json_string_value(v), &c->log_level) == 0) {
            continue;
        }
        if (strcmp(key, "syslog") == 0 && json_bool(v, key, &c->syslog, err, err_len) == 0) {
            continue;
        }
        return fail(err, err_len, "log: unknown key or bad value \"%s\"", key);
    }
    return 0;
}

// One top-level key; objects are delegated to their own merge function.
static int merge_key(struct config *c, const char *key, json_t *v, char *err, size_t err_len) {
    int (*object_merge)(struct config *, json_t *, char *, size_t) = NULL;
    if (strcmp(key, "web_dir") == 0) {
        return json_str(v, key, c->web_dir, sizeof(c->web_dir), err, err_len);
    } else if (strcmp(key, "state_dir") == 0) {
        return json_str(v, key, c->state_dir, sizeof(c->state_dir), err, err_len);
    } else if (strcmp(key, "discover") == 0) {
        return json_bool(v, key, &c->discover, err, err_len);
    } else if (strcmp(key, "boards") == 0 && json_is_array(v)) {
        size_t i;
        json_t *b;
        json_array_foreach(v, i, b) {
            if (merge_board(c, b, err, err_len) < 0) {
                return ERR_INVAL;
            }
        }
        return 0;
    }
    object_merge = !strcmp(key, "listen")     ? merge_listen
                   : !strcmp(key, "limits")   ? merge_limits
                   : !strcmp(key, "embedded") ? merge_embedded
                   : !strcmp(key, "log")      ? merge_log
                                              : NULL;
    if (object_merge == NULL || !json_is_object(v)) {
        return fail(err, err_len, "unknown key or bad value \"%s\"", key);
    }
    return object_merge(c, v, err, err_len);
}

int config_merge_json(struct config *c, const char *text, char *err, size_t err_len) {
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        return fail(err, err_len, "line %d: %s", jerr.line, jerr.text);
    }
    int rc = 0;
    if (!json_is_object(root)) {
        rc = fail(err, err_len, "the configuration must be a JSON object");
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        if (rc == 0) {
            rc = merge_key(c, key, v, err, err_len);
        }
    }
    json_decref(root);
    return rc;
}

int config_merge_file(struct config *c, const char *path, char *err, size_t err_len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return ERR_IO;
    }
    char *text = malloc(CONFIG_FILE_MAX + 1);
    size_t n = text != NULL ? fread(text, 1, CONFIG_FILE_MAX + 1, f) : 0;
    fclose(f);
    int rc;
    if (text == NULL) {
        rc = fail(err, err_len, "%s: out of memory", path);
    } else if (n > CONFIG_FILE_MAX) {
        rc = fail(err, err_len, "%s: larger than %d bytes", path, CONFIG_FILE_MAX);
    } else {
        text[n] = '\0';
        char inner[ERR_LEN];
        rc = config_merge_json(c, text, inner, sizeof(inner));
        if (rc < 0) {
            fail(err, err_len, "%s: %s", path, inner);
        }
    }
    free(text);
    return rc;
}
