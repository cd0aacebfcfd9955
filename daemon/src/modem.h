// SPDX-License-Identifier: MIT
// modem.h: DTR/RTS sequences that reset an ESP board or put it in its ROM loader, as data
// (pure). Lines are active-low as esptool names them: DTR asserted drives GPIO0 low, RTS
// asserted drives EN low (PROTOCOLS.md §6.1).
#ifndef REPLHUB_MODEM_H
#define REPLHUB_MODEM_H

#include <stddef.h>
#include <stdint.h>

#define MODEM_SEQ_MAX  (16)    // steps in one sequence
#define MODEM_WAIT_MAX (10000) // ms one step may wait

// One step: set the lines (1 asserted, 0 released, -1 unchanged), then wait [wait_ms].
struct modem_step {
    int8_t dtr, rts;
    uint16_t wait_ms;
};

struct modem_seq {
    struct modem_step step[MODEM_SEQ_MAX];
    size_t n;
};

// esptool's classic bootloader entry: EN low with GPIO0 high for 100 ms, EN released with
// GPIO0 low for 50 ms (the ROM samples GPIO0 and stays in the loader), GPIO0 released.
extern const struct modem_seq modem_bootloader;
// A hard reset that runs the firmware: EN low for 100 ms with GPIO0 released (high), as
// esptool's --after hard-reset does with DTR already released.
extern const struct modem_seq modem_hard_reset;

// Parses esptool's custom sequence syntax ("D0|R1|W0.1|D1|R0|W0.05|D0": D = DTR, R = RTS,
// U = both, W = wait seconds) into [out]. Returns 0 or ERR_INVAL with the reason in [err].
int modem_parse(const char *spec, struct modem_seq *out, char *err, size_t err_len);

#endif
