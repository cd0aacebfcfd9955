// SPDX-License-Identifier: MIT
// link.h: what a board is connected through. Every link ends in a non-blocking fd that the
// board adopts into the lws loop; library error codes stop here and become ERR_* + text.
#ifndef REPLHUB_LINK_H
#define REPLHUB_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"

struct link_ops {
    const char *name;
    // Opens the device of [cfg] (raw 8N1 at cfg->baud, modem policy applied); returns the fd,
    // or ERR_NOTFOUND (not there yet: retry later) / ERR_IO, with the reason in [err].
    int (*open)(const struct board_config *cfg, char *err, size_t err_len);
    // Sets DTR and RTS on [fd] (1 asserted, 0 released, -1 unchanged; both -1 only asks
    // whether there are lines); ERR_NOTSUP when the link has no modem lines (a pty).
    int (*set_lines)(int fd, int dtr, int rts, char *err, size_t err_len);
};

// Serial ports: libserialport for real devices, termios for pseudo-terminals (which
// libserialport cannot open); a pty link uses termios only.
extern const struct link_ops link_serial_ops;
extern const struct link_ops link_pty_ops;

// Reads at most [len] bytes; returns the count, ERR_AGAIN (nothing now), or ERR_CLOSED (the
// device went away: unplugged, or the pty's other side closed).
ssize_t link_read(int fd, void *buf, size_t len, char *err, size_t err_len);

// Writes at most [len] bytes; returns the count (maybe 0 when the device is full) or ERR_CLOSED.
ssize_t link_write(int fd, const void *buf, size_t len, char *err, size_t err_len);

// A USB serial port seen by link_scan (borrowed strings, valid during the callback).
struct link_port {
    const char *path; // "/dev/ttyUSB0"
    uint16_t vid, pid;
    const char *serial; // USB serial number or NULL
    const char *description;
};

// Lists the USB serial ports (nothing is opened) and calls [found] for each. Returns the number
// of ports or ERR_IO.
int link_scan(void (*found)(void *ctx, const struct link_port *p), void *ctx, char *err,
              size_t err_len);

#endif
