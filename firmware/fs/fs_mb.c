// SPDX-License-Identifier: MIT
// fs_mb.c: metadata sectors (a directory's chain of logs) and the superblock: parsing the logs,
// appending commits, compacting a full sector into a fresh one and updating what refers to it.
//
// A commit is a run of records closed by a CRC record; it counts only when the CRC matches, so a
// commit torn by a power cut is ignored as a whole. Records are only ever appended to a sector,
// onto bytes checked to be still erased. A sector that cannot take a commit is rewritten
// (compacted: its live entries plus the commit) into a newly allocated sector, and the one
// record that points at it is then committed in its referrer: the predecessor in the chain, the
// parent directory's entry, or the superblock. That commit may in turn compact the referrer; the
// old sectors are freed only when the last commit of the chain is on flash.

#include <string.h>

#include "fs_priv.h"

uint32_t fs_name_hash(const char *name, size_t len) {
    uint32_t h = 2166136261u; // FNV-1a
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (uint8_t)name[i]) * 16777619u;
    }
    return h;
}

void fs_mb_forget(fs_t *fs, uint32_t sector) {
    if (fs->mbc.sector == sector) {
        fs->mbc.sector = FS_NONE;
    }
}

void fs_hint_parent(fs_t *fs, uint32_t child, uint32_t parent) {
    for (uint32_t i = 0; i < FS_HINTS; i++) {
        if (fs->hint_child[i] == child) {
            fs->hint_parent[i] = parent;
            return;
        }
    }
    fs->hint_child[fs->hint_next] = child;
    fs->hint_parent[fs->hint_next] = parent;
    fs->hint_next = (fs->hint_next + 1) % FS_HINTS;
}

// ---- Parsing logs -------------------------------------------------------------------------------

// CRC of [len] bytes at [off] of [sector], continuing [crc].
static int crc_range(fs_t *fs, uint32_t sector, uint32_t off, uint32_t len, uint32_t *crc) {
    uint8_t chunk[64];
    while (len > 0) {
        uint32_t n = len < sizeof(chunk) ? len : (uint32_t)sizeof(chunk);
        int err = fs_read(fs, sector, off, chunk, n);
        if (err < 0) {
            return err;
        }
        *crc = fs_crc32(*crc, chunk, n);
        off += n;
        len -= n;
    }
    return 0;
}

int fs_log_commit(fs_t *fs, uint32_t sector, uint32_t off, uint32_t crc, uint32_t allowed,
                  uint32_t *end) {
    uint32_t p = off;
    while (p + FS_REC_HDR <= FS_SECTOR_SIZE) {
        uint8_t h[FS_REC_HDR];
        int err = fs_read(fs, sector, p, h, FS_REC_HDR);
        if (err < 0) {
            return err;
        }
        uint32_t len = fs_get16(h + 2);
        if (len < FS_REC_HDR || (len & 3) || p + len > FS_SECTOR_SIZE) {
            return 0;
        }
        if (h[0] == FS_TAG_CRC) {
            uint8_t v[4];
            if (len != FS_CRC_LEN || (err = fs_read(fs, sector, p + 4, v, 4)) < 0) {
                return err < 0 ? err : 0;
            }
            crc = fs_crc32(crc, h, FS_REC_HDR);
            if (fs_get32(v) != crc) {
                return 0;
            }
            *end = p + FS_CRC_LEN;
            return 1;
        }
        if (h[0] >= 32 || !((allowed >> h[0]) & 1)) {
            return 0;
        }
        if ((err = crc_range(fs, sector, p, len, &crc)) < 0) {
            return err;
        }
        p += len;
    }
    return 0;
}

// Applies one record of a valid commit to fs->mbc.
static int mbc_apply(fs_t *fs, uint32_t p, const uint8_t *h) {
    fs_mbcache_t *m = &fs->mbc;
    uint32_t len = fs_get16(h + 2);
    uint32_t slot = h[1];
    if (h[0] == FS_TAG_NEXT) {
        uint8_t v[4];
        int err = fs_read(fs, m->sector, p + 4, v, 4);
        if (err < 0) {
            return err;
        }
        m->next = len == 8 ? fs_get32(v) : FS_NONE;
        return len == 8 ? 0 : fs_corrupt(fs, "bad NEXT record");
    }
    if (slot >= FS_SLOTS) {
        return fs_corrupt(fs, "record slot out of range");
    }
    if (m->slot_off[slot] != 0) {
        m->live_bytes -= m->slot_len4[slot] * 4u;
        m->n_live--;
        m->slot_off[slot] = 0;
    }
    if (h[0] == FS_TAG_PUT) {
        uint8_t f[FS_PUT_FIXED];
        int err = fs_read(fs, m->sector, p, f, FS_PUT_FIXED);
        if (err < 0) {
            return err;
        }
        if (len < FS_PUT_FIXED || len > 255 * 4 || f[18] == 0) {
            return fs_corrupt(fs, "bad PUT record");
        }
        m->slot_off[slot] = (uint16_t)p;
        m->slot_len4[slot] = (uint8_t)(len / 4);
        m->slot_hash[slot] = f[20];
        m->live_bytes += len;
        m->n_live++;
    }
    return 0;
}

