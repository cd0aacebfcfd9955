// SPDX-License-Identifier: MIT
// fs_file.c: open files. Writes never touch what is committed: new data goes to fresh sectors,
// or onto still-erased bytes past the committed end of a sector (NOR flash can program those in
// place); fs_file_sync then commits the entry that names the new contents in one record.
//
// A handle keeps the committed state it started from ([base]) and its working state ([cur]).
// Files up to FS_INLINE_MAX bytes live in the entry and, while open, in the handle's buffer;
// a file of one sector points at it; a bigger one at an index sector of 16-bit sector numbers.
// Rewriting part of a sector copies it lazily: the handle remembers one sector being rewritten
// (the "pending block") whose remaining old bytes are copied when the handle moves on.
// Other handles notice a commit through fs->gen and look their entry up again.

#include <string.h>

#include "fs_priv.h"

enum { F_READ = 1, F_WRITE = 2, F_APPEND = 4 };

#define SS FS_SECTOR_SIZE

static int read_slot(fs_t *fs, uint32_t index, uint32_t k, uint32_t *s) {
    uint8_t v[2];
    int err = fs_read(fs, index, k * 2, v, 2);
    uint32_t x = fs_get16(v);
    *s = x == 0xffff ? FS_NONE : x;
    return err;
}

static int prog_slot(fs_t *fs, uint32_t index, uint32_t k, uint32_t s) {
    uint8_t v[2];
    fs_put16(v, s);
    fs_ws_t ws;
    int err = fs_ws_begin(fs, &ws, index, k * 2);
    if (err == 0) {
        err = fs_ws_write(fs, &ws, v, 2);
    }
    return err < 0 ? err : fs_ws_flush(fs, &ws);
}

// Copies slots [from, to) of index [src] into index [dst], replacing slot [k] by [s] (k may be
// out of the range).
static int copy_slots(fs_t *fs, uint32_t src, uint32_t dst, uint32_t from, uint32_t to, uint32_t k,
                      uint32_t s) {
    if (from >= to) {
        return 0;
    }
    fs_ws_t ws;
    uint8_t chunk[64];
    int err = fs_ws_begin(fs, &ws, dst, from * 2);
    for (uint32_t i = from; i < to && err == 0; i += 32) {
        uint32_t n = to - i < 32 ? to - i : 32;
        err = fs_read(fs, src, i * 2, chunk, n * 2);
        if (err == 0 && k >= i && k < i + n) {
            fs_put16(chunk + (k - i) * 2, s);
        }
        if (err == 0) {
            err = fs_ws_write(fs, &ws, chunk, n * 2);
        }
    }
    return err < 0 ? err : fs_ws_flush(fs, &ws);
}

// The committed sector of block [k], or FS_NONE.
static int base_slot(fs_t *fs, const fs_file_t *f, uint32_t k, uint32_t *s) {
    *s = FS_NONE;
    if (f->base.storage == FS_ST_DIRECT && k == 0) {
        *s = f->base.ptr;
    } else if (f->base.storage == FS_ST_INDEXED && k < fs_nblocks(f->base.size)) {
        return read_slot(fs, f->base.ptr, k, s);
    }
    return 0;
}

// The working sector of block [k] (for the pending block: the new one), or FS_NONE.
static int cur_slot(fs_t *fs, const fs_file_t *f, uint32_t k, uint32_t *s) {
    *s = FS_NONE;
    if (k == f->pb_k) {
        *s = f->pb_new;
    } else if (f->cur.storage == FS_ST_DIRECT && k == 0) {
        *s = f->cur.ptr;
    } else if (f->cur.storage == FS_ST_INDEXED && k < fs_nblocks(f->cur.size)) {
        uint32_t index = f->own_index && k < f->ifill ? f->cur.ptr : f->isrc;
        return read_slot(fs, index, k, s);
    }
    return 0;
}

// A second block for a one-sector file: it gets an index naming [first] and [second].
static int start_index(fs_t *fs, fs_file_t *f, uint32_t first, uint32_t second) {
    uint32_t x;
    int err = fs_alloc(fs, false, true, &x);
    if (err < 0) {
        return err;
    }
    if ((err = prog_slot(fs, x, 0, first)) < 0 || (err = prog_slot(fs, x, 1, second)) < 0) {
        fs_release(fs, x);
        return err;
    }
    f->cur.storage = FS_ST_INDEXED;
    f->cur.ptr = x;
    f->own_index = true;
    f->ifill = 2;
    f->isrc = FS_NONE;
    return 0;
}

