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

export type EntryType = "file" | "dir";

export interface FsEntry {
    name: string;
    type: EntryType;
    size: number;
}

export interface FsSpace {
    total: number;
    free: number;
}

// GET .../fs/{dir}
export interface FsListing {
    path: string;
    entries: FsEntry[];
    fs: FsSpace;
}

export type OpKind =
    "list" | "stat" | "read" | "write" | "delete" | "mkdir" | "rename" | "hash" | "run" | "exec";
export type OpState = "queued" | "running" | "done" | "failed" | "cancelled";

export interface ApiErrorBody {
    code: string;
    message: string;
}

// One file operation of a board's queue (GET .../ops, and "op" events on the terminal).
export interface Op {
    id: number;
    kind: OpKind;
    path: string;
    state: OpState;
    done: number;
    total: number;
    tag?: string;
    error?: ApiErrorBody;
}

// The request header that names an operation, so its "op" events can be told apart.
export const TAG_HEADER = "x-replhub-tag";

export type ServerEvent =
    | { type: "hello"; board: Board; scrollback: number }
    | { type: "state"; board: string; state: BoardState; reason: string }
    | { type: "reset"; board: string; kind: "soft" | "hard"; method: string }
    | { type: "error"; code: string; message: string }
    | { type: "boards"; boards: Board[] }
    | { type: "board"; board: Board }
    | { type: "op"; board: string; op: Op }
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

// The REST URL of board path [path] ("/lib/a.py"): each segment percent-encoded, "/" kept.
export function fsUrl(boardId: string, path: string): string {
    const segs = path
        .split("/")
        .filter((s) => s !== "")
        .map(encodeURIComponent);
    return `/api/v1/boards/${encodeURIComponent(boardId)}/fs/${segs.join("/")}`;
}

export function opUrl(boardId: string, opId: number): string {
    return `/api/v1/boards/${encodeURIComponent(boardId)}/ops/${opId}`;
}
