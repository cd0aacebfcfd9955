// SPDX-License-Identifier: MIT
// fs.h: rhfs, a power-loss-safe flash filesystem over a NOR block device (blockdev.h).
//
// Every operation is atomic: after a power cut at any instant the filesystem mounts and shows the
// state before or after each operation. A file's new contents become visible as a whole when it
// is synced or closed; until then readers (and a remount) see the previous contents. Metadata is
// copy-on-write: each directory is a chain of logged metadata sectors that move to a fresh sector
// whenever they are compacted, and file data is written to fresh sectors, so wear spreads over
// the whole partition; data that never changes is moved now and then onto worn sectors (static
// wear levelling). FORMAT.md describes the on-flash format.
//
// Memory: the filesystem never allocates. Its state is an fs_t (sizeof(fs_t) bytes, about
// 1.3 KiB) plus a caller buffer of FS_RAM_BITMAPS(sector_count) bytes (bitmaps and a byte of
// erase count per sector: 1148 bytes on a 4 MiB flash); an open file is an
// fs_file_t (344 bytes) and an open directory an fs_dir_t, both caller storage. Nothing
// else is used except C stack (about 2.3 KiB at the deepest; nothing recurses). Paths are absolute
// ("/a/b"), components split by '/'; names are 1..FS_NAME_MAX bytes without '/' or NUL ("." and
// ".." are not special here: see fs_path_join for the usual meaning). Functions return 0 (or a
// count) or a negative FS_ERR_* value, which is the negated Linux/MicroPython errno.

#ifndef FS_FS_H
#define FS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "blockdev.h"

enum {
    FS_OK = 0,
    FS_ERR_NOENT = -2,
    FS_ERR_IO = -5,     // the device failed, or the filesystem is corrupt (fs_corrupt_reason says)
    FS_ERR_BADF = -9,   // the file was removed or is not open for this
    FS_ERR_NOMEM = -12, // the caller's buffer is too small
    FS_ERR_BUSY = -16,  // another handle changed the file since this one read it
    FS_ERR_EXIST = -17,
    FS_ERR_NODEV = -19, // no filesystem on the device (blank or foreign): format it
    FS_ERR_NOTDIR = -20,
    FS_ERR_ISDIR = -21,
    FS_ERR_INVAL = -22,
    FS_ERR_FBIG = -27,
    FS_ERR_NOSPC = -28,
    FS_ERR_NAMETOOLONG = -36,
    FS_ERR_NOTEMPTY = -39,
};

// Longest name of one file or directory, in bytes (UTF-8 is stored as given).
#define FS_NAME_MAX (255)
// Longest path fs_path_join produces, in bytes with the NUL.
#define FS_PATH_MAX (1024)
// Files up to this many bytes live inside their directory entry (no sector of their own).
#define FS_INLINE_MAX (256)
// Entries one metadata sector holds at most.
#define FS_SLOTS (128)
// Largest partition: sector numbers are 16-bit in index sectors.
#define FS_MAX_SECTORS (0xfff0u)
// Largest file: one index sector of 16-bit sector numbers.
#define FS_FILE_MAX ((uint32_t)(FS_SECTOR_SIZE / 2) * FS_SECTOR_SIZE)

// Bytes of caller RAM the filesystem needs for [n] sectors: four bitmaps, and a byte per sector
// for its erase count.
#define FS_RAM_BITMAPS(n)                                                                          \
    (4u * 4u * (((uint32_t)(n) + 31u) / 32u) + 4u * (((uint32_t)(n) + 3u) / 4u))
// Static wear levelling: data is moved off the least-erased sector in use, onto the most-erased
// free sector, once it has been erased this many times less than the average free sector
// (fs_set_wear_levelling changes it).
#ifndef FS_WEAR_SPREAD
#define FS_WEAR_SPREAD (16u)
#endif
// Erase counts are saved to flash after this many erases (at the end of an operation); a power
// cut loses at most the counts since the last save.
#ifndef FS_WEAR_SAVE_EVERY
#define FS_WEAR_SAVE_EVERY (16u)
#endif
// Files open for writing whose data static wear levelling leaves in place; with more open, it
// waits until some close.
#define FS_WRITERS (4)

