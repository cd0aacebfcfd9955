// SPDX-License-Identifier: MIT
// fs_alloc.c: the free map, sector allocation and the bookkeeping that makes an operation's
// sectors change hands only when its commit is on flash.
//
// Nothing about free space is stored on flash: mount rebuilds the used map by walking the tree.
// Allocation searches from a cursor that moves on through the partition (and starts at a place
// that differs from mount to mount), so sectors are reused round-robin and erases spread evenly.

#include <string.h>

#include "fs_priv.h"

int fs_ram_init(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size) {
    if (bd->sector_count < FS_SB_SECTORS + 4 || bd->sector_count > FS_MAX_SECTORS) {
        return FS_ERR_INVAL;
    }
    uint32_t words = (bd->sector_count + 31) / 32;
    if (ram == NULL || ram_size < FS_RAM_BITMAPS(bd->sector_count) || ((uintptr_t)ram & 3)) {
        return FS_ERR_NOMEM;
    }
    memset(fs, 0, sizeof(*fs));
    fs->bd = bd;
    fs->nsec = bd->sector_count;
    fs->words = words;
    uint32_t *maps = ram;
    memset(maps, 0, 4 * words * sizeof(uint32_t));
    fs->used = maps;
    fs->meta = maps + words;
    fs->op_new = maps + 2 * words;
    fs->op_free = maps + 3 * words;
    fs->wear = (uint8_t *)(maps + 4 * words);
    memset(fs->wear, 0, fs->nsec);
    fs->wear_sector = FS_NONE;
    fs->wear_spread = FS_WEAR_SPREAD;
    fs->alloc_pref = FS_NONE;
    // Room for a few compactions (each needs a sector before it frees one) when the
    // filesystem is full, so that files can still be removed.
    fs->reserve = fs->nsec >= 64 ? 3 : 2;
    fs->rbuf_sector = FS_NONE;
    fs->mbc.sector = FS_NONE;
    fs->root = FS_NONE;
    for (uint32_t i = 0; i < FS_HINTS; i++) {
        fs->hint_child[i] = FS_NONE;
    }
    return 0;
}

void fs_count_free(fs_t *fs) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < fs->nsec; i++) {
        n += !fs_bit(fs->used, i);
    }
    fs->nfree = n;
}

int fs_alloc(fs_t *fs, bool meta, bool grow, uint32_t *out) {
    if (fs->nfree == 0 || (grow && fs->nfree <= fs->reserve)) {
        return FS_ERR_NOSPC;
    }
    uint32_t span = fs->nsec - FS_SB_SECTORS, pref = fs->alloc_pref;
    fs->alloc_pref = FS_NONE;
    for (uint32_t i = 0; i < span; i++) {
        uint32_t s = FS_SB_SECTORS + (fs->cursor + i) % span;
        if (pref >= FS_SB_SECTORS && pref < fs->nsec && !fs_bit(fs->used, pref)) {
            s = pref; // static wear levelling chose it; the cursor stays
        } else if (fs_bit(fs->used, s)) {
            continue;
        } else {
            fs->cursor = (fs->cursor + i + 1) % span;
        }
        fs_bit_set(fs->used, s);
        fs->nfree--;
        if (meta) {
            fs_bit_set(fs->meta, s);
            if (fs->in_op) {
                fs_bit_set(fs->op_new, s);
            }
        }
        // A free sector may hold anything an earlier use or an interrupted write left; erasing
        // only when needed saves wear (reading is far cheaper than erasing).
        int erased = fs_is_erased(fs, s, 0, FS_SECTOR_SIZE);
        if (erased == 0) {
            erased = fs_erase(fs, s);
        }
        if (erased < 0) {
            fs_release(fs, s);
            fs_bit_clr(fs->op_new, s);
            return erased;
        }
        *out = s;
        return 0;
    }
    return FS_ERR_NOSPC;
}

void fs_release(fs_t *fs, uint32_t sector) {
    if (sector < fs->nsec && fs_bit(fs->used, sector)) {
        fs_bit_clr(fs->used, sector);
        fs_bit_clr(fs->meta, sector);
        fs_mb_forget(fs, sector);
        fs->nfree++;
#ifdef FS_TEST_POISON
        fs_poison(fs, sector);
#endif
    }
}

void fs_free_later(fs_t *fs, uint32_t sector) {
    if (sector < fs->nsec) {
        fs_bit_set(fs->op_free, sector);
    }
}

void fs_op_begin(fs_t *fs) {
    fs->in_op = true;
    memset(fs->op_new, 0, fs->words * sizeof(uint32_t));
    memset(fs->op_free, 0, fs->words * sizeof(uint32_t));
}

int fs_op_end(fs_t *fs, int err) {
    uint32_t *undo = err < 0 ? fs->op_new : fs->op_free;
    for (uint32_t w = 0; w < fs->words; w++) {
        for (uint32_t bits = undo[w]; bits != 0; bits &= bits - 1) {
            fs_release(fs, w * 32 + (uint32_t)__builtin_ctz(bits));
        }
    }
    memset(fs->op_new, 0, fs->words * sizeof(uint32_t));
    memset(fs->op_free, 0, fs->words * sizeof(uint32_t));
    fs->in_op = false;
    fs->gen++;
    return err;
}
