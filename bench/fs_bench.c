// SPDX-License-Identifier: MIT
// fs_bench.c: the flash filesystem through its C API on the simulated flash (RAM image): write
// and read throughput for 1 KiB .. 256 KiB files beside the raw device rate, write
// amplification (bytes programmed and sectors erased per byte written), the spread of erases
// after a long mixed workload, the same with most of the flash holding static files with static
// wear levelling off and on, and the RAM the filesystem uses. Prints figures; never fails.
//
// usage: fs_bench [--flash 1M|2M|4M] [--ops N]

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flash_image.h"
#include "fs.h"

#define MIB (1024u * 1024)
// Typical SPI NOR timings, for an estimate of the time the chip itself would spend.
#define CHIP_ERASE_MS         (45.0)
#define CHIP_PROG_US_PER_BYTE (2.7) // 256-byte page in about 0.7 ms

static uint8_t data[256 * 1024], back[256 * 1024];
static uint32_t ram[1024];

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fill(uint8_t *p, uint32_t n, uint32_t seed) {
    uint32_t x = seed * 2654435761u + 1;
    for (uint32_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)x;
    }
}

static void die(const char *what, int err) {
    fprintf(stderr, "fs_bench: %s failed: %d\n", what, err);
    exit(1);
}

// The device alone: erase and program whole sectors, then read them, through the block device.
static void bench_raw(uint32_t flash) {
    flash_image_t *img = flash_image_new_ram(flash);
    const fs_blockdev_t *bd = flash_image_bd(img);
    uint32_t n = bd->sector_count;
    double t0 = now();
    for (int round = 0; round < 4; round++) {
        for (uint32_t s = 0; s < n; s++) {
            bd->erase(bd->ctx, s);
            for (uint32_t off = 0; off < FS_SECTOR_SIZE; off += 256) {
                bd->prog(bd->ctx, s * FS_SECTOR_SIZE + off, data + off, 256);
            }
        }
    }
    double tw = now() - t0;
    t0 = now();
    for (int round = 0; round < 4; round++) {
        for (uint32_t s = 0; s < n; s++) {
            bd->read(bd->ctx, s * FS_SECTOR_SIZE, back, FS_SECTOR_SIZE);
        }
    }
    double tr = now() - t0;
    double mb = 4.0 * n * FS_SECTOR_SIZE / MIB;
    printf("baseline: raw flash image, erase + program 256-byte pages: %8.1f MiB/s write, "
           "%8.1f MiB/s read\n",
           mb / tw, mb / tr);
    flash_image_close(img);
}

static void mount_fresh(flash_image_t **img, fs_t *fs, uint32_t flash) {
    *img = flash_image_new_ram(flash);
    int err = fs_format(fs, flash_image_bd(*img), ram, sizeof(ram));
    if (err == 0) {
        err = fs_mount(fs, flash_image_bd(*img), ram, sizeof(ram));
    }
    if (err < 0) {
        die("format", err);
    }
}

// Writes [count] files of [size] bytes in [chunk]-byte writes (keeping the last few: at most 4,
// and no more than a third of the partition), then reads them back.
static void bench_size(uint32_t flash, uint32_t size, uint32_t chunk) {
    flash_image_t *img;
    fs_t fs;
    mount_fresh(&img, &fs, flash);
    uint32_t count = (4 * MIB) / size;
    count = count > 400 ? 400 : count < 8 ? 8 : count;
    uint32_t keep = fs.nsec * FS_SECTOR_SIZE / 3 / size;
    keep = keep > 4 ? 4 : keep < 1 ? 1 : keep;
    uint64_t prog0 = flash_image_prog_bytes(img), erase0 = flash_image_erases(img);
    char name[32];
    double t0 = now();
    for (uint32_t i = 0; i < count; i++) {
        fs_file_t f;
        if (i >= keep) {
            snprintf(name, sizeof(name), "/f%u", i - keep);
            fs_remove(&fs, name);
        }
        snprintf(name, sizeof(name), "/f%u", i);
        int err = fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
        for (uint32_t done = 0; err >= 0 && done < size; done += chunk) {
            err = fs_file_write(&fs, &f, data + done, size - done < chunk ? size - done : chunk);
        }
        if (err < 0 || (err = fs_file_close(&fs, &f)) < 0) {
            die("write", err);
        }
    }
    double tw = now() - t0;
    uint64_t prog = flash_image_prog_bytes(img) - prog0, erases = flash_image_erases(img) - erase0;
    t0 = now();
    uint32_t reads = 0;
    for (int round = 0; round < 8; round++) {
        for (uint32_t i = count - keep; i < count; i++) {
            fs_file_t f;
            snprintf(name, sizeof(name), "/f%u", i);
            if (fs_file_open(&fs, &f, name, FS_O_RDONLY) < 0) {
                die("open", 0);
            }
            for (uint32_t done = 0; done < size; done += chunk) {
                fs_file_read(&fs, &f, back, size - done < chunk ? size - done : chunk);
            }
            fs_file_close(&fs, &f);
            reads++;
        }
    }
    double tr = now() - t0;
    double written = (double)count * size;
    double chip_s =
        (double)erases * CHIP_ERASE_MS / 1e3 + (double)prog * CHIP_PROG_US_PER_BYTE / 1e6;
    printf("%6u KiB x %3u  %4u-byte writes: %8.1f MiB/s write %8.1f MiB/s read  "
           "amplification %5.2f  erases/MiB %6.1f  chip est. %5.1f KiB/s\n",
           size / 1024, count, chunk, written / MIB / tw, (double)reads * size / MIB / tr,
           (double)prog / written, (double)erases / (written / MIB), written / 1024 / chip_s);
    flash_image_close(img);
}

