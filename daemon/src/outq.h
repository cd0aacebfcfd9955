// SPDX-License-Identifier: MIT
// outq.h: a bounded FIFO of messages (terminal bytes or JSON text) waiting for a writable socket.
#ifndef REPLHUB_OUTQ_H
#define REPLHUB_OUTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum outq_kind { OUTQ_BINARY = 1, OUTQ_TEXT = 2 };

// Messages are stored back to back as [kind:1][len:4][payload]. Consecutive binary messages
// merge (terminal bytes are a stream); text messages stay whole. Pure: no I/O.
struct outq {
    uint8_t *buf;
    size_t cap;
    size_t rd;       // offset of the head record
    size_t wr;       // offset past the last record
    size_t head_off; // payload bytes of the head record already consumed
    size_t last;     // offset of the last record, or SIZE_MAX when empty
};

// Allocates a queue holding at most [cap] bytes of records; returns 0 or ERR_NOMEM.
int outq_init(struct outq *q, size_t cap);
void outq_deinit(struct outq *q);

// Queues [len] bytes of [kind]; returns 0, or ERR_FULL (nothing queued) when they do not fit.
int outq_push(struct outq *q, enum outq_kind kind, const void *data, size_t len);

// Gives the unconsumed payload of the head message; false when the queue is empty.
bool outq_peek(const struct outq *q, enum outq_kind *kind, const uint8_t **data, size_t *len);

// Consumes [n] bytes of the head message's payload (all of it for a text message).
void outq_consume(struct outq *q, size_t n);

// How many bytes a binary push can take now (a binary tail record grows without a header).
size_t outq_room(const struct outq *q);

// Bytes held, headers included; 0 when empty.
size_t outq_used(const struct outq *q);

void outq_clear(struct outq *q);

#endif
