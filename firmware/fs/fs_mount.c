// SPDX-License-Identifier: MIT
// fs_mount.c: formatting, mounting and the consistency check: a walk of the whole tree that
// verifies every record and reference and rebuilds the free map, and the repair of a rename that
// a power cut interrupted.

#include <string.h>

#include "fs_priv.h"

int fs_corrupt(fs_t *fs, const char *why) {
    fs->corrupt = why;
    return FS_ERR_IO;
}

const char *fs_corrupt_reason(const fs_t *fs) {
    return fs->corrupt;
}

void fs_set_time(fs_t *fs, uint32_t now) {
    fs->now = now;
}

int fs_format(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size) {
    int err = fs_ram_init(fs, bd, ram, ram_size);
    if (err < 0) {
        return err;
    }
    // Both superblock sectors go first: a stale one must not outrank the new one, and until the
    // new superblock is complete the device reads as blank.
    if ((err = fs_erase(fs, 0)) < 0 || (err = fs_erase(fs, 1)) < 0) {
        return err;
    }
    fs_bit_set(fs->used, 0);
    fs_bit_set(fs->used, 1);
    fs_count_free(fs);
    fs->seq = 1;
    if ((err = fs_mb_create(fs, FS_ROOT_INO, true, NULL, FS_NONE, &fs->root)) < 0 ||
        (err = fs_sb_write(fs, 0, 1)) < 0) {
        return err;
    }
    fs->next_ino = FS_ROOT_INO + 1;
    fs->gen = 1;
    fs->mounted = true;
    return 0;
}

// ---- The walk -----------------------------------------------------------------------------------

typedef struct walk {
    uint32_t *seen; // sectors referenced so far
    uint32_t *pend; // metadata sectors still to visit
    bool build;
    uint32_t dups;   // references to a sector already referenced
    uint32_t moving; // entries of an unfinished rename
    uint32_t max_seq, max_ino;
    fs_check_stats_t st;
} walk_t;

// Marks [s] as referenced; false if it is out of range.
static bool mark(fs_t *fs, walk_t *w, uint32_t s, bool meta) {
    if (s < FS_SB_SECTORS || s >= fs->nsec) {
        return false;
    }
    if (fs_bit(w->seen, s)) {
        w->dups++;
        return true;
    }
    fs_bit_set(w->seen, s);
    if (meta) {
        fs_bit_set(w->pend, s);
        if (w->build) {
            fs_bit_set(fs->meta, s);
        }
    }
    return true;
}

// Checks that [s] is the [head] sector of directory [ino]'s chain, then queues it.
static int push_dir(fs_t *fs, walk_t *w, uint32_t s, uint32_t ino, bool head) {
    if (s < FS_SB_SECTORS || s >= fs->nsec) {
        return fs_corrupt(fs, "directory sector out of range");
    }
    uint8_t hdr[FS_MB_HDR];
    int err = fs_read(fs, s, 0, hdr, FS_MB_HDR);
    if (err < 0) {
        return err;
    }
    if (fs_get32(hdr) != FS_MB_MAGIC || fs_get32(hdr + 8) != ino ||
        (bool)(hdr[12] & FS_MB_HEAD) != head) {
        return fs_corrupt(fs, "directory sector does not belong to its directory");
    }
    mark(fs, w, s, true);
    return 0;
}

static int walk_file(fs_t *fs, walk_t *w, const fs_entry_t *e) {
    uint32_t n = fs_nblocks(e->size);
    w->st.files++;
    w->st.file_bytes += e->size;
    if (e->storage == FS_ST_INLINE) {
        return e->size <= FS_INLINE_MAX ? 0 : fs_corrupt(fs, "inline file too big");
    }
    if (e->storage == FS_ST_DIRECT) {
        if (n != 1 || !mark(fs, w, e->ptr, false)) {
            return fs_corrupt(fs, "bad single-sector file");
        }
        w->st.data_sectors++;
        return 0;
    }
    if (e->storage != FS_ST_INDEXED || n < 2 || n > FS_INDEX_SLOTS || !mark(fs, w, e->ptr, false)) {
        return fs_corrupt(fs, "bad indexed file");
    }
    w->st.index_sectors++;
    uint8_t slots[64];
    for (uint32_t k = 0; k < n; k++) {
        if (k % 32 == 0) {
            uint32_t m = n - k < 32 ? n - k : 32;
            int err = fs_read(fs, e->ptr, k * 2, slots, m * 2);
            if (err < 0) {
                return err;
            }
        }
        if (!mark(fs, w, fs_get16(slots + (k % 32) * 2), false)) {
            return fs_corrupt(fs, "file data sector out of range");
        }
        w->st.data_sectors++;
    }
    return 0;
}

