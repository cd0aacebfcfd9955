// SPDX-License-Identifier: MIT
// terminal.ts: one board's terminal: an xterm fed by its WebSocket, with fit-to-size, copy and
// paste, the controls, and a status line text describing the board and the link to it. While the
// board runs a file operation replhubd refuses typing (board_busy), so what is typed then is held
// and sent once the board is free.

import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";

import { termUrl, type BoardState, type Control, type ServerEvent } from "./api";
import { Connection } from "./connection";

// The most typed bytes held while the board is busy; more is dropped, and the status says so.
export const TERM_HOLD_MAX = 4096;

const THEME = {
    background: "#14161a",
    foreground: "#d8dee9",
    cursor: "#e5c07b",
    selectionBackground: "#3b4252",
};

export class BoardTerminal {
    readonly element: HTMLDivElement;
    private readonly term: Terminal;
    private readonly fit = new FitAddon();
    private readonly conn: Connection;
    private state: BoardState | "offline" = "offline";
    private note = "connecting to replhubd…";
    private held: string[] = [];
    private heldBytes = 0;
    private boardBusy = false;
    private pageBusy = false;

    constructor(
        readonly boardId: string,
        private readonly onStatus: (t: BoardTerminal) => void,
        // Every JSON event of the board's terminal socket ("op" events among them).
        private readonly onBoardEvent: (ev: ServerEvent) => void,
    ) {
        this.element = document.createElement("div");
        this.element.className = "terminal";
        this.element.dataset.board = boardId;
        this.term = new Terminal({
            theme: THEME,
            cursorBlink: true,
            scrollback: 10000,
            fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', monospace",
            fontSize: 14,
        });
        this.term.loadAddon(this.fit);
        this.conn = new Connection(termUrl(boardId), {
            onOpen: () => this.setNote("connected"),
            onBytes: (data) => this.term.write(data),
            onEvent: (ev) => this.onEvent(ev),
            onClose: (code, reason, retryMs) => {
                this.state = "offline";
                const why = reason || (code === 1006 ? "replhubd unreachable" : `closed (${code})`);
                this.setNote(`${why}; reconnecting in ${Math.round(retryMs / 100) / 10}s`);
            },
        });
        this.term.onData((data) => this.type(data));
        this.term.attachCustomKeyEventHandler((e) => this.onKey(e));
    }

    // Attaches to [parent] (once) and connects.
    mount(parent: HTMLElement): void {
        parent.appendChild(this.element);
        this.term.open(this.element);
        new ResizeObserver(() => this.resize()).observe(this.element);
        this.resize();
        this.conn.start();
    }

    show(visible: boolean): void {
        this.element.hidden = !visible;
        if (visible) {
            this.resize();
            this.focus();
        }
    }

    focus(): void {
        this.term.focus();
    }

    control(type: Control): void {
        this.conn.sendControl(type);
        this.focus();
    }

    // The page has requests of its own waiting for this board ([busy]): typing waits with them,
    // since the board turns busy when they reach it, before its state event could arrive here.
    holdInput(busy: boolean): void {
        this.pageBusy = busy;
        this.release();
    }

    private type(data: string): void {
        if (!this.boardBusy && !this.pageBusy) {
            this.conn.sendBytes(data);
            return;
        }
        const n = new TextEncoder().encode(data).length;
        if (this.heldBytes + n > TERM_HOLD_MAX) {
            this.setNote(`board busy: typing beyond ${TERM_HOLD_MAX} bytes dropped`);
            return;
        }
        this.held.push(data);
        this.heldBytes += n;
        this.element.dataset.held = String(this.heldBytes);
        this.setNote("board busy: typing held until it is free");
    }

    private release(): void {
        if (this.boardBusy || this.pageBusy || this.held.length === 0) {
            return;
        }
        this.conn.sendBytes(this.held.join(""));
        this.held = [];
        this.heldBytes = 0;
        delete this.element.dataset.held;
    }

    statusText(): string {
        return `${this.boardId}: ${this.state} — ${this.note}`;
    }

    get boardState(): string {
        return this.state;
    }

    private resize(): void {
        if (!this.element.hidden && this.element.clientWidth > 0) {
            this.fit.fit();
        }
    }

    private setNote(note: string): void {
        this.note = note;
        this.onStatus(this);
    }

    private onEvent(ev: ServerEvent): void {
        this.onBoardEvent(ev);
        switch (ev.type) {
            case "hello":
                // The scrollback follows: start from a clean screen so nothing shows twice.
                this.term.reset();
                this.state = ev.board.state;
                this.boardBusy = ev.board.state === "busy";
                this.release();
                this.setNote("connected");
                break;
            case "state":
                this.state = ev.state;
                this.boardBusy = ev.state === "busy";
                this.setNote(ev.reason);
                this.release();
                break;
            case "reset":
                this.setNote(`${ev.kind} reset (${ev.method})`);
                break;
            case "error":
                this.setNote(`error: ${ev.code} ${ev.message}`);
                break;
            default:
                break;
        }
    }

    // Ctrl+Shift+C / Ctrl+Shift+V copy and paste; Ctrl+C stays the board's interrupt key.
    private onKey(e: KeyboardEvent): boolean {
        if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) {
            return true;
        }
        if (e.code === "KeyC" && this.term.hasSelection()) {
            void navigator.clipboard?.writeText(this.term.getSelection());
            return false;
        }
        if (e.code === "KeyV") {
            void navigator.clipboard?.readText().then((text) => this.term.paste(text));
            return false;
        }
        return true;
    }
}
