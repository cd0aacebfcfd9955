// SPDX-License-Identifier: MIT
// harness.mjs: starts replhubd (its embedded simulated board on a pty) and headless Chromium
// for the browser tests, and measures what the page really rendered.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const env = (name, fallback) => process.env[name] || path.join(ROOT, fallback);
const REPLHUBD = env("REPLHUBD", "build/daemon/replhubd");
const BOARD = env("REPLHUB_BOARD", "build/firmware/ports/host/replhub-board");
const WEB_DIR = env("REPLHUB_WEB_DIR", "build/web");
const NODE_MODULES = env("REPLHUB_NODE_MODULES", "build/web-build/node_modules");
const require = createRequire(path.join(NODE_MODULES, "noop.js"));
const { chromium } = require("playwright-core");

// PLATFORM.md: the flags that work for Debian's Chromium here.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic"];

export async function startDaemon() {
    const tmp = mkdtempSync(path.join(tmpdir(), "replhub-e2e-"));
    const proc = spawn(REPLHUBD, ["--port", "0", "--no-discover", "--state-dir", tmp,
        "--web-dir", WEB_DIR, "--board-binary", BOARD, "--embedded-baud", "115200"],
        { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => proc.once("exit", resolve));
    const line = await new Promise((resolve, reject) => {
        createInterface({ input: proc.stdout }).once("line", resolve);
        proc.once("exit", (code) => reject(new Error(`replhubd exited with ${code}`)));
    });
    const port = Number(/:(\d+)\//.exec(line)[1]);
    return {
        url: `http://127.0.0.1:${port}/`,
        async stop() {
            // A replhubd that died in a test has exited already: waiting for that would hang.
            if (proc.exitCode === null && proc.signalCode === null) {
                proc.kill("SIGTERM");
            }
            await exited;
            rmSync(tmp, { recursive: true, force: true });
        },
    };
}

export async function startBrowser() {
    const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

// The xterm row (a DOM element) whose text starts with [text], once one is rendered.
export async function waitForRow(page, text, timeout = 15000) {
    const row = page.locator(".terminal:not([hidden]) .xterm-rows > div", { hasText: text }).last();
    await row.waitFor({ state: "visible", timeout });
    return row;
}

// What a person would see of [row]: its text colour against the terminal background, and how
// many of the screenshot's pixels differ clearly from that background.
export async function rendered(page, row) {
    const style = await row.evaluate((el) => {
        const span = el.querySelector("span") || el;
        const cs = getComputedStyle(span);
        const bg = getComputedStyle(el.closest(".xterm")).backgroundColor;
        return { color: cs.color, background: bg, visibility: cs.visibility, opacity: cs.opacity,
            fontSize: parseFloat(cs.fontSize) };
    });
    const png = await row.screenshot();
    const lit = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext("2d");
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, img.width, img.height).data;
        const [r0, g0, b0] = [d[0], d[1], d[2]]; // the row starts with background
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 120) {
                n++;
            }
        }
        return n;
    }, png.toString("base64"));
    return { ...style, lit };
}