// Entry types.
enum { FS_TYPE_FILE = 1, FS_TYPE_DIR = 2 };

// Open flags.
enum {
    FS_O_RDONLY = 1,
    FS_O_WRONLY = 2,
    FS_O_RDWR = 3,
    FS_O_CREAT = 0x10,
    FS_O_EXCL = 0x20,
    FS_O_TRUNC = 0x40,
    FS_O_APPEND = 0x80,
};

// ---- Internal state (callers treat these as opaque storage) ------------------------------------

#define FS_RBUF_SIZE (256)
#define FS_PBUF_SIZE (256)
#define FS_HINTS     (4)

// The one metadata sector whose log has been parsed, kept while it is unchanged.
typedef struct fs_mbcache {
    uint32_t sector; // FS_NONE when empty
    uint32_t seq;
    uint32_t dir_ino;
    uint32_t next;       // next sector of the directory's chain, or FS_NONE
    uint16_t end;        // where the next commit goes
    uint16_t live_bytes; // bytes of live entry records
    uint8_t head;        // the first sector of its directory
    uint8_t n_live;
    uint16_t slot_off[FS_SLOTS]; // record offset of each live entry, 0 if free
    uint8_t slot_len4[FS_SLOTS]; // record length / 4
    uint8_t slot_hash[FS_SLOTS]; // low byte of the name hash
} fs_mbcache_t;

typedef struct fs {
    const fs_blockdev_t *bd;
    uint32_t nsec;     // sectors in the partition
    uint32_t words;    // 32-bit words per bitmap
    uint32_t *used;    // sectors in use (committed, or owned by an open file or operation)
    uint32_t *meta;    // used sectors that are metadata (directory) sectors
    uint32_t *op_new;  // metadata sectors the running operation allocated
    uint32_t *op_free; // sectors to free when the running operation completes
    uint32_t nfree;    // sectors not in [used]
    uint32_t reserve;  // free sectors kept for operations that do not grow the filesystem
    uint32_t cursor;   // where the next allocation search starts
    uint32_t seq;      // sequence number for the next metadata sector written
    uint32_t next_ino;
    uint32_t now;       // the time fs_set_time gave: what new timestamps say
    uint32_t gen;       // changes whenever committed state changes
    uint32_t root;      // first sector of the root directory
    uint32_t sb_sector; // the active superblock sector (0 or 1)
    uint32_t sb_rev;
    uint32_t sb_end; // where the next superblock commit goes
    // Wear: erase counts (per sector, relative to [wear_base], saturating at 255) and where
    // they are saved.
    uint8_t *wear;
    uint32_t wear_base;
    uint32_t wear_sector;  // the sector holding the saved counts, or FS_NONE
    uint32_t wear_end;     // where the next save goes in it
    uint32_t wear_unsaved; // erases since the last save
    uint32_t wear_spread;  // FS_WEAR_SPREAD, or 0: no static wear levelling
    uint32_t wear_retry;   // n_erase before which levelling is not tried again
    uint32_t alloc_pref;   // the sector the next allocation takes if it is free, or FS_NONE
    uint32_t writer_ino[FS_WRITERS]; // inodes of files open for writing (0: none) ...
    uint32_t writers;                // ... and how many handles are (some may not be listed)
    bool mounted;
    bool in_op;
    const char *corrupt; // why the last mount or check failed, for diagnostics
    // Counters for measurement (bench, tests).
    uint32_t n_prog, n_erase, n_read;
    uint32_t n_wear_saves, n_wear_moves; // erase count saves, sectors moved by static levelling
    uint64_t bytes_prog, bytes_read;
    // Caches.
    uint32_t rbuf_sector; // FS_NONE when empty
    uint32_t rbuf_off;
    uint8_t rbuf[FS_RBUF_SIZE];
    uint8_t pbuf[FS_PBUF_SIZE];
    uint32_t hint_child[FS_HINTS];  // a directory's first sector ...
    uint32_t hint_parent[FS_HINTS]; // ... and the sector holding its entry, seen on path walks
    uint32_t hint_next;
    fs_mbcache_t mbc;
} fs_t;

