// SPDX-License-Identifier: MIT
// test_fs_powercut.c: power cuts at every program/erase operation of a filesystem workload.
//
// The test build saves erase counts every few erases and levels wear at a spread of 3 erases,
// so cuts also land in the middle of saving counts and of moving static data (checked to happen
// in the reference run). A reference run of the workload records, for every step, the fingerprints
// of the trees a remount may legitimately show if the power goes during that step (before it, after
// it, and after a commit inside it such as an open that creates the file). Then for each cut point
// N the workload runs on a fresh copy of the starting image until the power goes at operation N
// (clean, or torn part-way through); the image is mounted again and must pass the consistency
// check, show one of the allowed trees, have its free space accounted for (used sectors equal
// what the tree references), and keep working (a further write, check and removal).
//
// CI runs a spread subset of the cut points. The full run, every cut point both clean and torn:
//   FS_POWERCUT_FULL=1 build/tests/unit/test_fs_powercut
// FS_POWERCUT_STRIDE=N runs every Nth cut point (both ways).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fs_testutil.h"

#define MAX_STEPS 1024
#define MAX_MARKS 6
#define FLASH     (1024u * 1024)

typedef struct pc {
    fs_t *fs;
    bool record;
    int step;
    uint64_t allowed[MAX_STEPS][MAX_MARKS];
    int n_allowed[MAX_STEPS];
    int failed_err;
    const char *failed_what;
} pc_t;

static uint8_t buf[80 * 1024];

static int mark(pc_t *c) {
    if (!c->record) {
        return 0;
    }
    tfs_tree_t t;
    int err = tfs_fingerprint(c->fs, &t);
    if (err < 0 || c->n_allowed[c->step] >= MAX_MARKS) {
        fprintf(stderr, "reference fingerprint failed at step %d: %d\n", c->step, err);
        return -1;
    }
    c->allowed[c->step][c->n_allowed[c->step]++] = t.fp;
    return 0;
}

static int stop(pc_t *c, int err, const char *what) {
    c->failed_err = err;
    c->failed_what = what;
    return -1;
}

