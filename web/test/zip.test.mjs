// SPDX-License-Identifier: MIT
// zip.test.mjs: the folder-download archive of src/zip.ts, checked by other programs: Debian's
// `unzip -t` and extraction, and Python's zipfile (headers, flags, CRCs, names, bytes).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

const HERE = path.dirname(new URL(import.meta.url).pathname);
const NODE_MODULES = path.resolve(process.env.REPLHUB_NODE_MODULES
    || path.join(HERE, "../../build/web-build/node_modules"));
const esbuild = createRequire(path.join(NODE_MODULES, "noop.js"))("esbuild");

let zip, tmp;

before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "replhub-zip-"));
    const out = path.join(tmp, "zip.mjs");
    esbuild.buildSync({ entryPoints: [path.join(HERE, "../src/zip.ts")], format: "esm",
        bundle: true, outfile: out, logLevel: "warning" });
    zip = await import(out);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

const enc = new TextEncoder();
const binary = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7919) & 0xff);
const when = new Date(2024, 4, 17, 13, 45, 30);
const ENTRIES = () => [
    { name: "main.py", data: enc.encode("print('hi')\n"), date: when },
    { name: "lib/", date: when },
    { name: "lib/mod.py", data: enc.encode("X = 1\n"), date: when },
    { name: "lib/sub/empty.bin", data: new Uint8Array(0), date: when },
    { name: "données/été ✓.txt", data: enc.encode("ünïcode\n"), date: when },
    { name: "data.bin", data: binary, date: when },
];

function write(name, bytes) {
    const file = path.join(tmp, name);
    writeFileSync(file, bytes);
    return file;
}

// Python's view of the archive: every entry's header fields and the SHA-256 of its bytes.
function pythonView(file) {
    const script = `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    bad = z.testzip()
    out = []
    for i in z.infolist():
        out.append({"name": i.filename, "dir": i.is_dir(), "flags": i.flag_bits,
                    "method": i.compress_type, "crc": i.CRC, "size": i.file_size,
                    "csize": i.compress_size, "date": list(i.date_time),
                    "mode": i.external_attr >> 16, "system": i.create_system,
                    "sha": hashlib.sha256(z.read(i)).hexdigest()})
    print(json.dumps({"bad": bad, "entries": out}))
`;
    return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" }));
}

test("crc32 matches the standard check values", () => {
    assert.equal(zip.crc32(enc.encode("123456789")), 0xcbf43926);
    assert.equal(zip.crc32(new Uint8Array(0)), 0);
    assert.equal(zip.crc32(enc.encode("The quick brown fox jumps over the lazy dog")), 0x414fa339);
    // Continuing a CRC over two halves gives the CRC of the whole.
    const whole = zip.crc32(binary);
    assert.equal(zip.crc32(binary.subarray(1000), zip.crc32(binary.subarray(0, 1000))), whole);
});

test("unzip -t accepts the archive and extracts the same bytes", () => {
    const file = write("a.zip", zip.zipBytes(ENTRIES()));
    const log = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
    assert.match(log, /No errors detected/);
    const dest = path.join(tmp, "x");
    mkdirSync(dest);
    execFileSync("unzip", ["-q", file, "-d", dest]);
    for (const e of ENTRIES().filter((e) => e.data)) {
        assert.deepEqual(new Uint8Array(readFileSync(path.join(dest, e.name))), e.data, e.name);
    }
});

test("python zipfile reads names, flags, CRCs, dates and bytes", () => {
    const entries = ENTRIES();
    const view = pythonView(write("b.zip", zip.zipBytes(entries)));
    assert.equal(view.bad, null, "testzip found a bad CRC");
    assert.deepEqual(view.entries.map((e) => e.name), entries.map((e) => e.name));
    for (const [i, e] of view.entries.entries()) {
        const data = entries[i].data ?? new Uint8Array(0);
        assert.equal(e.flags & 0x800, 0x800, `${e.name}: UTF-8 flag`);
        assert.equal(e.method, 0, `${e.name}: stored`);
        assert.equal(e.size, data.length);
        assert.equal(e.csize, data.length);
        assert.equal(e.crc, zip.crc32(data));
        assert.equal(e.dir, e.name.endsWith("/"));
        assert.equal(e.system, 3, "made on Unix, so the modes count");
        assert.equal(e.mode, e.dir ? 0o040755 : 0o100644);
        assert.deepEqual(e.date, [2024, 5, 17, 13, 45, 30]);
    }
    const sha = execFileSync("/usr/bin/python3", ["-c",
        "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"],
        { input: binary, encoding: "utf8" }).trim();
    assert.equal(view.entries.at(-1).sha, sha);
});

test("an empty archive is valid", () => {
    const bytes = zip.zipBytes([]);
    assert.equal(bytes.length, 22);
    assert.deepEqual(pythonView(write("empty.zip", bytes)).entries, []);
});

test("parts handed to a Blob equal the single buffer", () => {
    const parts = zip.zipParts(ENTRIES());
    const joined = Buffer.concat(parts.map((p) => Buffer.from(p)));
    assert.deepEqual(new Uint8Array(joined), zip.zipBytes(ENTRIES()));
});

test("names that would escape or mean nothing are refused", () => {
    for (const name of ["", "/abs.py", "../up.py", "a/../b", "a//b", "./a", "/"]) {
        assert.throws(() => zip.zipBytes([{ name, data: new Uint8Array(1) }]), RangeError, name);
    }
});

test("more entries than the 16-bit count can hold are refused", () => {
    const many = Array.from({ length: zip.ZIP_MAX_ENTRIES + 1 }, (_, i) => ({ name: `d${i}/` }));
    assert.throws(() => zip.zipParts(many), /more than 65535 entries/);
    assert.doesNotThrow(() => zip.zipParts(many.slice(1)));
});