// Points block [k] (an existing block, or the next one) at sector [s].
static int set_slot(fs_t *fs, fs_file_t *f, uint32_t k, uint32_t s) {
    fs_fstate_t *c = &f->cur;
    if (c->storage == FS_ST_INLINE || (c->storage == FS_ST_DIRECT && k == 0)) {
        c->storage = FS_ST_DIRECT;
        c->ptr = s;
        return 0;
    }
    if (c->storage == FS_ST_DIRECT) {
        return start_index(fs, f, c->ptr, s);
    }
    uint32_t x;
    int err;
    if (!f->own_index) {
        uint32_t old;
        if ((err = read_slot(fs, c->ptr, k, &old)) < 0) {
            return err;
        }
        if (old == FS_NONE) {
            // Past the committed blocks: the shared index takes it in place.
            return prog_slot(fs, c->ptr, k, s);
        }
        if ((err = fs_alloc(fs, false, true, &x)) < 0) {
            return err;
        }
        f->own_index = true;
        f->ifill = 0;
        f->isrc = c->ptr;
        c->ptr = x;
    }
    if (k < f->ifill) {
        // A slot this handle already programmed: the index is copied once more.
        if ((err = fs_alloc(fs, false, true, &x)) < 0) {
            return err;
        }
        if ((err = copy_slots(fs, c->ptr, x, 0, f->ifill, k, s)) < 0) {
            fs_release(fs, x);
            return err;
        }
        fs_release(fs, c->ptr);
        c->ptr = x;
        return 0;
    }
    if ((err = copy_slots(fs, f->isrc, c->ptr, f->ifill, k, FS_NONE, 0)) < 0 ||
        (err = prog_slot(fs, c->ptr, k, s)) < 0) {
        return err;
    }
    f->ifill = k + 1;
    return 0;
}

// Copies the rest of the pending block's old bytes into its new sector.
static int finish_pending(fs_t *fs, fs_file_t *f) {
    if (f->pb_k == FS_NONE) {
        return 0;
    }
    if (f->pb_fill < f->pb_end) {
        fs_ws_t ws;
        int err = fs_ws_begin(fs, &ws, f->pb_new, f->pb_fill);
        if (err == 0) {
            err = fs_ws_copy(fs, &ws, f->pb_src, f->pb_fill, f->pb_end - f->pb_fill);
        }
        if (err == 0) {
            err = fs_ws_flush(fs, &ws);
        }
        if (err < 0) {
            return err;
        }
    }
    uint32_t committed;
    int err = base_slot(fs, f, f->pb_k, &committed);
    if (err < 0) {
        return err;
    }
    if (f->pb_src != committed) {
        fs_release(fs, f->pb_src); // an uncommitted sector of this handle's
    }
    f->pb_k = FS_NONE;
    return 0;
}

// Programs [n] bytes of [data] at [off] of sector [s] (bytes known to be erased).
static int prog_data(fs_t *fs, uint32_t s, uint32_t off, const uint8_t *data, uint32_t n) {
    fs_ws_t ws;
    int err = fs_ws_begin(fs, &ws, s, off);
    if (err == 0) {
        err = fs_ws_write(fs, &ws, data, n);
    }
    return err < 0 ? err : fs_ws_flush(fs, &ws);
}

// Starts rewriting block [k] (sector [src] with [valid] bytes) in a new sector: bytes before
// [o] are copied now, [data] follows, the rest is copied later.
static int rewrite_block(fs_t *fs, fs_file_t *f, uint32_t k, uint32_t src, uint32_t valid,
                         uint32_t o, const uint8_t *data, uint32_t m) {
    uint32_t n;
    int err = fs_alloc(fs, false, true, &n);
    if (err < 0) {
        return err;
    }
    fs_ws_t ws;
    err = fs_ws_begin(fs, &ws, n, 0);
    if (err == 0 && src != FS_NONE) {
        err = fs_ws_copy(fs, &ws, src, 0, o);
    }
    if (err == 0) {
        err = fs_ws_write(fs, &ws, data, m);
    }
    if (err == 0) {
        err = fs_ws_flush(fs, &ws);
    }
    if (err == 0) {
        err = set_slot(fs, f, k, n);
    }
    if (err < 0) {
        fs_release(fs, n);
        return err;
    }
    if (src != FS_NONE) {
        f->pb_k = k;
        f->pb_new = n;
        f->pb_src = src;
        f->pb_fill = o + m;
        f->pb_end = valid;
    }
    return 0;
}

