// SPDX-License-Identifier: MIT
// fs_priv.h: what the files of the filesystem share: on-flash layout constants (FORMAT.md) and
// internal functions.

#ifndef FS_PRIV_H
#define FS_PRIV_H

#include "fs.h"

#define FS_NONE (0xffffffffu)

// ---- On-flash layout (FORMAT.md) ----------------------------------------------------------------

#define FS_SB_MAGIC   (0x42534852u) // "RHSB"
#define FS_MB_MAGIC   (0x424d4852u) // "RHMB"
#define FS_WL_MAGIC   (0x4c574852u) // "RHWL": the sector holding the saved erase counts
#define FS_WL_HDR     (16u)
#define FS_VERSION    (2u) // 2: entries carry a modification time
#define FS_SB_HDR     (32u)
#define FS_MB_HDR     (16u)
#define FS_REC_HDR    (4u)
#define FS_PUT_FIXED  (28u) // PUT record header and fixed fields
#define FS_CRC_LEN    (8u)
#define FS_ROOT_INO   (1u)
#define FS_SB_SECTORS (2u)
// Bytes of a superblock sector its log may fill before the other sector takes over. Tests make it
// small so that the hand-over happens often under power cuts.
#ifndef FS_SB_LIMIT
#define FS_SB_LIMIT FS_SECTOR_SIZE
#endif

enum {
    FS_TAG_PUT = 0x01,
    FS_TAG_DEL = 0x02,
    FS_TAG_NEXT = 0x03,
    FS_TAG_ROOT = 0x04,
    FS_TAG_WEAR = 0x05,   // superblock: the sector holding the saved erase counts
    FS_TAG_COUNTS = 0x06, // that sector: the erase counts
    FS_TAG_CRC = 0x7e,
};

enum {
    FS_ST_INLINE = 0,
    FS_ST_DIRECT = 1,
    FS_ST_INDEXED = 2,
    FS_ST_DIR = 3,
};

#define FS_PUT_MOVING (0x01u) // a rename across metadata sectors has not finished
#define FS_MB_HEAD    (0x01u)
#define FS_SLOT_NONE  (0xffu)
#define FS_SLOT_NEW   (0xfeu)

// Index slots per index sector.
#define FS_INDEX_SLOTS (FS_SECTOR_SIZE / 2u)

static inline uint32_t fs_align4(uint32_t n) {
    return (n + 3u) & ~3u;
}

static inline uint32_t fs_nblocks(uint32_t size) {
    return (size + FS_SECTOR_SIZE - 1) / FS_SECTOR_SIZE;
}

// A directory entry as the filesystem handles it in RAM.
typedef struct fs_entry {
    uint32_t ino;
    uint32_t size;
    uint32_t ptr;
    uint32_t hash;
    uint32_t mtime; // seconds since the port's epoch: content last changed (directory: made)
    uint8_t type;
    uint8_t storage;
    uint8_t name_len;
    uint8_t flags;
} fs_entry_t;

// One record of a commit.
typedef struct fs_rec {
    uint8_t tag;  // FS_TAG_PUT, FS_TAG_DEL, FS_TAG_NEXT
    uint8_t slot; // FS_SLOT_NEW: a PUT that adds an entry
    const fs_entry_t *e;
    const char *name;
    const uint8_t *data; // inline contents (e->size bytes) for FS_ST_INLINE
    uint32_t next;
} fs_rec_t;

#define FS_COMMIT_MAX (3)
typedef struct fs_commit {
    uint32_t n;
    fs_rec_t rec[FS_COMMIT_MAX];
} fs_commit_t;

// Where an entry is.
typedef struct fs_loc {
    uint32_t mb;  // metadata sector holding it
    uint32_t seq; // that sector's sequence number
    uint32_t slot;
    uint32_t dir_ino;  // directory holding it
    uint32_t dir_head; // that directory's first sector
    fs_entry_t e;
} fs_loc_t;

static inline uint32_t fs_rec_len(const fs_entry_t *e) {
    uint32_t n = FS_PUT_FIXED + e->name_len;
    if (e->storage == FS_ST_INLINE) {
        n += e->size;
    }
    return fs_align4(n);
}

static inline void fs_put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void fs_put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline uint32_t fs_get16(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}
static inline uint32_t fs_get32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

// ---- Device access (fs_bd.c) --------------------------------------------------------------------

