// SPDX-License-Identifier: MIT
// transfer.ts: one board's uploads and folder downloads, run one at a time, each shown as an item
// with a progress bar, bytes, speed, a cancel button and its error. Uploads are XMLHttpRequest
// PUTs (the browser reports how much it sent); the board's own progress arrives as "op" events.

import { fsUrl, opUrl, TAG_HEADER, type FsListing, type Op } from "./api";
import type { Picked } from "./drop";
import { baseName, formatBytes, formatRate, joinPath, parentPath } from "./paths";
import {
    ABORTED,
    ApiError,
    asApiError,
    errorFrom,
    newTag,
    requestBytes,
    requestJson,
    tagPrefix,
    track,
} from "./rest";
import { zipParts, type ZipEntry } from "./zip";

type ItemState = "queued" | "running" | "done" | "failed" | "cancelled";

// How far back the speed looks: long enough to smooth bursts, short enough to follow changes.
const SPEED_WINDOW_MS = 3000;
// How long a finished .zip stays in memory for the browser's download to read it.
const BLOB_KEEP_MS = 60000;

class Item {
    readonly li = document.createElement("li");
    private readonly bar = document.createElement("progress");
    private readonly bytes = document.createElement("span");
    private readonly speed = document.createElement("span");
    private readonly noteEl = document.createElement("span");
    private readonly error = document.createElement("div");
    readonly cancelBtn = document.createElement("button");
    private samples: [number, number][] = [];
    private boardCounts = false;
    state: ItemState = "queued";
    done = 0;
    opId: number | null = null;
    // Stops the transfer; set while it runs.
    abort: (() => void) | null = null;

    constructor(
        label: string,
        private total: number,
        readonly tag: string,
    ) {
        this.li.className = "transfer";
        this.li.dataset.tag = tag;
        const name = document.createElement("span");
        name.className = "t-name";
        name.textContent = label;
        name.title = label;
        this.bar.max = Math.max(total, 1);
        this.bar.value = 0;
        this.bytes.className = "t-bytes";
        this.speed.className = "t-speed";
        this.noteEl.className = "t-note";
        this.error.className = "t-error";
        this.error.setAttribute("role", "alert");
        this.cancelBtn.className = "t-cancel";
        this.cancelBtn.textContent = "Cancel";
        this.cancelBtn.title = `Cancel ${label}`;
        this.li.append(
            name,
            this.noteEl,
            this.bar,
            this.bytes,
            this.speed,
            this.cancelBtn,
            this.error,
        );
        this.setState("queued", "waiting");
    }

    setTotal(total: number): void {
        this.total = total;
        this.bar.max = Math.max(total, 1);
        this.showBytes();
    }

    setState(state: ItemState, note: string): void {
        this.state = state;
        this.li.dataset.state = state;
        this.noteEl.textContent = note;
        this.cancelBtn.hidden = state !== "queued" && state !== "running";
        if (state !== "running") {
            this.speed.textContent = "";
        }
        this.showBytes();
    }

    fail(e: ApiError): void {
        this.setState(e.code === ABORTED || e.code === "cancelled" ? "cancelled" : "failed", "");
        this.error.textContent = this.state === "cancelled" ? "" : e.message;
        this.error.dataset.code = e.code;
    }

    // [n] of the bytes are through, as the browser ([fromBoard] false: sent or received) or the
    // board (op events) counts them. Once the board reports, it alone counts: the browser runs
    // ahead by what the sockets buffer.
    progress(n: number, fromBoard: boolean): void {
        if (fromBoard && !this.boardCounts) {
            this.boardCounts = true;
            this.done = 0;
            this.samples = [];
        } else if (!fromBoard && this.boardCounts) {
            return;
        }
        if (n < this.done || (n === this.done && this.samples.length > 0)) {
            return;
        }
        this.done = Math.min(n, this.total);
        const now = performance.now();
        this.samples.push([now, this.done]);
        while (this.samples.length > 2 && now - this.samples[0][0] > SPEED_WINDOW_MS) {
            this.samples.shift();
        }
        const [t0, b0] = this.samples[0];
        if (now > t0) {
            this.speed.textContent = formatRate(((this.done - b0) * 1000) / (now - t0));
        }
        this.showBytes();
    }

    private showBytes(): void {
        this.bar.value = this.state === "done" ? this.bar.max : this.done;
        const done = this.state === "done" ? this.total : this.done;
        this.bytes.textContent = `${formatBytes(done)} / ${formatBytes(this.total)}`;
    }
}

