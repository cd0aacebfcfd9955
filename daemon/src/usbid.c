// SPDX-License-Identifier: MIT
// usbid.c: the table of board USB bridges (VID:PID) and board ids for discovered ports.

#include "usbid.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

// ORDER: grouped by vendor; lookups are linear (the table is tiny and scanned every few seconds).
static const struct usbid table[] = {
    {0x10C4, 0xEA60, "CP210x"}, // Silicon Labs CP2102/CP2104 (NodeMCU, most ESP boards)
    {0x10C4, 0xEA70, "CP2105"}, //
    {0x1A86, 0x7523, "CH340"},  // WCH CH340 (Wemos D1 mini, cheap NodeMCU clones)
    {0x1A86, 0x5523, "CH341"},  //
    {0x1A86, 0x55D4, "CH9102"}, // WCH CH9102F (newer ESP32 boards)
    {0x1A86, 0x55D3, "CH343"},  //
    {0x0403, 0x6001, "FT232R"}, // FTDI
    {0x0403, 0x6010, "FT2232"}, //
    {0x0403, 0x6011, "FT4232"}, //
    {0x0403, 0x6014, "FT232H"}, //
    {0x0403, 0x6015, "FT231X"}, //
    {0x067B, 0x2303, "PL2303"}, // Prolific
    {0x303A, 0x1001, "ESP USB-Serial/JTAG"}, // Espressif native USB (ESP32-C3/S3/C6)
    {0x303A, 0x0002, "ESP32-S2 CDC"},        //
    {0x303A, 0x4001, "ESP32-S2/S3 TinyUSB"}, //
    {0x2E8A, 0x0005, "RP2 MicroPython"},     // Raspberry Pi RP2040/RP2350 running MicroPython
    {0x2E8A, 0x000A, "RP2 CDC"},             //
    {0xF055, 0x9800, "MicroPython pyboard"}, // MicroPython's own VID
    {0x239A, USBID_ANY_PID, "Adafruit"},     // Adafruit boards (CircuitPython/MicroPython)
};

size_t usbid_count(void) {
    return sizeof(table) / sizeof(table[0]);
}

const struct usbid *usbid_at(size_t i) {
    return i < usbid_count() ? &table[i] : NULL;
}

const struct usbid *usbid_lookup(uint16_t vid, uint16_t pid) {
    for (size_t i = 0; i < usbid_count(); i++) {
        if (table[i].vid == vid && (table[i].pid == pid || table[i].pid == USBID_ANY_PID)) {
            return &table[i];
        }
    }
    return NULL;
}

int usbid_board_name(const char *serial, const char *port, char *out, size_t out_len) {
    const char *src = serial != NULL && serial[0] != '\0' ? serial : NULL;
    if (src == NULL && port != NULL) {
        const char *slash = strrchr(port, '/');
        src = slash != NULL ? slash + 1 : port;
    }
    if (src == NULL || out_len < 6) {
        return ERR_INVAL;
    }
    size_t n = (size_t)snprintf(out, out_len, "usb-");
    for (; *src != '\0'; src++) {
        unsigned char c = (unsigned char)*src;
        bool sep = (c == '-' || c == '_' || c == '.') && out[n - 1] != '-';
        if (!isalnum(c) && !sep) {
            continue;
        }
        if (n + 1 >= out_len) {
            return ERR_LIMIT; // a cut id could name two boards
        }
        out[n++] = sep ? '-' : (char)tolower(c);
    }
    out[n] = '\0';
    return n > 4 ? 0 : ERR_INVAL;
}