// Writes up to the end of the current block; returns bytes written.
static int32_t write_in_block(fs_t *fs, fs_file_t *f, const uint8_t *data, uint32_t n) {
    uint32_t k = f->pos / SS, o = f->pos % SS;
    uint32_t m = n < SS - o ? n : SS - o;
    uint32_t valid = f->cur.size > k * SS ? f->cur.size - k * SS : 0;
    valid = valid > SS ? SS : valid;
    int err = 0;
    if (f->pb_k != FS_NONE && (f->pb_k != k || o < f->pb_fill)) {
        err = finish_pending(fs, f);
    }
    if (err == 0 && f->pb_k == k) {
        // Carrying on in the block being rewritten.
        fs_ws_t ws;
        err = fs_ws_begin(fs, &ws, f->pb_new, f->pb_fill);
        if (err == 0) {
            err = fs_ws_copy(fs, &ws, f->pb_src, f->pb_fill, o - f->pb_fill);
        }
        if (err == 0) {
            err = fs_ws_write(fs, &ws, data, m);
        }
        if (err == 0) {
            err = fs_ws_flush(fs, &ws);
        }
        f->pb_fill = o + m;
    } else if (err == 0 && k < fs_nblocks(f->cur.size)) {
        uint32_t s;
        int erased = 0;
        if ((err = cur_slot(fs, f, k, &s)) == 0 && o >= valid) {
            erased = fs_is_erased(fs, s, o, m);
            err = erased < 0 ? erased : 0;
        }
        if (err == 0) {
            err = erased ? prog_data(fs, s, o, data, m)
                         : rewrite_block(fs, f, k, s, valid, o, data, m);
        }
    } else if (err == 0) {
        err = rewrite_block(fs, f, k, FS_NONE, 0, 0, data, m);
    }
    if (err < 0) {
        return err;
    }
    f->pos += m;
    if (f->pos > f->cur.size) {
        f->cur.size = f->pos;
    }
    f->dirty = true;
    return (int32_t)m;
}

// Moves an inline file's contents into a sector of its own.
static int leave_inline(fs_t *fs, fs_file_t *f) {
    uint32_t n = FS_NONE;
    if (f->cur.size > 0) {
        int err = fs_alloc(fs, false, true, &n);
        if (err < 0) {
            return err;
        }
        if ((err = prog_data(fs, n, 0, f->buf, f->cur.size)) < 0) {
            fs_release(fs, n);
            return err;
        }
    }
    // An empty file gets its sector with its first block.
    f->cur.storage = FS_ST_DIRECT;
    f->cur.ptr = n;
    return 0;
}

// ---- Staying in step with commits ---------------------------------------------------------------

// Frees what [f] wrote and did not commit.
static void drop_uncommitted(fs_t *fs, fs_file_t *f) {
    uint32_t nb = f->cur.storage == FS_ST_INLINE ? 0 : fs_nblocks(f->cur.size);
    for (uint32_t k = 0; k < nb; k++) {
        uint32_t c, b;
        if (cur_slot(fs, f, k, &c) < 0 || base_slot(fs, f, k, &b) < 0) {
            break;
        }
        if (c != b && c != FS_NONE) {
            fs_release(fs, c);
        }
    }
    uint32_t b;
    if (f->pb_k != FS_NONE && base_slot(fs, f, f->pb_k, &b) == 0 && f->pb_src != b) {
        fs_release(fs, f->pb_src);
    }
    if (f->own_index) {
        fs_release(fs, f->cur.ptr);
    }
    f->cur = f->base;
    f->isrc = f->base.storage == FS_ST_INDEXED ? f->base.ptr : FS_NONE;
    f->own_index = false;
    f->ifill = 0;
    f->pb_k = FS_NONE;
    f->dirty = false;
}

