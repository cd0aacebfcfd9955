// SPDX-License-Identifier: MIT
// main.ts: wires the board list, one terminal per board, the control buttons and the status line.

import "@xterm/xterm/css/xterm.css";

import type { Control } from "./api";
import { BoardList } from "./boards";
import { BoardTerminal } from "./terminal";

function byId<T extends HTMLElement>(id: string): T {
    return document.getElementById(id) as T;
}

const terminals = new Map<string, BoardTerminal>();
let current: BoardTerminal | null = null;
const status = byId<HTMLDivElement>("status");
const title = byId<HTMLSpanElement>("board-title");
const daemon = byId<HTMLSpanElement>("daemon-status");

function showStatus(t: BoardTerminal): void {
    if (t === current) {
        status.textContent = t.statusText();
        status.dataset.state = t.boardState;
    }
}

function select(id: string): void {
    let t = terminals.get(id);
    if (t === undefined) {
        t = new BoardTerminal(id, showStatus);
        terminals.set(id, t);
        t.mount(byId("terminals"));
    }
    terminals.forEach((other) => other.show(other === t));
    current = t;
    title.textContent = id;
    list.select(id);
    history.replaceState(null, "", `#board=${encodeURIComponent(id)}`);
    showStatus(t);
}

const list = new BoardList(byId<HTMLUListElement>("board-list"), select, (text, ok) => {
    daemon.textContent = text;
    daemon.className = ok ? "ok" : "down";
});

const buttons: [string, Control][] = [
    ["btn-interrupt", "interrupt"],
    ["btn-soft-reset", "soft_reset"],
    ["btn-hard-reset", "hard_reset"],
];
for (const [id, control] of buttons) {
    byId<HTMLButtonElement>(id).addEventListener("click", () => current?.control(control));
}

const wanted = new URLSearchParams(location.hash.slice(1)).get("board");
if (wanted) {
    select(wanted);
}
list.start();
