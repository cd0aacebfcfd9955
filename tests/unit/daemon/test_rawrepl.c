// SPDX-License-Identifier: MIT
// test_rawrepl.c: the raw REPL client (rawrepl.c) driven with the byte transcripts of
// PROTOCOLS.md §2: entering, raw-paste with its window, classic raw mode, framing, failures.

#define _GNU_SOURCE // memmem
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "rawrepl.h"

#define BANNER "raw REPL; CTRL-B to exit\r\n>"

// A fake board side: what the client sent, its timer, a clock, and what it reported.
struct fake {
    uint8_t sent[8192];
    size_t sent_len;
    unsigned timer_ms; // 0: not armed
    uint64_t now;
    uint8_t out[4096];
    size_t out_len;
    char err[4096];
    size_t err_len;
    enum rawrepl_event events[16];
    size_t nevents;
    char detail[128];
};

static void f_send(void *ctx, const uint8_t *d, size_t n) {
    struct fake *f = ctx;
    assert_true(f->sent_len + n <= sizeof(f->sent));
    memcpy(f->sent + f->sent_len, d, n);
    f->sent_len += n;
}
static void f_timer(void *ctx, unsigned ms) {
    ((struct fake *)ctx)->timer_ms = ms;
}
static uint64_t f_now(void *ctx) {
    return ((struct fake *)ctx)->now;
}
static size_t f_out(void *ctx, const uint8_t *d, size_t n) {
    struct fake *f = ctx;
    const uint8_t *end = memchr(d, 0x04, n);
    size_t k = end != NULL ? (size_t)(end - d) : n;
    memcpy(f->out + f->out_len, d, k);
    f->out_len += k;
    return k;
}
static void f_err(void *ctx, const uint8_t *d, size_t n) {
    struct fake *f = ctx;
    memcpy(f->err + f->err_len, d, n);
    f->err_len += n;
}
static void f_event(void *ctx, enum rawrepl_event ev, const char *detail) {
    struct fake *f = ctx;
    f->events[f->nevents++] = ev;
    strncpy(f->detail, detail, sizeof(f->detail) - 1);
}

static struct fake F;
static struct rawrepl RR;

static int setup(void **state) {
    (void)state;
    memset(&F, 0, sizeof(F));
    struct rawrepl_io io = {&F, f_send, f_timer, f_now, f_out, f_err, f_event};
    rawrepl_init(&RR, &io);
    return 0;
}

static void feed(const char *s, size_t n) {
    rawrepl_feed(&RR, (const uint8_t *)s, n);
}
#define FEED(lit) feed(lit, sizeof(lit) - 1)

static void expect_sent(const char *s, size_t n) {
    assert_int_equal(F.sent_len, n);
    assert_memory_equal(F.sent, s, n);
    F.sent_len = 0;
}
#define EXPECT_SENT(lit) expect_sent(lit, sizeof(lit) - 1)

static enum rawrepl_event last_event(void) {
    assert_true(F.nevents > 0);
    return F.events[F.nevents - 1];
}

// Ctrl-C, quiet, Ctrl-A, the banner split anywhere: READY.
static void enter(void) {
    rawrepl_enter(&RR);
    EXPECT_SENT("\x03");
    assert_int_equal(F.timer_ms, RAWREPL_QUIET_MS);
    FEED("\r\n>>> "); // an empty prompt: no need to wait for quiet
    EXPECT_SENT("\x01");
    FEED("\r\nraw REPL; CTR");
    assert_int_equal(F.nevents, 0);
    FEED("L-B to exit\r\n>");
    assert_int_equal(last_event(), RAWREPL_EV_READY);
    assert_int_equal(RR.state, RAWREPL_READY);
}

static void enters_after_ctrl_c_and_quiet(void **state) {
    (void)state;
    enter();
    assert_false(RR.interrupted);
}

static void notices_an_interrupted_program(void **state) {
    (void)state;
    rawrepl_enter(&RR);
    FEED("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nKeyboardInt");
    FEED("errupt: \r\n>>> ");
    FEED(BANNER);
    assert_true(RR.interrupted);
    assert_int_equal(last_event(), RAWREPL_EV_READY);
}

static void waits_for_quiet_when_no_prompt_comes(void **state) {
    (void)state;
    rawrepl_enter(&RR);
    FEED("still printing\r\n");
    EXPECT_SENT("\x03");
    assert_int_equal(F.timer_ms, RAWREPL_QUIET_MS);
    rawrepl_timeout(&RR); // quiet: go on
    EXPECT_SENT("\x01");
}

static void banner_matches_after_a_false_start(void **state) {
    (void)state;
    rawrepl_enter(&RR);
    rawrepl_timeout(&RR);
    F.sent_len = 0;
    FEED("rraw Rraw REPL; CTRL-B to exit\r\n>"); // a prefix restarts inside itself
    assert_int_equal(last_event(), RAWREPL_EV_READY);
}