// Applies the records of the valid commit spanning [off, end) of the loaded sector.
static int apply_commit(fs_t *fs, uint32_t off, uint32_t end) {
    for (uint32_t p = off; p < end - FS_CRC_LEN;) {
        uint8_t h[FS_REC_HDR];
        int err = fs_read(fs, fs->mbc.sector, p, h, FS_REC_HDR);
        if (err < 0 || (err = mbc_apply(fs, p, h)) < 0) {
            return err;
        }
        p += fs_get16(h + 2);
    }
    return 0;
}

int fs_mb_load(fs_t *fs, uint32_t sector) {
    fs_mbcache_t *m = &fs->mbc;
    if (m->sector == sector) {
        return 0;
    }
    m->sector = FS_NONE;
    uint8_t hdr[FS_MB_HDR];
    int err = fs_read(fs, sector, 0, hdr, FS_MB_HDR);
    if (err < 0) {
        return err;
    }
    if (fs_get32(hdr) != FS_MB_MAGIC) {
        return fs_corrupt(fs, "metadata sector without header");
    }
    memset(m->slot_off, 0, sizeof(m->slot_off));
    m->seq = fs_get32(hdr + 4);
    m->dir_ino = fs_get32(hdr + 8);
    m->head = hdr[12] & FS_MB_HEAD;
    m->next = FS_NONE;
    m->n_live = 0;
    m->live_bytes = 0;
    m->sector = sector; // mbc_apply reads through it
    uint32_t crc = fs_crc32(0, hdr, FS_MB_HDR);
    uint32_t off = FS_MB_HDR;
    const uint32_t allowed = (1u << FS_TAG_PUT) | (1u << FS_TAG_DEL) | (1u << FS_TAG_NEXT);
    for (;;) {
        uint32_t end;
        int valid = fs_log_commit(fs, sector, off, crc, allowed, &end);
        if (valid <= 0) {
            err = valid;
            break;
        }
        if ((err = apply_commit(fs, off, end)) < 0) {
            break;
        }
        off = end;
        crc = 0;
    }
    if (err == 0 && off == FS_MB_HDR) {
        err = fs_corrupt(fs, "metadata sector without a valid first commit");
    }
    if (err < 0) {
        m->sector = FS_NONE;
        return err;
    }
    m->end = (uint16_t)off;
    return 0;
}

int fs_mb_entry(fs_t *fs, uint32_t slot, fs_entry_t *e) {
    uint8_t f[FS_PUT_FIXED];
    int err = fs_read(fs, fs->mbc.sector, fs->mbc.slot_off[slot], f, FS_PUT_FIXED);
    if (err < 0) {
        return err;
    }
    e->ino = fs_get32(f + 4);
    e->size = fs_get32(f + 8);
    e->ptr = fs_get32(f + 12);
    e->type = f[16];
    e->storage = f[17];
    e->name_len = f[18];
    e->flags = f[19];
    e->hash = fs_get32(f + 20);
    e->mtime = fs_get32(f + 24);
    uint32_t len = fs->mbc.slot_len4[slot] * 4u;
    bool inline_ok = e->storage != FS_ST_INLINE || e->size <= FS_INLINE_MAX;
    if (!inline_ok || fs_rec_len(e) != len || e->name_len == 0) {
        return fs_corrupt(fs, "entry record inconsistent");
    }
    return 0;
}

int fs_mb_name(fs_t *fs, uint32_t slot, char *name) {
    uint8_t n;
    uint32_t off = fs->mbc.slot_off[slot];
    int err = fs_read(fs, fs->mbc.sector, off + 18, &n, 1);
    if (err == 0) {
        err = fs_read(fs, fs->mbc.sector, off + FS_PUT_FIXED, name, n);
    }
    name[err == 0 ? n : 0] = '\0';
    return err;
}