// A long mixed workload: how evenly erases spread over the partition.
static void bench_wear(uint32_t flash, uint32_t ops) {
    flash_image_t *img;
    fs_t fs;
    mount_fresh(&img, &fs, flash);
    fs_file_t f;
    fs_mkdir(&fs, "/lib");
    fs_mkdir(&fs, "/data");
    for (int i = 0; i < 10; i++) { // code that never changes
        char name[32];
        snprintf(name, sizeof(name), "/lib/mod%d.py", i);
        fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT);
        fs_file_write(&fs, &f, data, 3000 + (uint32_t)i * 500);
        fs_file_close(&fs, &f);
    }
    flash_image_reset_counts(img);
    uint32_t x = 12345;
    uint64_t written = 0;
    for (uint32_t op = 0; op < ops; op++) {
        x = x * 1103515245u + 12345u;
        char name[32];
        uint32_t kind = (x >> 16) % 4, n = 50 + (x >> 8) % 6000;
        if (kind == 0) {
            fs_file_open(&fs, &f, "/data/config.json", FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
            n = 80 + n % 150;
        } else if (kind == 1) {
            fs_file_open(&fs, &f, "/data/log.txt", FS_O_WRONLY | FS_O_CREAT | FS_O_APPEND);
            n = 40 + n % 80;
        } else {
            snprintf(name, sizeof(name), "/data/file%u.bin", (x >> 4) % 12);
            fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
        }
        fs_file_write(&fs, &f, data, n);
        fs_file_close(&fs, &f);
        written += n;
        if (kind == 1 && fs_file_open(&fs, &f, "/data/log.txt", FS_O_RDONLY) == 0) {
            int32_t size = fs_file_size(&fs, &f);
            fs_file_close(&fs, &f);
            if (size > 20000) {
                fs_remove(&fs, "/data/log.txt");
            }
        }
    }
    uint32_t n = fs.nsec, min = UINT32_MAX, max = 0, sb = 0, still = 0, min_moving = UINT32_MAX;
    double sum = 0, sq = 0;
    for (uint32_t s = 2; s < n; s++) {
        uint32_t e = flash_image_erase_count(img, s);
        min = e < min ? e : min;
        max = e > max ? e : max;
        sum += e;
        sq += (double)e * e;
        still += e == 0;
        min_moving = e > 0 && e < min_moving ? e : min_moving;
    }
    for (uint32_t s = 0; s < 2; s++) {
        sb += flash_image_erase_count(img, s);
    }
    double mean = sum / (n - 2), sd = sq / (n - 2) - mean * mean;
    printf("wear after %u mixed operations (%.1f MiB written; 10 files never rewritten):\n"
           "  erases per sector min %u mean %.1f max %u sd %.1f (max/mean %.2f); "
           "%u sectors never erased (static data), the others min %u;\n"
           "  superblock sectors %u erases; bytes programmed per byte written %.2f\n",
           ops, (double)written / MIB, min, mean, max, sd > 0 ? sqrt(sd) : 0.0, max / mean, still,
           min_moving, sb, (double)flash_image_prog_bytes(img) / (double)written);
    flash_image_close(img);
}

// Erase counts of the partition's sectors (superblocks aside) as the flash counted them.
typedef struct wear_stats {
    uint32_t min, max;
    double mean;
    uint64_t total;
} wear_stats_t;

static wear_stats_t wear_of(flash_image_t *img, uint32_t nsec) {
    wear_stats_t w = {UINT32_MAX, 0, 0, 0};
    for (uint32_t s = 2; s < nsec; s++) {
        uint32_t e = flash_image_erase_count(img, s);
        w.min = e < w.min ? e : w.min;
        w.max = e > w.max ? e : w.max;
        w.total += e;
    }
    w.mean = (double)w.total / (nsec - 2);
    return w;
}