// Checks the name in [slot] of the loaded sector: no '/' or NUL, and the stored hash matches.
static int check_name(fs_t *fs, uint32_t slot, const fs_entry_t *e) {
    char name[FS_NAME_MAX + 1];
    int err = fs_mb_name(fs, slot, name);
    if (err < 0) {
        return err;
    }
    for (uint32_t i = 0; i < e->name_len; i++) {
        if (name[i] == '/' || name[i] == '\0') {
            return fs_corrupt(fs, "bad character in a name");
        }
    }
    if (fs_name_hash(name, e->name_len) != e->hash) {
        return fs_corrupt(fs, "name hash mismatch");
    }
    return 0;
}

// Visits metadata sector [s]: its chain successor, and every entry it holds.
static int walk_mb(fs_t *fs, walk_t *w, uint32_t s) {
    int err = fs_mb_load(fs, s);
    if (err < 0) {
        return err;
    }
    uint32_t dir_ino = fs->mbc.dir_ino;
    w->st.meta_sectors++;
    w->max_seq = fs->mbc.seq > w->max_seq ? fs->mbc.seq : w->max_seq;
    if (fs->mbc.next != FS_NONE && (err = push_dir(fs, w, fs->mbc.next, dir_ino, false)) < 0) {
        return err;
    }
    for (uint32_t slot = 0; slot < FS_SLOTS; slot++) {
        if ((err = fs_mb_load(fs, s)) < 0) { // push_dir and walk_file may evict it
            return err;
        }
        if (fs->mbc.slot_off[slot] == 0) {
            continue;
        }
        fs_entry_t e;
        if ((err = fs_mb_entry(fs, slot, &e)) < 0 || (err = check_name(fs, slot, &e)) < 0) {
            return err;
        }
        if (e.ino <= FS_ROOT_INO || e.ino == FS_NONE) {
            return fs_corrupt(fs, "bad inode number");
        }
        w->max_ino = e.ino > w->max_ino ? e.ino : w->max_ino;
        w->moving += (e.flags & FS_PUT_MOVING) != 0;
        if (e.type == FS_TYPE_DIR) {
            w->st.dirs++;
            if (e.storage != FS_ST_DIR || e.size != 0) {
                return fs_corrupt(fs, "bad directory entry");
            }
            err = push_dir(fs, w, e.ptr, e.ino, true);
        } else if (e.type == FS_TYPE_FILE) {
            err = walk_file(fs, w, &e);
        } else {
            err = fs_corrupt(fs, "bad entry type");
        }
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

int fs_walk(fs_t *fs, bool build, fs_check_stats_t *stats, bool *moving_found) {
    walk_t w;
    memset(&w, 0, sizeof(w));
    w.build = build;
    w.seen = build ? fs->used : fs->op_free;
    w.pend = fs->op_new;
    w.max_ino = FS_ROOT_INO;
    size_t bytes = fs->words * sizeof(uint32_t);
    memset(w.seen, 0, bytes);
    memset(w.pend, 0, bytes);
    if (build) {
        memset(fs->meta, 0, bytes);
    }
    fs_bit_set(w.seen, 0);
    fs_bit_set(w.seen, 1);
    int err = push_dir(fs, &w, fs->root, FS_ROOT_INO, true);
    if (err == 0 && fs->wear_sector != FS_NONE) {
        w.st.wear_sectors = 1;
        if (!mark(fs, &w, fs->wear_sector, false)) {
            err = fs_corrupt(fs, "erase count sector out of range");
        }
    }
    for (uint32_t word = 0; err == 0 && word < fs->words;) {
        if (w.pend[word] == 0) {
            word++;
            continue;
        }
        uint32_t s = word * 32 + (uint32_t)__builtin_ctz(w.pend[word]);
        fs_bit_clr(w.pend, s);
        err = walk_mb(fs, &w, s);
        word = 0; // children may sit below
    }
    if (err == 0 && (w.moving > 1 || (w.dups > 0 && w.moving == 0))) {
        err = fs_corrupt(fs, "sector referenced twice");
    }
    if (err == 0 && !build) {
        w.st.bitmap_matches = memcmp(w.seen, fs->used, bytes) == 0;
    }
    memset(fs->op_new, 0, bytes);
    memset(fs->op_free, 0, bytes);
    if (err < 0) {
        return err;
    }
    if (build) {
        fs->seq = w.max_seq + 1;
        fs->next_ino = w.max_ino + 1;
        fs_count_free(fs);
        fs->cursor = (w.max_seq * 2654435761u) % (fs->nsec - FS_SB_SECTORS);
    }
    if (stats != NULL) {
        *stats = w.st;
    }
    if (moving_found != NULL) {
        *moving_found = w.moving > 0;
    }
    return 0;
}

// ---- Finishing an interrupted rename
// --------------------------------------------------------------

// Finds the entry flagged as the destination of an unfinished rename.
static int find_moving(fs_t *fs, fs_loc_t *loc) {
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p)) {
            continue;
        }
        int err = fs_mb_load(fs, p);
        for (uint32_t s = 0; err == 0 && s < FS_SLOTS; s++) {
            if (fs->mbc.slot_off[s] == 0) {
                continue;
            }
            if ((err = fs_mb_entry(fs, s, &loc->e)) == 0 && (loc->e.flags & FS_PUT_MOVING)) {
                loc->mb = p;
                loc->slot = s;
                return 0;
            }
        }
        if (err < 0) {
            return err;
        }
    }
    return FS_ERR_NOENT;
}