int fs_mb_data(fs_t *fs, uint32_t slot, uint8_t *buf, uint32_t len) {
    uint8_t n;
    uint32_t off = fs->mbc.slot_off[slot];
    int err = fs_read(fs, fs->mbc.sector, off + 18, &n, 1);
    if (err < 0) {
        return err;
    }
    return fs_read(fs, fs->mbc.sector, off + FS_PUT_FIXED + n, buf, len);
}

// Compares the name in [slot] with [len] bytes at [name], a chunk at a time.
static int name_equal(fs_t *fs, uint32_t slot, const char *name, uint32_t len) {
    uint8_t chunk[32];
    uint32_t off = fs->mbc.slot_off[slot] + FS_PUT_FIXED;
    for (uint32_t i = 0; i < len; i += sizeof(chunk)) {
        uint32_t n = len - i < sizeof(chunk) ? len - i : (uint32_t)sizeof(chunk);
        int err = fs_read(fs, fs->mbc.sector, off + i, chunk, n);
        if (err < 0) {
            return err;
        }
        if (memcmp(chunk, name + i, n) != 0) {
            return 0;
        }
    }
    return 1;
}

int fs_mb_find(fs_t *fs, const char *name, uint32_t len, uint32_t hash) {
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (fs->mbc.slot_off[s] == 0 || fs->mbc.slot_hash[s] != (uint8_t)hash) {
            continue;
        }
        fs_entry_t e;
        int err = fs_mb_entry(fs, s, &e);
        if (err < 0) {
            return err;
        }
        if (e.hash == hash && e.name_len == len) {
            int eq = name_equal(fs, s, name, len);
            if (eq != 0) {
                return eq < 0 ? eq : (int)s;
            }
        }
    }
    return FS_ERR_NOENT;
}

int fs_mb_find_ino(fs_t *fs, uint32_t ino) {
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (fs->mbc.slot_off[s] == 0) {
            continue;
        }
        uint8_t v[4];
        int err = fs_read(fs, fs->mbc.sector, fs->mbc.slot_off[s] + 4u, v, 4);
        if (err < 0) {
            return err;
        }
        if (fs_get32(v) == ino) {
            return (int)s;
        }
    }
    return FS_ERR_NOENT;
}

// ---- Writing records ----------------------------------------------------------------------------

static uint32_t rec_size(const fs_rec_t *r) {
    if (r->tag == FS_TAG_PUT) {
        return fs_rec_len(r->e);
    }
    return r->tag == FS_TAG_NEXT ? 8u : FS_REC_HDR;
}

static uint32_t commit_size(const fs_commit_t *c) {
    uint32_t n = FS_CRC_LEN;
    for (uint32_t i = 0; i < c->n; i++) {
        n += rec_size(&c->rec[i]);
    }
    return n;
}

static int emit_rec(fs_t *fs, fs_ws_t *ws, const fs_rec_t *r, uint32_t slot) {
    uint8_t f[FS_PUT_FIXED];
    uint32_t len = rec_size(r);
    f[0] = r->tag;
    f[1] = (uint8_t)slot;
    fs_put16(f + 2, len);
    if (r->tag == FS_TAG_DEL) {
        return fs_ws_write(fs, ws, f, FS_REC_HDR);
    }
    if (r->tag == FS_TAG_NEXT) {
        fs_put32(f + 4, r->next);
        return fs_ws_write(fs, ws, f, 8);
    }
    const fs_entry_t *e = r->e;
    fs_put32(f + 4, e->ino);
    fs_put32(f + 8, e->size);
    fs_put32(f + 12, e->ptr);
    f[16] = e->type;
    f[17] = e->storage;
    f[18] = e->name_len;
    f[19] = e->flags;
    fs_put32(f + 20, e->hash);
    fs_put32(f + 24, e->mtime);
    uint32_t data_len = e->storage == FS_ST_INLINE ? e->size : 0;
    int err = fs_ws_write(fs, ws, f, FS_PUT_FIXED);
    if (err == 0) {
        err = fs_ws_write(fs, ws, r->name, e->name_len);
    }
    if (err == 0 && data_len > 0) {
        err = fs_ws_write(fs, ws, r->data, data_len);
    }
    if (err == 0) {
        err = fs_ws_zero(fs, ws, len - FS_PUT_FIXED - e->name_len - data_len);
    }
    return err;
}

