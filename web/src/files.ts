// SPDX-License-Identifier: MIT
// files.ts: one board's file tree: folders listed lazily as they are expanded, sizes and free
// space, refresh, drop or pick files and folders to upload, download, inline rename, delete with
// a confirmation in the row, new folder. Errors are shown on the row they concern.

import { fsUrl, type BoardState, type FsEntry, type FsListing, type Op } from "./api";
import { collectDrop, collectInput, type Picked } from "./drop";
import {
    baseName,
    formatBytes,
    isWithin,
    joinPath,
    nameProblem,
    parentPath,
    rebase,
} from "./paths";
import { asApiError, requestJson, tagPrefix } from "./rest";

export interface FileHooks {
    // Opens board file [path] in the editor; rejects with an ApiError.
    open(path: string): Promise<void>;
    run(path: string): Promise<void>;
    upload(picked: Picked, dir: string): void;
    downloadFolder(dir: string): void;
    moved(from: string, to: string): void;
    deleted(path: string): void;
}

interface Dir {
    entries: FsEntry[] | null;
    expanded: boolean;
    loading: boolean;
}

// The operations of other clients after which the tree is out of date.
const CHANGES = new Set(["write", "delete", "mkdir", "rename"]);

function el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    cls: string,
    text = "",
): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
}

function button(cls: string, text: string, label: string): HTMLButtonElement {
    const b = el("button", cls, text);
    b.type = "button";
    b.title = label;
    b.setAttribute("aria-label", label);
    b.tabIndex = -1;
    return b;
}

export class FilePanel {
    readonly element = el("section", "files");
    private readonly tree = el("ul", "tree");
    private readonly space = el("span", "files-space");
    private readonly panelError = el("div", "files-error");
    private readonly dirs = new Map<string, Dir>([
        ["/", { entries: null, expanded: true, loading: false }],
    ]);
    private readonly errors = new Map<string, { text: string; code: string }>();
    private readonly busy = new Set<string>();
    private focused = "/";
    // At most one row is being renamed, confirming a delete, or naming a new folder in it.
    private renaming: { path: string; draft: string } | null = null;
    private confirming: string | null = null;
    private creating: { dir: string; draft: string } | null = null;
    private loaded = false;
    private lastState: BoardState | null = null;
    private refreshing: Promise<void> | null = null;
    private refreshAgain = false;

    constructor(
        readonly boardId: string,
        private readonly hooks: FileHooks,
        transfers: HTMLElement,
    ) {
        this.element.dataset.board = boardId;
        this.element.setAttribute("aria-label", `Files on ${boardId}`);
        this.tree.setAttribute("role", "tree");
        this.tree.setAttribute("aria-label", `Files on ${boardId}`);
        this.panelError.setAttribute("role", "alert");
        this.element.append(this.toolbar(), this.panelError, this.tree, this.space, transfers);
        this.tree.addEventListener("click", (e) => this.onClick(e));
        this.tree.addEventListener("keydown", (e) => this.onKey(e));
        this.tree.addEventListener("input", (e) => this.onInput(e));
        this.tree.addEventListener("focusin", (e) => this.onFocusIn(e));
        this.dropZone();
        this.render();
    }

    show(visible: boolean): void {
        this.element.hidden = !visible;
    }

    // Loads the tree the first time the board can answer, and again after it came back. The end
    // of an operation (busy to repl) is not a reason: op events say what changed.
    boardState(state: BoardState): void {
        const was = this.lastState;
        this.lastState = state;
        if (state !== "repl" || this.refreshing !== null) {
            return;
        }
        const cameBack = was === "disconnected" || was === "connecting";
        if (!this.loaded || cameBack || this.panelError.textContent !== "") {
            void this.refresh();
        }
    }

    // Reloads every expanded folder, the root first; calls made meanwhile run once afterwards.
    refresh(): Promise<void> {
        if (this.refreshing) {
            this.refreshAgain = true;
            return this.refreshing;
        }
        this.refreshing = (async () => {
            do {
                this.refreshAgain = false;
                const open = Array.from(this.dirs.entries())
                    .filter(([, d]) => d.expanded)
                    .map(([p]) => p)
                    .sort();
                for (const p of open) {
                    if (this.dirs.has(p)) {
                        await this.load(p);
                    }
                }
            } while (this.refreshAgain);
            this.refreshing = null;
        })();
        return this.refreshing;
    }

