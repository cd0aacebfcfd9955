// SPDX-License-Identifier: MIT
// outq.c: a bounded message FIFO per writer; whoever overflows it is cut off by the caller.

#include "outq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define HDR (5) // kind byte + 32-bit length

static size_t rec_len(const struct outq *q, size_t off) {
    uint32_t n;
    memcpy(&n, q->buf + off + 1, sizeof(n));
    return n;
}

static void set_rec_len(struct outq *q, size_t off, size_t len) {
    uint32_t n = (uint32_t)len;
    memcpy(q->buf + off + 1, &n, sizeof(n));
}

int outq_init(struct outq *q, size_t cap) {
    memset(q, 0, sizeof(*q));
    q->last = SIZE_MAX;
    q->buf = malloc(cap);
    if (q->buf == NULL) {
        return ERR_NOMEM;
    }
    q->cap = cap;
    return 0;
}

void outq_deinit(struct outq *q) {
    free(q->buf);
    memset(q, 0, sizeof(*q));
    q->last = SIZE_MAX;
}

void outq_clear(struct outq *q) {
    q->rd = q->wr = q->head_off = 0;
    q->last = SIZE_MAX;
}

size_t outq_used(const struct outq *q) {
    return q->wr - q->rd;
}

size_t outq_room(const struct outq *q) {
    size_t live = outq_used(q) - q->head_off; // make_room gives back the consumed head part
    bool merge = q->last != SIZE_MAX && q->buf[q->last] == OUTQ_BINARY;
    size_t need = live + (merge ? 0 : HDR);
    return q->cap > need ? q->cap - need : 0;
}

// Makes [need] bytes available at the write end by moving the records to the front.
static bool make_room(struct outq *q, size_t need) {
    if (q->head_off > 0) {
        // Give back the consumed part of the head record: its header moves up to just before
        // the unconsumed payload (no overlap with it).
        size_t newrd = q->rd + q->head_off;
        uint8_t kind = q->buf[q->rd];
        size_t len = rec_len(q, q->rd) - q->head_off;
        q->buf[newrd] = kind;
        set_rec_len(q, newrd, len);
        if (q->last == q->rd) {
            q->last = newrd;
        }
        q->rd = newrd;
        q->head_off = 0;
    }
    if (q->cap - outq_used(q) < need) {
        return false;
    }
    if (q->cap - q->wr < need) {
        size_t used = outq_used(q);
        memmove(q->buf, q->buf + q->rd, used);
        if (q->last != SIZE_MAX) {
            q->last -= q->rd;
        }
        q->rd = 0;
        q->wr = used;
    }
    return true;
}

int outq_push(struct outq *q, enum outq_kind kind, const void *data, size_t len) {
    if (len > UINT32_MAX) {
        return ERR_FULL;
    }
    bool merge = kind == OUTQ_BINARY && q->last != SIZE_MAX && q->buf[q->last] == OUTQ_BINARY &&
                 rec_len(q, q->last) + len <= UINT32_MAX;
    if (!make_room(q, merge ? len : HDR + len)) {
        return ERR_FULL;
    }
    if (merge) {
        set_rec_len(q, q->last, rec_len(q, q->last) + len);
    } else {
        q->last = q->wr;
        q->buf[q->wr] = (uint8_t)kind;
        set_rec_len(q, q->wr, len);
        q->wr += HDR;
    }
    if (len > 0) {
        memcpy(q->buf + q->wr, data, len);
    }
    q->wr += len;
    return 0;
}

bool outq_peek(const struct outq *q, enum outq_kind *kind, const uint8_t **data, size_t *len) {
    if (q->rd == q->wr) {
        return false;
    }
    *kind = (enum outq_kind)q->buf[q->rd];
    *data = q->buf + q->rd + HDR + q->head_off;
    *len = rec_len(q, q->rd) - q->head_off;
    return true;
}

void outq_consume(struct outq *q, size_t n) {
    if (q->rd == q->wr) {
        return;
    }
    size_t len = rec_len(q, q->rd);
    if (q->buf[q->rd] == OUTQ_BINARY && q->head_off + n < len) {
        q->head_off += n;
        return;
    }
    if (q->last == q->rd) {
        q->last = SIZE_MAX;
    }
    q->rd += HDR + len;
    q->head_off = 0;
    if (q->rd == q->wr) {
        q->rd = q->wr = 0;
    }
}