#define DO(call)                                                                                   \
    do {                                                                                           \
        int e_ = (int)(call);                                                                      \
        if (e_ < 0) {                                                                              \
            return stop(c, e_, #call);                                                             \
        }                                                                                          \
    } while (0)
// Each step runs at its own time, so the entries' times are checked with their contents.
#define STEP()                                                                                     \
    do {                                                                                           \
        c->step++;                                                                                 \
        fs_set_time(c->fs, 1000u + (uint32_t)c->step);                                             \
        DO(mark(c));                                                                               \
    } while (0)
#define END_STEP() DO(mark(c))

// Writes a file as programs do: open (which may create it: a commit), writes, close.
static int put_file(pc_t *c, const char *path, uint32_t len, uint32_t seed, uint32_t chunk,
                    int flags) {
    fs_file_t f;
    tfs_fill(buf, len, seed);
    DO(fs_file_open(c->fs, &f, path, FS_O_WRONLY | FS_O_CREAT | flags));
    DO(mark(c));
    for (uint32_t done = 0; done < len; done += chunk) {
        uint32_t n = len - done < chunk ? len - done : chunk;
        DO(fs_file_write(c->fs, &f, buf + done, n));
    }
    DO(fs_file_close(c->fs, &f));
    return 0;
}

static int write_file(pc_t *c, const char *path, uint32_t len, uint32_t seed) {
    STEP();
    DO(put_file(c, path, len, seed, 256, FS_O_TRUNC));
    END_STEP();
    return 0;
}

static int append_file(pc_t *c, const char *path, uint32_t len, uint32_t seed) {
    STEP();
    DO(put_file(c, path, len, seed, 100, FS_O_APPEND));
    END_STEP();
    return 0;
}

// Overwrites [len] bytes at [at] in place ("r+").
static int patch_file(pc_t *c, const char *path, uint32_t at, uint32_t len, uint32_t seed) {
    fs_file_t f;
    STEP();
    tfs_fill(buf, len, seed);
    DO(fs_file_open(c->fs, &f, path, FS_O_RDWR));
    DO(fs_file_seek(c->fs, &f, (int32_t)at, 0));
    DO(fs_file_write(c->fs, &f, buf, len));
    DO(fs_file_close(c->fs, &f));
    END_STEP();
    return 0;
}

#define OP(call)                                                                                   \
    do {                                                                                           \
        STEP();                                                                                    \
        DO(call);                                                                                  \
        END_STEP();                                                                                \
    } while (0)

static int workload(pc_t *c) {
    fs_t *fs = c->fs;
    char path[128];
    OP(fs_mkdir(fs, "/lib"));
    OP(fs_mkdir(fs, "/data"));
    // Never touched again: static wear levelling moves these (directory, index, data sectors).
    OP(fs_mkdir(fs, "/static"));
    DO(write_file(c, "/static/table.bin", 9000, 20));
    DO(write_file(c, "/static/one.bin", 3000, 21));
    DO(write_file(c, "/static/small.txt", 100, 22));
    OP(fs_mkdir(fs, "/data/logs"));
    DO(write_file(c, "/boot.py", 40, 1));
    DO(write_file(c, "/lib/util.py", 200, 2));
    DO(write_file(c, "/data/blob.bin", 10000, 3));
    DO(append_file(c, "/boot.py", 300, 4));
    DO(append_file(c, "/data/blob.bin", 5000, 5));
    DO(write_file(c, "/lib/util.py", 3000, 6));
    DO(patch_file(c, "/data/blob.bin", 3000, 2000, 7));
    DO(patch_file(c, "/data/blob.bin", 14000, 100, 8));
    OP(fs_rename(fs, "/lib/util.py", "/lib/helpers.py"));
    OP(fs_rename(fs, "/boot.py", "/data/boot.bak"));
    DO(write_file(c, "/data/new.txt", 77, 9));
    OP(fs_rename(fs, "/data/boot.bak", "/data/new.txt"));
    OP(fs_mkdir(fs, "/tmp"));
    DO(write_file(c, "/data/logs/log1.txt", 500, 10));
    OP(fs_rename(fs, "/data/logs", "/tmp/logs"));
    DO(write_file(c, "/data/my file 'quoted' \"x\".txt", 20, 11));
    DO(write_file(c,
                  "/data/\xc3\xb1"
                  "and\xc3\xba \xe2\x82\xac.txt",
                  30, 12));
    for (int i = 0; i < 40; i++) {
        snprintf(path, sizeof(path), "/lib/module_with_a_rather_long_name_%02d.py", i);
        DO(write_file(c, path, 20 + (uint32_t)i * 3, 100 + (uint32_t)i));
    }
    strcpy(path, "");
    for (int i = 0; i < 10; i++) {
        snprintf(path + strlen(path), sizeof(path) - strlen(path), "/d%d", i);
        OP(fs_mkdir(fs, path));
    }
    DO(write_file(c, "/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/deep.txt", 1000, 13));
    for (int i = 0; i < 30; i++) {
        DO(write_file(c, "/data/config.json", 50 + (uint32_t)(i * 37) % 200, 200 + (uint32_t)i));
    }
    // Inline rewrites in the root: its sector is compacted again and again, and with the test
    // build's small superblock log (FS_SB_LIMIT) the superblock changes hands.
    for (int i = 0; i < 100; i++) {
        DO(write_file(c, "/state.txt", 150 + (uint32_t)i, 300 + (uint32_t)i));
    }
    for (int i = 0; i < 40; i += 3) {
        snprintf(path, sizeof(path), "/lib/module_with_a_rather_long_name_%02d.py", i);
        OP(fs_remove(fs, path));
    }
    OP(fs_remove(fs, "/d0/d1/d2/d3/d4/d5/d6/d7/d8/d9/deep.txt"));
    for (int i = 9; i >= 5; i--) {
        path[0] = '\0';
        for (int j = 0; j <= i; j++) {
            snprintf(path + strlen(path), sizeof(path) - strlen(path), "/d%d", j);
        }
        OP(fs_rmdir(fs, path));
    }
    DO(write_file(c, "/data/big.bin", 60000, 14));
    DO(patch_file(c, "/data/big.bin", 0, 5000, 15));
    OP(fs_remove(fs, "/data/blob.bin"));
    DO(write_file(c, "/data/big.bin", 20000, 16));
    OP(fs_rename(fs, "/lib", "/d0/lib"));
    // Churn: in-place appends, rewrites, patches, files coming and going, renames back and
    // forth between directories, directories coming and going.
    for (int r = 0; r < 24; r++) {
        DO(append_file(c, "/tmp/logs/log1.txt", 150, 400 + (uint32_t)r));
        snprintf(path, sizeof(path), "/d0/lib/module_with_a_rather_long_name_%02d.py",
                 1 + (r * 3) % 39 / 3 * 3 + 1);
        DO(write_file(c, path, 100 + (uint32_t)r * 40, 500 + (uint32_t)r));
        if (r % 4 == 0) {
            snprintf(path, sizeof(path), "/data/chunk%d.bin", r);
            DO(write_file(c, path, 9000, 600 + (uint32_t)r));
            if (r >= 8) {
                snprintf(path, sizeof(path), "/data/chunk%d.bin", r - 8);
                OP(fs_remove(fs, path));
            }
        }
        DO(patch_file(c, "/data/big.bin", (uint32_t)r * 700, 600, 700 + (uint32_t)r));
        OP(fs_rename(fs, r % 2 ? "/tmp/config.json" : "/data/config.json",
                     r % 2 ? "/data/config.json" : "/tmp/config.json"));
        snprintf(path, sizeof(path), "/tmp/r%d", r);
        OP(fs_mkdir(fs, path));
        if (r > 0) {
            snprintf(path, sizeof(path), "/tmp/r%d", r - 1);
            OP(fs_rmdir(fs, path));
        }
    }
    OP(fs_remove(fs, "/data/big.bin"));
    // One hot file among static ones: its rewrites wear the free sectors, and static wear
    // levelling moves the data that sits still (files, index sectors, directory sectors).
    for (int i = 0; i < 120; i++) {
        DO(write_file(c, "/data/hot.bin", 300 + (uint32_t)i * 3, 800 + (uint32_t)i));
    }
    // A directory spread over several sectors emptied: its chain sectors are unlinked.
    for (int i = 0; i < 40; i++) {
        if (i % 3 != 0) {
            snprintf(path, sizeof(path), "/d0/lib/module_with_a_rather_long_name_%02d.py", i);
            OP(fs_remove(fs, path));
        }
    }
    OP(fs_remove(fs, "/d0/lib/helpers.py"));
    OP(fs_rmdir(fs, "/d0/lib"));
    return 0;
}

static flash_image_t *saved; // the image as the cut left it
static uint64_t mount_cuts;  // cuts made during a mount's repair

static bool tree_allowed(tfs_t *t, pc_t *c, tfs_tree_t *tree) {
    if (tfs_fingerprint(&t->fs, tree) < 0) {
        return false;
    }
    for (int i = 0; i < c->n_allowed[c->step]; i++) {
        if (c->allowed[c->step][i] == tree->fp) {
            return true;
        }
    }
    return false;
}

// A mount that repairs (finishes an interrupted rename) writes: cut the power at each of its
// operations too, then the next mount must still succeed and show an allowed tree.
static void cut_during_mount(tfs_t *t, pc_t *c, uint64_t cut) {
    if (saved == NULL) {
        saved = flash_image_clone(t->img);
    }
    flash_image_copy(saved, t->img);
    uint64_t before = flash_image_ops(t->img);
    int err = tfs_remount(t);
    uint64_t writes = flash_image_ops(t->img) - before;
    for (uint64_t j = 0; err == 0 && j < writes; j++) {
        flash_image_copy(t->img, saved);
        flash_image_cut_after(t->img, j, j % 2, (uint32_t)(cut + j));
        tfs_remount(t);
        flash_image_power_on(t->img);
        tfs_tree_t tree;
        if ((err = tfs_remount(t)) < 0 || !tree_allowed(t, c, &tree)) {
            fail_msg("cut %llu, then again at the mount's write %llu: %d %s",
                     (unsigned long long)cut, (unsigned long long)j, err,
                     fs_corrupt_reason(&t->fs));
        }
        mount_cuts++;
    }
    flash_image_copy(t->img, saved);
}

// Remounts after a cut at [cut] and checks everything; returns 0 or fails the test.
static void check_after_cut(tfs_t *t, pc_t *c, uint64_t cut, bool tear) {
    cut_during_mount(t, c, cut);
    int err = tfs_remount(t);
    if (err < 0) {
        fail_msg("cut %llu%s (step %d): mount failed %d: %s", (unsigned long long)cut,
                 tear ? " torn" : "", c->step, err, fs_corrupt_reason(&t->fs));
    }
    fs_check_stats_t st;
    err = fs_check(&t->fs, &st);
    if (err < 0 || !st.bitmap_matches) {
        fail_msg("cut %llu: check failed %d (%s) bitmap %d", (unsigned long long)cut, err,
                 fs_corrupt_reason(&t->fs), st.bitmap_matches);
    }
    tfs_tree_t tree;
    if (!tree_allowed(t, c, &tree)) {
        fail_msg("cut %llu%s: step %d's tree is neither old nor new", (unsigned long long)cut,
                 tear ? " torn" : "", c->step);
    }
    // Free space: every used sector is a superblock or something the tree references, and the
    // files hold exactly the sectors their sizes call for.
    uint32_t used = t->fs.nsec - t->fs.nfree;
    if (used != 2 + st.meta_sectors + st.data_sectors + st.index_sectors + st.wear_sectors ||
        st.data_sectors + st.index_sectors != tree.sectors || st.files != tree.files) {
        fail_msg("cut %llu: space not accounted for: used %u meta %u data %u index %u want %u",
                 (unsigned long long)cut, used, st.meta_sectors, st.data_sectors, st.index_sectors,
                 tree.sectors);
    }
    // It keeps working, and what was there stays.
    tfs_fill(buf, 5000, 77);
    assert_int_equal(tfs_write_file(t, "/after-cut.bin", buf, 5000, 512), 0);
    assert_int_equal(fs_check(&t->fs, &st), 0);
    assert_true(st.bitmap_matches);
    assert_int_equal(fs_remove(&t->fs, "/after-cut.bin"), 0);
    tfs_tree_t again;
    assert_int_equal(tfs_fingerprint(&t->fs, &again), 0);
    assert_true(again.fp == tree.fp);
    assert_int_equal(tfs_remount(t), 0);
}

static void test_powercut(void **state) {
    (void)state;
    const char *full = getenv("FS_POWERCUT_FULL");
    const char *stride_env = getenv("FS_POWERCUT_STRIDE");
    const char *only = getenv("FS_POWERCUT_ONLY"); // one cut point, for debugging
    static pc_t ref;
    tfs_t *base = tfs_new(FLASH);
    tfs_t *t = tfs_new(FLASH);
    flash_image_copy(t->img, base->img);
    assert_int_equal(tfs_remount(t), 0);
    ref.fs = &t->fs;
    ref.record = true;
    ref.step = 0;
    uint64_t ops0 = flash_image_ops(t->img);
    clock_t t0 = clock();
    if (workload(&ref) < 0) {
        fail_msg("reference run failed: %s -> %d (%s)", ref.failed_what, ref.failed_err,
                 fs_corrupt_reason(&t->fs));
    }
    uint64_t total = flash_image_ops(t->img) - ops0;
    int steps = ref.step;
    uint64_t stride = full ? 1 : stride_env ? strtoull(stride_env, NULL, 10) : total / 300 + 1;
    printf(
        "# workload: %d steps, %llu program/erase operations, %u superblock hand-overs, "
        "%u erase count saves, %u sectors moved by static wear levelling; cutting every %llu%s\n",
        steps, (unsigned long long)total, t->fs.sb_rev - 1, t->fs.n_wear_saves, t->fs.n_wear_moves,
        (unsigned long long)stride, full ? " (full run)" : "");
    // The cuts must land in those too (the test build saves and levels often: FS_WEAR_*).
    assert_true(t->fs.n_wear_saves >= 40);
    assert_true(t->fs.n_wear_moves >= 12);
    uint64_t points = 0;
    uint64_t first = only ? strtoull(only, NULL, 10) : 0;
    uint64_t end = only ? first + 1 : total;
    for (uint64_t cut = first; cut < end; cut += stride) {
        for (int tear = 0; tear < 2; tear++) {
            if (!full && !stride_env && !only && tear != (int)(cut / stride % 2)) {
                continue; // the CI subset alternates clean and torn cuts
            }
            flash_image_copy(t->img, base->img);
            assert_int_equal(tfs_remount(t), 0);
            pc_t *c = &ref;
            c->record = false;
            c->step = 0;
            flash_image_cut_after(t->img, cut, tear, (uint32_t)cut * 7919u + 1);
            // The power may also go after the last commit (while freeing).
            if (workload(c) < 0 && !flash_image_is_cut(t->img)) {
                fail_msg("cut %llu: the workload failed without a power cut (%s -> %d: %s)",
                         (unsigned long long)cut, c->failed_what, c->failed_err,
                         fs_corrupt_reason(&t->fs));
            }
            flash_image_power_on(t->img);
            check_after_cut(t, c, cut, tear);
            points++;
        }
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("# %llu cut points checked in %.1f s, and %llu cuts during the repairs mount made; "
           "NOR violations %llu\n",
           (unsigned long long)points, secs, (unsigned long long)mount_cuts,
           (unsigned long long)flash_image_violations(t->img));
    assert_int_equal(flash_image_violations(t->img), 0);
    tfs_free(base);
    tfs_free(t);
    flash_image_close(saved);
    saved = NULL;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_powercut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