// Removes every entry with [ino] other than the flagged one (the rename's source).
static int drop_source(fs_t *fs, uint32_t ino) {
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p)) {
            continue;
        }
        int err = fs_mb_load(fs, p);
        for (uint32_t s = 0; err == 0 && s < FS_SLOTS; s++) {
            fs_entry_t e;
            if (fs->mbc.slot_off[s] == 0 || (err = fs_mb_entry(fs, s, &e)) < 0 || e.ino != ino ||
                (e.flags & FS_PUT_MOVING)) {
                continue;
            }
            fs_commit_t c = {1, {{.tag = FS_TAG_DEL, .slot = (uint8_t)s}}};
            fs_op_begin(fs);
            if ((err = fs_op_end(fs, fs_mb_commit(fs, p, &c))) < 0) {
                return err;
            }
            p = FS_SB_SECTORS - 1; // sectors moved: scan again
            break;
        }
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

static int finish_rename(fs_t *fs) {
    fs_loc_t loc;
    int err = find_moving(fs, &loc);
    if (err < 0) {
        return err;
    }
    if ((err = drop_source(fs, loc.e.ino)) < 0 || (err = find_moving(fs, &loc)) < 0) {
        return err;
    }
    char name[FS_NAME_MAX + 1];
    uint8_t data[FS_INLINE_MAX];
    uint32_t inl = loc.e.storage == FS_ST_INLINE ? loc.e.size : 0;
    if ((err = fs_mb_name(fs, loc.slot, name)) < 0 ||
        (err = fs_mb_data(fs, loc.slot, data, inl)) < 0) {
        return err;
    }
    loc.e.flags &= (uint8_t)~FS_PUT_MOVING;
    fs_commit_t c = {
        1,
        {{.tag = FS_TAG_PUT, .slot = (uint8_t)loc.slot, .e = &loc.e, .name = name, .data = data}}};
    fs_op_begin(fs);
    return fs_op_end(fs, fs_mb_commit(fs, loc.mb, &c));
}

// ---- Mount --------------------------------------------------------------------------------------

// Picks the valid superblock with the higher revision.
static int pick_superblock(fs_t *fs) {
    fs_sb_info_t sb[2];
    int ok[2];
    for (uint32_t i = 0; i < 2; i++) {
        ok[i] = fs_sb_read(fs, i, &sb[i]);
        if (ok[i] != 0 && ok[i] != FS_ERR_NODEV) {
            return ok[i];
        }
    }
    if (ok[0] != 0 && ok[1] != 0 && (sb[0].version != 0 || sb[1].version != 0)) {
        // Refused, not converted or formatted: the files are still there for the firmware
        // that wrote them.
        return fs_corrupt(fs, sb[0].version == 1 || sb[1].version == 1
                                  ? "format version 1 (no timestamps): back the files up with "
                                    "the firmware that wrote them, then format"
                                  : "unknown format version: back the files up, then format");
    }
    if (ok[0] != 0 && ok[1] != 0) {
        for (uint32_t i = 0; i < 2; i++) {
            int blank = fs_is_erased(fs, i, 0, FS_SB_HDR);
            if (blank <= 0) {
                return blank < 0 ? blank : fs_corrupt(fs, "no valid superblock");
            }
        }
        return FS_ERR_NODEV;
    }
    uint32_t i = ok[0] != 0 ? 1 : ok[1] != 0 ? 0 : sb[1].rev > sb[0].rev ? 1 : 0;
    fs->sb_sector = i;
    fs->sb_rev = sb[i].rev;
    fs->sb_end = sb[i].end;
    fs->root = sb[i].root;
    fs->wear_sector = sb[i].wear;
    return 0;
}

int fs_mount(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size) {
    int err = fs_ram_init(fs, bd, ram, ram_size);
    if (err < 0 || (err = pick_superblock(fs)) < 0) {
        return err;
    }
    bool moving;
    if ((err = fs_walk(fs, true, NULL, &moving)) < 0 || (err = fs_wear_load(fs)) < 0) {
        return err;
    }
    fs->gen = 1;
    if (moving) {
        // The used map counts both names of the renamed entry, which only keeps sectors busy;
        // after the repair a second walk makes it exact.
        if ((err = finish_rename(fs)) < 0 || (err = fs_walk(fs, true, NULL, &moving)) < 0) {
            return err;
        }
        if (moving) {
            return fs_corrupt(fs, "rename could not be finished");
        }
    }
    fs->mounted = true;
    return 0;
}

void fs_unmount(fs_t *fs) {
    fs->mounted = false;
}

int fs_check(fs_t *fs, fs_check_stats_t *stats) {
    if (!fs->mounted) {
        return FS_ERR_IO;
    }
    bool moving;
    int err = fs_walk(fs, false, stats, &moving);
    if (err == 0 && moving) {
        err = fs_corrupt(fs, "unfinished rename");
    }
    return err;
}
