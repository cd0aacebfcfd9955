// SPDX-License-Identifier: MIT
// fs_dir.c: paths and directories: lookup, mkdir, remove, rmdir, rename, stat, listing.
//
// Each operation makes one commit (rename across metadata sectors makes three, made safe by the
// MOVING flag that mount uses to finish it).

#include <string.h>

#include "fs_priv.h"

static void root_loc(fs_t *fs, fs_loc_t *loc) {
    memset(loc, 0, sizeof(*loc));
    loc->mb = FS_NONE;
    loc->slot = FS_SLOT_NONE;
    loc->dir_ino = FS_NONE;
    loc->dir_head = FS_NONE;
    loc->e.ino = FS_ROOT_INO;
    loc->e.type = FS_TYPE_DIR;
    loc->e.storage = FS_ST_DIR;
    loc->e.ptr = fs->root;
}

// Looks for [name] along the chain starting at [head] of directory [dir_ino].
static int chain_find(fs_t *fs, uint32_t head, uint32_t dir_ino, const char *name, uint32_t len,
                      fs_loc_t *loc) {
    uint32_t hash = fs_name_hash(name, len);
    uint32_t s = head;
    for (uint32_t guard = 0; s != FS_NONE && guard < fs->nsec; guard++) {
        int err = fs_mb_load(fs, s);
        int slot = err < 0 ? err : fs_mb_find(fs, name, len, hash);
        if (slot >= 0) {
            loc->mb = s;
            loc->seq = fs->mbc.seq;
            loc->slot = (uint32_t)slot;
            loc->dir_ino = dir_ino;
            loc->dir_head = head;
            return fs_mb_entry(fs, (uint32_t)slot, &loc->e);
        }
        if (slot != FS_ERR_NOENT) {
            return slot;
        }
        s = fs->mbc.next;
    }
    return FS_ERR_NOENT;
}

int fs_lookup(fs_t *fs, const char *path, fs_loc_t *loc, const char **name, uint32_t *name_len) {
    if (!fs->mounted) {
        return FS_ERR_IO;
    }
    root_loc(fs, loc);
    *name = NULL;
    *name_len = 0;
    const char *p = path;
    for (;;) {
        while (*p == '/') {
            p++;
        }
        if (*p == '\0') {
            return 0;
        }
        const char *comp = p;
        while (*p != '/' && *p != '\0') {
            p++;
        }
        uint32_t len = (uint32_t)(p - comp);
        if (len > FS_NAME_MAX) {
            return FS_ERR_NAMETOOLONG;
        }
        if (loc->e.type != FS_TYPE_DIR) {
            return FS_ERR_NOTDIR;
        }
        uint32_t dir_ino = loc->e.ino, head = loc->e.ptr;
        int err = chain_find(fs, head, dir_ino, comp, len, loc);
        if (err == FS_ERR_NOENT) {
            const char *rest = p;
            while (*rest == '/') {
                rest++;
            }
            if (*rest == '\0') {
                // Only the last component is missing: say where it would go.
                loc->mb = FS_NONE;
                loc->dir_ino = dir_ino;
                loc->dir_head = head;
                *name = comp;
                *name_len = len;
            }
            return err;
        }
        if (err < 0) {
            return err;
        }
        if (loc->e.type == FS_TYPE_DIR) {
            fs_hint_parent(fs, loc->e.ptr, loc->mb);
        }
    }
}

int fs_find_entry(fs_t *fs, uint32_t dir_ino, uint32_t ino, uint32_t hint, uint32_t hint_seq,
                  fs_loc_t *loc) {
    if (hint < fs->nsec && fs_bit(fs->meta, hint)) {
        int err = fs_mb_load(fs, hint);
        if (err < 0) {
            return err;
        }
        int slot = fs->mbc.seq == hint_seq ? fs_mb_find_ino(fs, ino) : FS_ERR_NOENT;
        if (slot >= 0) {
            loc->mb = hint;
            loc->seq = hint_seq;
            loc->slot = (uint32_t)slot;
            loc->dir_ino = dir_ino;
            loc->dir_head = FS_NONE;
            return fs_mb_entry(fs, (uint32_t)slot, &loc->e);
        }
        if (slot != FS_ERR_NOENT) {
            return slot;
        }
    }
    // The sector moved or the entry did (renamed, even to another directory).
    return fs_find_ino_anywhere(fs, ino, loc);
}

