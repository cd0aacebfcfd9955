// SPDX-License-Identifier: MIT
// drop.test.mjs: src/drop.ts walks dropped folders through the File and Directory Entries API
// (faked here as Chromium behaves: readEntries answers in batches of at most 100, then empty)
// and flattens picked folders from webkitRelativePath.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

const HERE = path.dirname(new URL(import.meta.url).pathname);
const NODE_MODULES = path.resolve(process.env.REPLHUB_NODE_MODULES
    || path.join(HERE, "../../build/web-build/node_modules"));
const esbuild = createRequire(path.join(NODE_MODULES, "noop.js"))("esbuild");

let drop, tmp;

before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "replhub-drop-"));
    const out = path.join(tmp, "drop.mjs");
    esbuild.buildSync({ entryPoints: [path.join(HERE, "../src/drop.ts")], format: "esm",
        bundle: true, outfile: out, logLevel: "warning" });
    drop = await import(out);
});

after(() => rmSync(tmp, { recursive: true, force: true }));

const BATCH = 100;

// A fake entry tree: an object is a folder, a string a file's content.
function entry(name, node) {
    if (typeof node === "string") {
        return { name, isFile: true, isDirectory: false,
            file: (ok) => queueMicrotask(() => ok(new File([node], name))) };
    }
    return { name, isFile: false, isDirectory: true, createReader() {
        const all = Object.entries(node).map(([n, v]) => entry(n, v));
        let at = 0;
        return { readEntries: (ok) => queueMicrotask(() => ok(all.slice(at, (at += BATCH)))) };
    } };
}

function transfer(items) {
    return { items: items.map((it) => ({ kind: "file",
        webkitGetAsEntry: () => it.entry ?? null, getAsFile: () => it.file ?? null })) };
}

test("a dropped folder is walked to its last file, past readEntries' batches", async () => {
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}.py`, `#${i}`]));
    const tree = { "main.py": "print(1)", lib: { "a.py": "A", empty: {}, deep: { "z.txt": "Z" } },
        many };
    const dt = transfer([{ entry: entry("proj", tree) }, { file: new File(["x"], "loose.txt") }]);
    const picked = await drop.collectDrop(dt);
    const files = Object.fromEntries(await Promise.all(
        picked.files.map(async (f) => [f.rel, await f.file.text()])));
    assert.equal(files["proj/main.py"], "print(1)");
    assert.equal(files["proj/lib/a.py"], "A");
    assert.equal(files["proj/lib/deep/z.txt"], "Z");
    assert.equal(files["loose.txt"], "x");
    assert.equal(files["proj/many/f249.py"], "#249");
    assert.equal(picked.files.length, 4 + 250);
    assert.deepEqual(picked.dirs.sort(),
        ["proj", "proj/lib", "proj/lib/deep", "proj/lib/empty", "proj/many"]);
});

test("a drop over the limit is refused, not cut short", async () => {
    const big = Object.fromEntries(Array.from({ length: drop.PICK_MAX }, (_, i) => [`${i}`, ""]));
    await assert.rejects(drop.collectDrop(transfer([{ entry: entry("big", big) }])),
        /more than 10000 files and folders/);
});

test("a picked folder keeps its paths and lists its folders", () => {
    const mk = (rel) => Object.assign(new File(["."], rel.split("/").pop()),
        { webkitRelativePath: rel });
    const picked = drop.collectInput([mk("site/index.py"), mk("site/lib/x.py"),
        mk("site/lib/y/z.py")]);
    assert.deepEqual(picked.files.map((f) => f.rel),
        ["site/index.py", "site/lib/x.py", "site/lib/y/z.py"]);
    assert.deepEqual(picked.dirs.sort(), ["site", "site/lib", "site/lib/y"]);
});
