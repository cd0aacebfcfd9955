// SPDX-License-Identifier: MIT
// modem.c: the ESP reset and bootloader DTR/RTS sequences, and esptool's custom syntax.

#include "modem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

const struct modem_seq modem_bootloader = {
    .step = {{0, 1, 100}, {1, 0, 50}, {0, -1, 0}},
    .n = 3,
};

const struct modem_seq modem_hard_reset = {
    .step = {{0, 1, 100}, {-1, 0, 0}},
    .n = 2,
};

static int bad(char *err, size_t err_len, const char *what, const char *at) {
    snprintf(err, err_len, "reset sequence: %s at \"%.20s\"", what, at);
    return ERR_INVAL;
}

int modem_parse(const char *spec, struct modem_seq *out, char *err, size_t err_len) {
    memset(out, 0, sizeof(*out));
    const char *p = spec;
    while (*p != '\0') {
        char kind = *p;
        const char *arg = p + 1;
        const char *end = strchr(arg, '|');
        if (end == NULL) {
            end = arg + strlen(arg);
        }
        if (kind == 'D' || kind == 'R' || kind == 'U') {
            if (end - arg != 1 || (*arg != '0' && *arg != '1')) {
                return bad(err, err_len, "expected 0 or 1", p);
            }
            if (out->n == MODEM_SEQ_MAX) {
                return bad(err, err_len, "too many steps", p);
            }
            int8_t v = (int8_t)(*arg - '0');
            out->step[out->n++] =
                (struct modem_step){kind == 'R' ? -1 : v, kind == 'D' ? -1 : v, 0};
        } else if (kind == 'W') {
            char *num_end;
            double s = strtod(arg, &num_end);
            if (num_end != end || arg == end || !(s >= 0) || s * 1000 > MODEM_WAIT_MAX) {
                return bad(err, err_len, "expected a wait of 0 to 10 seconds", p);
            }
            if (out->n == 0) {
                return bad(err, err_len, "a wait before any line is set", p);
            }
            out->step[out->n - 1].wait_ms += (uint16_t)(s * 1000 + 0.5);
        } else {
            return bad(err, err_len, "expected D, R, U or W", p);
        }
        p = *end == '|' ? end + 1 : end;
        if (*end == '|' && *p == '\0') {
            return bad(err, err_len, "empty step", end);
        }
    }
    if (out->n == 0) {
        return bad(err, err_len, "no steps", spec);
    }
    return 0;
}
