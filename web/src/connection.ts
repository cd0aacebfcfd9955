// SPDX-License-Identifier: MIT
// connection.ts: one WebSocket to replhubd that reconnects with exponential backoff; binary
// frames are terminal bytes, text frames JSON events (daemon/API.md).

import type { Control, ServerEvent } from "./api";

export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 10000;

export interface ConnectionHandlers {
    onOpen(): void;
    onBytes(data: Uint8Array): void;
    onEvent(event: ServerEvent): void;
    // The socket closed; a new attempt follows in [retryMs] milliseconds.
    onClose(code: number, reason: string, retryMs: number): void;
}

export class Connection {
    private ws: WebSocket | null = null;
    private backoff = BACKOFF_MIN_MS;
    private timer: number | undefined;
    private stopped = false;
    private readonly encoder = new TextEncoder();

    constructor(
        private readonly url: string,
        private readonly handlers: ConnectionHandlers,
    ) {}

    start(): void {
        this.stopped = false;
        this.connect();
    }

    stop(): void {
        this.stopped = true;
        clearTimeout(this.timer);
        this.ws?.close(1000);
        this.ws = null;
    }

    get isOpen(): boolean {
        return this.ws?.readyState === WebSocket.OPEN;
    }

    sendBytes(data: string | Uint8Array<ArrayBuffer>): void {
        if (this.isOpen) {
            this.ws!.send(typeof data === "string" ? this.encoder.encode(data) : data);
        }
    }

    sendControl(type: Control): void {
        if (this.isOpen) {
            this.ws!.send(JSON.stringify({ type }));
        }
    }

    private connect(): void {
        const ws = new WebSocket(this.url);
        ws.binaryType = "arraybuffer";
        this.ws = ws;
        ws.onopen = () => {
            this.backoff = BACKOFF_MIN_MS;
            this.handlers.onOpen();
        };
        ws.onmessage = (msg: MessageEvent) => {
            if (typeof msg.data === "string") {
                this.handlers.onEvent(JSON.parse(msg.data) as ServerEvent);
            } else {
                this.handlers.onBytes(new Uint8Array(msg.data as ArrayBuffer));
            }
        };
        ws.onclose = (ev: CloseEvent) => {
            if (this.ws !== ws || this.stopped) {
                return;
            }
            const retry = this.backoff;
            this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
            this.handlers.onClose(ev.code, ev.reason, retry);
            this.timer = window.setTimeout(() => this.connect(), retry);
        };
    }
}