interface Job {
    item: Item;
    run(item: Item): Promise<void>;
}

export interface TransferHooks {
    // A file or folder was stored under [dir]: its listing is stale.
    onStored(dir: string): void;
}

export class Transfers {
    readonly element = document.createElement("section");
    private readonly list = document.createElement("ul");
    private readonly clearBtn = document.createElement("button");
    private readonly queue: Job[] = [];
    private readonly byTag = new Map<string, Item>();
    // Operations of other clients, by op id.
    private readonly foreign = new Map<number, Item>();
    private running = false;

    constructor(
        private readonly boardId: string,
        private readonly hooks: TransferHooks,
    ) {
        this.element.className = "transfers";
        this.element.setAttribute("aria-label", "Transfers");
        const head = document.createElement("div");
        head.className = "transfers-head";
        const title = document.createElement("span");
        title.textContent = "Transfers";
        this.clearBtn.textContent = "Clear finished";
        this.clearBtn.addEventListener("click", () => this.clearFinished());
        head.append(title, this.clearBtn);
        this.list.className = "transfer-list";
        this.element.append(head, this.list);
        this.element.hidden = true;
    }

    // Uploads [picked] into board folder [dir]: empty folders are created, files PUT one by one.
    upload(picked: Picked, dir: string): void {
        const withFiles = new Set<string>();
        for (const f of picked.files) {
            for (let i = f.rel.indexOf("/"); i > 0; i = f.rel.indexOf("/", i + 1)) {
                withFiles.add(f.rel.slice(0, i));
            }
        }
        for (const d of picked.dirs.filter((d) => !withFiles.has(d))) {
            const path = joinPath(dir, d);
            this.add(`${d}/`, 0, (item) => this.mkdir(item, path));
        }
        for (const f of picked.files) {
            const path = joinPath(dir, f.rel);
            this.add(f.rel, f.file.size, (item) => this.put(item, path, f.file));
        }
        this.pump();
    }

    // Downloads board folder [dir] and everything in it as one .zip made here.
    downloadFolder(dir: string): void {
        const name = dir === "/" ? this.boardId : baseName(dir);
        this.add(`${name}.zip`, 0, (item) => this.zipFolder(item, dir, name));
        this.pump();
    }

    // An "op" event of this board's terminal.
    onOp(op: Op): void {
        const own = op.tag !== undefined && op.tag.startsWith(tagPrefix());
        const item = own ? this.byTag.get(op.tag!) : this.foreign.get(op.id);
        // A folder download's item counts the bytes of all its reads itself.
        if (item && op.kind === "write") {
            item.opId = op.id;
            if (op.state === "queued") {
                item.setState("running", "waiting for the board");
            } else if (op.state === "running") {
                item.setState("running", op.done < op.total ? "writing" : "verifying");
                item.progress(op.done, true);
            }
        }
        if (own) {
            return;
        }
        this.onForeignOp(op, item);
    }

    private onForeignOp(op: Op, item: Item | undefined): void {
        if (op.kind !== "write" && op.kind !== "read") {
            return;
        }
        // Listings are reads too, but move no counted bytes (total 0): they are not shown.
        if (!item && op.state === "running" && op.total > 0) {
            item = this.show(new Item(`${op.kind} ${op.path} (another client)`, op.total, ""));
            item.opId = op.id;
            item.abort = () => this.cancelOp(item!);
            this.foreign.set(op.id, item);
            item.setState("running", op.kind === "write" ? "writing" : "reading");
            item.progress(op.done, true);
        } else if (item && op.state === "running") {
            item.progress(op.done, true);
        } else if (item && op.state === "done") {
            item.setState("done", "done");
            this.foreign.delete(op.id);
        } else if (item && (op.state === "failed" || op.state === "cancelled")) {
            item.fail(new ApiError(op.error?.code ?? "cancelled", op.error?.message ?? ""));
            this.foreign.delete(op.id);
        }
    }

    private show(item: Item): Item {
        item.cancelBtn.addEventListener("click", () => this.cancel(item));
        this.list.appendChild(item.li);
        this.element.hidden = false;
        return item;
    }

    private add(label: string, total: number, run: (item: Item) => Promise<void>): void {
        const item = this.show(new Item(label, total, newTag()));
        this.byTag.set(item.tag, item);
        this.queue.push({ item, run });
    }