    // Reloads folder [dir] when it is shown (after an upload into it, for example).
    stale(dir: string): void {
        const d = this.dirs.get(dir);
        if (d?.expanded) {
            void this.load(dir);
        } else if (d) {
            d.entries = null;
        } else if (this.dirs.has(parentPath(dir))) {
            void this.load(parentPath(dir));
        }
    }

    onOp(op: Op): void {
        const own = op.tag !== undefined && op.tag.startsWith(tagPrefix());
        if (!own && op.state === "done" && CHANGES.has(op.kind)) {
            void this.refresh();
        }
    }

    // The path of the folder new things go into: the focused folder, or the focused file's.
    private targetDir(): string {
        const isDir = this.focused === "/" || this.rowEl(this.focused)?.dataset.type === "dir";
        return isDir ? this.focused : parentPath(this.focused);
    }

    private toolbar(): HTMLElement {
        const bar = el("div", "files-toolbar");
        const refresh = el("button", "files-refresh", "Refresh");
        refresh.addEventListener("click", () => void this.refresh());
        const mkdir = el("button", "files-mkdir", "New folder");
        mkdir.addEventListener("click", () => this.startCreate(this.targetDir()));
        const pickFiles = el("input", "files-pick");
        pickFiles.type = "file";
        pickFiles.multiple = true;
        pickFiles.hidden = true;
        const pickDir = el("input", "files-pick-dir");
        pickDir.type = "file";
        pickDir.webkitdirectory = true;
        pickDir.hidden = true;
        const upFiles = el("button", "files-upload", "Upload files");
        const upDir = el("button", "files-upload-dir", "Upload folder");
        upFiles.addEventListener("click", () => pickFiles.click());
        upDir.addEventListener("click", () => pickDir.click());
        for (const input of [pickFiles, pickDir]) {
            input.addEventListener("change", () => {
                // Taken now: clearing the input (so the same file can be picked again) empties it.
                const files = Array.from(input.files ?? []);
                input.value = "";
                if (files.length > 0) {
                    this.uploadPicked(() => Promise.resolve(collectInput(files)));
                }
            });
        }
        bar.append(refresh, mkdir, upFiles, upDir, pickFiles, pickDir);
        return bar;
    }

    private uploadPicked(pick: () => Promise<Picked>, dir = this.targetDir()): void {
        this.panelError.textContent = "";
        // Through a promise, so that a pick refused at once lands in the same place.
        Promise.resolve()
            .then(pick)
            .then(
                (picked) => this.hooks.upload(picked, dir),
                (e: unknown) => (this.panelError.textContent = String((e as Error).message ?? e)),
            );
    }

    private dropZone(): void {
        const target = (e: DragEvent): string => {
            const row = (e.target as HTMLElement).closest?.<HTMLElement>(".row");
            const path = row?.dataset.path;
            return path === undefined ? "/" : row!.dataset.type === "dir" ? path : parentPath(path);
        };
        const mark = (dir: string | null): void => {
            this.element.classList.toggle("drop", dir !== null);
            for (const r of this.tree.querySelectorAll<HTMLElement>(".row")) {
                r.classList.toggle("drop-target", r.dataset.path === dir);
            }
        };
        this.element.addEventListener("dragover", (e) => {
            if (!e.dataTransfer?.types.includes("Files")) {
                return;
            }
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
            mark(target(e));
        });
        this.element.addEventListener("dragleave", (e) => {
            if (!this.element.contains(e.relatedTarget as Node | null)) {
                mark(null);
            }
        });
        this.element.addEventListener("drop", (e) => {
            e.preventDefault();
            mark(null);
            if (e.dataTransfer) {
                const picked = collectDrop(e.dataTransfer);
                this.uploadPicked(() => picked, target(e));
            }
        });
    }

