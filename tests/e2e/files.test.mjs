// SPDX-License-Identifier: MIT
// files.test.mjs: the file panel and editor against the real replhubd and its simulated board:
// drop a file and watch its upload progress into the tree; open, edit, save with Ctrl-S and run a
// program; rename inline; delete a file and a folder; errors shown where the action was.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { rendered, startBrowser, startDaemon, waitForRow } from "./harness.mjs";

let daemon, browser, page;

// A REST call to replhubd from outside the page (to prepare files and to check the board).
async function api(method, route, body) {
    const res = await fetch(new URL(`api/v1/boards/sim/${route}`, daemon.url), { method, body });
    const type = res.headers.get("content-type") || "";
    const data = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, data };
}

// The entries of board folder [dir] by name, as replhubd lists them.
async function entries(dir) {
    const { status, data } = await api("GET", `fs/${dir}`);
    assert.equal(status, 200, `listing ${dir}`);
    return Object.fromEntries(data.entries.map((e) => [e.name, e]));
}

const row = (path) => page.locator(`.files .row[data-path="${path}"]`);

// The tree after a Refresh, so files put there from outside are shown.
async function refreshTree() {
    await page.click(".files-refresh");
    await page.locator(".files .row.busy").first().waitFor({ state: "detached" });
}

before(async () => {
    daemon = await startDaemon();
    browser = await startBrowser();
    page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
    await page.goto(daemon.url);
    await page.locator(".board .state-repl").first().waitFor({ timeout: 15000 });
    await waitForRow(page, ">>>");
    // The root is listed once the board answers; the free space comes with it.
    await page.locator(".files-space").filter({ hasText: /free of/ }).waitFor({ timeout: 30000 });
});

after(async () => {
    await browser?.close();
    await daemon?.stop();
});

test("a dropped file uploads with progress and appears in the tree with its size", async () => {
    // 50000 bytes: long enough at 115200 baud for the board to report progress several times.
    let text = 'print("dropped")\n';
    for (let i = 0; text.length < 50000; i++) {
        text += `# filler line ${String(i).padStart(5, "0")} ${"=".repeat(40)}\n`;
    }
    text = text.slice(0, 49999) + "\n";
    await page.evaluate((content) => {
        // Every animation frame, what the upload item shows.
        window.seen = [];
        const sample = () => {
            const item = document.querySelector(".files .transfer");
            if (item) {
                const bar = item.querySelector("progress");
                window.seen.push({ value: bar.value, max: bar.max, state: item.dataset.state,
                    bytes: item.querySelector(".t-bytes").textContent,
                    speed: item.querySelector(".t-speed").textContent });
                if (item.dataset.state !== "running" && item.dataset.state !== "queued") {
                    return;
                }
            }
            requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
        const dt = new DataTransfer();
        dt.items.add(new File([content], "dropped.py", { type: "text/x-python" }));
        const target = document.querySelector('.files .row[data-path="/"]');
        for (const type of ["dragenter", "dragover", "drop"]) {
            target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true,
                cancelable: true }));
        }
    }, text);
    const item = page.locator(".files .transfer").filter({ hasText: "dropped.py" });
    await item.waitFor();
    await page.locator('.files .transfer[data-state="done"]').waitFor({ timeout: 60000 });
    const seen = await page.evaluate(() => window.seen);
    assert.ok(seen.some((s) => s.value > 0 && s.value < s.max),
        `no progress between 0 and the end in ${seen.length} frames`);
    assert.ok(seen.some((s) => /^\d+(\.\d)? (B|KiB|MiB)\/s$/.test(s.speed)), "a speed was shown");
    assert.equal(await item.locator(".t-bytes").textContent(), "49 KiB / 49 KiB");
    assert.equal(await item.locator(".t-cancel").isVisible(), false, "no cancel once done");

    // The tree shows the file with its size, in a colour that stands out from the panel.
    const r = row("/dropped.py");
    await r.waitFor();
    assert.equal(await r.locator(".size").textContent(), "49 KiB");
    const colours = await r.locator(".name").evaluate((el) => ({
        fg: getComputedStyle(el).color,
        bg: getComputedStyle(el.closest(".files")).backgroundColor,
    }));
    assert.notEqual(colours.fg, colours.bg);

    const stored = await api("GET", "fs/dropped.py");
    assert.equal(stored.status, 200);
    assert.equal(createHash("sha256").update(stored.data).digest("hex"),
        createHash("sha256").update(text).digest("hex"));
});