    private cancel(item: Item): void {
        if (item.state === "queued") {
            const i = this.queue.findIndex((j) => j.item === item);
            if (i >= 0) {
                this.queue.splice(i, 1);
            }
            item.fail(new ApiError(ABORTED, ""));
            this.finish(item);
        } else if (item.abort) {
            item.abort();
        }
    }

    private cancelOp(item: Item): void {
        if (item.opId !== null) {
            void fetch(opUrl(this.boardId, item.opId), { method: "DELETE" }).catch(() => undefined);
        }
    }

    private finish(item: Item): void {
        this.byTag.delete(item.tag);
        item.abort = null;
    }

    private clearFinished(): void {
        for (const li of Array.from(this.list.children) as HTMLElement[]) {
            const s = li.dataset.state;
            if (s === "done" || s === "failed" || s === "cancelled") {
                li.remove();
            }
        }
        this.element.hidden = this.list.children.length === 0;
    }

    private async pump(): Promise<void> {
        if (this.running) {
            return;
        }
        this.running = true;
        const touched = new Set<string>();
        for (let job = this.queue.shift(); job; job = this.queue.shift()) {
            job.item.setState("running", "");
            try {
                await job.run(job.item);
                job.item.setState("done", "done");
            } catch (e) {
                job.item.fail(asApiError(e));
            }
            this.finish(job.item);
            touched.add(job.item.li.dataset.dir ?? "");
        }
        this.running = false;
        touched.delete("");
        touched.forEach((d) => this.hooks.onStored(d));
    }

    private mkdir(item: Item, path: string): Promise<void> {
        item.li.dataset.dir = parentPath(path);
        return requestJson(fsUrl(this.boardId, path), {
            method: "POST",
            json: { op: "mkdir" },
            tag: item.tag,
        }).then(
            () => undefined,
            (e: unknown) => {
                if (asApiError(e).code !== "exists") {
                    throw e;
                }
            },
        );
    }

    private put(item: Item, path: string, file: Blob): Promise<void> {
        item.li.dataset.dir = parentPath(path);
        item.li.dataset.path = path;
        const url = fsUrl(this.boardId, path);
        const end = track(url);
        return new Promise<void>((resolve, reject) => {
            const xhr = new XMLHttpRequest();
            xhr.open("PUT", url);
            xhr.setRequestHeader(TAG_HEADER, item.tag);
            xhr.upload.onprogress = (ev) => item.progress(ev.loaded, false);
            xhr.onload = () =>
                xhr.status === 200 ? resolve() : reject(errorFrom(xhr.status, xhr.responseText));
            xhr.onerror = () => reject(new ApiError("network", "upload failed"));
            xhr.onabort = () => reject(new ApiError(ABORTED, ""));
            item.abort = () => {
                xhr.abort();
                // The daemon also cancels on the closed connection; this covers a proxy between.
                this.cancelOp(item);
            };
            item.setState("running", "sending");
            xhr.send(file);
        }).finally(end);
    }

    private async zipFolder(item: Item, dir: string, name: string): Promise<void> {
        const ctl = new AbortController();
        item.abort = () => ctl.abort();
        item.setState("running", "listing");
        const files: { path: string; rel: string; size: number }[] = [];
        const entries: ZipEntry[] = [{ name: `${name}/` }];
        const walk = async (d: string, rel: string): Promise<void> => {
            const listing = await requestJson<FsListing>(fsUrl(this.boardId, d), {
                signal: ctl.signal,
                tag: item.tag,
            });
            for (const e of listing.entries) {
                const path = joinPath(d, e.name);
                if (e.type === "dir") {
                    entries.push({ name: `${rel}/${e.name}/` });
                    await walk(path, `${rel}/${e.name}`);
                } else {
                    files.push({ path, rel: `${rel}/${e.name}`, size: e.size });
                }
            }
        };
        await walk(dir, name);
        item.setTotal(files.reduce((n, f) => n + f.size, 0));
        item.setState("running", "reading");
        let got = 0;
        for (const f of files) {
            const data = await requestBytes(
                fsUrl(this.boardId, f.path),
                { signal: ctl.signal, tag: item.tag },
                (n) => item.progress((got += n), false),
            );
            entries.push({ name: f.rel, data });
        }
        saveBlob(
            new Blob(zipParts(entries) as BlobPart[], { type: "application/zip" }),
            `${name}.zip`,
        );
    }
}

// Hands [blob] to the browser's downloads as [filename].
export function saveBlob(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // The download reads the blob after this task; freeing it is only about memory.
    setTimeout(() => URL.revokeObjectURL(url), BLOB_KEEP_MS);
}