static int load_inline(fs_t *fs, fs_file_t *f, const fs_loc_t *loc) {
    if (loc->e.storage != FS_ST_INLINE) {
        return 0;
    }
    int err = fs_mb_load(fs, loc->mb);
    return err < 0 ? err : fs_mb_data(fs, loc->slot, f->buf, loc->e.size);
}

static void adopt(fs_file_t *f, const fs_loc_t *loc) {
    f->mtime = loc->e.mtime;
    f->base.size = loc->e.size;
    f->base.ptr = loc->e.ptr;
    f->base.storage = loc->e.storage;
    f->cur = f->base;
    f->isrc = f->base.storage == FS_ST_INDEXED ? f->base.ptr : FS_NONE;
    f->hint_mb = loc->mb;
    f->hint_seq = loc->seq;
    f->dir_ino = loc->dir_ino;
}

// Brings [f] up to date after other commits. A handle with uncommitted writes over contents
// that someone else replaced loses its writes (FS_ERR_BUSY) rather than mixing the two.
static int validate(fs_t *fs, fs_file_t *f) {
    if (!f->open || !fs->mounted) {
        return FS_ERR_BADF;
    }
    if (f->gen == fs->gen) {
        return 0;
    }
    fs_loc_t loc;
    int err = fs_find_entry(fs, f->dir_ino, f->ino, f->hint_mb, f->hint_seq, &loc);
    if (err < 0) {
        if (err == FS_ERR_NOENT) {
            drop_uncommitted(fs, f);
            f->open = false;
            if (f->flags & F_WRITE) {
                fs_wear_writer(fs, f->ino, false);
            }
            return FS_ERR_BADF;
        }
        return err;
    }
    f->hint_mb = loc.mb;
    f->hint_seq = loc.seq;
    f->dir_ino = loc.dir_ino;
    bool same =
        loc.e.size == f->base.size && loc.e.ptr == f->base.ptr && loc.e.storage == f->base.storage;
    if (!same && f->dirty) {
        drop_uncommitted(fs, f);
        adopt(f, &loc);
        err = FS_ERR_BUSY;
    } else if (!f->dirty) {
        adopt(f, &loc);
    }
    f->gen = fs->gen;
    if (!f->dirty && f->base.storage == FS_ST_INLINE) {
        int e2 = load_inline(fs, f, &loc);
        err = err < 0 ? err : e2;
    }
    return err;
}

// ---- API ----------------------------------------------------------------------------------------

int fs_file_open(fs_t *fs, fs_file_t *f, const char *path, int flags) {
    memset(f, 0, offsetof(fs_file_t, buf));
    int access = flags & FS_O_RDWR;
    if (!fs->mounted) {
        return FS_ERR_IO;
    }
    if (access == 0) {
        return FS_ERR_INVAL;
    }
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, &loc, &name, &len);
    if (err == 0 && (flags & FS_O_CREAT) && (flags & FS_O_EXCL)) {
        return FS_ERR_EXIST;
    }
    if (err == FS_ERR_NOENT && name != NULL && (flags & FS_O_CREAT)) {
        err = fs_create_file(fs, path, &loc);
    }
    if (err < 0) {
        return err;
    }
    if (loc.e.type == FS_TYPE_DIR) {
        return FS_ERR_ISDIR;
    }
    f->ino = loc.e.ino;
    adopt(f, &loc);
    f->pb_k = FS_NONE;
    f->gen = fs->gen;
    f->flags =
        (uint8_t)(((access & FS_O_RDONLY) ? F_READ : 0) | ((access & FS_O_WRONLY) ? F_WRITE : 0) |
                  ((flags & FS_O_APPEND) ? F_APPEND : 0));
    if ((err = load_inline(fs, f, &loc)) < 0) {
        return err;
    }
    if ((flags & FS_O_TRUNC) && (f->flags & F_WRITE)) {
        // Emptied for this handle now, on flash when it commits.
        f->cur = (fs_fstate_t){0, FS_NONE, FS_ST_INLINE};
        f->isrc = FS_NONE;
        f->dirty = true;
        f->mtime = fs->now;
    }
    f->open = true;
    if (f->flags & F_WRITE) {
        fs_wear_writer(fs, f->ino, true);
    }
    return 0;
}

