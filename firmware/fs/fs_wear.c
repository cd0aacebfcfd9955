// SPDX-License-Identifier: MIT
// fs_wear.c: erase counts and static wear levelling.
//
// Copy-on-write spreads the erases of data that changes over all free sectors, but a sector
// holding data that never changes is never erased, so the rest wear faster. The filesystem
// counts the erases of every sector (one byte each in RAM, relative to a base), saves the counts
// now and then in a sector of their own (named by the superblock), and after an operation, when
// the least-erased sector in use has been erased more than wear_spread times less than the
// average free sector, moves its contents onto the most-erased free sector, so that the
// little-erased sector joins the free ones. A move is an ordinary copy-on-write change: the copy
// goes to the erased sector, one commit points the owner at it, and only then is the old sector
// free, so a power cut leaves the old place or the new one.

#include <string.h>

#include "fs_priv.h"

void fs_set_wear_levelling(fs_t *fs, uint32_t spread) {
    fs->wear_spread = spread;
}

uint32_t fs_erase_count(const fs_t *fs, uint32_t sector) {
    if (sector < FS_SB_SECTORS || sector >= fs->nsec) {
        return 0; // the superblocks are not counted: they change rarely and cannot move
    }
    return fs->wear_base + fs->wear[sector];
}

void fs_wear_erased(fs_t *fs, uint32_t sector) {
    if (sector >= FS_SB_SECTORS && sector < fs->nsec) {
        fs->wear[sector] += fs->wear[sector] < 255; // beyond that it is hot enough to know
        fs->wear_unsaved++;
    }
}

void fs_wear_writer(fs_t *fs, uint32_t ino, bool open) {
    if (open) {
        fs->writers++;
        for (uint32_t i = 0; i < FS_WRITERS; i++) {
            if (fs->writer_ino[i] == 0) {
                fs->writer_ino[i] = ino;
                return;
            }
        }
        return; // not listed: fs->writers now exceeds the list, and no file data moves
    }
    fs->writers -= fs->writers > 0;
    for (uint32_t i = 0; i < FS_WRITERS; i++) {
        if (fs->writer_ino[i] == ino) {
            fs->writer_ino[i] = 0;
            return;
        }
    }
}

// May the data of file [ino] move? Not while a handle may be writing it.
static bool may_move_file(const fs_t *fs, uint32_t ino) {
    uint32_t listed = 0;
    for (uint32_t i = 0; i < FS_WRITERS; i++) {
        if (fs->writer_ino[i] == ino) {
            return false;
        }
        listed += fs->writer_ino[i] != 0;
    }
    return listed == fs->writers; // else some writer is not listed: it could be this one
}

// ---- Saving and loading the counts --------------------------------------------------------------

// Bytes of one saved copy: the COUNTS record (header, base, a byte per sector) and its CRC.
static uint32_t save_size(const fs_t *fs) {
    return FS_REC_HDR + 4 + fs_align4(fs->nsec) + FS_CRC_LEN;
}

int fs_wear_load(fs_t *fs) {
    memset(fs->wear, 0, fs->nsec);
    fs->wear_base = 0;
    fs->wear_unsaved = 0;
    fs->wear_end = FS_SECTOR_SIZE; // the next save starts a new sector unless this one is good
    if (fs->wear_sector == FS_NONE) {
        return 0;
    }
    uint8_t h[FS_WL_HDR];
    int err = fs_read(fs, fs->wear_sector, 0, h, FS_WL_HDR);
    if (err < 0) {
        return err;
    }
    if (fs_get32(h) != FS_WL_MAGIC || fs_get32(h + 4) != fs->nsec) {
        return 0; // the counts are advice: without them levelling starts again from zero
    }
    uint32_t crc = fs_crc32(0, h, FS_WL_HDR), off = FS_WL_HDR, last = 0;
    for (;;) {
        uint32_t end;
        int valid = fs_log_commit(fs, fs->wear_sector, off, crc, 1u << FS_TAG_COUNTS, &end);
        if (valid < 0) {
            return valid;
        }
        if (valid == 0 || end - off != save_size(fs)) {
            break;
        }
        last = off;
        off = end;
        crc = 0;
    }
    fs->wear_end = off;
    if (last == 0) {
        return 0;
    }
    uint8_t b[4];
    if ((err = fs_read(fs, fs->wear_sector, last + FS_REC_HDR, b, 4)) < 0) {
        return err;
    }
    fs->wear_base = fs_get32(b);
    return fs_read(fs, fs->wear_sector, last + FS_REC_HDR + 4, fs->wear, fs->nsec);
}