// Most of the flash holds files that never change (about 70% of it, as a board full of
// libraries would); a small config file, a log and a few data files change all the time.
// Run with static wear levelling off ([spread] 0) and on.
static void bench_wear_static(uint32_t flash, uint32_t ops, uint32_t spread, wear_stats_t *out,
                              uint32_t *moves) {
    flash_image_t *img;
    fs_t fs;
    mount_fresh(&img, &fs, flash);
    fs_set_wear_levelling(&fs, spread);
    fs_file_t f;
    fs_mkdir(&fs, "/lib");
    uint32_t static_sectors = (fs.nsec - 2) * 7 / 10, files = static_sectors / 5;
    for (uint32_t i = 0; i < files; i++) { // 4 data sectors and an index each
        char name[32];
        snprintf(name, sizeof(name), "/lib/mod%u.mpy", i);
        fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT);
        fs_file_write(&fs, &f, data, 16000);
        if (fs_file_close(&fs, &f) < 0) {
            die("static files", 0);
        }
    }
    flash_image_reset_counts(img);
    uint32_t x = 777;
    for (uint32_t op = 0; op < ops; op++) {
        x = x * 1103515245u + 12345u;
        char name[32];
        uint32_t kind = (x >> 16) % 4, n = 50 + (x >> 8) % 6000;
        if (kind == 0) {
            fs_file_open(&fs, &f, "/config.json", FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
            n = 80 + n % 150;
        } else if (kind == 1) {
            fs_file_open(&fs, &f, "/log.txt", FS_O_WRONLY | FS_O_CREAT | FS_O_APPEND);
            n = 40 + n % 80;
        } else {
            snprintf(name, sizeof(name), "/data%u.bin", (x >> 4) % 4);
            fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
        }
        fs_file_write(&fs, &f, data, n);
        if (fs_file_close(&fs, &f) < 0) {
            die("churn", 0);
        }
        if (kind == 1 && fs_file_open(&fs, &f, "/log.txt", FS_O_RDONLY) == 0) {
            int32_t size = fs_file_size(&fs, &f);
            fs_file_close(&fs, &f);
            if (size > 8000) {
                fs_remove(&fs, "/log.txt");
            }
        }
    }
    *out = wear_of(img, fs.nsec);
    *moves = fs.n_wear_moves;
    flash_image_close(img);
}

static void print_wear(const char *what, const wear_stats_t *w) {
    char ratio[16] = "inf";
    if (w->min > 0) {
        snprintf(ratio, sizeof(ratio), "%.2f", (double)w->max / w->min);
    }
    printf("  %-36s min %4u mean %7.1f max %4u  max/mean %5.2f  max/min %6s  erases %llu\n", what,
           w->min, w->mean, w->max, w->max / w->mean, ratio, (unsigned long long)w->total);
}

static void bench_static_levelling(uint32_t flash, uint32_t ops) {
    wear_stats_t off, on;
    uint32_t moves_off, moves_on;
    bench_wear_static(flash, ops, 0, &off, &moves_off);
    bench_wear_static(flash, ops, FS_WEAR_SPREAD, &on, &moves_on);
    printf("wear after %u operations with 70%% of the flash holding files that never change:\n",
           ops);
    print_wear("static wear levelling off:", &off);
    char what[64];
    snprintf(what, sizeof(what), "on (spread %u, %u sectors moved):", FS_WEAR_SPREAD, moves_on);
    print_wear(what, &on);
    printf("  cost: %.1f%% more erases; the busiest sector lasts %.1fx longer\n",
           100.0 * ((double)on.total / (double)off.total - 1), (double)off.max / on.max);
}

static void bench_ram(void) {
    printf("RAM: fs_t %zu bytes + bitmaps and erase counts %u (1M: 98 sectors) / %u (2M: 251) / "
           "%u (4M: 763); "
           "per open file %zu, per open directory %zu; no heap\n",
           sizeof(fs_t), FS_RAM_BITMAPS(98), FS_RAM_BITMAPS(251), FS_RAM_BITMAPS(763),
           sizeof(fs_file_t), sizeof(fs_dir_t));
}

int main(int argc, char **argv) {
    uint32_t flash = 2 * MIB, ops = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--flash") == 0) {
            flash = (uint32_t)atoi(argv[i + 1]) * MIB;
        } else if (strcmp(argv[i], "--ops") == 0) {
            ops = (uint32_t)atoi(argv[i + 1]);
        }
    }
    fill(data, sizeof(data), 1);
    printf("rhfs C API on a %u MiB simulated flash (RAM image; chip est. = time an ESP8266's "
           "flash would spend: %.0f ms per erase, %.1f us per byte programmed)\n",
           flash / MIB, CHIP_ERASE_MS, CHIP_PROG_US_PER_BYTE);
    bench_raw(flash);
    static const uint32_t sizes[] = {1024, 4096, 16384, 65536, 262144};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        bench_size(flash, sizes[i], 256);
    }
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        bench_size(flash, sizes[i], sizes[i]);
    }
    bench_wear(flash, ops);
    bench_static_levelling(flash, ops);
    bench_ram();
    return 0;
}
