// SPDX-License-Identifier: MIT
// child.c: runs the embedded replhub-board with posix_spawn; reaped without blocking by polling.

#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "err.h"
#include "log.h"

extern char **environ;

struct child {
    char binary[CONFIG_PATH_MAX];
    char link[CONFIG_PATH_MAX];
    char flash[CONFIG_PATH_MAX];
    char baud[16];
    pid_t pid; // 0 while not running
    time_t started;
    time_t restart_at;   // when a dead child may be started again
    unsigned fast_exits; // consecutive deaths soon after starting
};

static int spawn(struct child *c, char *err, size_t err_len) {
    char uart[] = "--uart", pty[] = "pty", link[] = "--link", baud[] = "--baud",
         flash[] = "--flash";
    char *argv[] = {c->binary, uart, pty, link, c->link, baud, c->baud, flash, c->flash, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    // It prints its pty's path on stdout; replhubd finds the pty through --link instead.
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    unlink(c->link); // a stale link from an earlier run would point at a dead pty
    int rc = posix_spawn(&c->pid, c->binary, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        c->pid = 0;
        snprintf(err, err_len, "%s: %s", c->binary, strerror(rc));
        return ERR_IO;
    }
    c->started = time(NULL);
    log_notice("embedded", "started %s (pid %d) on %s", c->binary, (int)c->pid, c->link);
    return 0;
}

struct child *child_start(const char *binary, const char *link_path, const char *flash_path,
                          unsigned baud, char *err, size_t err_len) {
    struct child *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    snprintf(c->binary, sizeof(c->binary), "%s", binary);
    snprintf(c->link, sizeof(c->link), "%s", link_path);
    snprintf(c->flash, sizeof(c->flash), "%s", flash_path);
    snprintf(c->baud, sizeof(c->baud), "%u", baud);
    if (spawn(c, err, err_len) < 0) {
        free(c);
        return NULL;
    }
    return c;
}

static void describe_exit(int status, char *out, size_t len) {
    if (WIFEXITED(status)) {
        snprintf(out, len, "exit status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        snprintf(out, len, "signal %d", WTERMSIG(status));
    } else {
        snprintf(out, len, "status 0x%x", (unsigned)status);
    }
}

static void on_exit_seen(struct child *c, int status) {
    char how[64];
    describe_exit(status, how, sizeof(how));
    time_t now = time(NULL);
    c->fast_exits = now - c->started < CHILD_FAST_EXIT_S ? c->fast_exits + 1 : 0;
    c->pid = 0;
    if (c->fast_exits >= CHILD_MAX_FAST_EXITS) {
        log_err("embedded", "%s keeps exiting (%s); not restarting it", c->binary, how);
        return;
    }
    unsigned backoff = 1u << c->fast_exits;
    backoff = backoff > CHILD_BACKOFF_MAX_S ? CHILD_BACKOFF_MAX_S : backoff;
    log_warn("embedded", "%s exited (%s); restarting in %us", c->binary, how, backoff);
    c->restart_at = now + (time_t)backoff;
}

void child_poll(struct child *c) {
    if (c == NULL) {
        return;
    }
    int status;
    if (c->pid > 0 && waitpid(c->pid, &status, WNOHANG) == c->pid) {
        on_exit_seen(c, status);
    }
    if (c->pid == 0 && c->fast_exits < CHILD_MAX_FAST_EXITS && time(NULL) >= c->restart_at) {
        char err[ERR_LEN];
        if (spawn(c, err, sizeof(err)) < 0) {
            log_err("embedded", "%s", err);
            c->fast_exits = CHILD_MAX_FAST_EXITS;
        }
    }
}

// Only at shutdown, after the loop has ended: waiting here blocks nobody.
void child_stop(struct child *c) {
    if (c == NULL) {
        return;
    }
    if (c->pid > 0) {
        kill(c->pid, SIGTERM);
        int status;
        for (int waited = 0; waited < CHILD_STOP_WAIT_MS; waited += 10) {
            if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
                c->pid = 0;
                break;
            }
            struct timespec ts = {0, 10 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        if (c->pid > 0) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
        }
    }
    unlink(c->link);
    free(c);
}
