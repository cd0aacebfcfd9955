// SPDX-License-Identifier: MIT
// board_flash.c: the simulated board's flash filesystem (board_flash.h).

#include "board_flash.h"

#include <stdio.h>
#include <string.h>

#include "hal.h"
#include "host_flash.h"

static const char *flash_path;
static uint32_t flash_size;
static bool first_boot;

// What a new board's boot.py says.
static const char default_boot_py[] =
    "# boot.py: runs at every boot and soft reset, before main.py.\n";

int board_flash_option(const char *name, const char *value) {
    if (strcmp(name, "--flash") == 0) {
        flash_path = value;
        return 1;
    }
    if (strcmp(name, "--flash-size") == 0) {
        flash_size = host_flash_parse_size(value);
        if (flash_size == 0) {
            fprintf(stderr, "replhub-board: --flash-size must be 1M, 2M or 4M\n");
            return -1;
        }
        return 1;
    }
    return 0;
}

int board_flash_start(char *err, size_t err_len) {
    if (flash_path == NULL) {
        return 0;
    }
    return host_flash_open(flash_path, flash_size, &first_boot, err, err_len);
}

void board_flash_boot(bool hard) {
    (void)hard;
    if (!host_flash_mount() || !first_boot) {
        return;
    }
    first_boot = false;
    static const char msg[] = "Performing initial setup\r\n";
    hal_stdout_tx_strn(msg, sizeof(msg) - 1);
    fs_t *fs = host_flash_fs();
    fs_file_t f;
    if (fs_file_open(fs, &f, "/boot.py", FS_O_WRONLY | FS_O_CREAT | FS_O_EXCL) == 0) {
        fs_file_write(fs, &f, default_boot_py, sizeof(default_boot_py) - 1);
        fs_file_close(fs, &f);
    }
}