static int emit_mb_header(fs_t *fs, fs_ws_t *ws, uint32_t dir_ino, bool head) {
    uint8_t h[FS_MB_HDR];
    fs_put32(h, FS_MB_MAGIC);
    fs_put32(h + 4, fs->seq++);
    fs_put32(h + 8, dir_ino);
    h[12] = head ? FS_MB_HEAD : 0;
    h[13] = 0xff;
    fs_put16(h + 14, 0xffff);
    return fs_ws_write(fs, ws, h, FS_MB_HDR);
}

// A slot free in [busy] (a FS_SLOTS-bit map), marked busy; FS_SLOT_NONE if none.
static uint32_t take_slot(uint32_t *busy) {
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (!fs_bit(busy, s)) {
            fs_bit_set(busy, s);
            return s;
        }
    }
    return FS_SLOT_NONE;
}

int fs_mb_create(fs_t *fs, uint32_t dir_ino, bool head, const fs_commit_t *c, uint32_t next,
                 uint32_t *out) {
    uint32_t s;
    int err = fs_alloc(fs, true, true, &s);
    if (err < 0) {
        return err;
    }
    fs_ws_t ws;
    uint32_t busy[FS_SLOTS / 32] = {0};
    fs_ws_begin(fs, &ws, s, 0);
    err = emit_mb_header(fs, &ws, dir_ino, head);
    for (uint32_t i = 0; c != NULL && i < c->n && err == 0; i++) {
        uint32_t slot = c->rec[i].slot == FS_SLOT_NEW ? take_slot(busy) : c->rec[i].slot;
        err = emit_rec(fs, &ws, &c->rec[i], slot);
    }
    if (err == 0 && next != FS_NONE) {
        fs_rec_t r = {.tag = FS_TAG_NEXT, .next = next};
        err = emit_rec(fs, &ws, &r, FS_SLOT_NONE);
    }
    if (err == 0) {
        err = fs_ws_crc(fs, &ws);
    }
    *out = s;
    return err;
}

// Appends [c] to the loaded sector's log and updates the cache.
static int mb_append(fs_t *fs, const fs_commit_t *c) {
    fs_mbcache_t *m = &fs->mbc;
    uint32_t busy[FS_SLOTS / 32] = {0};
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (m->slot_off[s] != 0) {
            fs_bit_set(busy, s);
        }
    }
    uint8_t slots[FS_COMMIT_MAX];
    for (uint32_t i = 0; i < c->n; i++) {
        slots[i] = (uint8_t)(c->rec[i].slot == FS_SLOT_NEW ? take_slot(busy) : c->rec[i].slot);
    }
    fs_ws_t ws;
    uint32_t sector = m->sector, start = m->end;
    fs_ws_begin(fs, &ws, sector, start);
    int err = 0;
    for (uint32_t i = 0; i < c->n && err == 0; i++) {
        err = emit_rec(fs, &ws, &c->rec[i], slots[i]);
    }
    if (err == 0) {
        err = fs_ws_crc(fs, &ws);
    }
    if (err < 0) {
        fs_mb_forget(fs, sector);
        return err;
    }
    // The cache follows the log, as a fresh parse would.
    uint32_t p = start;
    for (uint32_t i = 0; i < c->n && err == 0; i++) {
        uint8_t h[FS_REC_HDR] = {c->rec[i].tag, slots[i], 0, 0};
        fs_put16(h + 2, rec_size(&c->rec[i]));
        err = mbc_apply(fs, p, h);
        p += rec_size(&c->rec[i]);
    }
    m->end = (uint16_t)(p + FS_CRC_LEN);
    return err;
}

// ---- Compaction ---------------------------------------------------------------------------------

// What a compaction writes: the loaded sector's live entries, changed by [c].
typedef struct plan {
    const fs_commit_t *c;
    uint8_t rec_slot[FS_COMMIT_MAX]; // slot each PUT of [c] lands in
    uint32_t keep[FS_SLOTS / 32];    // old slots copied as they are
    uint32_t next;
    uint32_t total; // bytes of entry records
} plan_t;