    private async load(dir: string): Promise<void> {
        const d = this.dirs.get(dir) ?? { entries: null, expanded: true, loading: false };
        this.dirs.set(dir, d);
        d.loading = true;
        this.render();
        try {
            const listing = await requestJson<FsListing>(fsUrl(this.boardId, dir));
            d.entries = listing.entries;
            this.errors.delete(dir);
            this.loaded = true;
            if (dir === "/") {
                this.panelError.textContent = "";
            }
            this.showSpace(listing);
            this.forgetVanished(dir, listing.entries);
        } catch (e) {
            const err = asApiError(e);
            if (dir === "/") {
                this.panelError.textContent = `Cannot list the board: ${err.message}`;
            } else {
                this.errors.set(dir, { text: err.message, code: err.code });
            }
        }
        d.loading = false;
        this.render();
    }

    private showSpace(listing: FsListing): void {
        const { total, free } = listing.fs;
        this.space.textContent = `${formatBytes(free)} free of ${formatBytes(total)}`;
        this.space.dataset.free = String(free);
    }

    // Drops the state of folders under [dir] that its new listing no longer has.
    private forgetVanished(dir: string, entries: FsEntry[]): void {
        const names = new Set(entries.filter((e) => e.type === "dir").map((e) => e.name));
        for (const p of Array.from(this.dirs.keys())) {
            if (p !== dir && parentPath(p) === dir && !names.has(baseName(p))) {
                for (const q of Array.from(this.dirs.keys())) {
                    if (isWithin(q, p)) {
                        this.dirs.delete(q);
                    }
                }
            }
        }
    }

    private toggle(path: string, open?: boolean): void {
        const d = this.dirs.get(path) ?? { entries: null, expanded: false, loading: false };
        this.dirs.set(path, d);
        d.expanded = path === "/" || (open ?? !d.expanded);
        if (d.expanded && d.entries === null && !d.loading) {
            void this.load(path);
        } else {
            this.render();
        }
    }

    // ---- rendering

    private render(): void {
        const hadFocus = this.tree.contains(document.activeElement);
        this.tree.replaceChildren();
        const root = this.dirs.get("/")!;
        this.tree.appendChild(
            this.row("/", { name: `/ (${this.boardId})`, type: "dir", size: 0 }, 0),
        );
        this.children("/", root, 1);
        if (!this.tree.querySelector(`.row[tabindex="0"]`)) {
            this.focused = "/";
            this.tree.querySelector<HTMLElement>(".row")!.tabIndex = 0;
        }
        if (hadFocus) {
            this.restoreFocus();
        }
    }

    private children(dir: string, d: Dir, depth: number): void {
        if (!d.expanded) {
            return;
        }
        if (this.creating?.dir === dir) {
            this.tree.appendChild(this.createRow(dir, depth));
        }
        if (d.entries === null) {
            const li = el("li", "row-loading", d.loading ? "loading…" : "");
            li.style.paddingLeft = `${depth * 1.1 + 1.4}em`;
            this.tree.appendChild(li);
            return;
        }
        for (const e of d.entries) {
            const path = joinPath(dir, e.name);
            this.tree.appendChild(this.row(path, e, depth));
            const sub = this.dirs.get(path);
            if (e.type === "dir" && sub) {
                this.children(path, sub, depth + 1);
            }
        }
    }

    private row(path: string, e: FsEntry, depth: number): HTMLLIElement {
        const li = el("li", "row");
        li.setAttribute("role", "treeitem");
        li.setAttribute("aria-level", String(depth + 1));
        li.dataset.path = path;
        li.dataset.type = e.type;
        li.tabIndex = path === this.focused ? 0 : -1;
        const main = el("div", "row-main");
        main.style.paddingLeft = `${depth * 1.1 + 0.3}em`;
        const d = this.dirs.get(path);
        if (e.type === "dir") {
            li.setAttribute("aria-expanded", String(d?.expanded ?? false));
        }
        const twisty = e.type === "file" ? "" : d?.expanded ? "▾" : "▸";
        main.appendChild(el("span", "twisty", twisty));
        if (this.renaming?.path === path) {
            const input = el("input", "rename");
            input.value = this.renaming.draft;
            input.setAttribute("aria-label", `New name for ${e.name}`);
            main.appendChild(input);
        } else {
            main.appendChild(el("span", "name", e.name));
        }
        main.appendChild(el("span", "size", e.type === "file" ? formatBytes(e.size) : ""));
        main.appendChild(this.actions(path, e));
        li.appendChild(main);
        if (this.busy.has(path) || d?.loading) {
            li.classList.add("busy");
        }
        if (this.confirming === path) {
            li.appendChild(this.confirmStrip(path, e));
        }
        const err = this.errors.get(path);
        if (err) {
            const div = el("div", "row-error", err.text);
            div.setAttribute("role", "alert");
            div.dataset.code = err.code;
            li.appendChild(div);
        }
        return li;
    }

