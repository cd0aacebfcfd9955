// SPDX-License-Identifier: MIT
// api.ts: the messages of daemon/API.md as TypeScript types, and the URLs of the routes.

export type BoardState = "disconnected" | "connecting" | "repl" | "busy";

export interface Board {
    id: string;
    link: "serial" | "pty";
    path: string;
    baud: number;
    state: BoardState;
    viewers: number;
    embedded: boolean;
    usb?: string;
}

export type ServerEvent =
    | { type: "hello"; board: Board; scrollback: number }
    | { type: "state"; board: string; state: BoardState; reason: string }
    | { type: "reset"; board: string; kind: "soft" | "hard"; method: string }
    | { type: "error"; code: string; message: string }
    | { type: "boards"; boards: Board[] }
    | { type: "board"; board: Board }
    | { type: "pong" };

export type Control = "interrupt" | "soft_reset" | "hard_reset" | "ping";

function wsBase(): string {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}`;
}

export function termUrl(boardId: string): string {
    return `${wsBase()}/api/v1/boards/${encodeURIComponent(boardId)}/term`;
}

export function eventsUrl(): string {
    return `${wsBase()}/api/v1/events`;
}