static void raw_paste_runs_code_with_framed_output(void **state) {
    (void)state;
    enter();
    static const char code[] = "print(123)";
    assert_true(rawrepl_exec(&RR, (const uint8_t *)code, strlen(code), 1000));
    EXPECT_SENT("\x05"
                "A\x01");
    FEED("R\x01\x80\x00\x01");
    EXPECT_SENT("print(123)\x04");
    FEED("\x04");
    assert_int_equal(last_event(), RAWREPL_EV_RUNNING);
    FEED("123\r\n\x04\x04>");
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_int_equal(F.out_len, 5);
    assert_memory_equal(F.out, "123\r\n", 5);
    assert_int_equal(RR.err_len, 0);
    assert_int_equal(RR.paste_window, 128);
    assert_int_equal(RR.state, RAWREPL_READY);
}

static void raw_paste_keeps_within_the_window(void **state) {
    (void)state;
    enter();
    static uint8_t code[300];
    memset(code, 'x', sizeof(code));
    rawrepl_exec(&RR, code, sizeof(code), 1000);
    F.sent_len = 0;
    FEED("R\x01\x80\x00"); // one window granted
    assert_int_equal(F.sent_len, 128);
    FEED("\x01"); // the second
    assert_int_equal(F.sent_len, 256);
    FEED("\x01"); // the rest and the end
    assert_int_equal(F.sent_len, 301);
    assert_int_equal(F.sent[300], 0x04);
    FEED("\x01\x04");
    assert_int_equal(last_event(), RAWREPL_EV_RUNNING);
}

static void raw_paste_abort_by_the_board_is_acknowledged(void **state) {
    (void)state;
    enter();
    static uint8_t code[400];
    memset(code, 'y', sizeof(code));
    rawrepl_exec(&RR, code, sizeof(code), 1000);
    FEED("R\x01\x80\x00\x01");
    F.sent_len = 0;
    FEED("\x04"); // a syntax error before the end: the board stops us
    EXPECT_SENT("\x04");
    FEED("\x04Traceback (most recent call last):\r\nSyntaxError: invalid syntax\r\n\x04>");
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_true(strstr(F.err, "SyntaxError") != NULL);
}

static void unsupported_raw_paste_falls_back_to_paced_classic_mode(void **state) {
    (void)state;
    enter();
    static uint8_t code[600];
    memset(code, 'z', sizeof(code));
    rawrepl_exec(&RR, code, sizeof(code), 1000);
    F.sent_len = 0;
    FEED("R\x00");
    assert_int_equal(F.sent_len, RAWREPL_SLICE);
    assert_int_equal(F.timer_ms, RAWREPL_SLICE_GAP_MS);
    rawrepl_timeout(&RR);
    assert_int_equal(F.sent_len, 2 * RAWREPL_SLICE);
    rawrepl_timeout(&RR);
    assert_int_equal(F.sent_len, 601);
    assert_int_equal(F.sent[600], 0x04);
    FEED("OK1\x04\x04>");
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_int_equal(RR.paste_window, 0);
    // Later commands go straight to classic mode.
    F.sent_len = 0;
    rawrepl_exec(&RR, (const uint8_t *)"1", 1, 1000);
    EXPECT_SENT("1\x04");
}

static void firmware_without_raw_paste_is_recognised(void **state) {
    (void)state;
    enter();
    rawrepl_exec(&RR, (const uint8_t *)"2", 1, 1000);
    F.sent_len = 0;
    FEED("raw REPL; CTRL-B to exit\r\n>"); // 0x01 taken as "reset raw REPL"
    EXPECT_SENT("2\x04");
    assert_int_equal(RR.paste_window, 0);
}

static void error_section_is_reported(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"1/0", 3, 1000);
    FEED("OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
         "ZeroDivisionError: divide by zero\r\n\x04>");
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_int_equal(F.out_len, 0);
    assert_true(strstr(F.err, "ZeroDivisionError: divide by zero") != NULL);
    assert_int_equal(RR.err_len, F.err_len);
}

// A command stopped while its code is still being sent ends with DONE and no error section,
// not with the one of the command before.
static void stopped_classic_send_has_no_error_section(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"1/0", 3, 1000);
    FEED("OK\x04ZeroDivisionError: divide by zero\r\n\x04>");
    assert_true(RR.err_len > 0);
    static uint8_t code[600];
    memset(code, 'z', sizeof(code));
    rawrepl_exec(&RR, code, sizeof(code), 1000);
    assert_int_equal(RR.state, RAWREPL_CLASSIC_SEND);
    rawrepl_interrupt(&RR);
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_int_equal(RR.err_len, 0);
}

static void system_exit_soft_reset_ends_at_the_banner(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"raise SystemExit", 16, 1000);
    FEED("OK\x04\x04MPY: soft reboot\r\n" BANNER);
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_int_equal(RR.state, RAWREPL_READY);
}