// ---- Changing directories -----------------------------------------------------------------------

int fs_dir_insert(fs_t *fs, uint32_t head, uint32_t dir_ino, const fs_entry_t *e, const char *name,
                  const uint8_t *data) {
    const uint32_t cap = FS_SECTOR_SIZE - FS_MB_HDR - FS_CRC_LEN - 8;
    uint32_t len = fs_rec_len(e);
    fs_commit_t c = {
        1, {{.tag = FS_TAG_PUT, .slot = FS_SLOT_NEW, .e = e, .name = name, .data = data}}};
    uint32_t s = head, last = head;
    for (uint32_t guard = 0; s != FS_NONE && guard < fs->nsec; guard++) {
        int err = fs_mb_load(fs, s);
        if (err < 0) {
            return err;
        }
        fs_mbcache_t *m = &fs->mbc;
        bool fits = m->end + len + FS_CRC_LEN <= FS_SECTOR_SIZE || m->live_bytes + len <= cap;
        if (m->n_live < FS_SLOTS && fits) {
            return fs_mb_commit(fs, s, &c);
        }
        last = s;
        s = m->next;
    }
    // Every sector of the chain is full: a new one goes on the end.
    uint32_t added;
    int err = fs_mb_create(fs, dir_ino, false, &c, FS_NONE, &added);
    if (err < 0) {
        return err;
    }
    fs_commit_t link = {1, {{.tag = FS_TAG_NEXT, .slot = FS_SLOT_NONE, .next = added}}};
    return fs_mb_commit(fs, last, &link);
}

int fs_free_entry(fs_t *fs, const fs_entry_t *e) {
    if (e->type == FS_TYPE_DIR) {
        uint32_t s = e->ptr;
        for (uint32_t guard = 0; s != FS_NONE && guard < fs->nsec; guard++) {
            int err = fs_mb_load(fs, s);
            if (err < 0) {
                return err;
            }
            fs_free_later(fs, s);
            s = fs->mbc.next;
        }
        return 0;
    }
    if (e->storage == FS_ST_DIRECT) {
        fs_free_later(fs, e->ptr);
    } else if (e->storage == FS_ST_INDEXED) {
        uint32_t n = fs_nblocks(e->size);
        uint8_t slots[64];
        for (uint32_t k = 0; k < n; k += 32) {
            uint32_t m = n - k < 32 ? n - k : 32;
            int err = fs_read(fs, e->ptr, k * 2, slots, m * 2);
            if (err < 0) {
                return err;
            }
            for (uint32_t i = 0; i < m; i++) {
                fs_free_later(fs, fs_get16(slots + i * 2));
            }
        }
        fs_free_later(fs, e->ptr);
    }
    return 0;
}

// After [sector] lost its last entry: takes it out of its chain unless it is the first.
static int unlink_if_empty(fs_t *fs, uint32_t sector) {
    if (sector >= fs->nsec || !fs_bit(fs->meta, sector)) {
        return 0; // compacted away meanwhile
    }
    int err = fs_mb_load(fs, sector);
    if (err < 0 || fs->mbc.n_live > 0 || fs->mbc.head) {
        return err;
    }
    uint32_t next = fs->mbc.next, dir_ino = fs->mbc.dir_ino;
    for (uint32_t p = FS_SB_SECTORS; p < fs->nsec; p++) {
        uint8_t hdr[FS_MB_HDR];
        if (!fs_bit(fs->meta, p) || p == sector) {
            continue;
        }
        if ((err = fs_read(fs, p, 0, hdr, FS_MB_HDR)) < 0) {
            return err;
        }
        if (fs_get32(hdr + 8) != dir_ino) {
            continue;
        }
        if ((err = fs_mb_load(fs, p)) < 0) {
            return err;
        }
        if (fs->mbc.next == sector) {
            fs_commit_t c = {1, {{.tag = FS_TAG_NEXT, .slot = FS_SLOT_NONE, .next = next}}};
            fs_op_begin(fs);
            err = fs_mb_commit(fs, p, &c);
            if (err == 0) {
                fs_free_later(fs, sector);
            }
            return fs_op_end(fs, err);
        }
    }
    return 0;
}

