// SPDX-License-Identifier: MIT
// test_config.c: replhubd's configuration: board specs, the JSON file, flags over the file,
// and validation (config.c, config_args.c).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "err.h"

static struct config cfg;
static char err[ERR_LEN];

static int setup(void **state) {
    (void)state;
    config_defaults(&cfg);
    err[0] = '\0';
    return 0;
}

static void defaults_are_loopback_and_valid(void **state) {
    (void)state;
    assert_string_equal(cfg.listen_addr, "127.0.0.1");
    assert_int_equal(cfg.port, CONFIG_DEFAULT_PORT);
    assert_int_equal(cfg.limits.scrollback, 64 * 1024);
    assert_true(cfg.embedded);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), 0);
}

static void board_spec_serial_with_baud_and_name(void **state) {
    (void)state;
    struct board_config b;
    assert_int_equal(config_parse_board("esp=serial:/dev/ttyUSB0@460800", &b, err, sizeof(err)), 0);
    assert_string_equal(b.name, "esp");
    assert_int_equal(b.kind, LINK_SERIAL);
    assert_string_equal(b.path, "/dev/ttyUSB0");
    assert_int_equal(b.baud, 460800);
    assert_int_equal(config_parse_board("serial:/dev/ttyACM0", &b, err, sizeof(err)), 0);
    assert_string_equal(b.name, "");
    assert_int_equal(b.baud, CONFIG_DEFAULT_BAUD);
}

static void board_spec_pty_keeps_at_signs_in_the_path(void **state) {
    (void)state;
    struct board_config b;
    assert_int_equal(config_parse_board("pty:/tmp/a@b", &b, err, sizeof(err)), 0);
    assert_int_equal(b.kind, LINK_PTY);
    assert_string_equal(b.path, "/tmp/a@b");
}

static void board_spec_rejects_bad_input(void **state) {
    (void)state;
    struct board_config b;
    assert_int_equal(config_parse_board("usb:/dev/x", &b, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(config_parse_board("serial:dev/ttyUSB0", &b, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(config_parse_board("serial:/dev/ttyUSB0@fast", &b, err, sizeof(err)),
                     ERR_INVAL);
    assert_int_equal(config_parse_board("serial:/dev/ttyUSB0@10", &b, err, sizeof(err)), ERR_INVAL);
    assert_int_equal(config_parse_board("a/b=pty:/tmp/x", &b, err, sizeof(err)), ERR_INVAL);
    assert_non_null(strstr(err, "only letters"));
}

static void json_file_merges_every_section(void **state) {
    (void)state;
    const char *json = "{\"listen\":{\"address\":\"127.0.0.2\",\"port\":9000},"
                       "\"boards\":[{\"name\":\"esp\",\"serial\":\"/dev/ttyUSB0\",\"baud\":74880,"
                       "\"modem_lines\":\"keep\"},{\"pty\":\"/tmp/sim\"}],"
                       "\"discover\":false,\"embedded\":{\"enabled\":false,\"baud\":0},"
                       "\"limits\":{\"viewers_per_board\":3,\"scrollback_bytes\":4096,"
                       "\"viewer_queue_bytes\":65536},\"log\":{\"level\":\"debug\"}}";
    assert_int_equal(config_merge_json(&cfg, json, err, sizeof(err)), 0);
    assert_string_equal(cfg.listen_addr, "127.0.0.2");
    assert_int_equal(cfg.port, 9000);
    assert_int_equal(cfg.nboards, 2);
    assert_int_equal(cfg.boards[0].baud, 74880);
    assert_int_equal(cfg.boards[0].modem, MODEM_KEEP);
    assert_string_equal(cfg.boards[1].name, "board1");
    assert_int_equal(cfg.boards[1].kind, LINK_PTY);
    assert_false(cfg.discover);
    assert_false(cfg.embedded);
    assert_int_equal(cfg.limits.viewers_per_board, 3);
    assert_int_equal(cfg.log_level, LOG_DEBUG);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), 0);
}

static void json_rejects_unknown_keys_types_and_ranges(void **state) {
    (void)state;
    static const char *const bad[] = {
        "{\"lisen\":{}}",
        "{\"listen\":{\"port\":70000}}",
        "{\"listen\":{\"port\":\"80\"}}",
        "{\"boards\":[{\"name\":\"x\"}]}",
        "{\"boards\":[{\"serial\":\"/dev/x\",\"modem_lines\":\"toggle\"}]}",
        "{\"limits\":{\"viewers_per_board\":0}}",
        "{\"log\":{\"level\":\"loud\"}}",
        "{\"discover\":1}",
        "[1,2]",
        "{\"port\":1,\"port\":2}",
        "{not json",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        config_defaults(&cfg);
        err[0] = '\0';
        assert_int_equal(config_merge_json(&cfg, bad[i], err, sizeof(err)), ERR_INVAL);
        assert_true(err[0] != '\0');
    }
}

static void flags_override_the_file(void **state) {
    (void)state;
    char path[] = "/tmp/replhub-test-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *json =
        "{\"listen\":{\"port\":9000},\"boards\":[{\"name\":\"a\",\"pty\":\"/tmp/a\"}]}";
    assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
    close(fd);
    const char *argv[] = {
        "replhubd",      "--config",      path, "--port", "0", "--board", "b=pty:/tmp/b",
        "--no-embedded", "--max-viewers", "7"};
    assert_int_equal(config_build(&cfg, 10, (char **)argv, err, sizeof(err)), 0);
    unlink(path);
    assert_int_equal(cfg.port, 0);
    assert_int_equal(cfg.nboards, 2);
    assert_string_equal(cfg.boards[0].name, "a");
    assert_string_equal(cfg.boards[1].name, "b");
    assert_false(cfg.embedded);
    assert_int_equal(cfg.limits.viewers_per_board, 7);
}

static void flags_report_help_version_and_errors(void **state) {
    (void)state;
    const char *help[] = {"replhubd", "--port", "1", "--help"};
    assert_int_equal(config_merge_args(&cfg, 4, (char **)help, err, sizeof(err)), CONFIG_HELP);
    const char *version[] = {"replhubd", "--version"};
    assert_int_equal(config_merge_args(&cfg, 2, (char **)version, err, sizeof(err)),
                     CONFIG_VERSION);
    const char *unknown[] = {"replhubd", "--frobnicate", "1"};
    assert_int_equal(config_merge_args(&cfg, 3, (char **)unknown, err, sizeof(err)), ERR_INVAL);
    const char *missing[] = {"replhubd", "--port"};
    assert_int_equal(config_merge_args(&cfg, 2, (char **)missing, err, sizeof(err)), ERR_INVAL);
    const char *range[] = {"replhubd", "--port", "65536"};
    assert_int_equal(config_merge_args(&cfg, 3, (char **)range, err, sizeof(err)), ERR_INVAL);
    const char *level[] = {"replhubd", "--log-level", "loud"};
    assert_int_equal(config_merge_args(&cfg, 3, (char **)level, err, sizeof(err)), ERR_INVAL);
}

static void validation_refuses_public_addresses_and_duplicates(void **state) {
    (void)state;
    const char *pub[] = {"replhubd", "--listen", "0.0.0.0"};
    assert_int_equal(config_merge_args(&cfg, 3, (char **)pub, err, sizeof(err)), 0);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), ERR_INVAL);
    assert_non_null(strstr(err, "loopback"));
    config_defaults(&cfg);
    const char *dup[] = {"replhubd", "--board", "x=pty:/tmp/a", "--board", "x=pty:/tmp/b"};
    assert_int_equal(config_merge_args(&cfg, 5, (char **)dup, err, sizeof(err)), 0);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), ERR_INVAL);
    config_defaults(&cfg);
    const char *same[] = {"replhubd", "--board", "pty:/tmp/a", "--board", "pty:/tmp/a"};
    assert_int_equal(config_merge_args(&cfg, 5, (char **)same, err, sizeof(err)), 0);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), ERR_INVAL);
    config_defaults(&cfg);
    const char *queue[] = {"replhubd", "--scrollback", "1048576"};
    assert_int_equal(config_merge_args(&cfg, 3, (char **)queue, err, sizeof(err)), 0);
    assert_int_equal(config_validate(&cfg, err, sizeof(err)), ERR_INVAL);
}

