// SPDX-License-Identifier: MIT
// fuzz_api.c: libFuzzer target: what daemon/src/api.c reads from browsers and HTTP headers.
//
// The first input byte picks what the rest is given to:
// - a control message (api_decode_control): accepted exactly when it is a JSON object whose
//   "type" names a control, which is then the one decoded; refused with a reason otherwise;
// - a request path (api_route, through an id buffer of a size from the input): the route, the
//   board id and the rest put back together give the path again, and the id fits its buffer;
// - an Origin and a Host header (api_origin_is_allowed): allowed only without Origin or when
//   it is http(s):// and the Host, letter case aside;
// - a Host header (api_host_is_loopback): true only for localhost, [::1] or 127.x.y.z written
//   as plain decimal numbers up to 255 without leading zeros, each with an optional :port.

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "api.h"
#include "err.h"
#include "fuzz_check.h"

static void fuzz_control(const uint8_t *data, size_t len) {
    char *text = malloc(len > 0 ? len : 1); // exact size: ASan sees any read past it
    CHECK(text != NULL);
    memcpy(text, data, len);
    enum api_control ctl = (enum api_control) - 1;
    char err[ERR_LEN] = "";
    int rc = api_decode_control(text, len, &ctl, err, sizeof(err));
    // What should have been decoded, read apart with jansson's defaults.
    static const struct {
        const char *name;
        enum api_control ctl;
    } names[] = {{"interrupt", API_CTL_INTERRUPT},
                 {"soft_reset", API_CTL_SOFT_RESET},
                 {"hard_reset", API_CTL_HARD_RESET},
                 {"bootloader", API_CTL_BOOTLOADER},
                 {"ping", API_CTL_PING}};
    int want = -1;
    json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
    const char *type = json_string_value(json_object_get(j, "type"));
    for (size_t i = 0; type != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(type, names[i].name) == 0) {
            want = (int)names[i].ctl;
        }
    }
    json_decref(j);
    free(text);
    if (rc == 0) {
        CHECK(want >= 0 && (int)ctl == want);
    } else {
        CHECK(rc == ERR_INVAL && want < 0);
        CHECK(err[0] != '\0' && memchr(err, '\0', sizeof(err)) != NULL);
    }
}

static void fuzz_route(const uint8_t *data, size_t len) {
    if (len == 0) {
        return;
    }
    size_t id_len = data[0] % 72 + 1;
    data++, len--;
    char *path = malloc(len + 1);
    char *id = malloc(id_len);
    CHECK(path != NULL && id != NULL);
    memcpy(path, data, len);
    path[len] = '\0';
    memset(id, 0x7f, id_len);
    const char *rest = NULL;
    enum api_route r = api_route(path, id, id_len, &rest);
    static const char boards[] = "/api/v1/boards";
    char back[8192];
    switch (r) {
        case API_ROUTE_NONE:
            break;
        case API_ROUTE_EVENTS:
            CHECK(strcmp(path, "/api/v1/events") == 0);
            break;
        case API_ROUTE_BOARDS:
            CHECK(strcmp(path, boards) == 0 || strcmp(path, "/api/v1/boards/") == 0);
            break;
        default: {
            CHECK(memchr(id, '\0', id_len) != NULL);
            size_t n = strlen(id);
            CHECK(n > 0 && n < id_len && strchr(id, '/') == NULL);
            const char *tail = r == API_ROUTE_BOARD  ? ""
                               : r == API_ROUTE_TERM ? "/term"
                               : r == API_ROUTE_EXEC ? "/exec"
                               : r == API_ROUTE_OPS  ? "/ops"
                               : r == API_ROUTE_FS   ? "/fs"
                                                     : "/ops/";
            if (r == API_ROUTE_FS || r == API_ROUTE_OP) {
                CHECK(rest != NULL && rest >= path && rest <= path + strlen(path));
                CHECK(r != API_ROUTE_FS || rest[0] == '\0' || rest[0] == '/');
                CHECK(r != API_ROUTE_OP || rest[0] != '\0');
            }
            if (len < sizeof(back) - 64) {
                snprintf(back, sizeof(back), "%s/%s%s%s", boards, id, tail,
                         r == API_ROUTE_FS || r == API_ROUTE_OP ? rest : "");
                CHECK(strcmp(back, path) == 0);
            }
            break;
        }
    }
    free(path);
    free(id);
}

static void fuzz_origin(const uint8_t *data, size_t len) {
    // "origin\0host"; no NUL: no Origin header, the whole is the host.
    char *buf = malloc(len + 1);
    CHECK(buf != NULL);
    memcpy(buf, data, len);
    buf[len] = '\0';
    const char *origin = NULL, *host = buf;
    if (strlen(buf) < len) {
        origin = buf;
        host = buf + strlen(buf) + 1;
    }
    bool ok = api_origin_is_allowed(origin, host);
    if (ok && origin != NULL) {
        const char *rest = strncasecmp(origin, "http://", 7) == 0    ? origin + 7
                           : strncasecmp(origin, "https://", 8) == 0 ? origin + 8
                                                                     : NULL;
        CHECK(rest != NULL && host[0] != '\0' && strcasecmp(rest, host) == 0);
    }
    CHECK(origin != NULL || ok);
    free(buf);
}

// A decimal number up to 255 of 1..3 digits, no leading zero, at [s]; returns its end or NULL.
static const char *octet(const char *s) {
    unsigned v = 0;
    size_t n = 0;
    while (n < 3 && isdigit((unsigned char)s[n])) {
        v = v * 10 + (unsigned)(s[n++] - '0');
    }
    bool zero_led = n > 1 && s[0] == '0';
    return n > 0 && v <= 255 && !zero_led && !isdigit((unsigned char)s[n]) ? s + n : NULL;
}

static bool is_port_or_end(const char *s) {
    return *s == '\0' || *s == ':';
}

static bool is_loopback_name(const char *host) {
    if (strncasecmp(host, "localhost", 9) == 0 && is_port_or_end(host + 9)) {
        return true;
    }
    if (strncmp(host, "[::1]", 5) == 0 && is_port_or_end(host + 5)) {
        return true;
    }
    if (strncmp(host, "127.", 4) != 0) {
        return false;
    }
    const char *s = host + 4;
    for (int i = 0; i < 3 && s != NULL; i++) {
        s = octet(s);
        if (s != NULL && i < 2) {
            s = *s == '.' ? s + 1 : NULL;
        }
    }
    return s != NULL && is_port_or_end(s);
}

static void fuzz_host(const uint8_t *data, size_t len) {
    char *host = malloc(len + 1);
    CHECK(host != NULL);
    memcpy(host, data, len);
    host[len] = '\0';
    if (api_host_is_loopback(host)) {
        CHECK(is_loopback_name(host));
    }
    free(host);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const fuzz_fn fns[] = {fuzz_control, fuzz_route, fuzz_origin, fuzz_host};
    fuzz_dispatch(data, size, fns, sizeof(fns) / sizeof(fns[0]));
    return 0;
}
