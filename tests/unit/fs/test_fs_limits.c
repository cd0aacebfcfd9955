// SPDX-License-Identifier: MIT
// test_fs_limits.c: a full filesystem (ENOSPC, nothing stored harmed, space coming back), many
// small files, deep directories, a 300 KiB file, how erases spread, and the RAM it takes.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fs_testutil.h"

#define MIB (1024u * 1024)

static uint8_t wbuf[320 * 1024], rbuf[320 * 1024];

static uint64_t fingerprint(tfs_t *t) {
    tfs_tree_t tree;
    assert_int_equal(tfs_fingerprint(&t->fs, &tree), 0);
    return tree.fp;
}

// Sectors free for files, counting the one holding the saved erase counts as free: it comes
// into use after the first few operations and stays.
static uint32_t free_sectors(tfs_t *t) {
    fs_statvfs_t sv;
    fs_check_stats_t st;
    assert_int_equal(fs_statvfs(&t->fs, &sv), 0);
    assert_int_equal(fs_check(&t->fs, &st), 0);
    return sv.free + st.wear_sectors;
}

static void test_full_flash(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    assert_int_equal(fs_mkdir(fs, "/keep"), 0);
    tfs_fill(wbuf, 30000, 1);
    assert_int_equal(tfs_write_file(t, "/keep/a.bin", wbuf, 30000, 512), 0);
    assert_int_equal(tfs_write_file(t, "/keep/small.txt", "small", 5, 0), 0);
    uint64_t kept = fingerprint(t);
    uint32_t free0 = free_sectors(t);
    // Fill it with one-sector files until a write fails; the file that failed keeps nothing.
    char name[32];
    int files = 0;
    for (;; files++) {
        fs_file_t f;
        snprintf(name, sizeof(name), "/fill%d", files);
        int err = fs_file_open(fs, &f, name, FS_O_WRONLY | FS_O_CREAT);
        if (err == FS_ERR_NOSPC) {
            break;
        }
        assert_int_equal(err, 0);
        int32_t w = fs_file_write(fs, &f, wbuf, 4000);
        int c = fs_file_close(fs, &f);
        if (w != 4000) {
            assert_int_equal(w, FS_ERR_NOSPC);
            assert_int_equal(c, FS_ERR_NOSPC);
            break;
        }
        assert_int_equal(c, 0);
    }
    assert_true(files >= 50);
    fs_statvfs_t sv;
    assert_int_equal(fs_statvfs(fs, &sv), 0);
    assert_true(sv.free <= 1);
    // Full: more data is refused with ENOSPC ...
    fs_file_t f;
    assert_int_equal(fs_file_open(fs, &f, "/keep/small.txt", FS_O_WRONLY | FS_O_APPEND), 0);
    int32_t w = fs_file_write(fs, &f, wbuf, 20000);
    assert_true(w == FS_ERR_NOSPC || w < 20000);
    assert_int_equal(fs_file_close(fs, &f), FS_ERR_NOSPC); // and the append is not committed
    assert_true(fingerprint(t) != kept);                   // the fill files are there
    assert_int_equal(tfs_read_file(t, "/keep/small.txt", rbuf, sizeof(rbuf)), 5);
    tfs_assert_clean(t);
    // ... but removing still works (the reserve), and nothing stored was harmed.
    for (int i = 0; i <= files; i++) {
        snprintf(name, sizeof(name), "/fill%d", i);
        int err = fs_remove(fs, name);
        assert_true(err == 0 || err == FS_ERR_NOENT);
    }
    assert_true(fingerprint(t) == kept);
    assert_int_equal(free_sectors(t), free0);
    assert_int_equal(tfs_remount(t), 0);
    assert_true(fingerprint(t) == kept);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_many_small_files(void **state) {
    (void)state;
    tfs_t *t = tfs_new(2 * MIB);
    fs_t *fs = &t->fs;
    uint32_t free0 = free_sectors(t);
    assert_int_equal(fs_mkdir(fs, "/many"), 0);
    char name[64], text[64];
    const int n = 1000;
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "/many/file_%04d.py", i);
        int len = snprintf(text, sizeof(text), "value = %d\n", i);
        assert_int_equal(tfs_write_file(t, name, text, (uint32_t)len, 0), 0);
    }
    assert_int_equal(tfs_remount(t), 0);
    fs_dir_t d;
    fs_info_t info;
    int count = 0;
    assert_int_equal(fs_dir_open(fs, &d, "/many"), 0);
    while (fs_dir_read(fs, &d, &info) > 0) {
        count++;
        assert_int_equal(info.type, FS_TYPE_FILE);
    }
    assert_int_equal(count, n);
    for (int i = 0; i < n; i += 7) {
        snprintf(name, sizeof(name), "/many/file_%04d.py", i);
        int len = snprintf(text, sizeof(text), "value = %d\n", i);
        assert_int_equal(tfs_read_file(t, name, rbuf, sizeof(rbuf)), len);
        assert_memory_equal(rbuf, text, (size_t)len);
    }
    // Small files live in their directory's sectors: a thousand take a few dozen sectors.
    fs_check_stats_t st;
    assert_int_equal(fs_check(&t->fs, &st), 0);
    assert_true(st.meta_sectors < 60);
    assert_int_equal(st.data_sectors, 0);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "/many/file_%04d.py", i);
        assert_int_equal(fs_remove(fs, name), 0);
    }
    assert_int_equal(fs_rmdir(fs, "/many"), 0);
    assert_int_equal(free_sectors(t), free0);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_deep_directories(void **state) {
    (void)state;
    // Each directory takes a sector of its own: 250 of them need more than a 1 MiB flash has.
    tfs_t *t = tfs_new(4 * MIB);
    fs_t *fs = &t->fs;
    char path[FS_PATH_MAX];
    size_t len = 0;
    int depth = 0;
    for (; len + 4 < 1000; depth++) {
        len += (size_t)snprintf(path + len, sizeof(path) - len, "/d%d", depth % 10);
        assert_int_equal(fs_mkdir(fs, path), 0);
    }
    assert_true(depth >= 200);
    snprintf(path + len, sizeof(path) - len, "/leaf.txt");
    assert_int_equal(tfs_write_file(t, path, "leaf", 4, 0), 0);
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(tfs_read_file(t, path, rbuf, sizeof(rbuf)), 4);
    tfs_assert_clean(t);
    // Renaming the top moves the whole tree.
    assert_int_equal(fs_rename(fs, "/d0", "/top"), 0);
    char moved[FS_PATH_MAX + 8];
    snprintf(moved, sizeof(moved), "/top%s", path + 3);
    assert_int_equal(tfs_read_file(t, moved, rbuf, sizeof(rbuf)), 4);
    assert_int_equal(fs_remove(fs, moved), 0);
    assert_int_equal(fs_rename(fs, "/top", "/d0"), 0);
    path[len] = '\0';
    while (len > 0) {
        assert_int_equal(fs_rmdir(fs, path), 0);
        while (len > 0 && path[len] != '/') {
            len--;
        }
        path[len] = '\0';
    }
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_300k_file(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    const uint32_t n = 300 * 1024;
    tfs_fill(wbuf, n, 3);
    assert_int_equal(tfs_write_file(t, "/big.bin", wbuf, n, 256), 0);
    assert_int_equal(tfs_remount(t), 0);
    assert_int_equal(tfs_read_file(t, "/big.bin", rbuf, sizeof(rbuf)), (int32_t)n);
    assert_memory_equal(rbuf, wbuf, n);
    // Replacing it needs room for both until the new one commits: on a 1 MiB flash (98
    // sectors) a second 300 KiB copy does not fit, and the first stays intact.
    tfs_fill(wbuf, n, 4);
    int err = tfs_write_file(t, "/big.bin", wbuf, n, 4096);
    assert_true(err == FS_ERR_NOSPC || err == 0);
    tfs_fill(wbuf, n, 3);
    assert_int_equal(tfs_read_file(t, "/big.bin", rbuf, sizeof(rbuf)), (int32_t)n);
    assert_memory_equal(rbuf, wbuf, n);
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_erases_spread(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    flash_image_reset_counts(t->img);
    tfs_fill(wbuf, 20000, 9);
    assert_int_equal(tfs_write_file(t, "/static.bin", wbuf, 20000, 0), 0);
    for (int i = 0; i < 3000; i++) {
        char text[32];
        int len = snprintf(text, sizeof(text), "counter %d\n", i);
        assert_int_equal(tfs_write_file(t, "/config.txt", text, (uint32_t)len, 0), 0);
        if (i % 10 == 0) {
            assert_int_equal(tfs_write_file(t, "/log.bin", wbuf, 6000 + (uint32_t)i, 0), 0);
        }
    }
    uint32_t max = 0, total = 0, n = fs->nsec - 2;
    for (uint32_t s = 2; s < fs->nsec; s++) {
        uint32_t e = flash_image_erase_count(t->img, s);
        total += e;
        max = e > max ? e : max;
    }
    // Dynamic wear levelling: no sector takes much more than its share of the erases.
    assert_true(max <= 2 * total / n + 2);
    tfs_assert_clean(t);
    tfs_free(t);
}

// Erases of the busiest and the least busy sector (superblocks aside), as the flash counted them.
static void erase_range(tfs_t *t, uint32_t *min, uint32_t *max) {
    *min = UINT32_MAX;
    *max = 0;
    for (uint32_t s = 2; s < t->fs.nsec; s++) {
        uint32_t e = flash_image_erase_count(t->img, s);
        *min = e < *min ? e : *min;
        *max = e > *max ? e : *max;
    }
}

// Most of the flash holds files that never change; one small file is rewritten over and over.
// Removes [path]; returns the tree's fingerprint after.
static uint64_t tfs_remove_and_fingerprint(tfs_t *t, const char *path) {
    assert_int_equal(fs_remove(&t->fs, path), 0);
    return fingerprint(t);
}

static void churn_with_static_files(tfs_t *t, uint32_t spread, uint32_t *min, uint32_t *max) {
    fs_t *fs = &t->fs;
    fs_set_wear_levelling(fs, spread);
    assert_int_equal(fs_mkdir(fs, "/static"), 0);
    for (uint32_t i = 0; i < 12; i++) {
        char name[32];
        snprintf(name, sizeof(name), "/static/f%u.bin", i);
        tfs_fill(wbuf, 16000, i);
        assert_int_equal(tfs_write_file(t, name, wbuf, 16000, 0), 0); // 4 sectors and an index
    }
    uint64_t kept = fingerprint(t);
    for (uint32_t i = 0; i < 3000; i++) {
        tfs_fill(wbuf, 3000, 1000 + i);
        assert_int_equal(tfs_write_file(t, "/hot.bin", wbuf, 3000, 0), 0);
        if (i % 500 == 0) {
            assert_int_equal(tfs_remount(t), 0); // the counts come back from flash
            fs_set_wear_levelling(fs, spread);
        }
    }
    assert_int_equal(tfs_remove_and_fingerprint(t, "/hot.bin"), kept);
    erase_range(t, min, max);
    tfs_assert_clean(t);
}

static void test_static_wear_levelling(void **state) {
    (void)state;
    uint32_t min_off, max_off, min_on, max_on;
    tfs_t *t = tfs_new(MIB);
    churn_with_static_files(t, 0, &min_off, &max_off);
    tfs_free(t);
    t = tfs_new(MIB);
    churn_with_static_files(t, 8, &min_on, &max_on);
    // The filesystem's own counts follow the flash's, less what the six remounts lost: the
    // erases since the last save before each (fewer than FS_WEAR_SAVE_EVERY).
    uint32_t lost = 0;
    for (uint32_t s = 2; s < t->fs.nsec; s++) {
        assert_true(fs_erase_count(&t->fs, s) <= flash_image_erase_count(t->img, s));
        lost += flash_image_erase_count(t->img, s) - fs_erase_count(&t->fs, s);
    }
    assert_true(lost < 6 * FS_WEAR_SAVE_EVERY);
    printf("# erases per sector without static wear levelling %u..%u, with it (spread 8) %u..%u; "
           "%u sectors moved\n",
           min_off, max_off, min_on, max_on, t->fs.n_wear_moves);
    assert_int_equal(min_off, 0); // the static files' sectors are never erased
    assert_true(max_off > 40);
    assert_true(min_on > 0); // every sector takes part
    // The least-erased sector stays within the spread of the free sectors' average, and the free
    // sectors within a few times that of each other.
    assert_true(max_on - min_on <= 3 * 8);
    assert_true(max_on <= max_off / 2);
    tfs_free(t);
}

static void test_wear_levelling_leaves_open_files_alone(void **state) {
    (void)state;
    tfs_t *t = tfs_new(MIB);
    fs_t *fs = &t->fs;
    fs_set_wear_levelling(fs, 4);
    char name[32];
    for (uint32_t i = 0; i < 12; i++) {
        snprintf(name, sizeof(name), "/f%u.bin", i);
        tfs_fill(wbuf, 16000, i);
        assert_int_equal(tfs_write_file(t, name, wbuf, 16000, 0), 0);
    }
    // The coldest data belongs to files open for writing, one of them already written to.
    fs_file_t w[2];
    assert_int_equal(fs_file_open(fs, &w[0], "/f0.bin", FS_O_RDWR | FS_O_APPEND), 0);
    assert_int_equal(fs_file_open(fs, &w[1], "/f1.bin", FS_O_RDWR), 0);
    assert_int_equal(fs_file_write(fs, &w[0], "appended", 8), 8);
    for (uint32_t i = 0; i < 1500; i++) {
        tfs_fill(wbuf, 3000, 1000 + i);
        assert_int_equal(tfs_write_file(t, "/hot.bin", wbuf, 3000, 0), 0);
    }
    assert_true(fs->n_wear_moves > 10); // the other files' data moved
    // The writers carry on as if nothing moved.
    assert_int_equal(fs_file_seek(fs, &w[1], 100, 0), 100);
    assert_int_equal(fs_file_write(fs, &w[1], "patched", 7), 7);
    assert_int_equal(fs_file_close(fs, &w[0]), 0);
    assert_int_equal(fs_file_close(fs, &w[1]), 0);
    for (uint32_t i = 0; i < 12; i++) {
        snprintf(name, sizeof(name), "/f%u.bin", i);
        tfs_fill(wbuf, 16000, i);
        memcpy(wbuf + 16000, "appended", 8);
        if (i == 1) {
            memcpy(wbuf + 100, "patched", 7);
        }
        uint32_t len = i == 0 ? 16008 : 16000;
        assert_int_equal(tfs_read_file(t, name, rbuf, sizeof(rbuf)), (int32_t)len);
        assert_memory_equal(rbuf, wbuf, len);
    }
    tfs_assert_clean(t);
    tfs_free(t);
}

static void test_ram_is_bounded(void **state) {
    (void)state;
    // What the filesystem needs besides its caller's file and directory handles.
    assert_true(sizeof(fs_t) <= 1320);
    assert_true(FS_RAM_BITMAPS(763) <= 384 + 764); // four bitmaps and the erase counts
    assert_true(sizeof(fs_file_t) <= 344);
    assert_true(sizeof(fs_dir_t) <= 24);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_flash),
        cmocka_unit_test(test_many_small_files),
        cmocka_unit_test(test_deep_directories),
        cmocka_unit_test(test_300k_file),
        cmocka_unit_test(test_erases_spread),
        cmocka_unit_test(test_ram_is_bounded),
        cmocka_unit_test(test_static_wear_levelling),
        cmocka_unit_test(test_wear_levelling_leaves_open_files_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