// CRC-32 (IEEE) of [len] bytes at [data], continuing from [crc] (start with 0).
uint32_t fs_crc32(uint32_t crc, const void *data, size_t len);
// Reads [len] bytes at [off] of [sector] into [buf]; any alignment (through the read cache).
int fs_read(fs_t *fs, uint32_t sector, uint32_t off, void *buf, uint32_t len);
int fs_erase(fs_t *fs, uint32_t sector);
#ifdef FS_TEST_POISON
// Tests build with this: a sector is overwritten with zeros the moment it is freed, so that
// freeing anything still referenced shows at once.
void fs_poison(fs_t *fs, uint32_t sector);
#endif
// Returns 1 if [len] bytes at [off] of [sector] are all 0xFF, 0 if not, or an error.
int fs_is_erased(fs_t *fs, uint32_t sector, uint32_t off, uint32_t len);
// Checks the commit at [off] of [sector] (records of the tags in [allowed], a bit per tag,
// closed by a CRC record matching [crc], the CRC of what precedes it in its span): 1 with [*end]
// after it, 0 if there is no valid commit there, or an error.
int fs_log_commit(fs_t *fs, uint32_t sector, uint32_t off, uint32_t crc, uint32_t allowed,
                  uint32_t *end);

// A sequential writer into one sector, staged through fs->pbuf so the device sees aligned
// programs; it keeps a CRC of what it wrote. Only one is active at a time.
typedef struct fs_ws {
    uint32_t sector;
    uint32_t off;  // flash offset of pbuf[0] (aligned)
    uint32_t fill; // bytes staged in pbuf
    uint32_t crc;
} fs_ws_t;

// Starts writing at [off]; bytes of the word before an unaligned [off] are kept.
int fs_ws_begin(fs_t *fs, fs_ws_t *ws, uint32_t sector, uint32_t off);
int fs_ws_write(fs_t *fs, fs_ws_t *ws, const void *data, uint32_t len);
// Writes [len] zero bytes.
int fs_ws_zero(fs_t *fs, fs_ws_t *ws, uint32_t len);
// Copies [len] bytes from [off] of [sector] (another sector).
int fs_ws_copy(fs_t *fs, fs_ws_t *ws, uint32_t sector, uint32_t off, uint32_t len);
// Programs what is staged (a partial last word is padded with 0xFF, which leaves it erased).
int fs_ws_flush(fs_t *fs, fs_ws_t *ws);
static inline uint32_t fs_ws_pos(const fs_ws_t *ws) {
    return ws->off + ws->fill;
}
// Closes a commit: the CRC record of what [ws] wrote since it began, then flushes.
int fs_ws_crc(fs_t *fs, fs_ws_t *ws);

// ---- Allocation (fs_alloc.c) --------------------------------------------------------------------

static inline bool fs_bit(const uint32_t *map, uint32_t i) {
    return (map[i >> 5] >> (i & 31)) & 1u;
}
static inline void fs_bit_set(uint32_t *map, uint32_t i) {
    map[i >> 5] |= 1u << (i & 31);
}
static inline void fs_bit_clr(uint32_t *map, uint32_t i) {
    map[i >> 5] &= ~(1u << (i & 31));
}

// Points the bitmaps into [ram]; FS_ERR_NOMEM if it is too small.
int fs_ram_init(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size);
// Finds a free sector, marks it used (and metadata if [meta]) and erases it if it is not blank.
// [grow]: the allocation makes the filesystem bigger, so it may not take the reserve.
int fs_alloc(fs_t *fs, bool meta, bool grow, uint32_t *out);
// Frees [sector] now (it holds nothing committed).
void fs_release(fs_t *fs, uint32_t sector);
// Frees [sector] when the running operation completes (it is committed until then).
void fs_free_later(fs_t *fs, uint32_t sector);
// Brackets an operation: on success the sectors it freed become free; on failure the metadata
// sectors it allocated do. Returns [err].
void fs_op_begin(fs_t *fs);
int fs_op_end(fs_t *fs, int err);
// Recounts nfree from the used map.
void fs_count_free(fs_t *fs);

// ---- Metadata sectors (fs_mb.c) -----------------------------------------------------------------

uint32_t fs_name_hash(const char *name, size_t len);
// Parses the log of metadata sector [sector] into fs->mbc (nothing if already there).
int fs_mb_load(fs_t *fs, uint32_t sector);
// Forgets fs->mbc if it holds [sector].
void fs_mb_forget(fs_t *fs, uint32_t sector);
// Reads the entry in [slot] of the loaded sector.
int fs_mb_entry(fs_t *fs, uint32_t slot, fs_entry_t *e);
// Reads its name (NUL-terminated, FS_NAME_MAX + 1 bytes) or its inline data.
int fs_mb_name(fs_t *fs, uint32_t slot, char *name);
int fs_mb_data(fs_t *fs, uint32_t slot, uint8_t *buf, uint32_t len);
// Finds [name] / [ino] in the loaded sector: the slot, or FS_ERR_NOENT.
int fs_mb_find(fs_t *fs, const char *name, uint32_t len, uint32_t hash);
int fs_mb_find_ino(fs_t *fs, uint32_t ino);
// Commits [c] to the directory sector [sector]: appended to its log when it fits, else the
// sector is compacted into a fresh one (split in two if need be) and whatever refers to it is
// updated in turn. Must run inside an operation.
int fs_mb_commit(fs_t *fs, uint32_t sector, const fs_commit_t *c);
// Writes a new metadata sector for directory [dir_ino] holding the records of [c] (may be
// NULL) followed by a NEXT to [next]; [out] receives it.
int fs_mb_create(fs_t *fs, uint32_t dir_ino, bool head, const fs_commit_t *c, uint32_t next,
                 uint32_t *out);