// Makes a new entry named by [path]'s last component (which must not exist).
static int create_entry(fs_t *fs, const char *path, fs_entry_t *e, fs_loc_t *where) {
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, where, &name, &len);
    if (err == 0) {
        return FS_ERR_EXIST;
    }
    if (err != FS_ERR_NOENT || name == NULL) {
        return err;
    }
    e->name_len = (uint8_t)len;
    e->hash = fs_name_hash(name, len);
    e->ino = fs->next_ino++;
    e->mtime = fs->now;
    err = 0;
    if (e->type == FS_TYPE_DIR) {
        err = fs_mb_create(fs, e->ino, true, NULL, FS_NONE, &e->ptr);
    }
    if (err == 0) {
        err = fs_dir_insert(fs, where->dir_head, where->dir_ino, e, name, NULL);
    }
    return err;
}

int fs_mkdir(fs_t *fs, const char *path) {
    fs_entry_t e = {.type = FS_TYPE_DIR, .storage = FS_ST_DIR, .ptr = FS_NONE};
    fs_loc_t where;
    fs_op_begin(fs);
    int err = fs_op_end(fs, create_entry(fs, path, &e, &where));
    fs_wear_tick(fs);
    return err;
}

int fs_create_file(fs_t *fs, const char *path, fs_loc_t *loc) {
    fs_entry_t e = {.type = FS_TYPE_FILE, .storage = FS_ST_INLINE, .ptr = FS_NONE};
    fs_op_begin(fs);
    int err = fs_op_end(fs, create_entry(fs, path, &e, loc));
    if (err == 0) {
        const char *name;
        uint32_t len;
        err = fs_lookup(fs, path, loc, &name, &len);
    }
    return err;
}

// Removes the entry at [loc] (a file, or a directory known to be empty).
static int remove_entry(fs_t *fs, fs_loc_t *loc) {
    fs_commit_t c = {1, {{.tag = FS_TAG_DEL, .slot = (uint8_t)loc->slot}}};
    fs_op_begin(fs);
    int err = fs_mb_commit(fs, loc->mb, &c);
    if (err == 0) {
        err = fs_free_entry(fs, &loc->e);
    }
    err = fs_op_end(fs, err);
    return err < 0 ? err : unlink_if_empty(fs, loc->mb);
}

int fs_remove(fs_t *fs, const char *path) {
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, &loc, &name, &len);
    if (err < 0) {
        return err;
    }
    if (loc.e.type == FS_TYPE_DIR) {
        return FS_ERR_ISDIR;
    }
    err = remove_entry(fs, &loc);
    fs_wear_tick(fs);
    return err;
}

// 0 if directory [head]'s chain holds no entries, else FS_ERR_NOTEMPTY.
static int dir_empty(fs_t *fs, uint32_t head) {
    for (uint32_t s = head, guard = 0; s != FS_NONE && guard < fs->nsec; guard++) {
        int err = fs_mb_load(fs, s);
        if (err < 0) {
            return err;
        }
        if (fs->mbc.n_live > 0) {
            return FS_ERR_NOTEMPTY;
        }
        s = fs->mbc.next;
    }
    return 0;
}

int fs_rmdir(fs_t *fs, const char *path) {
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, &loc, &name, &len);
    if (err < 0) {
        return err;
    }
    if (loc.mb == FS_NONE) {
        return FS_ERR_INVAL; // the root, where the filesystem is mounted
    }
    if (loc.e.type != FS_TYPE_DIR) {
        return FS_ERR_NOTDIR;
    }
    if ((err = dir_empty(fs, loc.e.ptr)) < 0) {
        return err;
    }
    err = remove_entry(fs, &loc);
    fs_wear_tick(fs);
    return err;
}