static void plan_make(fs_t *fs, const fs_commit_t *c, plan_t *pl) {
    fs_mbcache_t *m = &fs->mbc;
    uint32_t busy[FS_SLOTS / 32] = {0};
    memset(pl, 0, sizeof(*pl));
    pl->c = c;
    pl->next = m->next;
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (m->slot_off[s] != 0) {
            fs_bit_set(pl->keep, s);
        }
    }
    for (uint32_t i = 0; i < c->n; i++) {
        const fs_rec_t *r = &c->rec[i];
        if (r->tag == FS_TAG_NEXT) {
            pl->next = r->next;
        } else if (r->slot < FS_SLOTS) {
            fs_bit_clr(pl->keep, r->slot);
        }
    }
    memcpy(busy, pl->keep, sizeof(busy));
    for (uint32_t i = 0; i < c->n; i++) {
        const fs_rec_t *r = &c->rec[i];
        if (r->tag == FS_TAG_PUT) {
            pl->rec_slot[i] = (uint8_t)(r->slot == FS_SLOT_NEW ? take_slot(busy) : r->slot);
            fs_bit_set(busy, pl->rec_slot[i]);
            pl->total += rec_size(r);
        } else if (r->tag == FS_TAG_DEL) {
            // A DEL after a PUT to the same slot in one commit is not something callers do.
            pl->rec_slot[i] = FS_SLOT_NONE;
        }
    }
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        if (fs_bit(pl->keep, s)) {
            pl->total += m->slot_len4[s] * 4u;
        }
    }
}

// Writes one new sector holding the plan's items numbered [from, to) (old slots first, then
// the commit's PUTs), then NEXT [next]. [grow]: the sector is an extra one (a split).
static int write_part(fs_t *fs, const plan_t *pl, uint32_t from, uint32_t to, bool head,
                      uint32_t next, bool grow, uint32_t *out) {
    fs_mbcache_t *m = &fs->mbc;
    uint32_t old = m->sector, dir_ino = m->dir_ino;
    uint32_t s;
    int err = fs_alloc(fs, true, grow, &s);
    if (err < 0) {
        return err;
    }
    // fs_alloc may have evicted nothing but the new sector: the old one is still loaded.
    fs_ws_t ws;
    fs_ws_begin(fs, &ws, s, 0);
    err = emit_mb_header(fs, &ws, dir_ino, head);
    uint32_t item = 0;
    for (uint32_t slot = 0; slot < FS_SLOTS && err == 0; slot++) {
        if (fs_bit(pl->keep, slot)) {
            if (item >= from && item < to) {
                err = fs_ws_copy(fs, &ws, old, m->slot_off[slot], m->slot_len4[slot] * 4u);
            }
            item++;
        }
    }
    for (uint32_t i = 0; i < pl->c->n && err == 0; i++) {
        if (pl->c->rec[i].tag == FS_TAG_PUT) {
            if (item >= from && item < to) {
                err = emit_rec(fs, &ws, &pl->c->rec[i], pl->rec_slot[i]);
            }
            item++;
        }
    }
    if (err == 0 && next != FS_NONE) {
        fs_rec_t r = {.tag = FS_TAG_NEXT, .next = next};
        err = emit_rec(fs, &ws, &r, FS_SLOT_NONE);
    }
    if (err == 0) {
        err = fs_ws_crc(fs, &ws);
    }
    *out = s;
    return err;
}

// Size of plan item [i] (old slots in order, then the commit's PUTs).
static uint32_t item_size(fs_t *fs, const plan_t *pl, uint32_t want) {
    uint32_t item = 0;
    for (uint32_t slot = 0; slot < FS_SLOTS; slot++) {
        if (fs_bit(pl->keep, slot) && item++ == want) {
            return fs->mbc.slot_len4[slot] * 4u;
        }
    }
    for (uint32_t i = 0; i < pl->c->n; i++) {
        if (pl->c->rec[i].tag == FS_TAG_PUT && item++ == want) {
            return rec_size(&pl->c->rec[i]);
        }
    }
    return 0;
}

// Rewrites the loaded sector with [c] applied into one new sector, or two when it no longer
// fits; [first] receives the one that takes the old sector's place.
static int mb_compact(fs_t *fs, const fs_commit_t *c, uint32_t *first) {
    plan_t pl;
    plan_make(fs, c, &pl);
    bool head = fs->mbc.head;
    const uint32_t cap = FS_SECTOR_SIZE - FS_MB_HDR - FS_CRC_LEN - 8;
    uint32_t items = 0;
    for (uint32_t s = 0; s < FS_SLOTS; s++) {
        items += fs_bit(pl.keep, s);
    }
    for (uint32_t i = 0; i < c->n; i++) {
        items += c->rec[i].tag == FS_TAG_PUT;
    }
    if (pl.total <= cap) {
        return write_part(fs, &pl, 0, items, head, pl.next, false, first);
    }
    // Split near the middle: the second half goes to a new sector after the first.
    uint32_t split = 0, acc = 0;
    while (split < items && acc + item_size(fs, &pl, split) <= pl.total / 2) {
        acc += item_size(fs, &pl, split++);
    }
    if (split == 0) {
        split = 1;
    }
    uint32_t second;
    int err = write_part(fs, &pl, split, items, false, pl.next, true, &second);
    if (err == 0) {
        err = write_part(fs, &pl, 0, split, head, second, false, first);
    }
    return err;
}