// Lowers every count by the smallest one, raising the base as much.
static void rebase(fs_t *fs) {
    uint8_t min = 255;
    for (uint32_t s = FS_SB_SECTORS; s < fs->nsec; s++) {
        min = fs->wear[s] < min ? fs->wear[s] : min;
    }
    for (uint32_t s = FS_SB_SECTORS; s < fs->nsec && min > 0; s++) {
        fs->wear[s] -= min;
    }
    fs->wear_base += min;
}

// Writes one copy of the counts at [off] of [sector] (after its header when [off] is
// FS_WL_HDR, which then starts the first commit).
static int write_counts(fs_t *fs, uint32_t sector, uint32_t off) {
    fs_ws_t ws;
    int err = fs_ws_begin(fs, &ws, sector, off == FS_WL_HDR ? 0 : off);
    uint8_t h[FS_WL_HDR + FS_REC_HDR + 4];
    uint8_t *r = h + FS_WL_HDR;
    memset(h, 0xff, FS_WL_HDR);
    fs_put32(h, FS_WL_MAGIC);
    fs_put32(h + 4, fs->nsec);
    r[0] = FS_TAG_COUNTS;
    r[1] = FS_SLOT_NONE;
    fs_put16(r + 2, save_size(fs) - FS_CRC_LEN);
    fs_put32(r + 4, fs->wear_base);
    if (err == 0) {
        err = off == FS_WL_HDR ? fs_ws_write(fs, &ws, h, sizeof(h))
                               : fs_ws_write(fs, &ws, r, FS_REC_HDR + 4);
    }
    if (err == 0) {
        err = fs_ws_write(fs, &ws, fs->wear, fs->nsec);
    }
    if (err == 0) {
        err = fs_ws_zero(fs, &ws, fs_align4(fs->nsec) - fs->nsec);
    }
    return err < 0 ? err : fs_ws_crc(fs, &ws);
}

// Saves the counts: appended to their sector while it has room, else into a new sector that the
// superblock then names (the old one is freed only after that commit).
static int save(fs_t *fs) {
    uint32_t need = save_size(fs);
    if (FS_WL_HDR + need > FS_SECTOR_SIZE) {
        return 0; // a partition this big keeps its counts in RAM only
    }
    rebase(fs);
    uint32_t old = fs->wear_sector;
    if (old != FS_NONE && fs->wear_end + need <= FS_SECTOR_SIZE) {
        int erased = fs_is_erased(fs, old, fs->wear_end, need);
        if (erased < 0) {
            return erased;
        }
        if (erased) {
            uint32_t at = fs->wear_end;
            fs->wear_end = FS_SECTOR_SIZE; // if this one tears, nothing more goes after it
            int err = write_counts(fs, old, at);
            if (err == 0) {
                fs->wear_end = at + need;
            }
            return err;
        }
    }
    uint32_t s;
    int err = fs_alloc(fs, false, true, &s);
    if (err < 0) {
        return err;
    }
    if ((err = write_counts(fs, s, FS_WL_HDR)) == 0) {
        fs_op_begin(fs);
        err = fs_sb_set_wear(fs, s);
        if (err == 0 && old != FS_NONE) {
            fs_free_later(fs, old);
        }
        err = fs_op_end(fs, err);
    }
    if (err < 0) {
        fs_release(fs, s);
        return err;
    }
    fs->wear_end = FS_WL_HDR + need;
    return 0;
}

// ---- Moving a sector ----------------------------------------------------------------------------

