// SPDX-License-Identifier: MIT
// flash_image.c: the simulated board's SPI flash over an image file or RAM (flash_image.h).

#include "flash_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs.h"

#define SDK_PARAMS  (20u * 1024)
#define MIB         (1024u * 1024)
#define WEAR_SUFFIX ".wear"

struct flash_image {
    uint8_t *bytes;
    uint32_t size;
    bool mapped; // bytes is a shared mapping of the image file
    char *path;
    uint32_t fs_offset;
    fs_blockdev_t bd;
    uint32_t *erase_counts; // per sector of the whole chip
    bool strict;
    uint64_t violations;
    uint64_t ops, prog_bytes, erases;
    // Power cut.
    bool cut_armed;
    uint64_t ops_left;
    bool tear;
    uint32_t seed;
    bool cut;
};

bool flash_layout(uint32_t flash_size, uint32_t *fs_offset, uint32_t *fs_sectors) {
    uint32_t start;
    if (flash_size == 1 * MIB) {
        // The 1 MiB build keeps the partition's first sector (0x98000) for native code.
        start = 0x99000;
    } else if (flash_size == 2 * MIB || flash_size == 4 * MIB) {
        start = 0x100000;
    } else {
        return false;
    }
    *fs_offset = start;
    *fs_sectors = (flash_size - SDK_PARAMS - start) / FS_SECTOR_SIZE;
    return true;
}

// xorshift32: the tear's shape, reproducible from the seed.
static uint32_t next_rand(flash_image_t *img) {
    uint32_t x = img->seed ? img->seed : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    img->seed = x;
    return x;
}

// Counts an operation; returns 0 to do it, 1 to tear it (the power goes during it), or
// FS_ERR_IO when the power is already off.
static int power_step(flash_image_t *img) {
    if (img->cut) {
        return FS_ERR_IO;
    }
    img->ops++;
    if (img->cut_armed) {
        if (img->ops_left == 0) {
            img->cut = true;
            img->cut_armed = false;
            return 1;
        }
        img->ops_left--;
    }
    return 0;
}

static bool in_partition(flash_image_t *img, uint32_t off, uint32_t len) {
    uint32_t part = img->bd.sector_count * FS_SECTOR_SIZE;
    return off <= part && len <= part - off;
}

static int bd_read(void *ctx, uint32_t off, void *buf, uint32_t len) {
    flash_image_t *img = ctx;
    if (img->cut) {
        return FS_ERR_IO;
    }
    if (!in_partition(img, off, len) || (off & 3) || (len & 3)) {
        return FS_ERR_INVAL;
    }
    memcpy(buf, img->bytes + img->fs_offset + off, len);
    return 0;
}

static int bd_prog(void *ctx, uint32_t off, const void *buf, uint32_t len) {
    flash_image_t *img = ctx;
    if (!in_partition(img, off, len) || (off & 3) || (len & 3)) {
        return FS_ERR_INVAL;
    }
    const uint8_t *src = buf;
    uint8_t *dst = img->bytes + img->fs_offset + off;
    if (img->strict) {
        for (uint32_t i = 0; i < len; i++) {
            if ((dst[i] & src[i]) != src[i]) {
                img->violations++;
                return FS_ERR_IO;
            }
        }
    }
    int step = power_step(img);
    if (step < 0) {
        return step;
    }
    uint32_t done = len;
    if (step == 1) {
        if (!img->tear) {
            return FS_ERR_IO;
        }
        done = next_rand(img) % (len + 1);
    }
    for (uint32_t i = 0; i < done; i++) {
        dst[i] &= src[i];
    }
    if (step == 1) {
        if (done < len) {
            // The byte being programmed when the power went: some of its bits made it.
            dst[done] &= (uint8_t)(src[done] | next_rand(img));
        }
        return FS_ERR_IO;
    }
    img->prog_bytes += len;
    return 0;
}

static int bd_erase(void *ctx, uint32_t sector) {
    flash_image_t *img = ctx;
    if (sector >= img->bd.sector_count) {
        return FS_ERR_INVAL;
    }
    int step = power_step(img);
    if (step < 0) {
        return step;
    }
    uint8_t *dst = img->bytes + img->fs_offset + sector * FS_SECTOR_SIZE;
    uint32_t chip_sector = img->fs_offset / FS_SECTOR_SIZE + sector;
    if (step == 1) {
        if (img->tear) {
            // An interrupted erase leaves part of the sector erased and a ragged edge.
            uint32_t done = next_rand(img) % FS_SECTOR_SIZE;
            memset(dst, 0xff, done);
            dst[done] |= (uint8_t)next_rand(img);
            img->erase_counts[chip_sector]++;
        }
        return FS_ERR_IO;
    }
    memset(dst, 0xff, FS_SECTOR_SIZE);
    img->erase_counts[chip_sector]++;
    img->erases++;
    return 0;
}

static flash_image_t *image_new(uint32_t size) {
    uint32_t off, n;
    if (!flash_layout(size, &off, &n)) {
        return NULL;
    }
    flash_image_t *img = calloc(1, sizeof(*img));
    if (img == NULL) {
        return NULL;
    }
    img->size = size;
    img->fs_offset = off;
    img->strict = true;
    img->erase_counts = calloc(size / FS_SECTOR_SIZE, sizeof(uint32_t));
    img->bd = (fs_blockdev_t){img, n, bd_read, bd_prog, bd_erase};
    if (img->erase_counts == NULL) {
        free(img);
        return NULL;
    }
    return img;
}