// A file's committed or working state.
typedef struct fs_fstate {
    uint32_t size;
    uint32_t ptr; // data sector, index sector, or FS_NONE
    uint8_t storage;
} fs_fstate_t;

typedef struct fs_file {
    uint32_t dir_ino;
    uint32_t ino;
    uint32_t hint_mb;  // metadata sector where the entry was last seen ...
    uint32_t hint_seq; // ... and that sector's sequence number
    uint32_t gen;      // fs->gen when [base] was last checked
    uint32_t pos;
    uint32_t mtime; // the modification time to commit: fs->now at the last write
    uint8_t flags;
    bool open;
    bool dirty;       // [cur] differs from [base]
    bool own_index;   // cur.ptr is an index sector this handle wrote
    int16_t error;    // a write failed (FS_ERR_NOSPC, FS_ERR_IO): nothing will be committed
    fs_fstate_t base; // what is committed
    fs_fstate_t cur;  // what this handle has written
    uint32_t isrc;    // index sector that slots >= ifill are copied from (FS_NONE: none)
    uint32_t ifill;   // slots of the owned index already programmed
    // A data sector being rewritten: slots [0, pb_fill) are in pb_new, the rest still in pb_src.
    uint32_t pb_k; // logical block number, or FS_NONE
    uint32_t pb_new;
    uint32_t pb_src;
    uint32_t pb_fill;
    uint32_t pb_end;            // bytes of pb_src's block that hold file data
    uint8_t buf[FS_INLINE_MAX]; // an inline file's contents
} fs_file_t;

typedef struct fs_dir {
    uint32_t dir_ino;
    uint32_t head;  // hint: the directory's first sector when last seen
    uint32_t index; // which sector of the chain
    uint32_t slot;  // next slot to look at
    bool open;
} fs_dir_t;

typedef struct fs_info {
    uint8_t type; // FS_TYPE_*
    uint32_t size;
    uint32_t ino;
    uint32_t mtime; // a file's last content change, a directory's making (the root: 0)
    char name[FS_NAME_MAX + 1];
} fs_info_t;

typedef struct fs_statvfs {
    uint32_t block_size;
    uint32_t blocks; // sectors in the partition
    uint32_t free;   // sectors a file may still grow into
    uint32_t name_max;
} fs_statvfs_t;

// What fs_check found.
typedef struct fs_check_stats {
    uint32_t dirs, files;
    uint32_t meta_sectors, data_sectors, index_sectors;
    uint32_t wear_sectors; // the sector holding the saved erase counts (0 or 1)
    uint64_t file_bytes;
    bool bitmap_matches; // the in-RAM used map equals what the tree references
} fs_check_stats_t;

// ---- Life cycle --------------------------------------------------------------------------------