// Where file data sector [s] belongs: the entry of the file at [loc], and [*k] the block it holds
// (FS_NONE: it is the file's index sector). FS_ERR_NOENT if no file refers to it.
static int find_owner(fs_t *fs, uint32_t s, fs_loc_t *loc, uint32_t *k) {
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p) || fs_bit(fs->op_free, p)) {
            continue;
        }
        for (uint32_t slot = 0; slot < FS_SLOTS; slot++) {
            int err = fs_mb_load(fs, p); // reading an index does not evict it, erasing might not
            if (err < 0) {
                return err;
            }
            fs_entry_t *e = &loc->e;
            if (fs->mbc.slot_off[slot] == 0 || (err = fs_mb_entry(fs, slot, e)) < 0 ||
                e->type != FS_TYPE_FILE || e->storage == FS_ST_INLINE) {
                if (err < 0) {
                    return err;
                }
                continue;
            }
            loc->mb = p;
            loc->seq = fs->mbc.seq;
            loc->slot = slot;
            loc->dir_ino = fs->mbc.dir_ino;
            *k = e->ptr == s && e->storage == FS_ST_INDEXED ? FS_NONE : 0;
            if (e->ptr == s) {
                return 0;
            }
            uint32_t nb = e->storage == FS_ST_INDEXED ? fs_nblocks(e->size) : 0;
            uint8_t slots[64];
            for (uint32_t i = 0; i < nb; i++) {
                if (i % 32 == 0 && (err = fs_read(fs, e->ptr, i * 2, slots,
                                                  (nb - i < 32 ? nb - i : 32) * 2)) < 0) {
                    return err;
                }
                if (fs_get16(slots + (i % 32) * 2) == s) {
                    *k = i;
                    return 0;
                }
            }
        }
    }
    return FS_ERR_NOENT;
}

// Copies [len] bytes from the start of [from] to the start of the erased sector [to].
static int copy_sector(fs_t *fs, uint32_t from, uint32_t to, uint32_t len) {
    fs_ws_t ws;
    int err = fs_ws_begin(fs, &ws, to, 0);
    if (err == 0) {
        err = fs_ws_copy(fs, &ws, from, 0, len);
    }
    return err < 0 ? err : fs_ws_flush(fs, &ws);
}

// Writes into the erased sector [to] index [from]'s first [n] slots, slot [k] naming [s].
static int copy_index(fs_t *fs, uint32_t from, uint32_t to, uint32_t n, uint32_t k, uint32_t s) {
    fs_ws_t ws;
    uint8_t v[2];
    fs_put16(v, s);
    int err = fs_ws_begin(fs, &ws, to, 0);
    if (err == 0) {
        err = fs_ws_copy(fs, &ws, from, 0, k * 2);
    }
    if (err == 0) {
        err = fs_ws_write(fs, &ws, v, 2);
    }
    if (err == 0) {
        err = fs_ws_copy(fs, &ws, from, (k + 1) * 2, (n - k - 1) * 2);
    }
    return err < 0 ? err : fs_ws_flush(fs, &ws);
}