static void too_many_boards_is_an_error(void **state) {
    (void)state;
    struct board_config b;
    config_parse_board("pty:/tmp/x", &b, err, sizeof(err));
    for (int i = 0; i < CONFIG_MAX_BOARDS; i++) {
        assert_int_equal(config_add_board(&cfg, &b, err, sizeof(err)), 0);
    }
    assert_int_equal(config_add_board(&cfg, &b, err, sizeof(err)), ERR_INVAL);
}

static void usage_documents_every_flag(void **state) {
    (void)state;
    char buf[8192];
    FILE *f = fmemopen(buf, sizeof(buf), "w");
    config_usage(f, &cfg);
    fclose(f);
    static const char *const flags[] = {
        "--config",      "--listen",          "--port",          "--board ",       "--no-discover",
        "--no-embedded", "--board-binary",    "--embedded-baud", "--state-dir",    "--web-dir",
        "--max-viewers", "--max-connections", "--max-message",   "--viewer-queue", "--scrollback",
        "--log-level",   "--syslog",          "--version"};
    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        assert_non_null(strstr(buf, flags[i]));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(defaults_are_loopback_and_valid, setup),
        cmocka_unit_test_setup(board_spec_serial_with_baud_and_name, setup),
        cmocka_unit_test_setup(board_spec_pty_keeps_at_signs_in_the_path, setup),
        cmocka_unit_test_setup(board_spec_rejects_bad_input, setup),
        cmocka_unit_test_setup(json_file_merges_every_section, setup),
        cmocka_unit_test_setup(json_rejects_unknown_keys_types_and_ranges, setup),
        cmocka_unit_test_setup(flags_override_the_file, setup),
        cmocka_unit_test_setup(flags_report_help_version_and_errors, setup),
        cmocka_unit_test_setup(validation_refuses_public_addresses_and_duplicates, setup),
        cmocka_unit_test_setup(too_many_boards_is_an_error, setup),
        cmocka_unit_test_setup(usage_documents_every_flag, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
