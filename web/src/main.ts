// SPDX-License-Identifier: MIT
// main.ts: wires the board list, and per board its terminal, file tree, transfers and editors,
// the control buttons and the status line.

import "@xterm/xterm/css/xterm.css";

import type { Control, ServerEvent } from "./api";
import { BoardList } from "./boards";
import { EditorTabs, runFile } from "./editor";
import { FilePanel } from "./files";
import { parentPath } from "./paths";
import { watchRequests } from "./rest";
import { BoardTerminal } from "./terminal";
import { Transfers } from "./transfer";

function byId<T extends HTMLElement>(id: string): T {
    return document.getElementById(id) as T;
}

interface BoardView {
    term: BoardTerminal;
    files: FilePanel;
    editors: EditorTabs;
}

const views = new Map<string, BoardView>();
let current: BoardView | null = null;
const workspace = byId<HTMLElement>("workspace");
const status = byId<HTMLDivElement>("status");
const title = byId<HTMLSpanElement>("board-title");
const daemon = byId<HTMLSpanElement>("daemon-status");

function showStatus(t: BoardTerminal): void {
    if (t === current?.term) {
        status.textContent = t.statusText();
        status.dataset.state = t.boardState;
    }
}

function layout(): void {
    workspace.classList.toggle("with-editor", current?.editors.hasTabs ?? false);
}

function create(id: string): BoardView {
    const transfers = new Transfers(id, { onStored: (dir) => files.stale(dir) });
    const editors = new EditorTabs(id, {
        onSaved: (path) => files.stale(parentPath(path)),
        onRun: () => term.focus(),
        onLayout: (hasTabs) => {
            layout();
            if (!hasTabs) {
                term.focus();
            }
        },
    });
    const files = new FilePanel(
        id,
        {
            open: (path) => editors.open(path),
            run: (path) => runFile(id, path).then(() => term.focus()),
            upload: (picked, dir) => transfers.upload(picked, dir),
            downloadFolder: (dir) => transfers.downloadFolder(dir),
            moved: (from, to) => editors.moved(from, to),
            deleted: (path) => editors.deleted(path),
        },
        transfers.element,
    );
    const term = new BoardTerminal(id, showStatus, (ev: ServerEvent) => {
        if (ev.type === "op") {
            transfers.onOp(ev.op);
            files.onOp(ev.op);
        } else if (ev.type === "hello") {
            files.boardState(ev.board.state);
        } else if (ev.type === "state") {
            files.boardState(ev.state);
        }
    });
    watchRequests(id, (busy) => term.holdInput(busy));
    byId("editors").appendChild(editors.element);
    byId("files").appendChild(files.element);
    term.mount(byId("terminals"));
    return { term, files, editors };
}

function select(id: string): void {
    let v = views.get(id);
    if (v === undefined) {
        v = create(id);
        views.set(id, v);
    }
    current = v;
    views.forEach((other) => {
        other.files.show(other === v);
        other.editors.show(other === v);
        other.term.show(other === v);
    });
    layout();
    title.textContent = id;
    list.select(id);
    history.replaceState(null, "", `#board=${encodeURIComponent(id)}`);
    showStatus(v.term);
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
    byId<HTMLButtonElement>(id).addEventListener("click", () => current?.term.control(control));
}

// Ctrl-S / Cmd-S outside the editor (in the file tree, on a button) saves the file in front
// rather than the page; in the terminal the keys stay the board's.
window.addEventListener("keydown", (e) => {
    const inTerminal = (e.target as Element | null)?.closest?.(".xterm");
    if ((e.ctrlKey || e.metaKey) && e.key === "s" && !e.defaultPrevented && !inTerminal) {
        if (current?.editors.saveActive()) {
            e.preventDefault();
        }
    }
});

window.addEventListener("beforeunload", (e) => {
    if (Array.from(views.values()).some((v) => v.editors.hasUnsaved)) {
        e.preventDefault();
    }
});

const wanted = new URLSearchParams(location.hash.slice(1)).get("board");
if (wanted) {
    select(wanted);
}
list.start();