test("open, edit, Ctrl-S and Run: the program's output shows in the terminal", async () => {
    assert.equal((await api("PUT", "fs/app/edit_me.py", 'print("old")\n')).status, 200);
    await refreshTree();
    await row("/app").click();
    await row("/app/edit_me.py").locator(".name").click();
    const editor = page.locator('.editor-pane[data-path="/app/edit_me.py"]');
    await editor.locator(".cm-content").filter({ hasText: 'print("old")' }).waitFor();
    // The editor has the keyboard once the file is open.
    assert.ok(await editor.locator(".cm-editor.cm-focused").isVisible());
    const keyword = await editor.locator(".cm-line span").filter({ hasText: /^print$/ }).first()
        .evaluate((el) => getComputedStyle(el).color);
    const plain = await editor.locator(".cm-content").evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(keyword, plain, "Python is highlighted");

    await page.keyboard.press("Control+a");
    await page.keyboard.type('for i in range(3):\nprint("line", i * 7)\n');
    await page.keyboard.press("Backspace"); // back out of the loop's indentation
    await page.keyboard.type('print("total", 6 * 7)\n');
    const tab = page.locator('.tab[data-path="/app/edit_me.py"]');
    assert.match(await tab.textContent(), /edit_me\.py ●/);
    assert.ok(await tab.evaluate((el) => el.classList.contains("dirty")));

    await page.keyboard.press("Control+s");
    const status = editor.locator(".editor-status");
    await status.filter({ hasText: /^Saved / }).waitFor({ timeout: 30000 });
    assert.doesNotMatch(await tab.textContent(), /●/);
    const want = 'for i in range(3):\n    print("line", i * 7)\nprint("total", 6 * 7)\n';
    assert.equal((await api("GET", "fs/app/edit_me.py")).data.toString(), want);

    await editor.locator(".editor-run").click();
    const total = await waitForRow(page, /^total 42\s*$/, 30000);
    await waitForRow(page, /^line 14\s*$/);
    const r = await rendered(page, total);
    assert.notEqual(r.color, r.background);
    assert.ok(r.lit > 30, `only ${r.lit} lit pixels in the output row`);
    // After Run the terminal has the keyboard, so Ctrl-C reaches the program.
    assert.ok(await page.evaluate(() => document.activeElement?.closest(".xterm") !== null));
    assert.match(await status.textContent(), /Running \/app\/edit_me\.py/);
});

test("rename inline with F2 and Enter", async () => {
    assert.equal((await api("PUT", "fs/old_name.py", "x = 1\n")).status, 200);
    assert.equal((await api("PUT", "fs/keep.py", "k = 2")).status, 200);
    await refreshTree();
    // Open in the editor first: its tab must follow the rename.
    await row("/old_name.py").locator(".name").click();
    await page.locator('.tab[data-path="/old_name.py"]').waitFor();
    await row("/old_name.py").focus();
    await page.keyboard.press("F2");
    const input = row("/old_name.py").locator("input.rename");
    assert.ok(await input.evaluate((el) => el === document.activeElement));
    // A name that is taken is refused in the row: the other file is not replaced.
    await page.keyboard.type("keep");
    await page.keyboard.press("Enter");
    const err = row("/old_name.py").locator(".row-error");
    await err.waitFor();
    assert.equal(await err.getAttribute("data-code"), "exists");
    assert.equal((await entries(""))["keep.py"].size, 5);
    await input.fill("old_name.py");
    await input.evaluate((el) => el.setSelectionRange(0, "old_name".length));
    // The name without its extension is selected: typing replaces just that.
    await page.keyboard.type("new_name");
    await page.keyboard.press("Enter");
    await row("/new_name.py").waitFor();
    await row("/old_name.py").waitFor({ state: "detached" });
    assert.ok(await row("/new_name.py").evaluate((el) => el === document.activeElement),
        "the renamed row keeps the keyboard");
    assert.equal((await api("GET", "fs/old_name.py?stat")).status, 404);
    assert.deepEqual((await entries(""))["new_name.py"],
        { name: "new_name.py", type: "file", size: 6 });
    // The open editor follows the file.
    await page.locator('.tab[data-path="/new_name.py"]').waitFor();
});

