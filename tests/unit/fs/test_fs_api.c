// SPDX-License-Identifier: MIT
// test_fs_api.c: the filesystem's API: files through every storage form, directories, rename,
// names, several handles on one file, and what mount says about blank, foreign and damaged
// flash.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs_priv.h"
#include "fs_testutil.h"

#define MIB (1024u * 1024)

static uint8_t wbuf[320 * 1024], rbuf[320 * 1024];

static void test_blank_foreign_and_format(void **state) {
    (void)state;
    flash_image_t *img = flash_image_new_ram(MIB);
    static uint32_t ram[256];
    fs_t fs;
    assert_int_equal(fs_mount(&fs, flash_image_bd(img), ram, sizeof(ram)), FS_ERR_NODEV);
    // Something that is not ours in the superblock sectors: corrupt, not blank.
    uint8_t *bytes = flash_image_bytes(img) + 0x99000;
    memcpy(bytes, "LittleFS", 8);
    assert_int_equal(fs_mount(&fs, flash_image_bd(img), ram, sizeof(ram)), FS_ERR_IO);
    assert_non_null(fs_corrupt_reason(&fs));
    assert_int_equal(fs_format(&fs, flash_image_bd(img), ram, sizeof(ram)), 0);
    assert_int_equal(fs_mount(&fs, flash_image_bd(img), ram, sizeof(ram)), 0);
    // Too little RAM is refused, not overrun.
    assert_int_equal(fs_mount(&fs, flash_image_bd(img), ram, 8), FS_ERR_NOMEM);
    flash_image_close(img);
}

