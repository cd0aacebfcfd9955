// SPDX-License-Identifier: MIT
// err.h: replhubd's error codes and the size of the buffers that carry their details.
#ifndef REPLHUB_ERR_H
#define REPLHUB_ERR_H

// Functions return 0 (or a byte count) on success and one of these on failure; the details go
// into a caller buffer of ERR_LEN bytes, and the layer that decides what to do logs them once.
#define ERR_LEN (256)

enum {
    ERR_INVAL = -1,    // bad argument, config or message
    ERR_NOMEM = -2,    // allocation failed (fails one session or board, never the daemon)
    ERR_IO = -3,       // the operating system refused (errno text in the caller buffer)
    ERR_FULL = -4,     // a bounded queue cannot take more
    ERR_NOTFOUND = -5, // no such board, file or route
    ERR_AGAIN = -6,    // nothing to do now; try when the loop says so
    ERR_LIMIT = -7,    // a named limit was reached
    ERR_CLOSED = -8,   // the peer or device went away
    ERR_NOTSUP = -9,   // the link cannot do that (e.g. modem lines on a pty)
    ERR_BUSY = -10,    // a file operation has the board
};

// Returns a short constant name for [err] ("ERR_FULL"), for logs.
const char *err_name(int err);

#endif
