// SPDX-License-Identifier: MIT
// fs_testutil.c: helpers the filesystem tests share (fs_testutil.h).

#include "fs_testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

tfs_t *tfs_new(uint32_t flash_size) {
    tfs_t *t = calloc(1, sizeof(*t));
    t->img = flash_image_new_ram(flash_size);
    const fs_blockdev_t *bd = flash_image_bd(t->img);
    if (fs_format(&t->fs, bd, t->ram, sizeof(t->ram)) < 0 || tfs_remount(t) < 0) {
        fprintf(stderr, "tfs_new: format/mount failed\n");
        abort();
    }
    return t;
}

void tfs_free(tfs_t *t) {
    flash_image_close(t->img);
    free(t);
}

int tfs_remount(tfs_t *t) {
    return fs_mount(&t->fs, flash_image_bd(t->img), t->ram, sizeof(t->ram));
}

static int write_flags(tfs_t *t, const char *path, const void *data, uint32_t len, uint32_t chunk,
                       int flags) {
    fs_file_t f;
    int err = fs_file_open(&t->fs, &f, path, flags);
    if (err < 0) {
        return err;
    }
    const uint8_t *p = data;
    for (uint32_t done = 0; done < len;) {
        uint32_t n = len - done < chunk ? len - done : chunk;
        int32_t w = fs_file_write(&t->fs, &f, p + done, n);
        if (w < 0) {
            fs_file_close(&t->fs, &f);
            return w;
        }
        done += (uint32_t)w;
    }
    return fs_file_close(&t->fs, &f);
}

int tfs_write_file(tfs_t *t, const char *path, const void *data, uint32_t len, uint32_t chunk) {
    return write_flags(t, path, data, len, chunk ? chunk : len + 1,
                       FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
}

int tfs_append_file(tfs_t *t, const char *path, const void *data, uint32_t len) {
    return write_flags(t, path, data, len, len + 1, FS_O_WRONLY | FS_O_CREAT | FS_O_APPEND);
}

int32_t tfs_read_file(tfs_t *t, const char *path, void *buf, uint32_t cap) {
    fs_file_t f;
    int err = fs_file_open(&t->fs, &f, path, FS_O_RDONLY);
    if (err < 0) {
        return err;
    }
    int32_t n = fs_file_read(&t->fs, &f, buf, cap);
    fs_file_close(&t->fs, &f);
    return n;
}

void tfs_fill(void *buf, uint32_t len, uint32_t seed) {
    uint8_t *p = buf;
    uint32_t x = seed * 2654435761u + 1;
    for (uint32_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)x;
    }
}

// ---- Fingerprint ------------------------------------------------------------------------------

typedef struct fp_item {
    char *path;
    uint64_t h;
} fp_item_t;

typedef struct fp_list {
    fp_item_t *items;
    size_t n, cap;
    uint32_t files, dirs, sectors;
    uint64_t bytes;
} fp_list_t;

static uint64_t fnv64(uint64_t h, const void *data, size_t len) {
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ p[i]) * 1099511628211ull;
    }
    return h;
}

static void add_item(fp_list_t *l, const char *path, uint64_t h) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = realloc(l->items, l->cap * sizeof(fp_item_t));
    }
    l->items[l->n].path = strdup(path);
    l->items[l->n].h = h;
    l->n++;
}

static int walk(fs_t *fs, const char *dir, fp_list_t *l, int depth) {
    if (depth > 64) {
        return FS_ERR_IO;
    }
    fs_dir_t d;
    fs_info_t info;
    int err = fs_dir_open(fs, &d, dir);
    if (err < 0) {
        return err;
    }
    // Listing first, then recursing: the listing must not change underneath.
    char **names = NULL;
    uint8_t *types = NULL;
    uint32_t *mtimes = NULL;
    size_t n = 0;
    while ((err = fs_dir_read(fs, &d, &info)) > 0) {
        names = realloc(names, (n + 1) * sizeof(char *));
        types = realloc(types, n + 1);
        mtimes = realloc(mtimes, (n + 1) * sizeof(uint32_t));
        names[n] = strdup(info.name);
        types[n] = info.type;
        mtimes[n] = info.mtime;
        n++;
    }
    fs_dir_close(fs, &d);
    for (size_t i = 0; i < n && err == 0; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(plen);
        snprintf(path, plen, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", names[i]);
        if (types[i] == FS_TYPE_DIR) {
            add_item(l, path, 0x4449520000000000ull ^ mtimes[i]);
            l->dirs++;
            err = walk(fs, path, l, depth + 1);
        } else {
            fs_file_t f;
            err = fs_file_open(fs, &f, path, FS_O_RDONLY);
            uint64_t h = 14695981039346656037ull;
            uint8_t buf[4096];
            int32_t got = 0;
            uint64_t total = 0;
            while (err == 0 && (got = fs_file_read(fs, &f, buf, sizeof(buf))) > 0) {
                h = fnv64(h, buf, (size_t)got);
                total += (uint64_t)got;
            }
            if (err == 0 && got < 0) {
                err = got;
            }
            if (err == 0) {
                int32_t size = fs_file_size(fs, &f);
                if (size < 0 || (uint64_t)size != total) {
                    err = FS_ERR_IO;
                }
                fs_file_close(fs, &f);
            }
            h = fnv64(h, &total, sizeof(total));
            h = fnv64(h, &mtimes[i], sizeof(uint32_t));
            l->files++;
            l->bytes += total;
            uint32_t nb = (uint32_t)((total + FS_SECTOR_SIZE - 1) / FS_SECTOR_SIZE);
            l->sectors += total <= FS_INLINE_MAX ? 0 : nb + (nb > 1);
            add_item(l, path, h);
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
    free(types);
    free(mtimes);
    return err < 0 ? err : 0;
}

static int cmp_item(const void *a, const void *b) {
    return strcmp(((const fp_item_t *)a)->path, ((const fp_item_t *)b)->path);
}

int tfs_fingerprint(fs_t *fs, tfs_tree_t *out) {
    fp_list_t l = {0};
    int err = walk(fs, "/", &l, 0);
    if (l.n > 1) {
        qsort(l.items, l.n, sizeof(fp_item_t), cmp_item);
    }
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < l.n; i++) {
        if (i > 0 && strcmp(l.items[i - 1].path, l.items[i].path) == 0) {
            err = FS_ERR_IO; // two entries with one name
        }
        h = fnv64(h, l.items[i].path, strlen(l.items[i].path) + 1);
        h = fnv64(h, &l.items[i].h, sizeof(uint64_t));
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.items[i].path);
    }
    free(l.items);
    out->fp = h;
    out->files = l.files;
    out->dirs = l.dirs;
    out->bytes = l.bytes;
    out->sectors = l.sectors;
    return err;
}

void tfs_assert_clean(tfs_t *t) {
    fs_check_stats_t st;
    assert_int_equal(fs_check(&t->fs, &st), 0);
    assert_true(st.bitmap_matches);
    assert_int_equal(flash_image_violations(t->img), 0);
}