// Moves metadata sector [sector] as it is to a newly allocated one (static wear levelling) and
// updates what refers to it. Must run inside an operation.
int fs_mb_move(fs_t *fs, uint32_t sector);
// Scans every metadata sector for the live entry with [ino] (any directory).
int fs_find_ino_anywhere(fs_t *fs, uint32_t ino, fs_loc_t *loc);
// The first sector of directory [dir_ino], found by scanning the metadata sectors' headers.
int fs_find_dir_head(fs_t *fs, uint32_t dir_ino, uint32_t *head);
// Remembers that directory head [child]'s entry is in metadata sector [parent].
void fs_hint_parent(fs_t *fs, uint32_t child, uint32_t parent);

// ---- Superblock (fs_mb.c) -----------------------------------------------------------------------

// What a superblock says.
typedef struct fs_sb_info {
    uint32_t rev;
    uint32_t root;    // the root directory's first sector
    uint32_t wear;    // the sector holding the saved erase counts, or FS_NONE
    uint32_t end;     // where its log ends
    uint32_t version; // of a complete superblock of another format version, else 0
} fs_sb_info_t;

// Writes superblock [sector] from scratch with revision [rev], naming fs->root and
// fs->wear_sector.
int fs_sb_write(fs_t *fs, uint32_t sector, uint32_t rev);
// Records that the root directory now starts at [root].
int fs_sb_set_root(fs_t *fs, uint32_t root);
// Records that the erase counts are now saved in [sector].
int fs_sb_set_wear(fs_t *fs, uint32_t sector);
// Reads superblock [sector] into [info]; FS_ERR_NODEV if it is not valid (info->version then
// says whether it is a complete one of another version).
int fs_sb_read(fs_t *fs, uint32_t sector, fs_sb_info_t *info);

// ---- Wear (fs_wear.c)
// ----------------------------------------------------------------------------

// Counts an erase of [sector].
void fs_wear_erased(fs_t *fs, uint32_t sector);
// Reads the saved erase counts (mount, after the walk marked their sector used).
int fs_wear_load(fs_t *fs);
// Run at the end of every operation that changes the tree: saves the erase counts when due and
// moves one sector of static data when the erase counts have spread too far. Errors are not the
// caller's operation's: they are kept for the next one to find.
void fs_wear_tick(fs_t *fs);
// Notes that a handle on file [ino] was opened for writing ([open]) or closed.
void fs_wear_writer(fs_t *fs, uint32_t ino, bool open);

// ---- Tree (fs_mount.c, fs_dir.c) ----------------------------------------------------------------

// Walks the whole tree from the root; with [build] it rebuilds the used and meta maps, else it
// compares them. Fills [stats] when not NULL.
int fs_walk(fs_t *fs, bool build, fs_check_stats_t *stats, bool *moving_found);
int fs_corrupt(fs_t *fs, const char *why);
// Resolves [path]; the last component's entry into [loc] (the root is a pseudo-entry with
// loc->mb == FS_NONE). FS_ERR_NOENT when only the last component is missing, with loc's
// directory fields filled and *name/*name_len pointing at that component.
int fs_lookup(fs_t *fs, const char *path, fs_loc_t *loc, const char **name, uint32_t *name_len);
// Finds the entry with [ino] in directory [dir_ino], trying metadata sector [hint] first.
int fs_find_entry(fs_t *fs, uint32_t dir_ino, uint32_t ino, uint32_t hint, uint32_t hint_seq,
                  fs_loc_t *loc);
// Adds entry [e] named [name] to the directory whose first sector is [head].
int fs_dir_insert(fs_t *fs, uint32_t head, uint32_t dir_ino, const fs_entry_t *e, const char *name,
                  const uint8_t *data);
// Creates an empty file named by [path] (for fs_file_open); [loc] receives its entry.
int fs_create_file(fs_t *fs, const char *path, fs_loc_t *loc);
// Frees (later) every sector a file or directory entry owns.
int fs_free_entry(fs_t *fs, const fs_entry_t *e);

#endif
