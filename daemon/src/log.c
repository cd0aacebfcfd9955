// SPDX-License-Identifier: MIT
// log.c: maps replhubd's log levels onto libwebsockets' logger, and names the error codes.

#include "log.h"

#include <libwebsockets.h>

#include "err.h"

// Our notices use lws' USER bit, so lws' own chatty notices appear only at "info" and below.
void log_setup(enum log_level level, bool use_syslog) {
    int mask = LLL_ERR;
    if (level >= LOG_WARN) {
        mask |= LLL_WARN;
    }
    if (level >= LOG_NOTICE) {
        mask |= LLL_USER;
    }
    if (level >= LOG_INFO) {
        mask |= LLL_NOTICE | LLL_INFO;
    }
    if (level >= LOG_DEBUG) {
        mask |= LLL_DEBUG;
    }
    lws_set_log_level(mask, use_syslog ? lwsl_emit_syslog : lwsl_emit_stderr);
}

const char *err_name(int err) {
    static const char *const names[] = {"OK",         "ERR_INVAL",    "ERR_NOMEM", "ERR_IO",
                                        "ERR_FULL",   "ERR_NOTFOUND", "ERR_AGAIN", "ERR_LIMIT",
                                        "ERR_CLOSED", "ERR_NOTSUP",   "ERR_BUSY"};
    if (err > 0) {
        return "OK";
    }
    return (size_t)-err < sizeof(names) / sizeof(names[0]) ? names[-err] : "ERR_?";
}