// ---- Referrers ----------------------------------------------------------------------------------

// Finds the metadata sector whose live entry for directory [dir_ino] points at [head]; loads it.
static int find_dir_entry(fs_t *fs, uint32_t head, uint32_t dir_ino, uint32_t *slot) {
    for (uint32_t i = 0; i < FS_HINTS; i++) {
        uint32_t p = fs->hint_parent[i];
        if (fs->hint_child[i] != head || p >= fs->nsec || !fs_bit(fs->meta, p) ||
            fs_bit(fs->op_free, p)) {
            continue;
        }
        int err = fs_mb_load(fs, p);
        int s = err < 0 ? err : fs_mb_find_ino(fs, dir_ino);
        fs_entry_t e;
        if (s >= 0 && fs_mb_entry(fs, (uint32_t)s, &e) == 0 && e.ptr == head) {
            *slot = (uint32_t)s;
            return 0;
        }
    }
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p) || fs_bit(fs->op_free, p)) {
            continue;
        }
        int err = fs_mb_load(fs, p);
        int s = err < 0 ? err : fs_mb_find_ino(fs, dir_ino);
        if (s == FS_ERR_NOENT) {
            continue;
        }
        fs_entry_t e;
        if (s < 0 || (err = fs_mb_entry(fs, (uint32_t)s, &e)) < 0) {
            return s < 0 ? s : err;
        }
        if (e.type == FS_TYPE_DIR && e.ptr == head) {
            *slot = (uint32_t)s;
            return 0;
        }
    }
    return fs_corrupt(fs, "directory has no entry pointing at it");
}

// Finds and loads the sector of directory [dir_ino]'s chain whose NEXT is [sector].
static int find_predecessor(fs_t *fs, uint32_t sector, uint32_t dir_ino) {
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p) || fs_bit(fs->op_free, p) || p == sector) {
            continue;
        }
        uint8_t hdr[FS_MB_HDR];
        int err = fs_read(fs, p, 0, hdr, FS_MB_HDR);
        if (err < 0) {
            return err;
        }
        if (fs_get32(hdr + 8) != dir_ino) {
            continue;
        }
        if ((err = fs_mb_load(fs, p)) < 0) {
            return err;
        }
        if (fs->mbc.next == sector) {
            return 0;
        }
    }
    return fs_corrupt(fs, "chain sector has no predecessor");
}

// Builds in [c] the commit that points what referred to [old] (directory [dir_ino]'s first
// sector if [head], else a later one of its chain) at [moved], and loads the sector it goes to.
// [e] and [name] hold the parent's entry when it is a PUT.
static int point_referrer(fs_t *fs, uint32_t old, uint32_t moved, uint32_t dir_ino, bool head,
                          fs_commit_t *c, fs_entry_t *e, char *name) {
    c->n = 1;
    if (!head) {
        c->rec[0] = (fs_rec_t){.tag = FS_TAG_NEXT, .slot = FS_SLOT_NONE, .next = moved};
        return find_predecessor(fs, old, dir_ino);
    }
    uint32_t slot = 0;
    int err = find_dir_entry(fs, old, dir_ino, &slot);
    if (err < 0 || (err = fs_mb_entry(fs, slot, e)) < 0 || (err = fs_mb_name(fs, slot, name)) < 0) {
        return err;
    }
    e->ptr = moved;
    c->rec[0] = (fs_rec_t){.tag = FS_TAG_PUT, .slot = (uint8_t)slot, .e = e, .name = name};
    fs_hint_parent(fs, moved, fs->mbc.sector);
    return 0;
}