// ---- Rename -------------------------------------------------------------------------------------

// Is [inner] (a path) inside directory [outer] (a path), or the same?
static bool path_within(const char *outer, const char *inner) {
    for (;;) {
        while (*outer == '/') {
            outer++;
        }
        while (*inner == '/') {
            inner++;
        }
        if (*outer == '\0') {
            return true;
        }
        const char *a = outer, *b = inner;
        while (*outer != '/' && *outer != '\0') {
            outer++;
        }
        while (*inner != '/' && *inner != '\0') {
            inner++;
        }
        if (outer - a != inner - b || memcmp(a, b, (size_t)(outer - a)) != 0) {
            return false;
        }
    }
}

// Commits [e] named [name] at [to], as a new entry or over the existing one at [dst].
static int put_at(fs_t *fs, const fs_loc_t *dst, bool exists, const fs_entry_t *e, const char *name,
                  const uint8_t *data) {
    if (!exists) {
        return fs_dir_insert(fs, dst->dir_head, dst->dir_ino, e, name, data);
    }
    fs_commit_t c = {
        1, {{.tag = FS_TAG_PUT, .slot = (uint8_t)dst->slot, .e = e, .name = name, .data = data}}};
    return fs_mb_commit(fs, dst->mb, &c);
}

// The three steps of a rename between metadata sectors; a power cut between them leaves the
// destination flagged MOVING, and mount finishes the job.
static int rename_across(fs_t *fs, const char *from, const char *to, fs_loc_t *dst, bool exists,
                         fs_entry_t *e, const char *name, const uint8_t *data) {
    e->flags |= FS_PUT_MOVING;
    fs_op_begin(fs);
    int err = put_at(fs, dst, exists, e, name, data);
    if (err == 0 && exists) {
        err = fs_free_entry(fs, &dst->e);
    }
    if ((err = fs_op_end(fs, err)) < 0) {
        return err;
    }
    fs_loc_t src;
    const char *n;
    uint32_t len;
    src.mb = FS_NONE;
    fs_op_begin(fs);
    err = fs_lookup(fs, from, &src, &n, &len);
    if (err == 0 && src.e.ino != e->ino) {
        err = fs_corrupt(fs, "rename source changed");
    }
    if (err == 0) {
        fs_commit_t c = {1, {{.tag = FS_TAG_DEL, .slot = (uint8_t)src.slot}}};
        err = fs_mb_commit(fs, src.mb, &c);
    }
    err = fs_op_end(fs, err);
    uint32_t emptied = src.mb;
    if (err == 0) {
        fs_op_begin(fs);
        e->flags &= (uint8_t)~FS_PUT_MOVING;
        err = fs_lookup(fs, to, dst, &n, &len);
        if (err == 0 && dst->e.ino != e->ino) {
            err = fs_corrupt(fs, "rename destination changed");
        }
        if (err == 0) {
            err = put_at(fs, dst, true, e, name, data);
        }
        err = fs_op_end(fs, err);
    }
    if (err < 0) {
        // Two names for one entry must not be used: a remount repairs it.
        fs->mounted = false;
        fs->corrupt = "rename interrupted: remount";
        return err;
    }
    return unlink_if_empty(fs, emptied);
}

// Whether [src] may replace the existing entry [dst]: 0, 1 when they are the same entry, or an
// error (a file cannot replace a directory, nor a directory a file or a non-empty directory).
static int may_replace(fs_t *fs, const fs_loc_t *src, const fs_loc_t *dst) {
    if (dst->mb == FS_NONE) {
        return FS_ERR_INVAL;
    }
    if (dst->mb == src->mb && dst->slot == src->slot) {
        return 1;
    }
    if (src->e.type == FS_TYPE_FILE && dst->e.type == FS_TYPE_DIR) {
        return FS_ERR_ISDIR;
    }
    if (src->e.type == FS_TYPE_DIR && dst->e.type == FS_TYPE_FILE) {
        return FS_ERR_NOTDIR;
    }
    return dst->e.type == FS_TYPE_DIR ? dir_empty(fs, dst->e.ptr) : 0;
}