// Writes an empty filesystem on [bd] (erasing what was there). [ram] as for fs_mount.
int fs_format(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size);
// Mounts the filesystem on [bd]: finds the newest superblock, walks and checks the whole tree
// (every metadata record's checksum, every reference in range and used once, sizes consistent),
// finishes a rename a power cut interrupted, and builds the free map. [ram] must hold
// FS_RAM_BITMAPS(bd->sector_count) bytes and outlive the mount. Returns FS_ERR_NODEV if the
// device holds no filesystem, FS_ERR_IO if it is corrupt or unreadable.
int fs_mount(fs_t *fs, const fs_blockdev_t *bd, void *ram, size_t ram_size);
// Forgets the mount (open handles become invalid). Nothing needs writing: all is committed.
void fs_unmount(fs_t *fs);
// Walks the tree again as mount does, without writing, and fills [stats] (may be NULL).
int fs_check(fs_t *fs, fs_check_stats_t *stats);
// A short text saying what the last failed mount or check found wrong, or NULL.
const char *fs_corrupt_reason(const fs_t *fs);
// Sets the clock: [now] (seconds since the caller's epoch) is what the timestamps of entries
// created, files written and directories made from now on say. Mounting sets it to 0; the
// caller updates it before operations (the filesystem never reads a clock itself).
void fs_set_time(fs_t *fs, uint32_t now);
// Sets the static wear levelling threshold (FS_WEAR_SPREAD at mount); 0 turns it off.
void fs_set_wear_levelling(fs_t *fs, uint32_t spread);
// How many times the filesystem has erased [sector], as far as it knows: counts are saved now
// and then, so a power cut loses the latest few; formatting starts again from 0.
uint32_t fs_erase_count(const fs_t *fs, uint32_t sector);

// ---- Names -------------------------------------------------------------------------------------

int fs_stat(fs_t *fs, const char *path, fs_info_t *info);
int fs_mkdir(fs_t *fs, const char *path);
// Removes a file (FS_ERR_ISDIR for a directory).
int fs_remove(fs_t *fs, const char *path);
// Removes an empty directory.
int fs_rmdir(fs_t *fs, const char *path);
// Renames [from] to [to] atomically, replacing a file (or an empty directory) at [to].
int fs_rename(fs_t *fs, const char *from, const char *to);
int fs_statvfs(fs_t *fs, fs_statvfs_t *st);

// Directory listing; entries come in no particular order. fs_dir_read returns 1 with [info]
// filled, 0 at the end. Changes made while listing may or may not be seen.
int fs_dir_open(fs_t *fs, fs_dir_t *dir, const char *path);
int fs_dir_read(fs_t *fs, fs_dir_t *dir, fs_info_t *info);
void fs_dir_close(fs_t *fs, fs_dir_t *dir);

// ---- Files -------------------------------------------------------------------------------------

// Opens [path] with FS_O_* [flags]. Creating a file commits an empty file at once; FS_O_TRUNC
// empties it only when the new contents are committed.
int fs_file_open(fs_t *fs, fs_file_t *f, const char *path, int flags);
// Returns bytes read (0 at the end).
int32_t fs_file_read(fs_t *fs, fs_file_t *f, void *buf, uint32_t len);
// Returns bytes written, fewer when the filesystem filled up (FS_ERR_NOSPC if none). After a
// write failed for want of space (or the device failing), the handle commits nothing: syncing
// and closing return the error and the file keeps its last committed contents.
int32_t fs_file_write(fs_t *fs, fs_file_t *f, const void *buf, uint32_t len);
// Moves the position ([whence] 0 start, 1 current, 2 end); returns the new position.
int32_t fs_file_seek(fs_t *fs, fs_file_t *f, int32_t off, int whence);
int32_t fs_file_tell(fs_t *fs, fs_file_t *f);
int32_t fs_file_size(fs_t *fs, fs_file_t *f);
// Commits what was written: afterwards the file holds exactly it, whatever happens.
int fs_file_sync(fs_t *fs, fs_file_t *f);
// Syncs and closes. The handle is closed even when syncing fails (its writes are dropped).
int fs_file_close(fs_t *fs, fs_file_t *f);

// ---- Paths -------------------------------------------------------------------------------------

// Joins [path] onto directory [cwd] (absolute) and resolves "." and ".." into [out]
// (FS_PATH_MAX bytes), e.g. ("/a", "../b/./c") -> "/b/c". FS_ERR_NAMETOOLONG if it is longer.
int fs_path_join(const char *cwd, const char *path, char *out);

#endif