int32_t fs_file_read(fs_t *fs, fs_file_t *f, void *buf, uint32_t len) {
    int err = validate(fs, f);
    if (err < 0) {
        return err;
    }
    if (!(f->flags & F_READ)) {
        return FS_ERR_BADF;
    }
    uint8_t *out = buf;
    uint32_t done = 0;
    while (done < len && f->pos < f->cur.size) {
        uint32_t n = len - done < f->cur.size - f->pos ? len - done : f->cur.size - f->pos;
        if (f->cur.storage == FS_ST_INLINE) {
            memcpy(out + done, f->buf + f->pos, n);
        } else {
            uint32_t k = f->pos / SS, o = f->pos % SS, s;
            n = n < SS - o ? n : SS - o;
            if ((err = cur_slot(fs, f, k, &s)) < 0) {
                return err;
            }
            if (k == f->pb_k && o >= f->pb_fill) {
                s = f->pb_src; // not copied over yet
                n = n < f->pb_end - o ? n : f->pb_end - o;
            } else if (k == f->pb_k && o + n > f->pb_fill) {
                n = f->pb_fill - o;
            }
            if ((err = fs_read(fs, s, o, out + done, n)) < 0) {
                return err;
            }
        }
        done += n;
        f->pos += n;
    }
    return (int32_t)done;
}

// Writes at most [n] bytes of [src] at the position; returns how many went in (0 when the file
// only changed how it is stored).
static int32_t write_chunk(fs_t *fs, fs_file_t *f, const uint8_t *src, uint32_t n) {
    if (f->cur.storage != FS_ST_INLINE) {
        return write_in_block(fs, f, src, n);
    }
    if (f->pos + n <= FS_INLINE_MAX) {
        memcpy(f->buf + f->pos, src, n);
        f->pos += n;
        f->cur.size = f->pos > f->cur.size ? f->pos : f->cur.size;
        f->dirty = true;
        return (int32_t)n;
    }
    int err = leave_inline(fs, f);
    return err < 0 ? err : 0;
}

int32_t fs_file_write(fs_t *fs, fs_file_t *f, const void *buf, uint32_t len) {
    int err = validate(fs, f);
    if (err < 0) {
        return err;
    }
    if (!(f->flags & F_WRITE)) {
        return FS_ERR_BADF;
    }
    if (f->error < 0) {
        return f->error;
    }
    if (f->flags & F_APPEND) {
        f->pos = f->cur.size;
    }
    if (f->pos + (uint64_t)len > FS_FILE_MAX) {
        return FS_ERR_FBIG;
    }
    if (len > 0) {
        f->mtime = fs->now;
    }
    // A position past the end: the bytes in between read as zeros.
    static const uint8_t zeros[64];
    while (f->pos > f->cur.size) {
        uint32_t target = f->pos;
        uint32_t n = target - f->cur.size < sizeof(zeros) ? target - f->cur.size : sizeof(zeros);
        f->pos = f->cur.size;
        int32_t w = write_chunk(fs, f, zeros, n);
        f->pos = target;
        if (w < 0) {
            f->error = (int16_t)w;
            return w;
        }
    }
    uint32_t done = 0;
    while (done < len) {
        int32_t w = write_chunk(fs, f, (const uint8_t *)buf + done, len - done);
        if (w < 0) {
            f->error = (int16_t)w;
            return done > 0 ? (int32_t)done : w;
        }
        done += (uint32_t)w;
    }
    return (int32_t)done;
}

int32_t fs_file_seek(fs_t *fs, fs_file_t *f, int32_t off, int whence) {
    int err = validate(fs, f);
    if (err < 0) {
        return err;
    }
    int64_t base = whence == 0 ? 0 : whence == 1 ? (int64_t)f->pos : (int64_t)f->cur.size;
    int64_t pos = base + off;
    if (whence < 0 || whence > 2 || pos < 0) {
        return FS_ERR_INVAL;
    }
    if (pos > (int64_t)FS_FILE_MAX) {
        return FS_ERR_FBIG;
    }
    f->pos = (uint32_t)pos;
    return (int32_t)pos;
}

int32_t fs_file_tell(fs_t *fs, fs_file_t *f) {
    int err = validate(fs, f);
    return err < 0 ? err : (int32_t)f->pos;
}

