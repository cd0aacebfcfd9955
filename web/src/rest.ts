// SPDX-License-Identifier: MIT
// rest.ts: requests to replhubd's REST routes, every one tagged for the page, and the JSON error
// codes of daemon/API.md turned into ApiError with a sentence a person can act on.

import { TAG_HEADER, type ApiErrorBody } from "./api";

// Errors that never reach replhubd have these codes, beside the API's own.
export const NETWORK = "network";
export const ABORTED = "aborted";

const TEXT: Record<string, string> = {
    not_found: "replhubd has no such route (is it older than this page?)",
    method_not_allowed: "replhubd does not allow that here",
    forbidden_origin: "replhubd refused this page's origin",
    board_not_found: "no such board",
    bad_message: "replhubd refused the request",
    message_too_large: "too large for replhubd",
    board_disconnected: "the board is disconnected",
    internal: "replhubd failed (out of memory?)",
    bad_path: "not a valid board path",
    file_not_found: "no such file or folder",
    exists: "already exists",
    not_a_directory: "a part of the path is a file",
    is_a_directory: "it is a folder",
    directory_not_empty: "the folder is not empty",
    board_busy: "the board is busy with other operations; try again",
    cancelled: "cancelled",
    length_required: "the upload had no length",
    no_space: "the board's flash is full; nothing was changed",
    board_error: "the board raised an error",
    board_no_answer: "the board did not answer",
    verify_failed: "the board stored something else than was sent; the old file is kept",
    [NETWORK]: "replhubd unreachable",
    [ABORTED]: "cancelled",
};

// Codes whose message (the board's last traceback line, the raw REPL step) helps the person.
const WITH_DETAIL = new Set(["board_error", "board_no_answer", "bad_message", "internal"]);

function describe(code: string, detail: string): string {
    const known = TEXT[code];
    if (known === undefined) {
        return `${detail || "failed"} (${code})`;
    }
    return WITH_DETAIL.has(code) && detail ? `${known}: ${detail} (${code})` : `${known} (${code})`;
}

export class ApiError extends Error {
    constructor(
        readonly code: string,
        readonly detail: string,
        readonly status = 0,
    ) {
        super(describe(code, detail));
    }
}

export function asApiError(e: unknown): ApiError {
    if (e instanceof ApiError) {
        return e;
    }
    if (e instanceof DOMException && e.name === "AbortError") {
        return new ApiError(ABORTED, "");
    }
    return new ApiError(NETWORK, String(e));
}

// The ApiError of an answer with HTTP [status] and body [body] (the API's JSON error, or not).
export function errorFrom(status: number, body: string): ApiError {
    try {
        const err = (JSON.parse(body) as { error?: ApiErrorBody }).error;
        if (err && typeof err.code === "string") {
            return new ApiError(err.code, String(err.message ?? ""), status);
        }
    } catch {
        // Not JSON: a proxy or a crash; keep the status.
    }
    return new ApiError(status === 0 ? NETWORK : "internal", `HTTP ${status}`, status);
}

// The page's requests in flight per board, so the terminal can hold typing while they run.
const inFlight = new Map<string, number>();
const watchers = new Map<string, ((busy: boolean) => void)[]>();

// Calls [f] with true when the page's first request to board [boardId] starts, false when its
// last one ended.
export function watchRequests(boardId: string, f: (busy: boolean) => void): void {
    watchers.set(boardId, [...(watchers.get(boardId) ?? []), f]);
}

// Counts a request to [url] as in flight; returns the function that ends it (once).
export function track(url: string): () => void {
    const m = /^\/api\/v1\/boards\/([^/?]+)/.exec(url);
    if (m === null) {
        return () => undefined;
    }
    const id = decodeURIComponent(m[1]);
    const n = (inFlight.get(id) ?? 0) + 1;
    inFlight.set(id, n);
    if (n === 1) {
        watchers.get(id)?.forEach((f) => f(true));
    }
    let ended = false;
    return () => {
        if (ended) {
            return;
        }
        ended = true;
        const left = (inFlight.get(id) ?? 1) - 1;
        inFlight.set(id, left);
        if (left === 0) {
            watchers.get(id)?.forEach((f) => f(false));
        }
    };
}

let pageTag = "";
let counter = 0;

// The prefix of every tag this page sends: op events carrying it are the page's own.
export function tagPrefix(): string {
    if (pageTag === "") {
        const r = new Uint8Array(6);
        crypto.getRandomValues(r);
        pageTag = `web-${Array.from(r, (b) => b.toString(16).padStart(2, "0")).join("")}-`;
    }
    return pageTag;
}

export function newTag(): string {
    return `${tagPrefix()}${++counter}`;
}

export interface RequestOptions {
    method?: string;
    json?: unknown;
    body?: Uint8Array<ArrayBuffer>;
    tag?: string;
    signal?: AbortSignal;
}

async function send(url: string, opt: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { [TAG_HEADER]: opt.tag ?? newTag() };
    let body: string | Uint8Array<ArrayBuffer> | undefined = opt.body;
    if (opt.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(opt.json);
    } else if (body !== undefined) {
        headers["content-type"] = "application/octet-stream";
    }
    let res: Response;
    try {
        res = await fetch(url, { method: opt.method ?? "GET", headers, body, signal: opt.signal });
    } catch (e) {
        throw asApiError(e);
    }
    if (!res.ok) {
        throw errorFrom(res.status, await res.text().catch(() => ""));
    }
    return res;
}

// The JSON answer of a request, or an ApiError.
export async function requestJson<T>(url: string, opt: RequestOptions = {}): Promise<T> {
    const end = track(url);
    try {
        const res = await send(url, opt);
        return (await res.json()) as T;
    } catch (e) {
        throw asApiError(e);
    } finally {
        end();
    }
}

// The bytes of a GET, reported to [onBytes] as they arrive.
export async function requestBytes(
    url: string,
    opt: RequestOptions = {},
    onBytes?: (n: number) => void,
): Promise<Uint8Array> {
    const end = track(url);
    try {
        const res = await send(url, opt);
        if (!res.body || !onBytes) {
            return new Uint8Array(await res.arrayBuffer());
        }
        const parts: Uint8Array[] = [];
        let total = 0;
        const reader = res.body.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done) {
                break;
            }
            parts.push(value);
            total += value.length;
            onBytes(value.length);
        }
        const out = new Uint8Array(total);
        let at = 0;
        for (const p of parts) {
            out.set(p, at);
            at += p.length;
        }
        return out;
    } catch (e) {
        throw asApiError(e);
    } finally {
        end();
    }
}