// Commits [c] to [sector] as fs_mb_commit says; with [move] the sector is compacted (moved)
// even when the commit would fit.
static int commit_chain(fs_t *fs, uint32_t sector, const fs_commit_t *c, bool move) {
    fs_commit_t cur = *c;
    fs_entry_t e;
    char name[FS_NAME_MAX + 1];
    for (uint32_t guard = 0; guard < fs->nsec; guard++, move = false) {
        int err = fs_mb_load(fs, sector);
        if (err < 0) {
            return err;
        }
        fs_mbcache_t *m = &fs->mbc;
        uint32_t need = commit_size(&cur), new_slots = 0;
        for (uint32_t i = 0; i < cur.n; i++) {
            new_slots += cur.rec[i].slot == FS_SLOT_NEW;
        }
        if (!move && m->end + need <= FS_SECTOR_SIZE && m->n_live + new_slots <= FS_SLOTS) {
            int erased = fs_is_erased(fs, sector, m->end, need);
            if (erased < 0) {
                return erased;
            }
            if (erased) {
                return mb_append(fs, &cur);
            }
        }
        uint32_t dir_ino = m->dir_ino;
        bool head = m->head;
        uint32_t moved;
        if ((err = mb_compact(fs, &cur, &moved)) < 0) {
            return err;
        }
        fs_free_later(fs, sector);
        if (head && dir_ino == FS_ROOT_INO) {
            return fs_sb_set_root(fs, moved);
        }
        // Now the one record that points at [sector] must point at [moved].
        if ((err = point_referrer(fs, sector, moved, dir_ino, head, &cur, &e, name)) < 0) {
            return err;
        }
        sector = fs->mbc.sector;
    }
    return fs_corrupt(fs, "compaction does not converge");
}

int fs_mb_commit(fs_t *fs, uint32_t sector, const fs_commit_t *c) {
    return commit_chain(fs, sector, c, false);
}

int fs_mb_move(fs_t *fs, uint32_t sector) {
    const fs_commit_t none = {0};
    return commit_chain(fs, sector, &none, true);
}

int fs_find_dir_head(fs_t *fs, uint32_t dir_ino, uint32_t *head) {
    if (dir_ino == FS_ROOT_INO) {
        *head = fs->root;
        return 0;
    }
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p) || fs_bit(fs->op_free, p)) {
            continue;
        }
        uint8_t hdr[FS_MB_HDR];
        int err = fs_read(fs, p, 0, hdr, FS_MB_HDR);
        if (err < 0) {
            return err;
        }
        if (fs_get32(hdr + 8) == dir_ino && (hdr[12] & FS_MB_HEAD)) {
            *head = p;
            return 0;
        }
    }
    return FS_ERR_NOENT;
}

int fs_find_ino_anywhere(fs_t *fs, uint32_t ino, fs_loc_t *loc) {
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        if (!fs_bit(fs->meta, p) || fs_bit(fs->op_free, p)) {
            continue;
        }
        int err = fs_mb_load(fs, p);
        int s = err < 0 ? err : fs_mb_find_ino(fs, ino);
        if (s == FS_ERR_NOENT) {
            continue;
        }
        if (s < 0 || (err = fs_mb_entry(fs, (uint32_t)s, &loc->e)) < 0) {
            return s < 0 ? s : err;
        }
        loc->mb = p;
        loc->seq = fs->mbc.seq;
        loc->slot = (uint32_t)s;
        loc->dir_ino = fs->mbc.dir_ino;
        return fs_find_dir_head(fs, loc->dir_ino, &loc->dir_head);
    }
    return FS_ERR_NOENT;
}

// ---- Superblock ---------------------------------------------------------------------------------

// A superblock record: ROOT or WEAR with its sector.
static void sb_record(uint8_t *r, uint32_t tag, uint32_t sector) {
    r[0] = (uint8_t)tag;
    r[1] = FS_SLOT_NONE;
    fs_put16(r + 2, 8);
    fs_put32(r + 4, sector);
}

int fs_sb_write(fs_t *fs, uint32_t sector, uint32_t rev) {
    int err = fs_erase(fs, sector);
    if (err < 0) {
        return err;
    }
    uint8_t h[FS_SB_HDR + 16];
    memset(h, 0xff, sizeof(h));
    fs_put32(h, FS_SB_MAGIC);
    fs_put16(h + 4, FS_VERSION);
    fs_put16(h + 6, FS_SB_HDR);
    fs_put32(h + 8, rev);
    fs_put32(h + 12, FS_SECTOR_SIZE);
    fs_put32(h + 16, fs->nsec);
    fs_put16(h + 20, FS_NAME_MAX);
    fs_put16(h + 22, FS_INLINE_MAX);
    fs_put16(h + 24, FS_SLOTS);
    sb_record(h + FS_SB_HDR, FS_TAG_ROOT, fs->root);
    sb_record(h + FS_SB_HDR + 8, FS_TAG_WEAR, fs->wear_sector);
    fs_ws_t ws;
    fs_ws_begin(fs, &ws, sector, 0);
    if ((err = fs_ws_write(fs, &ws, h, sizeof(h))) < 0 || (err = fs_ws_crc(fs, &ws)) < 0) {
        return err;
    }
    fs->sb_sector = sector;
    fs->sb_rev = rev;
    fs->sb_end = sizeof(h) + FS_CRC_LEN;
    return 0;
}