// Moves file data or index sector [s] to a newly allocated sector (fs->alloc_pref) and commits
// the file's entry pointing there; a block of an indexed file also needs a new index.
// FS_ERR_BUSY when the file may be open for writing.
static int move_data(fs_t *fs, uint32_t s) {
    fs_loc_t loc;
    uint32_t k;
    int err = find_owner(fs, s, &loc, &k);
    if (err < 0) {
        return err == FS_ERR_NOENT ? FS_ERR_BUSY : err; // a dropped writer's: it stays
    }
    if (!may_move_file(fs, loc.e.ino)) {
        return FS_ERR_BUSY;
    }
    fs_entry_t e = loc.e;
    uint32_t nb = fs_nblocks(e.size), to, index = FS_NONE;
    if ((err = fs_alloc(fs, false, true, &to)) < 0) {
        return err;
    }
    if (k == FS_NONE) {
        err = copy_sector(fs, s, to, nb * 2);
        e.ptr = to;
    } else {
        uint32_t valid = e.size - k * FS_SECTOR_SIZE;
        err = copy_sector(fs, s, to, valid < FS_SECTOR_SIZE ? valid : FS_SECTOR_SIZE);
        if (err == 0 && e.storage == FS_ST_INDEXED) {
            err = fs_alloc(fs, false, true, &index);
            if (err == 0) {
                err = copy_index(fs, e.ptr, index, nb, k, to);
            }
        }
        e.ptr = e.storage == FS_ST_INDEXED ? index : to;
    }
    char name[FS_NAME_MAX + 1];
    if (err == 0 && (err = fs_mb_load(fs, loc.mb)) == 0) {
        err = fs_mb_name(fs, loc.slot, name);
    }
    if (err == 0) {
        fs_commit_t c = {1,
                         {{.tag = FS_TAG_PUT, .slot = (uint8_t)loc.slot, .e = &e, .name = name}}};
        fs_op_begin(fs);
        err = fs_mb_commit(fs, loc.mb, &c);
        if (err == 0) {
            fs_free_later(fs, s);
            if (index != FS_NONE) {
                fs_free_later(fs, loc.e.ptr); // the old index
            }
        }
        err = fs_op_end(fs, err);
    }
    if (err < 0) {
        fs_release(fs, to);
        fs_release(fs, index);
    }
    return err;
}

// Sectors of data that cannot move now that level() passes over (a file open for writing).
#define LEVEL_TRIES (4)

// Moves one sector of little-erased data onto the most-erased free sector when its erase count is
// more than wear_spread below the free sectors' average; a sector whose file is open for writing
// is passed over. 0 if there was nothing to do or it moved, else why it could not.
static int level(fs_t *fs) {
    uint32_t skip[LEVEL_TRIES];
    int err = 0;
    for (uint32_t n_skip = 0; n_skip < LEVEL_TRIES; n_skip++) {
        if (fs->nfree <= fs->reserve + 2) {
            return 0; // a move needs two sectors before it frees any
        }
        uint32_t cold = FS_NONE, hot = FS_NONE, free_sum = 0, n_free = 0;
        for (uint32_t s = FS_SB_SECTORS; s < fs->nsec; s++) {
            bool skipped = s == fs->wear_sector;
            for (uint32_t i = 0; i < n_skip; i++) {
                skipped |= skip[i] == s;
            }
            if (!fs_bit(fs->used, s)) {
                free_sum += fs->wear[s];
                n_free++;
                hot = hot == FS_NONE || fs->wear[s] > fs->wear[hot] ? s : hot;
            } else if (!skipped) {
                cold = cold == FS_NONE || fs->wear[s] < fs->wear[cold] ? s : cold;
            }
        }
        // Only data that has fallen [spread] erases behind the free sectors, which take the
        // erases in turn, has sat still long enough to be worth parking on a worn sector: data
        // that is rewritten now and then keeps up with them, and parking it would only wear
        // the worn sector more when it is next rewritten.
        if (cold == FS_NONE || hot == FS_NONE ||
            fs->wear[cold] + fs->wear_spread >= free_sum / n_free) {
            return 0;
        }
        fs->alloc_pref = hot;
        if (fs_bit(fs->meta, cold)) {
            fs_op_begin(fs);
            err = fs_op_end(fs, fs_mb_move(fs, cold));
        } else {
            err = move_data(fs, cold);
        }
        fs->alloc_pref = FS_NONE;
        if (err != FS_ERR_BUSY) {
            fs->n_wear_moves += err == 0;
            return err;
        }
        skip[n_skip] = cold;
    }
    return err;
}

void fs_wear_tick(fs_t *fs) {
    if (!fs->mounted || fs->in_op) {
        return;
    }
    if (fs->wear_unsaved >= FS_WEAR_SAVE_EVERY && save(fs) == 0) {
        fs->wear_unsaved = 0;
        fs->n_wear_saves++;
    }
    if (fs->wear_spread > 0 && fs->n_erase >= fs->wear_retry && level(fs) < 0) {
        // Not now (a file open for writing, no room, a failing device): after more erases.
        fs->wear_retry = fs->n_erase + fs->wear_spread;
    }
}