static void silence_fails_the_command(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"x", 1, 250);
    FEED("OK");
    assert_int_equal(F.timer_ms, 250);
    rawrepl_timeout(&RR);
    assert_int_equal(last_event(), RAWREPL_EV_FAILED);
    assert_true(strstr(F.detail, "250") != NULL);
}

static void gives_up_entering_after_the_tries(void **state) {
    (void)state;
    rawrepl_enter(&RR);
    for (int i = 0; i < RAWREPL_ENTER_TRIES; i++) {
        rawrepl_timeout(&RR); // quiet
        rawrepl_timeout(&RR); // no banner
    }
    assert_int_equal(last_event(), RAWREPL_EV_FAILED);
    assert_string_equal(F.detail, "could not enter the raw REPL");
    // Later rounds also end a line and a program that caught the first Ctrl-C.
    assert_true(memmem(F.sent, F.sent_len, "\r\x03\x03", 3) != NULL);
}

static void settle_ends_even_when_the_board_keeps_talking(void **state) {
    (void)state;
    rawrepl_enter(&RR);
    for (int i = 0; i < 100; i++) {
        F.now += 30;
        FEED("spam\r\n");
    }
    assert_true(F.timer_ms <= RAWREPL_QUIET_MS);
    assert_true(F.timer_ms >= 1);
}

static void interrupt_reaches_a_running_program(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"while 1:pass", 12, 0);
    FEED("OK");
    F.sent_len = 0;
    rawrepl_interrupt(&RR);
    EXPECT_SENT("\x03");
    FEED("\x04Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n\x04>");
    assert_int_equal(last_event(), RAWREPL_EV_DONE);
    assert_true(strstr(F.err, "KeyboardInterrupt") != NULL);
}

static void a_missing_prompt_ends_even_an_unlimited_command(void **state) {
    (void)state;
    enter();
    RR.paste_window = 0;
    rawrepl_exec(&RR, (const uint8_t *)"input()", 7, 0); // no silence limit
    FEED("OK");
    assert_int_equal(F.timer_ms, 0);
    FEED("\x04\x04"); // ended, but the '>' never comes
    assert_int_equal(F.timer_ms, RAWREPL_PROMPT_MS);
    rawrepl_timeout(&RR);
    assert_int_equal(last_event(), RAWREPL_EV_FAILED);
}

static void leaving_waits_for_the_friendly_prompt(void **state) {
    (void)state;
    enter();
    F.sent_len = 0;
    rawrepl_leave(&RR);
    EXPECT_SENT("\r\x02");
    FEED("\r\nMicroPython v1.0 on 2026-01-01; ESP module with ESP8266\r\nType \"help()\"");
    assert_int_equal(last_event(), RAWREPL_EV_READY);
    FEED(" for more information.\r\n>>> ");
    assert_int_equal(last_event(), RAWREPL_EV_LEFT);
    assert_int_equal(RR.state, RAWREPL_IDLE);
}

static void a_bad_window_is_a_protocol_error(void **state) {
    (void)state;
    enter();
    rawrepl_exec(&RR, (const uint8_t *)"1", 1, 1000);
    FEED("R\x01\x00\x00");
    assert_int_equal(last_event(), RAWREPL_EV_FAILED);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(enters_after_ctrl_c_and_quiet, setup),
        cmocka_unit_test_setup(notices_an_interrupted_program, setup),
        cmocka_unit_test_setup(waits_for_quiet_when_no_prompt_comes, setup),
        cmocka_unit_test_setup(banner_matches_after_a_false_start, setup),
        cmocka_unit_test_setup(raw_paste_runs_code_with_framed_output, setup),
        cmocka_unit_test_setup(raw_paste_keeps_within_the_window, setup),
        cmocka_unit_test_setup(raw_paste_abort_by_the_board_is_acknowledged, setup),
        cmocka_unit_test_setup(unsupported_raw_paste_falls_back_to_paced_classic_mode, setup),
        cmocka_unit_test_setup(firmware_without_raw_paste_is_recognised, setup),
        cmocka_unit_test_setup(error_section_is_reported, setup),
        cmocka_unit_test_setup(stopped_classic_send_has_no_error_section, setup),
        cmocka_unit_test_setup(system_exit_soft_reset_ends_at_the_banner, setup),
        cmocka_unit_test_setup(silence_fails_the_command, setup),
        cmocka_unit_test_setup(gives_up_entering_after_the_tries, setup),
        cmocka_unit_test_setup(settle_ends_even_when_the_board_keeps_talking, setup),
        cmocka_unit_test_setup(interrupt_reaches_a_running_program, setup),
        cmocka_unit_test_setup(a_missing_prompt_ends_even_an_unlimited_command, setup),
        cmocka_unit_test_setup(leaving_waits_for_the_friendly_prompt, setup),
        cmocka_unit_test_setup(a_bad_window_is_a_protocol_error, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