test("delete a file and a folder after confirming in the row", async () => {
    assert.equal((await api("PUT", "fs/doomed.py", "pass\n")).status, 200);
    assert.equal((await api("PUT", "fs/olddir/sub/inner.txt", "inner\n")).status, 200);
    await refreshTree();

    await row("/doomed.py").hover();
    await row("/doomed.py").locator(".act-delete").click();
    const confirm = row("/doomed.py").locator(".row-confirm");
    assert.match(await confirm.textContent(), /Delete doomed\.py\?/);
    // Nothing is deleted before the confirmation.
    assert.ok((await entries(""))["doomed.py"]);
    await confirm.locator(".confirm-delete").click();
    await row("/doomed.py").waitFor({ state: "detached" });
    assert.equal((await api("GET", "fs/doomed.py?stat")).data.error.code, "file_not_found");

    // A folder from the keyboard: Delete, then Enter on the focused confirmation.
    await row("/olddir").focus();
    await page.keyboard.press("Delete");
    const strip = row("/olddir").locator(".row-confirm");
    assert.match(await strip.textContent(), /Delete folder olddir and everything in it\?/);
    const yes = strip.locator(".confirm-delete");
    assert.ok(await yes.evaluate((el) => el === document.activeElement));
    await page.keyboard.press("Enter");
    await row("/olddir").waitFor({ state: "detached" });
    assert.equal((await api("GET", "fs/olddir?stat")).status, 404);
});

test("a folder that exists is refused next to the name being typed", async () => {
    assert.equal((await api("POST", "fs/taken", JSON.stringify({ op: "mkdir" }))).status, 200);
    await refreshTree();
    await row("/").click();
    await page.click(".files-mkdir");
    const input = page.locator(".files input.new-folder");
    assert.ok(await input.evaluate((el) => el === document.activeElement));
    await page.keyboard.type("taken");
    await page.keyboard.press("Enter");
    const err = page.locator(".files .row-create .row-error");
    await err.waitFor();
    assert.equal(await err.getAttribute("data-code"), "exists");
    assert.match(await err.textContent(), /already exists/);
    // A new name succeeds and the new folder gets the keyboard.
    await input.fill("fresh");
    await page.keyboard.press("Enter");
    await row("/fresh").waitFor();
    assert.ok(await row("/fresh").evaluate((el) => el === document.activeElement));
    assert.equal((await entries(""))["fresh"].type, "dir");
});

test("cancelling an upload stops it and leaves nothing on the board", async () => {
    await page.evaluate(() => {
        const dt = new DataTransfer();
        const bytes = new Uint8Array(200000).map((_, i) => i % 251);
        dt.items.add(new File([bytes], "cancelled.bin"));
        const target = document.querySelector('.files .row[data-path="/"]');
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true,
            cancelable: true }));
    });
    const item = page.locator(".files .transfer").filter({ hasText: "cancelled.bin" });
    // Cancel once the board has stored some of it.
    await item.locator(".t-note").filter({ hasText: "writing" }).waitFor({ timeout: 30000 });
    await item.locator(".t-cancel").click();
    await page.locator('.files .transfer[data-state="cancelled"]')
        .filter({ hasText: "cancelled.bin" }).waitFor({ timeout: 30000 });
    assert.equal(await item.locator(".t-cancel").isVisible(), false);
    // The board is left as before: no file, and the prompt answers.
    assert.equal((await api("GET", "fs/cancelled.bin?stat")).status, 404);
    await refreshTree();
    assert.equal(await row("/cancelled.bin").count(), 0);
    await page.locator(".terminal:not([hidden]) .xterm").click();
    await page.keyboard.type("print(6 * 9)");
    await page.keyboard.press("Enter");
    await waitForRow(page, /^54\s*$/, 30000);
});

test("a folder downloads as a zip of everything in it", async () => {
    const bin = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff));
    assert.equal((await api("PUT", "fs/zipme/a.py", "print('a')\n")).status, 200);
    assert.equal((await api("PUT", "fs/zipme/sub/b.bin", bin)).status, 200);
    await refreshTree();
    const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60000 }),
        row("/zipme").locator(".act-download").click(),
    ]);
    assert.equal(download.suggestedFilename(), "zipme.zip");
    const file = await download.path();
    const out = execFileSync("/usr/bin/python3", ["-c", `
import hashlib, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    assert z.testzip() is None
    print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))
`, file], { encoding: "utf8" });
    const sha = (b) => createHash("sha256").update(b).digest("hex");
    assert.deepEqual(JSON.parse(out), {
        "zipme/": sha(""),
        "zipme/sub/": sha(""),
        "zipme/a.py": sha("print('a')\n"),
        "zipme/sub/b.bin": sha(bin),
    });
});