    private actions(path: string, e: FsEntry): HTMLElement {
        const span = el("span", "actions");
        if (e.type === "file" && path.endsWith(".py")) {
            span.appendChild(button("act-run", "▶", `Run ${e.name}`));
        }
        const zip = e.type === "dir" ? " as .zip" : "";
        span.appendChild(button("act-download", "⤓", `Download ${e.name}${zip}`));
        if (path !== "/") {
            span.appendChild(button("act-rename", "✎", `Rename ${e.name}`));
            span.appendChild(button("act-delete", "✕", `Delete ${e.name}`));
        }
        return span;
    }

    private confirmStrip(path: string, e: FsEntry): HTMLElement {
        const div = el("div", "row-confirm");
        const q =
            e.type === "dir"
                ? `Delete folder ${e.name} and everything in it?`
                : `Delete ${e.name}?`;
        div.appendChild(el("span", "", q));
        const yes = el("button", "confirm-delete", "Delete");
        const no = el("button", "confirm-cancel", "Cancel");
        yes.addEventListener("click", () => void this.remove(path, e.type === "dir"));
        no.addEventListener("click", () => this.cancelModes(path));
        div.append(yes, no);
        return div;
    }

    private createRow(dir: string, depth: number): HTMLLIElement {
        const li = el("li", "row row-create");
        li.dataset.dir = dir;
        const main = el("div", "row-main");
        main.style.paddingLeft = `${depth * 1.1 + 0.3}em`;
        main.appendChild(el("span", "twisty", "▸"));
        const input = el("input", "new-folder");
        input.value = this.creating!.draft;
        input.placeholder = "folder name";
        input.setAttribute("aria-label", `New folder in ${dir}`);
        main.appendChild(input);
        li.appendChild(main);
        const err = this.errors.get(`${dir}\u0000new`);
        if (err) {
            const div = el("div", "row-error", err.text);
            div.setAttribute("role", "alert");
            div.dataset.code = err.code;
            li.appendChild(div);
        }
        return li;
    }

    private restoreFocus(): void {
        const input = this.tree.querySelector<HTMLInputElement>("input");
        if (input) {
            input.focus();
            return;
        }
        const confirm = this.tree.querySelector<HTMLButtonElement>(".confirm-delete");
        (confirm ?? this.rowEl(this.focused))?.focus();
    }

    private rowEl(path: string): HTMLElement | null {
        for (const r of this.tree.querySelectorAll<HTMLElement>(".row")) {
            if (r.dataset.path === path) {
                return r;
            }
        }
        return null;
    }

    // Moves the keyboard to row [path] (the tree's one tab stop).
    private focusRow(path: string): void {
        this.focused = path;
        for (const r of this.tree.querySelectorAll<HTMLElement>(".row")) {
            r.tabIndex = r.dataset.path === path ? 0 : -1;
        }
        this.rowEl(path)?.focus();
    }

    // ---- events

    private onFocusIn(e: FocusEvent): void {
        const row = (e.target as HTMLElement).closest<HTMLElement>(".row");
        if (row?.dataset.path !== undefined && row.dataset.path !== this.focused) {
            this.focused = row.dataset.path;
            for (const r of this.tree.querySelectorAll<HTMLElement>(".row")) {
                r.tabIndex = r === row ? 0 : -1;
            }
        }
    }

    private onInput(e: Event): void {
        const input = e.target as HTMLInputElement;
        if (input.classList.contains("rename") && this.renaming) {
            this.renaming.draft = input.value;
        } else if (input.classList.contains("new-folder") && this.creating) {
            this.creating.draft = input.value;
        }
    }

