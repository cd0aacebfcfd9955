// SPDX-License-Identifier: MIT
// host_flash.h: the host executables' flash: an image file, the filesystem on it, mounted as
// Python's root (replhub-python -X flash=FILE, replhub-board --flash FILE).

#ifndef HOST_FLASH_H
#define HOST_FLASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs.h"

// Parses a flash size "1M", "2M" or "4M" (or the byte count); 0 if it is none of them.
uint32_t host_flash_parse_size(const char *text);
// Opens image [path] (created erased with [size] bytes, 0 = 2 MiB, if missing) and mounts its
// filesystem, formatting it if the partition is blank ([*formatted] says so). Returns 0, or -1
// with a message in [err] (no filesystem is mounted then).
int host_flash_open(const char *path, uint32_t size, bool *formatted, char *err, size_t err_len);
// Mounts the filesystem again (after a soft reset: open files are forgotten) and makes it
// Python's root; false if there is none.
bool host_flash_mount(void);
// The mounted filesystem, or NULL.
fs_t *host_flash_fs(void);
// The size of the open image in bytes, or 0 without one.
uint32_t host_flash_size(void);
// Unmounts and closes the image (saving its erase counts).
void host_flash_close(void);

#endif
