// SPDX-License-Identifier: MIT
// main.c: replhubd: argv -> config -> hub + lws context -> loop. Wiring only.

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "http.h"
#include "hub.h"
#include "log.h"

#define EXIT_USAGE (2)

#ifndef REPLHUB_BOARD_BINARY
#define REPLHUB_BOARD_BINARY ""
#endif
#ifndef REPLHUB_VERSION
#define REPLHUB_VERSION "0.1.0"
#endif

// The one file-scope mutable: set by SIGINT/SIGTERM, read by the loop.
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

// replhub-board next to replhubd (an install), else where the build tree put it.
static void default_board_binary(struct config *c) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL &&
            (size_t)(slash - exe) + sizeof("/replhub-board") <= sizeof(c->board_binary)) {
            strcpy(slash, "/replhub-board");
            if (access(exe, X_OK) == 0 && strlen(exe) < sizeof(c->board_binary)) {
                memcpy(c->board_binary, exe, strlen(exe) + 1);
                return;
            }
        }
    }
    snprintf(c->board_binary, sizeof(c->board_binary), "%s", REPLHUB_BOARD_BINARY);
}

static void handle_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; // no SA_RESTART: poll() returns EINTR and the loop sees the flag
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv) {
    struct config cfg;
    char err[ERR_LEN];
    config_defaults(&cfg);
    default_board_binary(&cfg);
    int rc = config_build(&cfg, argc, argv, err, sizeof(err));
    if (rc == CONFIG_HELP || rc == CONFIG_VERSION) {
        struct config defaults;
        config_defaults(&defaults);
        default_board_binary(&defaults);
        rc == CONFIG_HELP ? config_usage(stdout, &defaults)
                          : (void)printf("replhubd %s\n", REPLHUB_VERSION);
        return 0;
    }
    if (rc < 0) {
        fprintf(stderr, "replhubd: %s\n", err);
        return EXIT_USAGE;
    }
    log_setup(cfg.log_level, cfg.syslog);
    struct hub hub;
    struct http_server srv;
    if (hub_init(&hub, &cfg, err, sizeof(err)) < 0 ||
        http_server_open(&srv, &cfg, &hub, err, sizeof(err)) < 0) {
        log_err("replhubd", "%s", err);
        hub_deinit(&hub);
        return 1;
    }
    printf("replhubd: listening on http://%s:%d/\n", cfg.listen_addr, srv.port);
    fflush(stdout);
    handle_signals();
    hub_start(&hub, srv.ctx, srv.vh);
    while (!stop_requested && lws_service(srv.ctx, 0) >= 0) {
    }
    log_notice("replhubd", "stopping");
    hub_stop(&hub);
    http_server_close(&srv);
    hub_deinit(&hub);
    return 0;
}