int fs_sb_read(fs_t *fs, uint32_t sector, fs_sb_info_t *info) {
    uint8_t h[FS_SB_HDR];
    info->version = 0;
    int err = fs_read(fs, sector, 0, h, FS_SB_HDR);
    if (err < 0) {
        return err;
    }
    // Every version so far has this header and log; only a complete one says which it is.
    if (fs_get32(h) != FS_SB_MAGIC || fs_get16(h + 6) != FS_SB_HDR ||
        fs_get32(h + 12) != FS_SECTOR_SIZE || fs_get32(h + 16) != fs->nsec ||
        fs_get16(h + 20) != FS_NAME_MAX || fs_get16(h + 22) != FS_INLINE_MAX ||
        fs_get16(h + 24) != FS_SLOTS) {
        return FS_ERR_NODEV;
    }
    uint32_t crc = fs_crc32(0, h, FS_SB_HDR), off = FS_SB_HDR;
    const uint32_t allowed = (1u << FS_TAG_ROOT) | (1u << FS_TAG_WEAR);
    info->root = info->wear = FS_NONE;
    for (;;) {
        uint32_t e;
        int valid = fs_log_commit(fs, sector, off, crc, allowed, &e);
        if (valid < 0) {
            return valid;
        }
        if (valid == 0) {
            break;
        }
        for (uint32_t p = off; p < e - FS_CRC_LEN; p += 8) {
            uint8_t r[8];
            if ((err = fs_read(fs, sector, p, r, 8)) < 0) {
                return err;
            }
            if (fs_get16(r + 2) != 8) {
                return FS_ERR_NODEV;
            }
            *(r[0] == FS_TAG_ROOT ? &info->root : &info->wear) = fs_get32(r + 4);
        }
        off = e;
        crc = 0;
    }
    if (info->root == FS_NONE) {
        return FS_ERR_NODEV;
    }
    if (fs_get16(h + 4) != FS_VERSION) {
        info->version = fs_get16(h + 4);
        return FS_ERR_NODEV;
    }
    info->rev = fs_get32(h + 8);
    info->end = off;
    return 0;
}

// Appends a commit of one [tag] record to the active superblock, or hands over to the other
// sector (which then names fs->root and fs->wear_sector, already updated by the caller).
static int sb_append(fs_t *fs, uint32_t tag, uint32_t sector) {
    const uint32_t need = 8 + FS_CRC_LEN;
    if (fs->sb_end + need <= FS_SB_LIMIT) {
        int erased = fs_is_erased(fs, fs->sb_sector, fs->sb_end, need);
        if (erased < 0) {
            return erased;
        }
        if (erased) {
            uint8_t r[8];
            sb_record(r, tag, sector);
            fs_ws_t ws;
            fs_ws_begin(fs, &ws, fs->sb_sector, fs->sb_end);
            int err = fs_ws_write(fs, &ws, r, sizeof(r));
            if (err == 0) {
                err = fs_ws_crc(fs, &ws);
            }
            if (err == 0) {
                fs->sb_end += need;
            }
            return err;
        }
    }
    // The other superblock sector takes over with a higher revision once it is complete.
    return fs_sb_write(fs, 1 - fs->sb_sector, fs->sb_rev + 1);
}

int fs_sb_set_root(fs_t *fs, uint32_t root) {
    uint32_t old = fs->root;
    fs->root = root;
    int err = sb_append(fs, FS_TAG_ROOT, root);
    if (err < 0) {
        fs->root = old;
    }
    return err;
}

int fs_sb_set_wear(fs_t *fs, uint32_t sector) {
    uint32_t old = fs->wear_sector;
    fs->wear_sector = sector;
    int err = sb_append(fs, FS_TAG_WEAR, sector);
    if (err < 0) {
        fs->wear_sector = old;
    }
    return err;
}