flash_image_t *flash_image_new_ram(uint32_t size) {
    flash_image_t *img = image_new(size);
    if (img == NULL) {
        return NULL;
    }
    img->bytes = malloc(size);
    if (img->bytes == NULL) {
        flash_image_close(img);
        return NULL;
    }
    memset(img->bytes, 0xff, size);
    return img;
}

flash_image_t *flash_image_clone(const flash_image_t *other) {
    flash_image_t *img = flash_image_new_ram(other->size);
    if (img != NULL) {
        memcpy(img->bytes, other->bytes, other->size);
        img->strict = other->strict;
    }
    return img;
}

void flash_image_copy(flash_image_t *dst, const flash_image_t *src) {
    memcpy(dst->bytes, src->bytes, dst->size < src->size ? dst->size : src->size);
    dst->cut = false;
    dst->cut_armed = false;
}

static void wear_path(const flash_image_t *img, char *out, size_t len) {
    snprintf(out, len, "%s%s", img->path, WEAR_SUFFIX);
}

static void load_wear(flash_image_t *img) {
    char path[4096];
    wear_path(img, path, sizeof(path));
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        size_t n = img->size / FS_SECTOR_SIZE;
        if (fread(img->erase_counts, sizeof(uint32_t), n, f) != n) {
            memset(img->erase_counts, 0, n * sizeof(uint32_t));
        }
        fclose(f);
    }
}

static void save_wear(const flash_image_t *img) {
    char path[4096];
    wear_path(img, path, sizeof(path));
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(img->erase_counts, sizeof(uint32_t), img->size / FS_SECTOR_SIZE, f);
        fclose(f);
    }
}

flash_image_t *flash_image_open(const char *path, uint32_t size, char *err, size_t err_len) {
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(err, err_len, "can't open %s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return NULL;
    }
    bool fresh = st.st_size == 0;
    uint32_t want = size != 0 ? size : fresh ? 2 * MIB : (uint32_t)st.st_size;
    if (!fresh && (uint64_t)st.st_size != want) {
        snprintf(err, err_len, "%s holds %lld bytes, not %u", path, (long long)st.st_size, want);
        close(fd);
        return NULL;
    }
    flash_image_t *img = image_new(want);
    if (img == NULL) {
        snprintf(err, err_len, "flash size must be 1M, 2M or 4M");
        close(fd);
        return NULL;
    }
    if (fresh && ftruncate(fd, want) < 0) {
        snprintf(err, err_len, "can't size %s: %s", path, strerror(errno));
        close(fd);
        flash_image_close(img);
        return NULL;
    }
    void *map = mmap(NULL, want, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        snprintf(err, err_len, "can't map %s: %s", path, strerror(errno));
        flash_image_close(img);
        return NULL;
    }
    img->bytes = map;
    img->mapped = true;
    img->path = strdup(path);
    if (fresh) {
        memset(img->bytes, 0xff, want); // a new chip comes erased
    } else if (img->path != NULL) {
        load_wear(img);
    }
    return img;
}

void flash_image_sync(flash_image_t *img) {
    if (img->mapped && img->path != NULL) {
        msync(img->bytes, img->size, MS_ASYNC);
        save_wear(img);
    }
}

void flash_image_close(flash_image_t *img) {
    if (img == NULL) {
        return;
    }
    if (img->mapped) {
        if (img->path != NULL) {
            save_wear(img);
        }
        msync(img->bytes, img->size, MS_SYNC);
        munmap(img->bytes, img->size);
    } else {
        free(img->bytes);
    }
    free(img->path);
    free(img->erase_counts);
    free(img);
}

const fs_blockdev_t *flash_image_bd(flash_image_t *img) {
    return &img->bd;
}

uint32_t flash_image_size(const flash_image_t *img) {
    return img->size;
}

uint8_t *flash_image_bytes(flash_image_t *img) {
    return img->bytes;
}

void flash_image_set_strict(flash_image_t *img, bool strict) {
    img->strict = strict;
}

uint64_t flash_image_violations(const flash_image_t *img) {
    return img->violations;
}

uint64_t flash_image_ops(const flash_image_t *img) {
    return img->ops;
}

uint64_t flash_image_prog_bytes(const flash_image_t *img) {
    return img->prog_bytes;
}

uint64_t flash_image_erases(const flash_image_t *img) {
    return img->erases;
}

uint32_t flash_image_erase_count(const flash_image_t *img, uint32_t sector) {
    return img->erase_counts[img->fs_offset / FS_SECTOR_SIZE + sector];
}

void flash_image_reset_counts(flash_image_t *img) {
    memset(img->erase_counts, 0, img->size / FS_SECTOR_SIZE * sizeof(uint32_t));
    img->ops = img->prog_bytes = img->erases = 0;
}

void flash_image_cut_after(flash_image_t *img, uint64_t ops_left, bool tear, uint32_t seed) {
    img->cut_armed = true;
    img->ops_left = ops_left;
    img->tear = tear;
    img->seed = seed;
    img->cut = false;
}

bool flash_image_is_cut(const flash_image_t *img) {
    return img->cut;
}

void flash_image_power_on(flash_image_t *img) {
    img->cut = false;
    img->cut_armed = false;
}
