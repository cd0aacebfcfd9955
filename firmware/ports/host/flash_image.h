// SPDX-License-Identifier: MIT
// flash_image.h: the simulated board's SPI flash: an image file (or RAM) with NOR semantics.
//
// The image is the whole flash chip (1, 2 or 4 MiB) laid out as the ESP8266 MicroPython builds
// lay it out (PROTOCOLS.md §5.2): firmware from offset 0, the filesystem partition after it,
// 20 KiB of SDK parameters at the end. Erasing a 4 KiB sector sets it to 0xFF; programming ANDs
// the new bytes in (with [strict] on, trying to turn a 0 bit into 1 is refused and counted as a
// violation, which catches filesystem bugs). Erase counts are kept per sector and, for an image
// file, saved beside it in FILE.wear.
//
// Power-cut mode (tests): after a given number of program/erase operations the power "goes":
// that operation is skipped or, if tearing, done only in part (a prefix of a program, with the
// next byte's bits partly cleared; part of an erase), and every later operation fails with
// FS_ERR_IO until flash_image_power_on().

#ifndef FLASH_IMAGE_H
#define FLASH_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "blockdev.h"

typedef struct flash_image flash_image_t;

// Where the filesystem partition is in a flash of [flash_size] bytes (1, 2 or 4 MiB); false
// for other sizes.
bool flash_layout(uint32_t flash_size, uint32_t *fs_offset, uint32_t *fs_sectors);

// Opens image file [path], creating it (erased, [size] bytes; 0 means 2 MiB) if it does not
// exist. An existing image keeps its size; a [size] that differs is an error. NULL with a
// message in [err] on failure.
flash_image_t *flash_image_open(const char *path, uint32_t size, char *err, size_t err_len);
// An erased image in memory only.
flash_image_t *flash_image_new_ram(uint32_t size);
// A memory image holding a copy of [other]'s bytes (erase counts start at zero).
flash_image_t *flash_image_clone(const flash_image_t *other);
// Copies [src]'s bytes into [dst] (same size) and clears dst's power cut.
void flash_image_copy(flash_image_t *dst, const flash_image_t *src);
// Writes the erase counts of an image file and releases everything.
void flash_image_close(flash_image_t *img);
// Flushes an image file and saves its erase counts (the board calls it at every boot, as it
// never closes the image: it ends with _exit).
void flash_image_sync(flash_image_t *img);

// The block device of the filesystem partition.
const fs_blockdev_t *flash_image_bd(flash_image_t *img);
uint32_t flash_image_size(const flash_image_t *img);
uint8_t *flash_image_bytes(flash_image_t *img);

void flash_image_set_strict(flash_image_t *img, bool strict);
// NOR violations (a program that needed a 0 bit to become 1) seen so far.
uint64_t flash_image_violations(const flash_image_t *img);

// Program and erase operations so far, and bytes programmed.
uint64_t flash_image_ops(const flash_image_t *img);
uint64_t flash_image_prog_bytes(const flash_image_t *img);
uint64_t flash_image_erases(const flash_image_t *img);
// Erases of partition sector [sector] (counted from the partition start).
uint32_t flash_image_erase_count(const flash_image_t *img, uint32_t sector);
void flash_image_reset_counts(flash_image_t *img);

// Cuts the power at the operation after [ops_left] more program/erase operations; [tear] makes
// that operation happen in part, [seed] chooses how much.
void flash_image_cut_after(flash_image_t *img, uint64_t ops_left, bool tear, uint32_t seed);
bool flash_image_is_cut(const flash_image_t *img);
void flash_image_power_on(flash_image_t *img);

#endif