    private onClick(e: MouseEvent): void {
        const t = e.target as HTMLElement;
        const row = t.closest<HTMLElement>(".row");
        const path = row?.dataset.path;
        if (path === undefined || t.closest("input, .row-confirm, .row-error")) {
            return;
        }
        this.focusRow(path);
        const act = t.closest<HTMLElement>("button")?.className ?? "";
        const isDir = row!.dataset.type === "dir";
        if (act === "act-rename") {
            this.startRename(path);
        } else if (act === "act-delete") {
            this.startDelete(path);
        } else if (act === "act-download") {
            this.download(path, isDir);
        } else if (act === "act-run") {
            this.guard(path, () => this.hooks.run(path));
        } else if (isDir) {
            this.toggle(path);
        } else {
            this.guard(path, () => this.hooks.open(path));
        }
    }

    private onKey(e: KeyboardEvent): void {
        const t = e.target as HTMLElement;
        if (t instanceof HTMLInputElement) {
            this.onInputKey(e, t);
            return;
        }
        if (e.key === "Escape" && this.confirming !== null) {
            e.preventDefault();
            this.cancelModes(this.confirming);
            return;
        }
        if (!t.classList.contains("row") || e.altKey || e.ctrlKey || e.metaKey) {
            return;
        }
        const path = t.dataset.path!;
        const isDir = t.dataset.type === "dir";
        const d = this.dirs.get(path);
        const rows = Array.from(this.tree.querySelectorAll<HTMLElement>(".row[data-path]"));
        const i = rows.indexOf(t);
        const go = (r: HTMLElement | undefined): void => {
            if (r) {
                this.focusRow(r.dataset.path!);
            }
        };
        const keys: Record<string, () => void> = {
            ArrowDown: () => go(rows[i + 1]),
            ArrowUp: () => go(rows[i - 1]),
            Home: () => go(rows[0]),
            End: () => go(rows[rows.length - 1]),
            ArrowRight: () =>
                isDir && !d?.expanded
                    ? this.toggle(path, true)
                    : isDir
                      ? go(rows[i + 1])
                      : undefined,
            ArrowLeft: () =>
                isDir && d?.expanded && path !== "/"
                    ? this.toggle(path, false)
                    : this.focusRow(parentPath(path)),
            Enter: () =>
                isDir ? this.toggle(path) : this.guard(path, () => this.hooks.open(path)),
            F2: () => this.startRename(path),
            Delete: () => this.startDelete(path),
        };
        const f = keys[e.key];
        if (f) {
            e.preventDefault();
            f();
        }
    }

    private onInputKey(e: KeyboardEvent, input: HTMLInputElement): void {
        if (e.key === "Escape") {
            e.preventDefault();
            const path = this.renaming?.path ?? this.creating?.dir ?? this.focused;
            this.cancelModes(path);
        } else if (e.key === "Enter") {
            e.preventDefault();
            if (input.classList.contains("rename")) {
                void this.commitRename(input.value);
            } else {
                void this.commitCreate(input.value);
            }
        }
    }

    // ---- actions

    // Runs [action] for row [path], showing its failure on the row.
    private guard(path: string, action: () => Promise<void>): void {
        this.errors.delete(path);
        this.busy.add(path);
        this.render();
        action().then(
            () => {
                this.busy.delete(path);
                this.render();
            },
            (e: unknown) => {
                const err = asApiError(e);
                this.busy.delete(path);
                this.errors.set(path, { text: err.message, code: err.code });
                this.render();
            },
        );
    }

    private cancelModes(path: string): void {
        this.renaming = null;
        this.confirming = null;
        this.creating = null;
        this.errors.delete(`${path}\u0000new`);
        this.focused = this.rowEl(path) ? path : this.focused;
        this.render();
        this.focusRow(this.focused);
    }

    private startRename(path: string): void {
        if (path === "/") {
            return;
        }
        this.confirming = null;
        this.creating = null;
        this.renaming = { path, draft: baseName(path) };
        this.errors.delete(path);
        this.render();
        const input = this.tree.querySelector<HTMLInputElement>("input.rename")!;
        input.focus();
        // Select the name without its extension, as file managers do.
        const dot = input.value.lastIndexOf(".");
        input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
    }