static void test_files_through_every_storage_form(void **state) {
    (void)state;
    tfs_t *t = tfs_new(2 * MIB);
    static const uint32_t sizes[] = {0, 1, 100, 256, 257, 4095, 4096, 4097, 8192, 50000, 300000};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        uint32_t n = sizes[i];
        tfs_fill(wbuf, n, (uint32_t)i);
        assert_int_equal(tfs_write_file(t, "/f", wbuf, n, 256), 0);
        assert_int_equal(tfs_read_file(t, "/f", rbuf, sizeof(rbuf)), (int32_t)n);
        assert_memory_equal(rbuf, wbuf, n);
        // Growing by appends, across the same thresholds.
        assert_int_equal(tfs_append_file(t, "/f", "tail", 4), 0);
        assert_int_equal(tfs_read_file(t, "/f", rbuf, sizeof(rbuf)), (int32_t)n + 4);
        assert_memory_equal(rbuf + n, "tail", 4);
        tfs_assert_clean(t);
    }
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(tfs_read_file(t, "/f", rbuf, sizeof(rbuf)), 300004);
    assert_memory_equal(rbuf, wbuf, 300000);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_seek_rewrite_and_gaps(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    fs_file_t f;
    tfs_fill(wbuf, 20000, 5);
    assert_int_equal(tfs_write_file(t, "/s", wbuf, 20000, 1000), 0);
    assert_int_equal(fs_file_open(fs, &f, "/s", FS_O_RDWR), 0);
    // Backwards and forwards across sectors, several times in one block.
    static const uint32_t at[] = {10000, 3000, 3100, 3050, 16380, 0, 8190};
    for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
        assert_int_equal(fs_file_seek(fs, &f, (int32_t)at[i], 0), (int32_t)at[i]);
        assert_int_equal(fs_file_write(fs, &f, "XYZ", 3), 3);
        memcpy(wbuf + at[i], "XYZ", 3);
    }
    // Reading through the block being rewritten sees the new bytes and the old ones.
    assert_int_equal(fs_file_seek(fs, &f, 8000, 0), 8000);
    assert_int_equal(fs_file_read(fs, &f, rbuf, 400), 400);
    assert_memory_equal(rbuf, wbuf + 8000, 400);
    assert_int_equal(fs_file_seek(fs, &f, 25000, 0), 25000);
    assert_int_equal(fs_file_write(fs, &f, "end", 3), 3);
    memset(wbuf + 20000, 0, 5000);
    memcpy(wbuf + 25000, "end", 3);
    assert_int_equal(fs_file_size(fs, &f), 25003);
    assert_int_equal(fs_file_close(fs, &f), 0);
    assert_int_equal(tfs_read_file(t, "/s", rbuf, sizeof(rbuf)), 25003);
    assert_memory_equal(rbuf, wbuf, 25003);
    tfs_assert_clean(t);
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(tfs_read_file(t, "/s", rbuf, sizeof(rbuf)), 25003);
    assert_memory_equal(rbuf, wbuf, 25003);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_directories_and_errors(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    fs_info_t info;
    fs_file_t f;
    assert_int_equal(fs_mkdir(fs, "/a"), 0);
    assert_int_equal(fs_mkdir(fs, "/a/b"), 0);
    assert_int_equal(fs_mkdir(fs, "/a"), FS_ERR_EXIST);
    assert_int_equal(fs_mkdir(fs, "/x/y"), FS_ERR_NOENT);
    assert_int_equal(tfs_write_file(t, "/a/file", "data", 4, 0), 0);
    assert_int_equal(fs_mkdir(fs, "/a/file/sub"), FS_ERR_NOTDIR);
    assert_int_equal(fs_rmdir(fs, "/a"), FS_ERR_NOTEMPTY);
    assert_int_equal(fs_rmdir(fs, "/a/file"), FS_ERR_NOTDIR);
    assert_int_equal(fs_rmdir(fs, "/"), FS_ERR_INVAL);
    assert_int_equal(fs_remove(fs, "/a/b"), FS_ERR_ISDIR);
    assert_int_equal(fs_remove(fs, "/a/nope"), FS_ERR_NOENT);
    assert_int_equal(fs_file_open(fs, &f, "/a", FS_O_RDONLY), FS_ERR_ISDIR);
    assert_int_equal(fs_file_open(fs, &f, "/a/file", FS_O_RDONLY | FS_O_CREAT | FS_O_EXCL),
                     FS_ERR_EXIST);
    assert_int_equal(fs_stat(fs, "//a///b/", &info), 0);
    assert_int_equal(info.type, FS_TYPE_DIR);
    assert_string_equal(info.name, "b");
    assert_int_equal(fs_stat(fs, "/", &info), 0);
    assert_int_equal(info.type, FS_TYPE_DIR);
    assert_int_equal(fs_rmdir(fs, "/a/b"), 0);
    assert_int_equal(fs_remove(fs, "/a/file"), 0);
    assert_int_equal(fs_rmdir(fs, "/a"), 0);
    fs_dir_t d;
    assert_int_equal(fs_dir_open(fs, &d, "/"), 0);
    assert_int_equal(fs_dir_read(fs, &d, &info), 0);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_rename(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    assert_int_equal(fs_mkdir(fs, "/d1"), 0);
    assert_int_equal(fs_mkdir(fs, "/d2"), 0);
    assert_int_equal(fs_mkdir(fs, "/d2/empty"), 0);
    assert_int_equal(tfs_write_file(t, "/d1/a", "AAAA", 4, 0), 0);
    tfs_fill(wbuf, 9000, 1);
    assert_int_equal(tfs_write_file(t, "/d2/b", wbuf, 9000, 0), 0);
    assert_int_equal(fs_rename(fs, "/d1/a", "/d1/a2"), 0);
    assert_int_equal(fs_rename(fs, "/d1/a2", "/d2/b"), 0); // replaces b, frees its sectors
    assert_int_equal(tfs_read_file(t, "/d2/b", rbuf, sizeof(rbuf)), 4);
    assert_int_equal(fs_rename(fs, "/d1", "/d1/inside"), FS_ERR_INVAL);
    assert_int_equal(fs_rename(fs, "/d2/b", "/d2/empty"), FS_ERR_ISDIR);
    assert_int_equal(fs_rename(fs, "/d2", "/d2/b"), FS_ERR_INVAL);
    assert_int_equal(fs_rename(fs, "/d1", "/d2/b"), FS_ERR_NOTDIR);
    assert_int_equal(fs_rename(fs, "/d1", "/d2/empty"), 0); // an empty directory is replaced
    assert_int_equal(fs_rename(fs, "/d2", "/moved"), 0);
    assert_int_equal(fs_rename(fs, "/nope", "/x"), FS_ERR_NOENT);
    assert_int_equal(fs_rename(fs, "/moved/b", "/nodir/b"), FS_ERR_NOENT);
    assert_int_equal(tfs_read_file(t, "/moved/b", rbuf, sizeof(rbuf)), 4);
    fs_info_t info;
    assert_int_equal(fs_stat(fs, "/moved/empty", &info), 0);
    assert_int_equal(info.type, FS_TYPE_DIR);
    tfs_assert_clean(t);
    assert_int_equal(tfs_remount(t), 0);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_names(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    char name[300];
    static const char *names[] = {"/with space",
                                  "/it's",
                                  "/say \"hi\"",
                                  "/\xc3\xb1"
                                  "and\xc3\xba",
                                  "/\xe2\x82\xac",
                                  "/\xf0\x9f\x98\x80 emoji",
                                  "/tab\there"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        assert_int_equal(tfs_write_file(t, names[i], names[i], (uint32_t)strlen(names[i]), 0), 0);
    }
    name[0] = '/';
    memset(name + 1, 'n', 255);
    name[256] = '\0';
    assert_int_equal(tfs_write_file(t, name, "long", 4, 0), 0);
    assert_int_equal(fs_mkdir(fs, name), FS_ERR_EXIST);
    name[256] = 'n';
    name[257] = '\0';
    assert_int_equal(tfs_write_file(t, name, "long", 4, 0), FS_ERR_NAMETOOLONG);
    assert_int_equal(tfs_remount(t), 0);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        int32_t n = tfs_read_file(t, names[i], rbuf, sizeof(rbuf));
        assert_int_equal(n, (int32_t)strlen(names[i]));
        assert_memory_equal(rbuf, names[i], (size_t)n);
    }
    fs_dir_t d;
    fs_info_t info;
    int count = 0;
    assert_int_equal(fs_dir_open(fs, &d, "/"), 0);
    while (fs_dir_read(fs, &d, &info) > 0) {
        count++;
    }
    assert_int_equal(count, 8);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_paths(void **state) {
    (void)state;
    char out[FS_PATH_MAX];
    assert_int_equal(fs_path_join("/a/b", "../c/./d", out), 0);
    assert_string_equal(out, "/a/c/d");
    assert_int_equal(fs_path_join("/a", "/x//y/", out), 0);
    assert_string_equal(out, "/x/y");
    assert_int_equal(fs_path_join("/", "../..", out), 0);
    assert_string_equal(out, "/");
    assert_int_equal(fs_path_join("/a", "", out), 0);
    assert_string_equal(out, "/a");
    char longp[FS_PATH_MAX + 10];
    memset(longp, 'p', sizeof(longp) - 1);
    longp[sizeof(longp) - 1] = '\0';
    assert_int_equal(fs_path_join("/", longp, out), FS_ERR_NAMETOOLONG);
}

static void test_two_handles(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    fs_file_t r, w, w2;
    tfs_fill(wbuf, 10000, 1);
    assert_int_equal(tfs_write_file(t, "/f", wbuf, 10000, 0), 0);
    assert_int_equal(fs_file_open(fs, &r, "/f", FS_O_RDONLY), 0);
    assert_int_equal(fs_file_read(fs, &r, rbuf, 100), 100);
    // A writer's uncommitted data is invisible to the reader ...
    assert_int_equal(fs_file_open(fs, &w, "/f", FS_O_WRONLY | FS_O_TRUNC), 0);
    tfs_fill(wbuf + 20000, 5000, 2);
    assert_int_equal(fs_file_write(fs, &w, wbuf + 20000, 5000), 5000);
    assert_int_equal(fs_file_read(fs, &r, rbuf + 100, 100), 100);
    assert_memory_equal(rbuf, wbuf, 200);
    // ... until it commits: then the reader follows the new contents at its position.
    assert_int_equal(fs_file_close(fs, &w), 0);
    assert_int_equal(fs_file_size(fs, &r), 5000);
    assert_int_equal(fs_file_read(fs, &r, rbuf, 100), 100);
    assert_memory_equal(rbuf, wbuf + 20000 + 200, 100);
    // Two writers: the second to commit over changed contents loses, cleanly.
    assert_int_equal(fs_file_open(fs, &w, "/f", FS_O_RDWR), 0);
    assert_int_equal(fs_file_open(fs, &w2, "/f", FS_O_RDWR | FS_O_APPEND), 0);
    assert_int_equal(fs_file_write(fs, &w, "first", 5), 5);
    assert_int_equal(fs_file_write(fs, &w2, "second", 6), 6);
    assert_int_equal(fs_file_close(fs, &w), 0);
    assert_int_equal(fs_file_close(fs, &w2), FS_ERR_BUSY);
    assert_int_equal(tfs_read_file(t, "/f", rbuf, sizeof(rbuf)), 5000);
    assert_memory_equal(rbuf, "first", 5);
    // A removed file's handle reports it.
    assert_int_equal(fs_remove(fs, "/f"), 0);
    assert_int_equal(fs_file_read(fs, &r, rbuf, 10), FS_ERR_BADF);
    fs_file_close(fs, &r);
    tfs_assert_clean(t);
    // A writer dropped without closing keeps sectors only until the next mount.
    assert_int_equal(fs_file_open(fs, &w, "/g", FS_O_WRONLY | FS_O_CREAT), 0);
    assert_int_equal(fs_file_write(fs, &w, wbuf, 9000), 9000);
    uint32_t free_with_leak = t->fs.nfree;
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(t->fs.nfree, free_with_leak + 4); // 3 data sectors and the index
    assert_int_equal(tfs_read_file(t, "/g", rbuf, sizeof(rbuf)), 0);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_damage_is_detected(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    assert_int_equal(fs_mkdir(&t->fs, "/d"), 0);
    assert_int_equal(tfs_write_file(t, "/d/x", "xx", 2, 0), 0);
    uint8_t *part = flash_image_bytes(t->img) + 0x99000;
    uint32_t root = t->fs.root;
    // A flipped bit inside the root directory's log: its checksum no longer matches, the
    // entries after it are lost and the mount check notices the unreachable ...
    uint8_t saved[FS_SECTOR_SIZE];
    memcpy(saved, part + root * FS_SECTOR_SIZE, FS_SECTOR_SIZE);
    part[root * FS_SECTOR_SIZE + 20] ^= 0x10;
    assert_int_equal(tfs_remount(t), FS_ERR_IO);
    assert_non_null(fs_corrupt_reason(&t->fs));
    memcpy(part + root * FS_SECTOR_SIZE, saved, FS_SECTOR_SIZE);
    assert_int_equal(tfs_remount(t), 0);
    // A directory's sector overwritten by something else: the entry no longer matches it.
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    assert_int_equal(fs_lookup(&t->fs, "/d", &loc, &name, &len), 0);
    memcpy(saved, part + loc.e.ptr * FS_SECTOR_SIZE, FS_SECTOR_SIZE);
    memset(part + loc.e.ptr * FS_SECTOR_SIZE, 0, 16);
    assert_int_equal(tfs_remount(t), FS_ERR_IO);
    memcpy(part + loc.e.ptr * FS_SECTOR_SIZE, saved, FS_SECTOR_SIZE);
    // Both superblocks gone: not a filesystem any more, but not blank either.
    memset(part, 0, 64);
    memset(part + FS_SECTOR_SIZE, 0, 64);
    assert_int_equal(tfs_remount(t), FS_ERR_IO);
    memset(part, 0xff, 2 * FS_SECTOR_SIZE);
    assert_int_equal(tfs_remount(t), FS_ERR_NODEV);
    tfs_free(t);
}

// The time [path]'s entry carries, or 0xffffffff if it cannot be read.
static uint32_t mtime_of(fs_t *fs, const char *path) {
    fs_info_t info;
    return fs_stat(fs, path, &info) == 0 ? info.mtime : 0xffffffffu;
}

static void test_timestamps(void **state) {
    (void)state;
    tfs_t *t = tfs_new(2 * MIB);
    fs_t *fs = &t->fs;
    fs_file_t f;
    assert_int_equal(mtime_of(fs, "/"), 0); // the root has no entry
    // Creating stamps files and directories.
    fs_set_time(fs, 1000);
    assert_int_equal(fs_mkdir(fs, "/d"), 0);
    assert_int_equal(fs_file_open(fs, &f, "/d/a", FS_O_WRONLY | FS_O_CREAT), 0);
    assert_int_equal(mtime_of(fs, "/d/a"), 1000);
    // A file's time is that of its last write, committed when it is synced or closed.
    fs_set_time(fs, 1100);
    assert_int_equal(fs_file_write(fs, &f, wbuf, 100), 100);
    fs_set_time(fs, 1200);
    assert_int_equal(mtime_of(fs, "/d/a"), 1000); // not committed yet
    assert_int_equal(fs_file_close(fs, &f), 0);
    assert_int_equal(mtime_of(fs, "/d/a"), 1100);
    assert_int_equal(mtime_of(fs, "/d"), 1000); // a directory keeps the time it was made
    // Through every storage form: inline, one sector, indexed.
    static const uint32_t sizes[] = {200, 3000, 20000};
    for (uint32_t i = 0; i < 3; i++) {
        fs_set_time(fs, 2000 + i);
        assert_int_equal(tfs_append_file(t, "/d/a", wbuf, sizes[i]), 0);
        assert_int_equal(mtime_of(fs, "/d/a"), 2000 + i);
    }
    // Reading, or opening for writing and writing nothing, changes nothing.
    fs_set_time(fs, 3000);
    assert_true(tfs_read_file(t, "/d/a", rbuf, sizeof(rbuf)) > 0);
    assert_int_equal(fs_file_open(fs, &f, "/d/a", FS_O_RDWR | FS_O_APPEND), 0);
    assert_int_equal(fs_file_close(fs, &f), 0);
    assert_int_equal(mtime_of(fs, "/d/a"), 2002);
    // Truncating is a change.
    assert_int_equal(fs_file_open(fs, &f, "/d/a", FS_O_WRONLY | FS_O_TRUNC), 0);
    assert_int_equal(fs_file_close(fs, &f), 0);
    assert_int_equal(mtime_of(fs, "/d/a"), 3000);
    // A rename keeps the entry's time, within a directory and across directories, over an
    // existing file too; the directories keep theirs.
    fs_set_time(fs, 4000);
    assert_int_equal(fs_mkdir(fs, "/e"), 0);
    fs_set_time(fs, 5000);
    assert_int_equal(fs_rename(fs, "/d/a", "/d/b"), 0);
    assert_int_equal(mtime_of(fs, "/d/b"), 3000);
    assert_int_equal(fs_rename(fs, "/d/b", "/e/c"), 0);
    assert_int_equal(mtime_of(fs, "/e/c"), 3000);
    assert_int_equal(tfs_write_file(t, "/e/old", "x", 1, 0), 0);
    assert_int_equal(fs_rename(fs, "/e/c", "/e/old"), 0);
    assert_int_equal(mtime_of(fs, "/e/old"), 3000);
    assert_int_equal(fs_rename(fs, "/e", "/f"), 0);
    assert_int_equal(mtime_of(fs, "/f"), 4000);
    // A rewrite in place ("r+") is a change; times survive a remount, which sets the clock to 0.
    fs_set_time(fs, 6000);
    assert_int_equal(fs_file_open(fs, &f, "/f/old", FS_O_RDWR), 0);
    assert_int_equal(fs_file_write(fs, &f, "y", 1), 1);
    assert_int_equal(fs_file_close(fs, &f), 0);
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(mtime_of(fs, "/f/old"), 6000);
    assert_int_equal(mtime_of(fs, "/f"), 4000);
    assert_int_equal(mtime_of(fs, "/d"), 1000);
    assert_int_equal(tfs_write_file(t, "/new", "z", 1, 0), 0);
    assert_int_equal(mtime_of(fs, "/new"), 0);
    // Listing gives the same times as stat.
    fs_dir_t d;
    fs_info_t info;
    assert_int_equal(fs_dir_open(fs, &d, "/f"), 0);
    assert_int_equal(fs_dir_read(fs, &d, &info), 1);
    assert_string_equal(info.name, "old");
    assert_int_equal(info.mtime, 6000);
    fs_dir_close(fs, &d);
    // The largest time is kept as it is.
    fs_set_time(fs, 0xfffffffeu);
    assert_int_equal(tfs_write_file(t, "/new", "zz", 2, 0), 0);
    assert_int_equal(mtime_of(fs, "/new"), 0xfffffffeu);
    tfs_assert_clean(t);
    tfs_free(t);
}

// Rewrites the version of both superblocks of [img] (1 MiB flash) and their checksums.
static void set_format_version(flash_image_t *img, uint16_t version) {
    uint8_t *part = flash_image_bytes(img) + 0x99000;
    for (uint32_t s = 0; s < 2; s++) {
        uint8_t *sb = part + s * FS_SECTOR_SIZE;
        if (fs_get32(sb) != FS_SB_MAGIC) {
            continue;
        }
        fs_put16(sb + 4, version);
        // The first commit: the header, the ROOT and WEAR records and the CRC record's header.
        uint32_t crc = fs_crc32(0, sb, FS_SB_HDR + 16 + 4);
        fs_put32(sb + FS_SB_HDR + 16 + 4, crc);
    }
}

static void test_other_format_versions_are_refused(void **state) {
    (void)state;
    // A fresh format: the active superblock's log is its first commit alone.
    tfs_t *u = tfs_new(MIB);
    assert_int_equal(tfs_write_file(u, "/keep", "data", 4, 0), 0);
    set_format_version(u->img, 1);
    assert_int_equal(tfs_remount(u), FS_ERR_IO);
    assert_non_null(strstr(fs_corrupt_reason(&u->fs), "format version 1"));
    set_format_version(u->img, 3);
    assert_int_equal(tfs_remount(u), FS_ERR_IO);
    assert_non_null(strstr(fs_corrupt_reason(&u->fs), "unknown format version"));
    // Nothing was written: the current version mounts again as it was.
    set_format_version(u->img, FS_VERSION);
    assert_int_equal(tfs_remount(u), 0);
    assert_int_equal(tfs_read_file(u, "/keep", rbuf, sizeof(rbuf)), 4);
    tfs_assert_clean(u);
    tfs_free(u);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_foreign_and_format),
        cmocka_unit_test(test_files_through_every_storage_form),
        cmocka_unit_test(test_seek_rewrite_and_gaps),
        cmocka_unit_test(test_directories_and_errors),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_two_handles),
        cmocka_unit_test(test_damage_is_detected),
        cmocka_unit_test(test_timestamps),
        cmocka_unit_test(test_other_format_versions_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
