// SPDX-License-Identifier: MIT
// blockdev.h: the flash partition the filesystem lives on, as NOR flash behaves.
//
// The device is [sector_count] erase sectors of FS_SECTOR_SIZE bytes. Erasing a sector sets every
// byte to 0xFF; programming can only clear bits (a programmed byte becomes old AND new), so a
// byte is written once between erases. Offsets are bytes from the start of the partition. Every
// offset and length the filesystem passes is a multiple of FS_BD_ALIGN (the ESP8266's SPI flash
// calls need word alignment); buffers may sit at any address. Functions return 0 or a negative
// FS_ERR_* value (fs.h); FS_ERR_IO means the operation may have happened partly or not at all.

#ifndef FS_BLOCKDEV_H
#define FS_BLOCKDEV_H

#include <stdint.h>

#define FS_SECTOR_SIZE (4096u)
#define FS_BD_ALIGN    (4u)

typedef struct fs_blockdev {
    void *ctx;
    uint32_t sector_count;
    // Reads [len] bytes at [off] into [buf].
    int (*read)(void *ctx, uint32_t off, void *buf, uint32_t len);
    // Programs [len] bytes from [buf] at [off] (bits can only go from 1 to 0).
    int (*prog)(void *ctx, uint32_t off, const void *buf, uint32_t len);
    // Erases sector number [sector] to 0xFF.
    int (*erase)(void *ctx, uint32_t sector);
} fs_blockdev_t;

#endif
