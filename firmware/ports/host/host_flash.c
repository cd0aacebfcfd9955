// SPDX-License-Identifier: MIT
// host_flash.c: the host executables' flash image and its filesystem (host_flash.h).

#include "host_flash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flash_image.h"
#include "vfs.h"

// Sectors of the largest partition (a 4 MiB flash has 763).
#define HOST_FLASH_MAX_SECTORS (1024)

static flash_image_t *image;
static fs_t fs;
static uint32_t fs_ram[FS_RAM_BITMAPS(HOST_FLASH_MAX_SECTORS) / 4];

uint32_t host_flash_parse_size(const char *text) {
    char *end;
    unsigned long long n = strtoull(text, &end, 10);
    if (*end == 'M' || *end == 'm') {
        n *= 1024 * 1024;
        end++;
    }
    uint32_t off, sectors;
    return *end == '\0' && n <= UINT32_MAX && flash_layout((uint32_t)n, &off, &sectors)
               ? (uint32_t)n
               : 0;
}

int host_flash_open(const char *path, uint32_t size, bool *formatted, char *err, size_t err_len) {
    *formatted = false;
    image = flash_image_open(path, size, err, err_len);
    if (image == NULL) {
        return -1;
    }
    const fs_blockdev_t *bd = flash_image_bd(image);
    int r = fs_mount(&fs, bd, fs_ram, sizeof(fs_ram));
    if (r == FS_ERR_NODEV) {
        // A blank partition: the first boot makes the filesystem.
        r = fs_format(&fs, bd, fs_ram, sizeof(fs_ram));
        if (r == 0) {
            r = fs_mount(&fs, bd, fs_ram, sizeof(fs_ram));
        }
        *formatted = r == 0;
    }
    if (r < 0) {
        const char *why = fs_corrupt_reason(&fs);
        snprintf(err, err_len, "the filesystem in %s looks corrupt (%s)", path,
                 why != NULL ? why : "unreadable");
        vfs_set_root(NULL);
        return -1;
    }
    vfs_set_root(&fs);
    return 0;
}

bool host_flash_mount(void) {
    if (image == NULL) {
        return false;
    }
    flash_image_sync(image);
    if (fs_mount(&fs, flash_image_bd(image), fs_ram, sizeof(fs_ram)) < 0) {
        vfs_set_root(NULL);
        return false;
    }
    vfs_set_root(&fs);
    return true;
}

fs_t *host_flash_fs(void) {
    return image != NULL && fs.mounted ? &fs : NULL;
}

uint32_t host_flash_size(void) {
    return image != NULL ? flash_image_size(image) : 0;
}

void host_flash_close(void) {
    if (image != NULL) {
        fs_unmount(&fs);
        vfs_set_root(NULL);
        flash_image_close(image);
        image = NULL;
    }
}
