// SPDX-License-Identifier: MIT
// test_usbid.c: the USB VID:PID table of board bridges and the ids of discovered boards (usbid.c).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "usbid.h"

static void known_bridges_are_recognised(void **state) {
    (void)state;
    assert_string_equal(usbid_lookup(0x10C4, 0xEA60)->name, "CP210x");
    assert_string_equal(usbid_lookup(0x1A86, 0x7523)->name, "CH340");
    assert_string_equal(usbid_lookup(0x1A86, 0x55D4)->name, "CH9102");
    assert_string_equal(usbid_lookup(0x0403, 0x6001)->name, "FT232R");
    assert_string_equal(usbid_lookup(0x303A, 0x1001)->name, "ESP USB-Serial/JTAG");
    assert_string_equal(usbid_lookup(0x2E8A, 0x0005)->name, "RP2 MicroPython");
    assert_string_equal(usbid_lookup(0x239A, 0x8014)->name, "Adafruit"); // any PID
}

static void other_devices_are_never_boards(void **state) {
    (void)state;
    assert_null(usbid_lookup(0x046D, 0xC52B)); // a mouse receiver
    assert_null(usbid_lookup(0x10C4, 0x0001)); // right vendor, other product
    assert_null(usbid_lookup(0x0000, 0x0000));
}

static void table_has_no_duplicates(void **state) {
    (void)state;
    for (size_t i = 0; i < usbid_count(); i++) {
        for (size_t j = 0; j < i; j++) {
            const struct usbid *a = usbid_at(i), *b = usbid_at(j);
            assert_false(a->vid == b->vid && a->pid == b->pid);
        }
    }
    assert_null(usbid_at(usbid_count()));
}

static void board_names_come_from_serial_or_port(void **state) {
    (void)state;
    char name[49];
    assert_int_equal(usbid_board_name("0001_A1B2", "/dev/ttyUSB0", name, sizeof(name)), 0);
    assert_string_equal(name, "usb-0001-a1b2");
    assert_int_equal(usbid_board_name(NULL, "/dev/ttyUSB3", name, sizeof(name)), 0);
    assert_string_equal(name, "usb-ttyusb3");
    assert_int_equal(usbid_board_name("", "/dev/ttyACM0", name, sizeof(name)), 0);
    assert_string_equal(name, "usb-ttyacm0");
    assert_int_equal(usbid_board_name("--..", NULL, name, sizeof(name)), ERR_INVAL);
    char small[8];
    assert_int_equal(usbid_board_name("ABCDEFGHIJ", NULL, small, sizeof(small)), ERR_LIMIT);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_bridges_are_recognised),
        cmocka_unit_test(other_devices_are_never_boards),
        cmocka_unit_test(table_has_no_duplicates),
        cmocka_unit_test(board_names_come_from_serial_or_port),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
