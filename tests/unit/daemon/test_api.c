// SPDX-License-Identifier: MIT
// test_api.c: the API's JSON messages (api.c): golden encodings, control decoding, routes, and
// the Origin/Host checks that keep other sites away from the boards.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "err.h"

static const struct api_board esp = {"esp",  "serial", "/dev/ttyUSB0", 115200,
                                     "repl", 2,        "CP210x",       false};
static const struct api_board sim = {"sim", "pty", "/tmp/sim.pty", 0, "connecting", 0, NULL, true};

static void assert_json(char *got, const char *want) {
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void boards_list_is_encoded_exactly(void **state) {
    (void)state;
    struct api_board both[] = {esp, sim};
    assert_json(api_encode_boards(both, 2),
                "{\"boards\":[{\"id\":\"esp\",\"link\":\"serial\",\"path\":\"/dev/ttyUSB0\","
                "\"baud\":115200,\"state\":\"repl\",\"viewers\":2,\"embedded\":false,"
                "\"usb\":\"CP210x\"},{\"id\":\"sim\",\"link\":\"pty\",\"path\":\"/tmp/sim.pty\","
                "\"baud\":0,\"state\":\"connecting\",\"viewers\":0,\"embedded\":true}]}");
    assert_json(api_encode_boards(NULL, 0), "{\"boards\":[]}");
}

static void events_are_encoded_exactly(void **state) {
    (void)state;
    assert_json(api_encode_state("esp", "disconnected", "link closed"),
                "{\"type\":\"state\",\"board\":\"esp\",\"state\":\"disconnected\","
                "\"reason\":\"link closed\"}");
    assert_json(api_encode_reset("esp", "hard", "rts"),
                "{\"type\":\"reset\",\"board\":\"esp\",\"kind\":\"hard\",\"method\":\"rts\"}");
    assert_json(api_encode_pong(), "{\"type\":\"pong\"}");
    char *hello = api_encode_hello(&sim, 123);
    assert_non_null(strstr(hello, "\"type\":\"hello\""));
    assert_non_null(strstr(hello, "\"scrollback\":123"));
    free(hello);
    char *ev = api_encode_board_event(&esp);
    assert_non_null(strstr(ev, "{\"type\":\"board\",\"board\":{\"id\":\"esp\""));
    free(ev);
    char *list = api_encode_board_list_event(&sim, 1);
    assert_non_null(strstr(list, "{\"type\":\"boards\",\"boards\":[{\"id\":\"sim\""));
    free(list);
}

static void errors_have_stable_codes_and_statuses(void **state) {
    (void)state;
    assert_json(api_encode_error(API_ERR_BOARD_NOT_FOUND, "nope", false),
                "{\"error\":{\"code\":\"board_not_found\",\"message\":\"nope\"}}");
    assert_json(api_encode_error(API_ERR_VIEWER_TOO_SLOW, "q", true),
                "{\"type\":\"error\",\"code\":\"viewer_too_slow\",\"message\":\"q\"}");
    assert_int_equal(api_error_status(API_ERR_NOT_FOUND), 404);
    assert_int_equal(api_error_status(API_ERR_FORBIDDEN_ORIGIN), 403);
    assert_int_equal(api_error_status(API_ERR_MESSAGE_TOO_LARGE), 413);
    assert_string_equal(api_error_code(API_ERR_TOO_MANY_VIEWERS), "too_many_viewers");
    assert_string_equal(api_error_code((enum api_error)999), "internal");
}

static void non_ascii_is_escaped(void **state) {
    (void)state;
    assert_json(api_encode_error(API_ERR_NOT_FOUND, "/caf\xc3\xa9\"", false),
                "{\"error\":{\"code\":\"not_found\",\"message\":\"/caf\\u00E9\\\"\"}}");
}

static void controls_decode(void **state) {
    (void)state;
    enum api_control c;
    char err[ERR_LEN];
    const char *m = "{\"type\":\"interrupt\"}";
    assert_int_equal(api_decode_control(m, strlen(m), &c, err, sizeof(err)), 0);
    assert_int_equal(c, API_CTL_INTERRUPT);
    m = "{\"type\":\"soft_reset\",\"extra\":1}";
    assert_int_equal(api_decode_control(m, strlen(m), &c, err, sizeof(err)), 0);
    assert_int_equal(c, API_CTL_SOFT_RESET);
    m = "{\"type\":\"hard_reset\"}";
    assert_int_equal(api_decode_control(m, strlen(m), &c, err, sizeof(err)), 0);
    assert_int_equal(c, API_CTL_HARD_RESET);
    static const char *const bad[] = {"",
                                      "{",
                                      "[]",
                                      "{\"type\":1}",
                                      "{\"type\":\"reboot\"}",
                                      "{\"type\":\"ping\",\"type\":\"ping\"}",
                                      "null"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(api_decode_control(bad[i], strlen(bad[i]), &c, err, sizeof(err)),
                         ERR_INVAL);
    }
    // Length-delimited: bytes past [len] are not read.
    m = "{\"type\":\"ping\"}GARBAGE";
    assert_int_equal(api_decode_control(m, 15, &c, err, sizeof(err)), 0);
    assert_int_equal(c, API_CTL_PING);
}

static void routes_are_recognised(void **state) {
    (void)state;
    char id[49];
    assert_int_equal(api_route("/api/v1/boards", id, sizeof(id), NULL), API_ROUTE_BOARDS);
    assert_int_equal(api_route("/api/v1/boards/", id, sizeof(id), NULL), API_ROUTE_BOARDS);
    assert_int_equal(api_route("/api/v1/boards/esp", id, sizeof(id), NULL), API_ROUTE_BOARD);
    assert_string_equal(id, "esp");
    assert_int_equal(api_route("/api/v1/boards/esp/term", id, sizeof(id), NULL), API_ROUTE_TERM);
    assert_int_equal(api_route("/api/v1/events", id, sizeof(id), NULL), API_ROUTE_EVENTS);
    assert_int_equal(api_route("/api/v1/boards/esp/files", id, sizeof(id), NULL), API_ROUTE_NONE);
    assert_int_equal(api_route("/api/v1/boardsx", id, sizeof(id), NULL), API_ROUTE_NONE);
    assert_int_equal(api_route("/api/v2/boards", id, sizeof(id), NULL), API_ROUTE_NONE);
    assert_int_equal(api_route("/api/v1/boards//term", id, sizeof(id), NULL), API_ROUTE_NONE);
    char small[4];
    assert_int_equal(api_route("/api/v1/boards/toolong/term", small, sizeof(small), NULL),
                     API_ROUTE_NONE);
    const char *rest = NULL;
    assert_int_equal(api_route("/api/v1/boards/esp/fs", id, sizeof(id), &rest), API_ROUTE_FS);
    assert_string_equal(rest, "");
    assert_int_equal(api_route("/api/v1/boards/esp/fs/lib/a.py", id, sizeof(id), &rest),
                     API_ROUTE_FS);
    assert_string_equal(rest, "/lib/a.py");
    assert_string_equal(id, "esp");
    assert_int_equal(api_route("/api/v1/boards/esp/fsx", id, sizeof(id), &rest), API_ROUTE_NONE);
    assert_int_equal(api_route("/api/v1/boards/esp/exec", id, sizeof(id), &rest), API_ROUTE_EXEC);
    assert_int_equal(api_route("/api/v1/boards/esp/ops", id, sizeof(id), &rest), API_ROUTE_OPS);
    assert_int_equal(api_route("/api/v1/boards/esp/ops/12", id, sizeof(id), &rest), API_ROUTE_OP);
    assert_string_equal(rest, "12");
}

static void only_the_same_origin_may_upgrade(void **state) {
    (void)state;
    assert_true(api_origin_is_allowed(NULL, "127.0.0.1:8080"));
    assert_true(api_origin_is_allowed("http://127.0.0.1:8080", "127.0.0.1:8080"));
    assert_true(api_origin_is_allowed("HTTP://LOCALHOST:8080", "localhost:8080"));
    assert_false(api_origin_is_allowed("http://evil.example", "127.0.0.1:8080"));
    assert_false(api_origin_is_allowed("http://127.0.0.1:9999", "127.0.0.1:8080"));
    assert_false(api_origin_is_allowed("http://localhost:8080", "127.0.0.1:8080"));
    assert_false(api_origin_is_allowed("null", "127.0.0.1:8080"));
    assert_false(api_origin_is_allowed("file://", "127.0.0.1:8080"));
    assert_false(api_origin_is_allowed("http://127.0.0.1:8080", NULL));
}

static void host_must_be_a_loopback_name(void **state) {
    (void)state;
    assert_true(api_host_is_loopback("127.0.0.1:8080"));
    assert_true(api_host_is_loopback("127.1.2.3"));
    assert_true(api_host_is_loopback("localhost"));
    assert_true(api_host_is_loopback("LocalHost:1"));
    assert_true(api_host_is_loopback("[::1]:8080"));
    assert_false(api_host_is_loopback("evil.example:8080")); // DNS rebinding
    assert_false(api_host_is_loopback("127.0.0.1.evil.example"));
    assert_false(api_host_is_loopback("10.0.0.1:8080"));
    assert_false(api_host_is_loopback("[::2]:8080"));
    assert_false(api_host_is_loopback(NULL));
    // Only the plain decimal form: elsewhere 0127 is octal (87), and a sign or space is no name.
    assert_false(api_host_is_loopback("0127.0.0.1:8080"));
    assert_false(api_host_is_loopback("127.0.0.01"));
    assert_false(api_host_is_loopback(" 127.0.0.1"));
    assert_false(api_host_is_loopback("127.+0.0.1"));
    assert_false(api_host_is_loopback("127.0.0.256"));
    assert_false(api_host_is_loopback("127.0.0.4294967297"));
    assert_false(api_host_is_loopback("127.0.0"));
    assert_true(api_host_is_loopback("127.255.0.0:1"));
}

static void board_listings_become_sorted_api_json(void **state) {
    (void)state;
    static const char board[] = "[[[\"b.py\", 0, 12], [\"lib\", 1, 0], [\"a.py\", 0, 3], "
                                "[\"\u00e9t\u00e9\", 1, 99]], 1028096, 4096]";
    char *j = api_encode_listing("/x", board, strlen(board));
    assert_non_null(j);
    assert_string_equal(j, "{\"path\":\"/x\",\"entries\":["
                           "{\"name\":\"lib\",\"type\":\"dir\",\"size\":0},"
                           "{\"name\":\"\\u00E9t\\u00E9\",\"type\":\"dir\",\"size\":0},"
                           "{\"name\":\"a.py\",\"type\":\"file\",\"size\":3},"
                           "{\"name\":\"b.py\",\"type\":\"file\",\"size\":12}],"
                           "\"fs\":{\"total\":1028096,\"free\":4096}}");
    free(j);
    static const char *const bad[] = {
        "",
        "[]",
        "[[], 1]",
        "[[[\"a\", 0]], 1, 2]",
        "[[[1, 0, 0]], 1, 2]",
        "[[\"a\"], 1, 2]",
        "[[[\"a\", 0, 1]], \"x\", 2]",
        "[[[\"a\", 0, 1]], 1, 2",
        "{}",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_null(api_encode_listing("/", bad[i], strlen(bad[i])));
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(board_listings_become_sorted_api_json),
        cmocka_unit_test(boards_list_is_encoded_exactly),
        cmocka_unit_test(events_are_encoded_exactly),
        cmocka_unit_test(errors_have_stable_codes_and_statuses),
        cmocka_unit_test(non_ascii_is_escaped),
        cmocka_unit_test(controls_decode),
        cmocka_unit_test(routes_are_recognised),
        cmocka_unit_test(only_the_same_origin_may_upgrade),
        cmocka_unit_test(host_must_be_a_loopback_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
