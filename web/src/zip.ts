// SPDX-License-Identifier: MIT
// zip.ts: writes a .zip archive (PKWARE APPNOTE 6.3) of stored, uncompressed entries with their
// CRC-32, local and central headers and UTF-8 names, as a folder download needs. No ZIP64: an
// archive past its 32-bit fields is refused, never written wrong.

export interface ZipEntry {
    // "/"-separated, relative ("lib/a.py"); a folder's name ends with "/".
    name: string;
    data?: Uint8Array;
    date?: Date;
}

// The largest archive and entry count the 32-bit and 16-bit fields can describe.
export const ZIP_MAX_BYTES = 0xffffffff;
export const ZIP_MAX_ENTRIES = 0xffff;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const LOCAL_LEN = 30;
const CENTRAL_LEN = 46;
const END_LEN = 22;
const FLAG_UTF8 = 0x0800;
const MADE_BY_UNIX = (3 << 8) | 20;
const MODE_FILE = 0o100644;
const MODE_DIR = 0o040755;
const DOS_DIR = 0x10;

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
    if (table === null) {
        table = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
            let c = n;
            for (let k = 0; k < 8; k++) {
                c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c >>> 0;
        }
    }
    return table;
}

// The CRC-32 (ISO-HDLC, as zip and gzip use) of [data], continuing from [crc].
export function crc32(data: Uint8Array, crc = 0): number {
    const t = crcTable();
    let c = ~crc >>> 0;
    for (let i = 0; i < data.length; i++) {
        c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    }
    return ~c >>> 0;
}

// MS-DOS time and date words; zip cannot say anything before 1980.
function dosTime(d: Date): [number, number] {
    if (d.getFullYear() < 1980) {
        return [0, (1 << 5) | 1];
    }
    const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
    return [time, date];
}

interface Prepared {
    name: Uint8Array;
    data: Uint8Array;
    isDir: boolean;
    crc: number;
    time: number;
    date: number;
    offset: number;
}

function check(ok: boolean, what: string): void {
    if (!ok) {
        throw new RangeError(`zip: ${what}`);
    }
}

// The fields a local and a central header share, from "version needed" to the extra length.
function common(v: DataView, at: number, e: Prepared): void {
    v.setUint16(at, e.isDir ? 20 : 10, true);
    v.setUint16(at + 2, FLAG_UTF8, true);
    v.setUint16(at + 4, 0, true); // stored
    v.setUint16(at + 6, e.time, true);
    v.setUint16(at + 8, e.date, true);
    v.setUint32(at + 10, e.crc, true);
    v.setUint32(at + 14, e.data.length, true);
    v.setUint32(at + 18, e.data.length, true);
    v.setUint16(at + 22, e.name.length, true);
    v.setUint16(at + 24, 0, true);
}

function header(len: number, name: Uint8Array): [Uint8Array, DataView] {
    const b = new Uint8Array(len + name.length);
    b.set(name, len);
    return [b, new DataView(b.buffer)];
}

// The archive of [entries], in order, as parts to hand to a Blob (the data is not copied).
// Throws RangeError for a name that is empty, absolute or has "..", or an archive past the limits.
export function zipParts(entries: ZipEntry[]): Uint8Array[] {
    check(entries.length <= ZIP_MAX_ENTRIES, `more than ${ZIP_MAX_ENTRIES} entries`);
    const enc = new TextEncoder();
    const parts: Uint8Array[] = [];
    const done: Prepared[] = [];
    let offset = 0;
    for (const e of entries) {
        const isDir = e.name.endsWith("/");
        const segs = e.name.split("/").slice(0, isDir ? -1 : undefined);
        check(
            segs.length > 0 && segs.every((s) => s !== "" && s !== "." && s !== ".."),
            `bad name ${e.name}`,
        );
        const data = isDir ? new Uint8Array(0) : (e.data ?? new Uint8Array(0));
        const name = enc.encode(e.name);
        check(name.length <= 0xffff, `name too long: ${e.name}`);
        const [time, date] = dosTime(e.date ?? new Date());
        const p: Prepared = { name, data, isDir, crc: crc32(data), time, date, offset };
        const [local, v] = header(LOCAL_LEN, name);
        v.setUint32(0, SIG_LOCAL, true);
        common(v, 4, p);
        parts.push(local, data);
        offset += local.length + data.length;
        check(offset <= ZIP_MAX_BYTES, "archive over 4 GiB");
        done.push(p);
    }
    const cdStart = offset;
    for (const p of done) {
        const [central, v] = header(CENTRAL_LEN, p.name);
        v.setUint32(0, SIG_CENTRAL, true);
        v.setUint16(4, MADE_BY_UNIX, true);
        common(v, 6, p);
        v.setUint16(32, 0, true); // comment length
        v.setUint16(34, 0, true); // disk number
        v.setUint16(36, 0, true); // internal attributes
        const mode = p.isDir ? MODE_DIR : MODE_FILE;
        v.setUint32(38, ((mode << 16) | (p.isDir ? DOS_DIR : 0)) >>> 0, true);
        v.setUint32(42, p.offset, true);
        parts.push(central);
        offset += central.length;
    }
    check(offset + END_LEN <= ZIP_MAX_BYTES, "archive over 4 GiB");
    const end = new Uint8Array(END_LEN);
    const v = new DataView(end.buffer);
    v.setUint32(0, SIG_END, true);
    v.setUint16(8, done.length, true);
    v.setUint16(10, done.length, true);
    v.setUint32(12, offset - cdStart, true);
    v.setUint32(16, cdStart, true);
    parts.push(end);
    return parts;
}

// The archive of [entries] in one buffer.
export function zipBytes(entries: ZipEntry[]): Uint8Array {
    const parts = zipParts(entries);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}