int32_t fs_file_size(fs_t *fs, fs_file_t *f) {
    int err = validate(fs, f);
    return err < 0 ? err : (int32_t)f->cur.size;
}

// Frees (when the commit completes) the committed sectors the new contents no longer use.
static int free_replaced(fs_t *fs, fs_file_t *f) {
    uint32_t nb = f->base.storage == FS_ST_INLINE ? 0 : fs_nblocks(f->base.size);
    for (uint32_t k = 0; k < nb; k++) {
        uint32_t b, c;
        int err = base_slot(fs, f, k, &b);
        if (err == 0) {
            err = cur_slot(fs, f, k, &c);
        }
        if (err < 0) {
            return err;
        }
        if (b != c) {
            fs_free_later(fs, b);
        }
    }
    if (f->base.storage == FS_ST_INDEXED && f->cur.ptr != f->base.ptr) {
        fs_free_later(fs, f->base.ptr);
    }
    return 0;
}

// Completes the working state so that it can be committed: the pending block and the index.
static int complete(fs_t *fs, fs_file_t *f) {
    int err = finish_pending(fs, f);
    if (err == 0 && f->cur.storage == FS_ST_DIRECT && f->cur.size == 0) {
        // An empty file keeps no sector.
        fs_release(fs, f->cur.ptr);
        f->cur = (fs_fstate_t){0, FS_NONE, FS_ST_INLINE};
    }
    if (err == 0 && f->own_index) {
        uint32_t nb = fs_nblocks(f->cur.size);
        err = copy_slots(fs, f->isrc, f->cur.ptr, f->ifill, nb, FS_NONE, 0);
        f->ifill = nb > f->ifill ? nb : f->ifill;
    }
    return err;
}

int fs_file_sync(fs_t *fs, fs_file_t *f) {
    int err = validate(fs, f);
    if (err == 0 && f->error < 0) {
        err = f->error;
    }
    if (err < 0 || !f->dirty) {
        return err;
    }
    if ((err = complete(fs, f)) < 0) {
        return err;
    }
    fs_loc_t loc;
    if ((err = fs_find_entry(fs, f->dir_ino, f->ino, f->hint_mb, f->hint_seq, &loc)) < 0) {
        return err;
    }
    char name[FS_NAME_MAX + 1];
    if ((err = fs_mb_name(fs, loc.slot, name)) < 0) {
        return err;
    }
    fs_entry_t e = loc.e;
    e.size = f->cur.size;
    e.ptr = f->cur.ptr;
    e.storage = f->cur.storage;
    e.mtime = f->mtime;
    fs_commit_t c = {
        1, {{.tag = FS_TAG_PUT, .slot = (uint8_t)loc.slot, .e = &e, .name = name, .data = f->buf}}};
    fs_op_begin(fs);
    err = fs_mb_commit(fs, loc.mb, &c);
    if (err == 0) {
        err = free_replaced(fs, f);
    }
    if ((err = fs_op_end(fs, err)) < 0) {
        return err;
    }
    f->base = f->cur;
    f->isrc = f->cur.storage == FS_ST_INDEXED ? f->cur.ptr : FS_NONE;
    f->own_index = false;
    f->ifill = 0;
    f->dirty = false;
    if ((err = fs_find_entry(fs, f->dir_ino, f->ino, loc.mb, loc.seq, &loc)) < 0) {
        return err;
    }
    f->hint_mb = loc.mb;
    f->hint_seq = loc.seq;
    f->gen = fs->gen;
    fs_wear_tick(fs);
    return 0;
}

int fs_file_close(fs_t *fs, fs_file_t *f) {
    if (!f->open) {
        return 0;
    }
    int err = 0;
    if ((f->flags & F_WRITE) && fs->mounted) {
        err = fs_file_sync(fs, f);
        if (err < 0 && f->open) {
            drop_uncommitted(fs, f);
        }
        if (err == FS_ERR_BADF) {
            err = 0; // the file was removed meanwhile: its writes have nowhere to go
        }
    }
    if (f->open && (f->flags & F_WRITE)) {
        fs_wear_writer(fs, f->ino, false);
    }
    f->open = false;
    fs_wear_tick(fs);
    return err;
}
