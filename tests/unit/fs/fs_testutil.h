// SPDX-License-Identifier: MIT
// fs_testutil.h: helpers the filesystem tests share: a mounted image, whole files, and a
// canonical fingerprint of the whole tree.

#ifndef FS_TESTUTIL_H
#define FS_TESTUTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "flash_image.h"
#include "fs.h"

// A filesystem on a RAM flash image, with its RAM.
typedef struct tfs {
    flash_image_t *img;
    fs_t fs;
    uint32_t ram[1024];
} tfs_t;

// Formats a new RAM image of [flash_size] bytes (1, 2 or 4 MiB) and mounts it.
tfs_t *tfs_new(uint32_t flash_size);
void tfs_free(tfs_t *t);
// Fails the running cmocka test unless [t]'s filesystem passes fs_check, its free map matches
// what the tree references, and nothing programmed the image against NOR rules.
void tfs_assert_clean(tfs_t *t);
// Mounts [t]'s image again (as after a reset); returns fs_mount's result.
int tfs_remount(tfs_t *t);

// Writes [len] bytes of [data] as file [path] (created or replaced) in [chunk]-byte writes.
int tfs_write_file(tfs_t *t, const char *path, const void *data, uint32_t len, uint32_t chunk);
// Appends [len] bytes.
int tfs_append_file(tfs_t *t, const char *path, const void *data, uint32_t len);
// Reads file [path] into [buf] (at most [cap] bytes); returns its length or an error.
int32_t tfs_read_file(tfs_t *t, const char *path, void *buf, uint32_t cap);

// What tfs_fingerprint saw.
typedef struct tfs_tree {
    uint64_t fp; // every path, type, time and file content, in sorted order
    uint32_t files, dirs;
    uint64_t bytes;
    uint32_t sectors; // data and index sectors the files' sizes call for
} tfs_tree_t;

// Reads the whole tree into [out]; returns 0 or an error (also for two entries of one name or
// a size that disagrees with what reads back).
int tfs_fingerprint(fs_t *fs, tfs_tree_t *out);

// Deterministic bytes for test contents.
void tfs_fill(void *buf, uint32_t len, uint32_t seed);

#endif
