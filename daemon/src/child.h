// SPDX-License-Identifier: MIT
// child.h: the embedded simulated board, a replhub-board process on a pty that replhubd starts,
// watches (restarting it with backoff when it dies) and stops.
#ifndef REPLHUB_CHILD_H
#define REPLHUB_CHILD_H

#include <stddef.h>

#define CHILD_FAST_EXIT_S    (3) // a child that dies sooner than this counts as failing
#define CHILD_MAX_FAST_EXITS (5) // then replhubd gives up on it
#define CHILD_BACKOFF_MAX_S  (10)
#define CHILD_STOP_WAIT_MS   (2000)

struct child;

// Starts [binary] --uart pty --link [link_path] --baud [baud] --flash [flash_path] (the
// board's flash image, kept across restarts). Returns the child, or NULL with the reason in
// [err]. Never blocks.
struct child *child_start(const char *binary, const char *link_path, const char *flash_path,
                          unsigned baud, char *err, size_t err_len);

// Reaps the child if it exited and restarts it when its backoff has passed; call periodically.
void child_poll(struct child *c);

// Stops the child (SIGTERM, then SIGKILL after CHILD_STOP_WAIT_MS) and frees it. NULL is a no-op.
void child_stop(struct child *c);

#endif