// The last component of [path] (trailing slashes ignored); its length in [len].
static const char *last_name(const char *path, uint32_t *len) {
    const char *end = path + strlen(path);
    while (end > path && end[-1] == '/') {
        end--;
    }
    const char *name = end;
    while (name > path && name[-1] != '/') {
        name--;
    }
    *len = (uint32_t)(end - name);
    return name;
}

static int rename_entry(fs_t *fs, const char *from, const char *to) {
    fs_loc_t src, dst;
    const char *sname, *dname;
    uint32_t slen, dlen;
    int err = fs_lookup(fs, from, &src, &sname, &slen);
    if (err < 0) {
        return err;
    }
    if (src.mb == FS_NONE) {
        return FS_ERR_INVAL;
    }
    if (src.e.type == FS_TYPE_DIR && path_within(from, to)) {
        return path_within(to, from) ? 0 : FS_ERR_INVAL;
    }
    err = fs_lookup(fs, to, &dst, &dname, &dlen);
    bool exists = err == 0;
    if (err < 0 && (err != FS_ERR_NOENT || dname == NULL)) {
        return err;
    }
    if (exists && (err = may_replace(fs, &src, &dst)) != 0) {
        return err > 0 ? 0 : err;
    }
    if (exists) {
        dname = last_name(to, &dlen);
    }
    uint8_t data[FS_INLINE_MAX];
    fs_entry_t e = src.e;
    uint32_t inl = e.storage == FS_ST_INLINE ? e.size : 0;
    if ((err = fs_mb_load(fs, src.mb)) < 0 || (err = fs_mb_data(fs, src.slot, data, inl)) < 0) {
        return err;
    }
    e.name_len = (uint8_t)dlen;
    e.hash = fs_name_hash(dname, dlen);
    bool same_dir = !exists && dst.dir_ino == src.dir_ino;
    if ((exists && dst.mb == src.mb) || same_dir) {
        fs_commit_t c = {2,
                         {{.tag = FS_TAG_DEL, .slot = (uint8_t)src.slot},
                          {.tag = FS_TAG_PUT,
                           .slot = exists ? (uint8_t)dst.slot : FS_SLOT_NEW,
                           .e = &e,
                           .name = dname,
                           .data = data}}};
        fs_op_begin(fs);
        err = fs_mb_commit(fs, src.mb, &c);
        if (err == 0 && exists) {
            err = fs_free_entry(fs, &dst.e);
        }
        return fs_op_end(fs, err);
    }
    return rename_across(fs, from, to, &dst, exists, &e, dname, data);
}

int fs_rename(fs_t *fs, const char *from, const char *to) {
    int err = rename_entry(fs, from, to);
    fs_wear_tick(fs);
    return err;
}

// ---- Looking ------------------------------------------------------------------------------------

static void fill_info(const fs_entry_t *e, fs_info_t *info) {
    info->type = e->type;
    info->size = e->size;
    info->ino = e->ino;
    info->mtime = e->mtime;
}

int fs_stat(fs_t *fs, const char *path, fs_info_t *info) {
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, &loc, &name, &len);
    if (err < 0) {
        return err;
    }
    fill_info(&loc.e, info);
    if (loc.mb == FS_NONE) {
        info->name[0] = '\0';
        return 0;
    }
    if ((err = fs_mb_load(fs, loc.mb)) < 0) {
        return err;
    }
    return fs_mb_name(fs, loc.slot, info->name);
}

int fs_statvfs(fs_t *fs, fs_statvfs_t *st) {
    if (!fs->mounted) {
        return FS_ERR_IO;
    }
    st->block_size = FS_SECTOR_SIZE;
    st->blocks = fs->nsec;
    st->free = fs->nfree > fs->reserve ? fs->nfree - fs->reserve : 0;
    st->name_max = FS_NAME_MAX;
    return 0;
}

