// SPDX-License-Identifier: MIT
// ring.c: the scrollback ring; late joiners are sent its contents before live output.

#include "ring.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

int ring_init(struct ring *r, size_t cap) {
    memset(r, 0, sizeof(*r));
    if (cap == 0) {
        return ERR_INVAL;
    }
    r->buf = malloc(cap);
    if (r->buf == NULL) {
        return ERR_NOMEM;
    }
    r->cap = cap;
    return 0;
}

void ring_deinit(struct ring *r) {
    free(r->buf);
    memset(r, 0, sizeof(*r));
}

void ring_write(struct ring *r, const uint8_t *data, size_t len) {
    r->total += len;
    if (len >= r->cap) {
        // Only the newest cap bytes survive: keep them contiguous from the start.
        memcpy(r->buf, data + (len - r->cap), r->cap);
        r->head = 0;
        r->len = r->cap;
        return;
    }
    size_t first = r->cap - r->head;
    if (first > len) {
        first = len;
    }
    memcpy(r->buf + r->head, data, first);
    memcpy(r->buf, data + first, len - first);
    r->head = (r->head + len) % r->cap;
    r->len = r->len + len > r->cap ? r->cap : r->len + len;
}

void ring_clear(struct ring *r) {
    r->head = 0;
    r->len = 0;
}

size_t ring_segments(const struct ring *r, const uint8_t **a, size_t *alen, const uint8_t **b,
                     size_t *blen) {
    size_t start = (r->head + r->cap - r->len) % (r->cap ? r->cap : 1);
    *a = r->buf + start;
    *b = r->buf;
    if (start + r->len <= r->cap) {
        *alen = r->len;
        *blen = 0;
    } else {
        *alen = r->cap - start;
        *blen = r->len - *alen;
    }
    return r->len;
}

size_t ring_copy_tail(const struct ring *r, uint8_t *out, size_t max) {
    const uint8_t *a, *b;
    size_t alen, blen;
    ring_segments(r, &a, &alen, &b, &blen);
    size_t skip = alen + blen > max ? alen + blen - max : 0;
    size_t n = 0;
    if (skip < alen) {
        memcpy(out, a + skip, alen - skip);
        n = alen - skip;
        skip = 0;
    } else {
        skip -= alen;
    }
    memcpy(out + n, b + skip, blen - skip);
    return n + blen - skip;
}
