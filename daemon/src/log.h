// SPDX-License-Identifier: MIT
// log.h: levelled logs to stderr or syslog, through libwebsockets' logger (one sink, no globals).
#ifndef REPLHUB_LOG_H
#define REPLHUB_LOG_H

#include <stdbool.h>

#include <libwebsockets.h>

// Levels, most to least severe: err (the operator must act), warn (a peer or device
// misbehaved), notice (lifecycle), info and debug (compiled out of builds with NDEBUG).
enum log_level { LOG_ERR, LOG_WARN, LOG_NOTICE, LOG_INFO, LOG_DEBUG };

// Routes every log line (ours and libwebsockets') at [level] or more severe to stderr, or to
// syslog when [use_syslog]. Call once before creating the lws context.
void log_setup(enum log_level level, bool use_syslog);

// Each line is prefixed by the [tag] of the object it is about ("board:esp", "session:3").
#define log_err(tag, fmt, ...)    _lws_log(LLL_ERR, "%s: " fmt "\n", tag, ##__VA_ARGS__)
#define log_warn(tag, fmt, ...)   _lws_log(LLL_WARN, "%s: " fmt "\n", tag, ##__VA_ARGS__)
#define log_notice(tag, fmt, ...) _lws_log(LLL_USER, "%s: " fmt "\n", tag, ##__VA_ARGS__)
#if defined(NDEBUG) && !defined(REPLHUB_LOG_VERBOSE)
#define log_info(tag, fmt, ...)  ((void)(tag))
#define log_debug(tag, fmt, ...) ((void)(tag))
#else
#define log_info(tag, fmt, ...)  _lws_log(LLL_INFO, "%s: " fmt "\n", tag, ##__VA_ARGS__)
#define log_debug(tag, fmt, ...) _lws_log(LLL_DEBUG, "%s: " fmt "\n", tag, ##__VA_ARGS__)
#endif

#endif
