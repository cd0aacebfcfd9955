// SPDX-License-Identifier: MIT
// test_ring.c: the scrollback ring (ring.c) and the per-viewer message queue (outq.c).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "outq.h"
#include "ring.h"

static size_t contents(const struct ring *r, uint8_t *out) {
    const uint8_t *a, *b;
    size_t alen, blen;
    ring_segments(r, &a, &alen, &b, &blen);
    memcpy(out, a, alen);
    memcpy(out + alen, b, blen);
    return alen + blen;
}

static void ring_keeps_everything_below_capacity(void **state) {
    (void)state;
    struct ring r;
    uint8_t out[16];
    assert_int_equal(ring_init(&r, 8), 0);
    ring_write(&r, (const uint8_t *)"abc", 3);
    ring_write(&r, (const uint8_t *)"de", 2);
    assert_int_equal(contents(&r, out), 5);
    assert_memory_equal(out, "abcde", 5);
    ring_deinit(&r);
}

static void ring_wraps_and_keeps_the_newest_bytes(void **state) {
    (void)state;
    struct ring r;
    uint8_t out[16];
    ring_init(&r, 8);
    ring_write(&r, (const uint8_t *)"abcdef", 6);
    ring_write(&r, (const uint8_t *)"ghijk", 5); // wraps: keeps "defghijk"
    assert_int_equal(contents(&r, out), 8);
    assert_memory_equal(out, "defghijk", 8);
    assert_int_equal(r.total, 11);
    ring_deinit(&r);
}

static void ring_write_larger_than_capacity_keeps_its_tail(void **state) {
    (void)state;
    struct ring r;
    uint8_t out[16];
    ring_init(&r, 4);
    ring_write(&r, (const uint8_t *)"xy", 2);
    ring_write(&r, (const uint8_t *)"0123456789", 10);
    assert_int_equal(contents(&r, out), 4);
    assert_memory_equal(out, "6789", 4);
    ring_deinit(&r);
}

static void ring_copy_tail_gives_the_newest_bytes_in_order(void **state) {
    (void)state;
    struct ring r;
    uint8_t out[16];
    ring_init(&r, 8);
    ring_write(&r, (const uint8_t *)"abcdefghij", 10); // holds "cdefghij"
    assert_int_equal(ring_copy_tail(&r, out, 3), 3);
    assert_memory_equal(out, "hij", 3);
    assert_int_equal(ring_copy_tail(&r, out, 16), 8);
    assert_memory_equal(out, "cdefghij", 8);
    ring_clear(&r);
    assert_int_equal(ring_copy_tail(&r, out, 16), 0);
    ring_deinit(&r);
}

static void ring_rejects_zero_capacity(void **state) {
    (void)state;
    struct ring r;
    assert_int_equal(ring_init(&r, 0), ERR_INVAL);
}

static void outq_merges_binary_and_keeps_text_whole(void **state) {
    (void)state;
    struct outq q;
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    outq_init(&q, 64);
    outq_push(&q, OUTQ_TEXT, "{}", 2);
    outq_push(&q, OUTQ_BINARY, "ab", 2);
    outq_push(&q, OUTQ_BINARY, "cd", 2);
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(kind, OUTQ_TEXT);
    assert_memory_equal(data, "{}", 2);
    outq_consume(&q, 1); // text is consumed whole
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(kind, OUTQ_BINARY);
    assert_int_equal(len, 4);
    assert_memory_equal(data, "abcd", 4);
    outq_consume(&q, 3); // binary may be consumed in part
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(len, 1);
    assert_memory_equal(data, "d", 1);
    outq_consume(&q, 1);
    assert_false(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(outq_used(&q), 0);
    outq_deinit(&q);
}

static void outq_full_queues_nothing_and_compacts_later(void **state) {
    (void)state;
    struct outq q;
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    uint8_t big[40];
    memset(big, 'x', sizeof(big));
    outq_init(&q, 64);
    assert_int_equal(outq_push(&q, OUTQ_TEXT, big, 40), 0); // 45 bytes with its header
    assert_int_equal(outq_push(&q, OUTQ_TEXT, big, 20), ERR_FULL);
    assert_int_equal(outq_used(&q), 45);
    outq_consume(&q, 40);
    // Room again: the next record goes to the front.
    assert_int_equal(outq_push(&q, OUTQ_TEXT, big, 40), 0);
    assert_int_equal(outq_push(&q, OUTQ_BINARY, "z", 1), 0);
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(len, 40);
    outq_consume(&q, 40);
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(kind, OUTQ_BINARY);
    assert_memory_equal(data, "z", 1);
    outq_deinit(&q);
}

static void outq_merge_after_partial_consume_keeps_order(void **state) {
    (void)state;
    struct outq q;
    enum outq_kind kind;
    const uint8_t *data;
    size_t len;
    outq_init(&q, 32);
    outq_push(&q, OUTQ_BINARY, "0123456789", 10);
    outq_consume(&q, 8);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(outq_push(&q, OUTQ_BINARY, "abcdef", 6), 0); // compacts as needed
    }
    assert_true(outq_peek(&q, &kind, &data, &len));
    assert_int_equal(len, 20);
    assert_memory_equal(data, "89abcdefabcdefabcdef", 20);
    outq_deinit(&q);
}

static void outq_room_is_exactly_what_a_binary_push_takes(void **state) {
    (void)state;
    struct outq q;
    uint8_t data[64] = {0};
    assert_int_equal(outq_init(&q, 64), 0);
    size_t room = outq_room(&q); // empty: a record header is needed
    assert_true(room > 0 && room < 64);
    assert_int_equal(outq_push(&q, OUTQ_BINARY, data, room + 1), ERR_FULL);
    assert_int_equal(outq_push(&q, OUTQ_BINARY, data, 10), 0);
    room = outq_room(&q); // a binary tail grows without another header
    assert_int_equal(outq_push(&q, OUTQ_BINARY, data, room), 0);
    assert_int_equal(outq_room(&q), 0);
    outq_consume(&q, 20); // consumed head bytes count as room again
    assert_int_equal(outq_room(&q), 20);
    assert_int_equal(outq_push(&q, OUTQ_BINARY, data, 20), 0);
    outq_deinit(&q);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outq_room_is_exactly_what_a_binary_push_takes),
        cmocka_unit_test(ring_keeps_everything_below_capacity),
        cmocka_unit_test(ring_wraps_and_keeps_the_newest_bytes),
        cmocka_unit_test(ring_write_larger_than_capacity_keeps_its_tail),
        cmocka_unit_test(ring_copy_tail_gives_the_newest_bytes_in_order),
        cmocka_unit_test(ring_rejects_zero_capacity),
        cmocka_unit_test(outq_merges_binary_and_keeps_text_whole),
        cmocka_unit_test(outq_full_queues_nothing_and_compacts_later),
        cmocka_unit_test(outq_merge_after_partial_consume_keeps_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
