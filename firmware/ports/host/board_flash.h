// SPDX-License-Identifier: MIT
// board_flash.h: the simulated board's flash filesystem: --flash options, mounting at every
// start (formatting a blank one on the first boot), boot scripts and imports from it.

#ifndef BOARD_FLASH_H
#define BOARD_FLASH_H

#include <stdbool.h>
#include <stddef.h>

#include "obj.h"

// Handles option [name] with [value] if it is --flash or --flash-size: 1 when taken, 0 when it
// is another option, -1 (after a message on stderr) for a bad value.
int board_flash_option(const char *name, const char *value);
// Opens the image given with --flash (if any) and mounts its filesystem, formatting a blank
// partition. Returns 0, or -1 with a message in [err] (the board then runs without one).
int board_flash_start(char *err, size_t err_len);
// At every start of the interpreter: mounts the filesystem again as Python's root; on the
// first boot after formatting, says so on the UART and writes a default boot.py.
void board_flash_boot(bool hard);

#endif
