// SPDX-License-Identifier: MIT
// fs_bd.c: device access for the filesystem: a one-window read cache, staged aligned programs,
// erases, and the CRC that guards every metadata commit.

#include <string.h>

#include "fs_priv.h"

// Bytes read at a time when checking or copying through the stack.
#define FS_CHUNK (64u)

uint32_t fs_crc32(uint32_t crc, const void *data, size_t len) {
    // A nibble table: 64 bytes of ROM instead of 1 KiB.
    static const uint32_t table[16] = {
        0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u,
        0x4db26158u, 0x5005713cu, 0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
        0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
    };
    const uint8_t *p = data;
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ table[crc & 15];
        crc = (crc >> 4) ^ table[crc & 15];
    }
    return ~crc;
}

static int dev_read(fs_t *fs, uint32_t sector, uint32_t off, void *buf, uint32_t len) {
    fs->n_read++;
    fs->bytes_read += len;
    return fs->bd->read(fs->bd->ctx, sector * FS_SECTOR_SIZE + off, buf, len);
}

int fs_read(fs_t *fs, uint32_t sector, uint32_t off, void *buf, uint32_t len) {
    uint8_t *out = buf;
    if (sector >= fs->nsec || off + len > FS_SECTOR_SIZE || off + len < off) {
        return FS_ERR_IO;
    }
    while (len > 0) {
        if ((off & 3) == 0 && len >= FS_RBUF_SIZE) {
            // Large aligned reads go straight to the caller.
            uint32_t n = len & ~3u;
            int err = dev_read(fs, sector, off, out, n);
            if (err < 0) {
                return err;
            }
            out += n;
            off += n;
            len -= n;
            continue;
        }
        uint32_t window = off & ~(uint32_t)(FS_RBUF_SIZE - 1);
        if (fs->rbuf_sector != sector || fs->rbuf_off != window) {
            fs->rbuf_sector = FS_NONE;
            int err = dev_read(fs, sector, window, fs->rbuf, FS_RBUF_SIZE);
            if (err < 0) {
                return err;
            }
            fs->rbuf_sector = sector;
            fs->rbuf_off = window;
        }
        uint32_t n = window + FS_RBUF_SIZE - off;
        if (n > len) {
            n = len;
        }
        memcpy(out, fs->rbuf + (off - window), n);
        out += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int dev_prog(fs_t *fs, uint32_t sector, uint32_t off, const void *buf, uint32_t len) {
    if (sector >= fs->nsec || off + len > FS_SECTOR_SIZE || (off & 3) || (len & 3)) {
        return FS_ERR_IO;
    }
    if (fs->rbuf_sector == sector && off < fs->rbuf_off + FS_RBUF_SIZE &&
        off + len > fs->rbuf_off) {
        fs->rbuf_sector = FS_NONE;
    }
    fs->n_prog++;
    fs->bytes_prog += len;
    return fs->bd->prog(fs->bd->ctx, sector * FS_SECTOR_SIZE + off, buf, len);
}

int fs_erase(fs_t *fs, uint32_t sector) {
    if (sector >= fs->nsec) {
        return FS_ERR_IO;
    }
    if (fs->rbuf_sector == sector) {
        fs->rbuf_sector = FS_NONE;
    }
    fs_mb_forget(fs, sector);
    fs->n_erase++;
    fs_wear_erased(fs, sector);
    return fs->bd->erase(fs->bd->ctx, sector);
}

#ifdef FS_TEST_POISON
void fs_poison(fs_t *fs, uint32_t sector) {
    static const uint8_t zeros[FS_SECTOR_SIZE];
    dev_prog(fs, sector, 0, zeros, FS_SECTOR_SIZE);
}
#endif

int fs_is_erased(fs_t *fs, uint32_t sector, uint32_t off, uint32_t len) {
    uint8_t chunk[FS_CHUNK];
    while (len > 0) {
        uint32_t n = len < FS_CHUNK ? len : FS_CHUNK;
        int err = fs_read(fs, sector, off, chunk, n);
        if (err < 0) {
            return err;
        }
        for (uint32_t i = 0; i < n; i++) {
            if (chunk[i] != 0xff) {
                return 0;
            }
        }
        off += n;
        len -= n;
    }
    return 1;
}

// ---- Staged writer ------------------------------------------------------------------------------

int fs_ws_begin(fs_t *fs, fs_ws_t *ws, uint32_t sector, uint32_t off) {
    ws->sector = sector;
    ws->off = off & ~3u;
    ws->fill = off & 3u;
    ws->crc = 0;
    if (ws->fill > 0) {
        // Reprogramming the bytes already there with their own values changes nothing.
        return fs_read(fs, sector, ws->off, fs->pbuf, ws->fill);
    }
    return 0;
}

int fs_ws_write(fs_t *fs, fs_ws_t *ws, const void *data, uint32_t len) {
    const uint8_t *p = data;
    ws->crc = fs_crc32(ws->crc, p, len);
    while (len > 0) {
        uint32_t n = FS_PBUF_SIZE - ws->fill;
        if (n > len) {
            n = len;
        }
        memcpy(fs->pbuf + ws->fill, p, n);
        ws->fill += n;
        p += n;
        len -= n;
        if (ws->fill == FS_PBUF_SIZE) {
            int err = dev_prog(fs, ws->sector, ws->off, fs->pbuf, FS_PBUF_SIZE);
            if (err < 0) {
                return err;
            }
            ws->off += FS_PBUF_SIZE;
            ws->fill = 0;
        }
    }
    return 0;
}

int fs_ws_zero(fs_t *fs, fs_ws_t *ws, uint32_t len) {
    static const uint8_t zeros[FS_CHUNK];
    while (len > 0) {
        uint32_t n = len < FS_CHUNK ? len : FS_CHUNK;
        int err = fs_ws_write(fs, ws, zeros, n);
        if (err < 0) {
            return err;
        }
        len -= n;
    }
    return 0;
}

int fs_ws_copy(fs_t *fs, fs_ws_t *ws, uint32_t sector, uint32_t off, uint32_t len) {
    uint8_t chunk[FS_CHUNK];
    while (len > 0) {
        uint32_t n = len < FS_CHUNK ? len : FS_CHUNK;
        int err = fs_read(fs, sector, off, chunk, n);
        if (err == 0) {
            err = fs_ws_write(fs, ws, chunk, n);
        }
        if (err < 0) {
            return err;
        }
        off += n;
        len -= n;
    }
    return 0;
}

int fs_ws_flush(fs_t *fs, fs_ws_t *ws) {
    if (ws->fill == 0) {
        return 0;
    }
    uint32_t padded = fs_align4(ws->fill);
    memset(fs->pbuf + ws->fill, 0xff, padded - ws->fill);
    int err = dev_prog(fs, ws->sector, ws->off, fs->pbuf, padded);
    if (err < 0) {
        return err;
    }
    // A partial last word stays staged: later bytes go into the same word.
    uint32_t whole = ws->fill & ~3u;
    memmove(fs->pbuf, fs->pbuf + whole, ws->fill - whole);
    ws->off += whole;
    ws->fill -= whole;
    return 0;
}

int fs_ws_crc(fs_t *fs, fs_ws_t *ws) {
    uint8_t f[8] = {FS_TAG_CRC, FS_SLOT_NONE, FS_CRC_LEN, 0};
    int err = fs_ws_write(fs, ws, f, FS_REC_HDR);
    if (err < 0) {
        return err;
    }
    fs_put32(f + 4, ws->crc);
    if ((err = fs_ws_write(fs, ws, f + 4, 4)) < 0) {
        return err;
    }
    return fs_ws_flush(fs, ws);
}