test("errors show where the action was: the upload item, the editor, the row", async () => {
    // An upload whose name the board cannot hold (a control character).
    const bad = "bad\u0001name.txt";
    await page.evaluate((name) => {
        const dt = new DataTransfer();
        dt.items.add(new File(["x"], name));
        document.querySelector('.files .row[data-path="/"]').dispatchEvent(
            new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bad);
    const failed = page.locator('.files .transfer[data-state="failed"]')
        .filter({ hasText: "name.txt" });
    await failed.waitFor({ timeout: 30000 });
    assert.equal(await failed.locator(".t-error").getAttribute("data-code"), "bad_path");
    assert.match(await failed.locator(".t-error").textContent(), /not a valid board path/);

    // A save into a folder that another client replaced with a file.
    assert.equal((await api("PUT", "fs/moving/x.py", "x = 1\n")).status, 200);
    await refreshTree();
    await row("/moving").click();
    await row("/moving/x.py").locator(".name").click();
    const editor = page.locator('.editor-pane[data-path="/moving/x.py"]');
    await editor.locator(".cm-content").filter({ hasText: "x = 1" }).waitFor();
    assert.equal((await api("DELETE", "fs/moving?recursive")).status, 200);
    assert.equal((await api("PUT", "fs/moving", "now a file\n")).status, 200);
    await page.keyboard.press("End");
    await page.keyboard.type("  # edited");
    await page.keyboard.press("Control+s");
    const status = editor.locator(".editor-status.error");
    await status.waitFor({ timeout: 30000 });
    assert.equal(await status.getAttribute("data-code"), "not_a_directory");
    assert.match(await status.textContent(), /^Not saved: /);
    assert.match(await page.locator('.tab[data-path="/moving/x.py"]').textContent(), /●/,
        "still marked unsaved");

    // A file that is not text stays out of the editor, and says why on its row.
    assert.equal((await api("PUT", "fs/blob.bin", Buffer.from([0xff, 0xfe, 0x00, 0x80]))).status,
        200);
    await refreshTree();
    await row("/blob.bin").locator(".name").click();
    const err = row("/blob.bin").locator(".row-error");
    await err.waitFor();
    assert.equal(await err.getAttribute("data-code"), "not_text");
    assert.equal(await page.locator('.tab[data-path="/blob.bin"]').count(), 0);
});

test("the pickers upload chosen files, and a folder with its subfolders", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "replhub-pick-"));
    try {
        mkdirSync(path.join(dir, "picked", "sub"), { recursive: true });
        writeFileSync(path.join(dir, "picked", "one.py"), "print(1)\n");
        writeFileSync(path.join(dir, "picked", "sub", "two.txt"), "two\n");
        await row("/").focus();
        await page.setInputFiles(".files-pick-dir", path.join(dir, "picked"));
        await page.setInputFiles(".files-pick",
            { name: "chosen.py", mimeType: "text/x-python", buffer: Buffer.from("c = 3\n") });
        for (const name of ["one.py", "two.txt", "chosen.py"]) {
            await page.locator('.files .transfer[data-state="done"]').filter({ hasText: name })
                .waitFor({ timeout: 30000 });
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    await row("/picked").waitFor();
    await row("/chosen.py").waitFor();
    assert.equal(await row("/chosen.py").locator(".size").textContent(), "6 B");
    assert.equal((await api("GET", "fs/picked/sub/two.txt")).data.toString(), "two\n");
    assert.equal((await api("GET", "fs/picked/one.py")).data.toString(), "print(1)\n");
});

test("typing into the terminal while an upload runs reaches the board after it", async () => {
    await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(80000).fill(65)], "while_typing.bin"));
        document.querySelector('.files .row[data-path="/"]').dispatchEvent(
            new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const item = page.locator(".files .transfer").filter({ hasText: "while_typing.bin" });
    await item.waitFor();
    await page.locator(".terminal:not([hidden]) .xterm").click();
    // replhubd refuses typing while the board is busy; the page holds it instead.
    await page.keyboard.type("print('typed', 6 * 7)");
    await page.keyboard.press("Enter");
    // All of it is held: the 21 characters and Enter.
    const term = page.locator("#terminals > .terminal:not([hidden])");
    assert.equal(await term.getAttribute("data-held"), "22");
    assert.equal(await item.getAttribute("data-state"), "running", "typed during the upload");
    await page.locator('.files .transfer[data-state="done"]')
        .filter({ hasText: "while_typing.bin" }).waitFor({ timeout: 30000 });
    await waitForRow(page, /^typed 42\s*$/, 30000);
});