    private async commitRename(name: string): Promise<void> {
        const r = this.renaming;
        if (!r) {
            return;
        }
        const from = r.path;
        if (name === baseName(from)) {
            this.cancelModes(from);
            return;
        }
        const problem = nameProblem(name);
        if (problem) {
            this.errors.set(from, { text: problem, code: "bad_path" });
            this.render();
            return;
        }
        const to = joinPath(parentPath(from), name);
        // replhubd's rename replaces an existing file without asking: refuse that here.
        if (this.dirs.get(parentPath(from))?.entries?.some((e) => e.name === name)) {
            this.errors.set(from, { text: `${name} already exists (exists)`, code: "exists" });
            this.render();
            return;
        }
        this.busy.add(from);
        this.errors.delete(from);
        this.render();
        try {
            await requestJson(fsUrl(this.boardId, from), {
                method: "POST",
                json: { op: "rename", to },
            });
        } catch (e) {
            const err = asApiError(e);
            this.busy.delete(from);
            this.errors.set(from, { text: err.message, code: err.code });
            this.render();
            return;
        }
        this.busy.delete(from);
        this.renaming = null;
        for (const [p, d] of Array.from(this.dirs.entries())) {
            if (isWithin(p, from)) {
                this.dirs.delete(p);
                this.dirs.set(rebase(p, from, to), d);
            }
        }
        this.focused = to;
        this.hooks.moved(from, to);
        await this.load(parentPath(from));
        this.focusRow(to);
    }

    private startDelete(path: string): void {
        if (path === "/") {
            return;
        }
        this.renaming = null;
        this.creating = null;
        this.confirming = path;
        this.errors.delete(path);
        this.render();
        this.tree.querySelector<HTMLButtonElement>(".confirm-delete")?.focus();
    }

    private async remove(path: string, isDir: boolean): Promise<void> {
        this.confirming = null;
        this.busy.add(path);
        this.render();
        this.focusRow(path);
        const url = fsUrl(this.boardId, path) + (isDir ? "?recursive" : "");
        try {
            await requestJson(url, { method: "DELETE" });
        } catch (e) {
            const err = asApiError(e);
            this.busy.delete(path);
            this.errors.set(path, { text: err.message, code: err.code });
            this.render();
            return;
        }
        this.busy.delete(path);
        // The keyboard goes to the row after the deleted one, else the one before.
        const rows = Array.from(this.tree.querySelectorAll<HTMLElement>(".row[data-path]"));
        const i = rows.findIndex((r) => r.dataset.path === path);
        const next = rows.slice(i + 1).find((r) => !isWithin(r.dataset.path!, path)) ?? rows[i - 1];
        this.focused = next?.dataset.path ?? "/";
        for (const p of Array.from(this.dirs.keys())) {
            if (isWithin(p, path) && p !== "/") {
                this.dirs.delete(p);
            }
        }
        this.hooks.deleted(path);
        await this.load(parentPath(path));
        this.focusRow(this.focused);
    }

    private startCreate(dir: string): void {
        this.renaming = null;
        this.confirming = null;
        this.creating = { dir, draft: "" };
        const d = this.dirs.get(dir);
        if (d && !d.expanded) {
            this.toggle(dir, true);
        } else {
            this.render();
        }
        this.tree.querySelector<HTMLInputElement>("input.new-folder")?.focus();
    }

    private async commitCreate(name: string): Promise<void> {
        const c = this.creating;
        if (!c) {
            return;
        }
        const key = `${c.dir}\u0000new`;
        const problem = nameProblem(name);
        if (problem) {
            this.errors.set(key, { text: problem, code: "bad_path" });
            this.render();
            return;
        }
        const path = joinPath(c.dir, name);
        try {
            await requestJson(fsUrl(this.boardId, path), { method: "POST", json: { op: "mkdir" } });
        } catch (e) {
            const err = asApiError(e);
            this.errors.set(key, { text: err.message, code: err.code });
            this.render();
            return;
        }
        this.errors.delete(key);
        this.creating = null;
        this.focused = path;
        await this.load(c.dir);
        this.focusRow(path);
    }

    private download(path: string, isDir: boolean): void {
        if (isDir) {
            this.hooks.downloadFolder(path);
            return;
        }
        const a = document.createElement("a");
        a.href = `${fsUrl(this.boardId, path)}?download`;
        a.download = baseName(path);
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        a.remove();
    }
}
