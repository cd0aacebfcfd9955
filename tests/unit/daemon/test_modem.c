// SPDX-License-Identifier: MIT
// test_modem.c: the ESP reset and bootloader DTR/RTS sequences (modem.c) against esptool's, and
// its custom sequence syntax.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "modem.h"

// Replays [seq] on two simulated lines and records (DTR, RTS) at every wait.
struct trace {
    int dtr, rts;
    unsigned at_ms;
};

static size_t replay(const struct modem_seq *seq, struct trace *out) {
    int dtr = 0, rts = 0;
    unsigned t = 0;
    size_t n = 0;
    for (size_t i = 0; i < seq->n; i++) {
        if (seq->step[i].dtr >= 0) {
            dtr = seq->step[i].dtr;
        }
        if (seq->step[i].rts >= 0) {
            rts = seq->step[i].rts;
        }
        out[n++] = (struct trace){dtr, rts, t};
        t += seq->step[i].wait_ms;
    }
    return n;
}

static void bootloader_holds_gpio0_low_while_en_rises(void **state) {
    (void)state;
    struct trace t[MODEM_SEQ_MAX];
    size_t n = replay(&modem_bootloader, t);
    assert_int_equal(n, 3);
    // In reset (EN low) with GPIO0 high for 100 ms ...
    assert_int_equal(t[0].dtr, 0);
    assert_int_equal(t[0].rts, 1);
    // ... released with GPIO0 low: the ROM samples it and stays in the loader ...
    assert_int_equal(t[1].dtr, 1);
    assert_int_equal(t[1].rts, 0);
    assert_int_equal(t[1].at_ms, 100);
    // ... then GPIO0 released 50 ms later, EN still released.
    assert_int_equal(t[2].dtr, 0);
    assert_int_equal(t[2].rts, 0);
    assert_int_equal(t[2].at_ms, 150);
    // The same as esptool's written form.
    struct modem_seq parsed;
    char err[ERR_LEN];
    assert_int_equal(modem_parse("D0|R1|W0.1|D1|R0|W0.05|D0", &parsed, err, sizeof(err)), 0);
    struct trace u[MODEM_SEQ_MAX];
    size_t m = replay(&parsed, u);
    assert_int_equal(u[m - 1].dtr, t[n - 1].dtr);
    assert_int_equal(u[m - 1].rts, t[n - 1].rts);
    assert_int_equal(u[m - 1].at_ms, t[n - 1].at_ms);
}

static void hard_reset_pulses_en_with_gpio0_high(void **state) {
    (void)state;
    struct trace t[MODEM_SEQ_MAX];
    size_t n = replay(&modem_hard_reset, t);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].rts, 1);
    assert_int_equal(t[1].rts, 0);
    assert_int_equal(t[1].at_ms, 100);
    assert_int_equal(t[0].dtr, 0); // GPIO0 high while EN rises: the firmware runs
    assert_int_equal(t[1].dtr, 0);
}

static void custom_sequences_are_checked(void **state) {
    (void)state;
    struct modem_seq s;
    char err[ERR_LEN];
    assert_int_equal(modem_parse("U1|W0.25|U0", &s, err, sizeof(err)), 0);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.step[0].dtr, 1);
    assert_int_equal(s.step[0].rts, 1);
    assert_int_equal(s.step[0].wait_ms, 250);
    assert_int_equal(modem_parse("", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("W1|D0", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("D2", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("D0|", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("D0|W11", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("D0|W-1", &s, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(modem_parse("X1", &s, err, sizeof(err)), ERR_INVAL);
    assert_non_null(strstr(err, "expected D, R, U or W"));
    char many[4 * (MODEM_SEQ_MAX + 1)] = "";
    for (int i = 0; i <= MODEM_SEQ_MAX; i++) {
        strcat(many, i ? "|D0" : "D0");
    }
    assert_int_equal(modem_parse(many, &s, err, sizeof(err)), ERR_INVAL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bootloader_holds_gpio0_low_while_en_rises),
        cmocka_unit_test(hard_reset_pulses_en_with_gpio0_high),
        cmocka_unit_test(custom_sequences_are_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
