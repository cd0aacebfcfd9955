// SPDX-License-Identifier: MIT
// terminal.test.mjs: a person opens the page, types print("Hello World") into the terminal and
// sees it rendered; then interrupts `while True: pass` with the Interrupt button.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { rendered, startBrowser, startDaemon, waitForRow } from "./harness.mjs";

let daemon, browser, page;

before(async () => {
    daemon = await startDaemon();
    browser = await startBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(daemon.url);
    await page.locator(".board .state-repl").first().waitFor({ timeout: 15000 });
    await waitForRow(page, ">>>");
});

after(async () => {
    await browser?.close();
    await daemon?.stop();
});

test("typing print(\"Hello World\") renders Hello World", async () => {
    // The terminal has the keyboard: no click needed.
    assert.ok(await page.evaluate(() => document.activeElement?.closest(".xterm") !== null));
    await page.keyboard.type('print("Hello World")');
    await page.keyboard.press("Enter");
    const row = await waitForRow(page, /^Hello World\s*$/);
    const r = await rendered(page, row);
    assert.notEqual(r.color, r.background, "text colour differs from the background");
    assert.equal(r.visibility, "visible");
    assert.equal(r.opacity, "1");
    assert.ok(r.fontSize >= 10, `font size ${r.fontSize}`);
    assert.ok(r.lit > 50, `only ${r.lit} lit pixels in the Hello World row`);
    const empty = await rendered(page, page.locator(".terminal:not([hidden]) .xterm-rows > div").last());
    assert.ok(empty.lit < r.lit / 4, "an empty row stays dark");
    assert.match(await page.locator("#status").textContent(), /sim: repl/);
});

test("the Interrupt button stops while True: pass", async () => {
    await page.keyboard.type("while True: pass");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300); // the loop is running; nothing to wait for on screen
    await page.click("#btn-interrupt");
    const row = await waitForRow(page, "KeyboardInterrupt");
    const r = await rendered(page, row);
    assert.ok(r.lit > 50, `only ${r.lit} lit pixels in the KeyboardInterrupt row`);
    await waitForRow(page, /^>>>\s*$/);
    // Focus went back to the terminal: typing works at once.
    await page.keyboard.type("1+1");
    await page.keyboard.press("Enter");
    await waitForRow(page, /^2\s*$/);
});