int fs_dir_open(fs_t *fs, fs_dir_t *dir, const char *path) {
    fs_loc_t loc;
    const char *name;
    uint32_t len;
    int err = fs_lookup(fs, path, &loc, &name, &len);
    if (err < 0) {
        return err;
    }
    if (loc.e.type != FS_TYPE_DIR) {
        return FS_ERR_NOTDIR;
    }
    dir->dir_ino = loc.e.ino;
    dir->head = loc.e.ptr;
    dir->index = 0;
    dir->slot = 0;
    dir->open = true;
    return 0;
}

// The directory's first sector now (it moves when compacted).
static int dir_head(fs_t *fs, fs_dir_t *dir) {
    uint8_t hdr[FS_MB_HDR];
    if (dir->head < fs->nsec && fs_bit(fs->meta, dir->head)) {
        int err = fs_read(fs, dir->head, 0, hdr, FS_MB_HDR);
        if (err < 0) {
            return err;
        }
        if (fs_get32(hdr + 8) == dir->dir_ino && (hdr[12] & FS_MB_HEAD)) {
            return 0;
        }
    }
    return fs_find_dir_head(fs, dir->dir_ino, &dir->head);
}

int fs_dir_read(fs_t *fs, fs_dir_t *dir, fs_info_t *info) {
    if (!fs->mounted || !dir->open) {
        return FS_ERR_BADF;
    }
    int err = dir_head(fs, dir);
    if (err < 0) {
        return err == FS_ERR_NOENT ? 0 : err;
    }
    uint32_t s = dir->head;
    for (uint32_t i = 0; i < dir->index && s != FS_NONE; i++) {
        if ((err = fs_mb_load(fs, s)) < 0) {
            return err;
        }
        s = fs->mbc.next;
    }
    for (uint32_t guard = 0; s != FS_NONE && guard < fs->nsec; guard++) {
        if ((err = fs_mb_load(fs, s)) < 0) {
            return err;
        }
        for (; dir->slot < FS_SLOTS; dir->slot++) {
            if (fs->mbc.slot_off[dir->slot] != 0) {
                fs_entry_t e;
                if ((err = fs_mb_entry(fs, dir->slot, &e)) < 0 ||
                    (err = fs_mb_name(fs, dir->slot, info->name)) < 0) {
                    return err;
                }
                fill_info(&e, info);
                dir->slot++;
                return 1;
            }
        }
        s = fs->mbc.next;
        dir->index++;
        dir->slot = 0;
    }
    return 0;
}

void fs_dir_close(fs_t *fs, fs_dir_t *dir) {
    (void)fs;
    dir->open = false;
}

// ---- Paths --------------------------------------------------------------------------------------

// Appends the components of [path] to [out] (holding [*len] bytes), resolving "." and "..".
static int join_components(const char *path, char *out, size_t *len) {
    const char *p = path;
    for (;;) {
        while (*p == '/') {
            p++;
        }
        if (*p == '\0') {
            return 0;
        }
        const char *comp = p;
        while (*p != '/' && *p != '\0') {
            p++;
        }
        size_t n = (size_t)(p - comp);
        if (n == 1 && comp[0] == '.') {
            continue;
        }
        if (n == 2 && comp[0] == '.' && comp[1] == '.') {
            while (*len > 0 && out[*len - 1] != '/') {
                (*len)--;
            }
            if (*len > 0) {
                (*len)--; // the '/' before it
            }
            continue;
        }
        if (*len + 1 + n + 1 > FS_PATH_MAX) {
            return FS_ERR_NAMETOOLONG;
        }
        out[(*len)++] = '/';
        memcpy(out + *len, comp, n);
        *len += n;
    }
}

int fs_path_join(const char *cwd, const char *path, char *out) {
    size_t len = 0;
    int err = 0;
    if (path[0] != '/') {
        err = join_components(cwd, out, &len);
    }
    if (err == 0) {
        err = join_components(path, out, &len);
    }
    if (err < 0) {
        return err;
    }
    if (len == 0) {
        out[len++] = '/';
    }
    out[len] = '\0';
    return 0;
}
