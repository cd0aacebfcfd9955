// SPDX-License-Identifier: MIT
// ring.h: a byte ring that keeps the most recent output of a board (its scrollback).
#ifndef REPLHUB_RING_H
#define REPLHUB_RING_H

#include <stddef.h>
#include <stdint.h>

// The ring keeps the last [cap] bytes written; older bytes are overwritten. Pure: no I/O.
struct ring {
    uint8_t *buf;
    size_t cap;
    size_t head;    // where the next byte goes
    size_t len;     // bytes held, <= cap
    uint64_t total; // bytes ever written
};

// Allocates a ring of [cap] bytes (cap > 0); returns 0 or ERR_NOMEM / ERR_INVAL.
int ring_init(struct ring *r, size_t cap);
void ring_deinit(struct ring *r);

// Appends [len] bytes; when more than cap arrive at once only their tail is kept.
void ring_write(struct ring *r, const uint8_t *data, size_t len);

// Drops everything held (total is kept).
void ring_clear(struct ring *r);

// Gives the held bytes, oldest first, as at most two segments [*a, *alen) then [*b, *blen)
// (blen is 0 when the bytes are contiguous). Returns the total held.
size_t ring_segments(const struct ring *r, const uint8_t **a, size_t *alen, const uint8_t **b,
                     size_t *blen);

// Copies at most [max] of the newest held bytes, oldest first, into [out]; returns how many.
size_t ring_copy_tail(const struct ring *r, uint8_t *out, size_t max);

#endif
