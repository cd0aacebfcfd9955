// SPDX-License-Identifier: MIT
// usbid.h: the USB serial bridges that boards use, so a plugged-in board is recognised by VID:PID.
#ifndef REPLHUB_USBID_H
#define REPLHUB_USBID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USBID_ANY_PID (0xFFFFu) // matches every product of a vendor that only makes boards

struct usbid {
    uint16_t vid;
    uint16_t pid;
    const char *name; // "CP210x", "CH340" ...
};

// Returns the table entry for [vid]:[pid], or NULL when it is not a known board bridge
// (such ports are never opened).
const struct usbid *usbid_lookup(uint16_t vid, uint16_t pid);

// Number of entries and entry [i], for --help and tests.
size_t usbid_count(void);
const struct usbid *usbid_at(size_t i);

// Makes a board id from a port: "usb-" + the serial number when there is one, else + the
// port's base name ("ttyUSB0"), keeping [a-z0-9-] and lower-casing. Returns 0, ERR_INVAL
// (nothing usable) or ERR_LIMIT (longer than [out_len]).
int usbid_board_name(const char *serial, const char *port, char *out, size_t out_len);

#endif
