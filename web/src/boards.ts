// SPDX-License-Identifier: MIT
// boards.ts: the board list, kept current by the /api/v1/events WebSocket, rendered as buttons
// with a state badge.

import { eventsUrl, type Board } from "./api";
import { Connection } from "./connection";

export class BoardList {
    private readonly boards = new Map<string, Board>();
    private readonly conn: Connection;
    private selected: string | null = null;

    constructor(
        private readonly list: HTMLUListElement,
        private readonly onSelect: (id: string) => void,
        private readonly onDaemon: (text: string, ok: boolean) => void,
    ) {
        this.conn = new Connection(eventsUrl(), {
            onOpen: () => this.onDaemon("replhubd connected", true),
            onBytes: () => undefined,
            onEvent: (ev) => {
                if (ev.type === "boards") {
                    this.boards.clear();
                    ev.boards.forEach((b) => this.boards.set(b.id, b));
                    this.render();
                } else if (ev.type === "board") {
                    this.boards.set(ev.board.id, ev.board);
                    this.render();
                }
            },
            onClose: (_code, _reason, retryMs) =>
                this.onDaemon(`replhubd unreachable; retrying in ${Math.round(retryMs / 1000)}s`, false),
        });
    }

    start(): void {
        this.conn.start();
    }

    select(id: string): void {
        this.selected = id;
        this.render();
    }

    private render(): void {
        this.list.replaceChildren();
        for (const b of this.boards.values()) {
            const li = document.createElement("li");
            const btn = document.createElement("button");
            btn.className = "board" + (b.id === this.selected ? " selected" : "");
            btn.dataset.board = b.id;
            btn.title = `${b.link} ${b.path}${b.usb ? ` (${b.usb})` : ""}`;
            const name = document.createElement("span");
            name.className = "name";
            name.textContent = b.id + (b.embedded ? " (simulated)" : "");
            const badge = document.createElement("span");
            badge.className = `state state-${b.state}`;
            badge.textContent = b.state;
            btn.append(name, badge);
            btn.addEventListener("click", () => this.onSelect(b.id));
            li.appendChild(btn);
            this.list.appendChild(li);
        }
        if (this.selected === null && this.boards.size > 0) {
            this.onSelect(this.boards.keys().next().value as string);
        }
        if (this.boards.size === 0) {
            const li = document.createElement("li");
            li.className = "empty";
            li.textContent = "No boards. Start replhubd with --board serial:/dev/ttyUSB0 or plug one in.";
            this.list.appendChild(li);
        }
    }
}
