// SPDX-License-Identifier: MIT
// editor.ts: one board's open files, each a tab with a CodeMirror 6 editor: Python highlighting,
// a dirty marker, Ctrl-S / Cmd-S to save (PUT), Run (the output shows in the terminal), and the
// result or error of the last action under the editor.

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
    bracketMatching,
    HighlightStyle,
    indentOnInput,
    indentUnit,
    syntaxHighlighting,
} from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, type Text } from "@codemirror/state";
import {
    drawSelection,
    EditorView,
    highlightActiveLine,
    highlightActiveLineGutter,
    highlightSpecialChars,
    keymap,
    lineNumbers,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

import { fsUrl } from "./api";
import { baseName, formatBytes, isWithin, parentPath, rebase } from "./paths";
import { ApiError, asApiError, requestBytes, requestJson } from "./rest";

// The largest file the editor opens; bigger ones are for download.
export const EDITOR_MAX_BYTES = 1024 * 1024;

const HIGHLIGHT = HighlightStyle.define([
    { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: "#c678dd" },
    { tag: [t.string, t.special(t.string)], color: "#98c379" },
    { tag: t.comment, color: "#7f848e", fontStyle: "italic" },
    { tag: [t.number, t.bool, t.null], color: "#d19a66" },
    {
        tag: [t.function(t.definition(t.variableName)), t.function(t.variableName)],
        color: "#61afef",
    },
    { tag: [t.className, t.definition(t.className)], color: "#e5c07b" },
    { tag: [t.operator, t.punctuation], color: "#abb2bf" },
    { tag: t.self, color: "#e06c75" },
    { tag: t.propertyName, color: "#56b6c2" },
]);

const THEME = EditorView.theme(
    {
        "&": { height: "100%", backgroundColor: "#14161a", color: "#d8dee9" },
        ".cm-scroller": { fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', monospace" },
        ".cm-content": { caretColor: "#e5c07b" },
        ".cm-cursor": { borderLeftColor: "#e5c07b" },
        ".cm-gutters": { backgroundColor: "#181b21", color: "#5c6370", border: "none" },
        ".cm-activeLine": { backgroundColor: "#1c1f26" },
        ".cm-activeLineGutter": { backgroundColor: "#232732", color: "#d8dee9" },
        "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": {
            backgroundColor: "#3b4252",
        },
        ".cm-matchingBracket": { backgroundColor: "#3b4252", outline: "1px solid #5c6370" },
    },
    { dark: true },
);

// Runs board file [path] in the board's REPL, as if typed there.
export async function runFile(boardId: string, path: string): Promise<void> {
    await requestJson(fsUrl(boardId, path), { method: "POST", json: { op: "run" } });
}

export interface EditorHooks {
    // The file was written: its folder's listing is stale.
    onSaved(path: string): void;
    // The file runs; its output is in the terminal.
    onRun(path: string): void;
    // The editor area gained its first tab or lost its last.
    onLayout(hasTabs: boolean): void;
}

class Tab {
    readonly tab = document.createElement("div");
    readonly pane = document.createElement("div");
    readonly view: EditorView;
    private readonly label = document.createElement("button");
    private readonly title = document.createElement("span");
    private readonly status = document.createElement("div");
    private readonly confirm = document.createElement("div");
    private saved: Text;
    busy = false;

    constructor(
        public path: string,
        text: string,
        private readonly owner: EditorTabs,
    ) {
        this.tab.className = "tab";
        this.tab.setAttribute("role", "presentation");
        this.label.className = "tab-label";
        this.label.setAttribute("role", "tab");
        this.label.addEventListener("click", () => owner.activate(this, true));
        const close = document.createElement("button");
        close.className = "tab-close";
        close.textContent = "×";
        close.addEventListener("click", () => this.close());
        this.tab.append(this.label, close);

        this.pane.className = "editor-pane";
        this.pane.setAttribute("role", "tabpanel");
        const head = document.createElement("div");
        head.className = "editor-head";
        this.title.className = "editor-path";
        const save = this.button("editor-save", "Save", "Save to the board (Ctrl-S)", () =>
            this.save(),
        );
        const run = this.button("editor-run", "Run", "Save and run on the board (F5)", () =>
            this.run(),
        );
        const closeBtn = this.button("editor-close", "Close", "Close this file", () =>
            this.close(),
        );
        head.append(this.title, save, run, closeBtn);
        const host = document.createElement("div");
        host.className = "editor-host";
        this.status.className = "editor-status";
        this.status.setAttribute("role", "status");
        this.confirm.className = "editor-confirm";
        this.confirm.hidden = true;
        this.pane.append(head, host, this.confirm, this.status);

        this.view = new EditorView({
            parent: host,
            state: EditorState.create({ doc: text, extensions: this.extensions() }),
        });
        this.saved = this.view.state.doc;
        this.relabel();
    }

    get dirty(): boolean {
        return !this.view.state.doc.eq(this.saved);
    }

    private button(cls: string, text: string, title: string, f: () => void): HTMLButtonElement {
        const b = document.createElement("button");
        b.className = cls;
        b.textContent = text;
        b.title = title;
        b.addEventListener("click", f);
        return b;
    }

    private extensions() {
        return [
            lineNumbers(),
            highlightActiveLineGutter(),
            highlightSpecialChars(),
            history(),
            drawSelection(),
            indentOnInput(),
            indentUnit.of("    "),
            bracketMatching(),
            highlightActiveLine(),
            highlightSelectionMatches(),
            python(),
            syntaxHighlighting(HIGHLIGHT),
            THEME,
            keymap.of([
                { key: "Mod-s", run: () => (this.save(), true), preventDefault: true },
                { key: "F5", run: () => (this.run(), true), preventDefault: true },
                ...defaultKeymap,
                ...historyKeymap,
                ...searchKeymap,
                indentWithTab,
            ]),
            EditorView.updateListener.of((u) => {
                if (u.docChanged) {
                    this.relabel();
                }
            }),
        ];
    }

    relabel(): void {
        const name = baseName(this.path);
        const mark = this.dirty ? " ●" : "";
        this.label.textContent = name + mark;
        this.label.title = this.path + (this.dirty ? " (unsaved changes)" : "");
        this.tab.classList.toggle("dirty", this.dirty);
        this.pane.classList.toggle("dirty", this.dirty);
        this.tab.dataset.path = this.path;
        this.pane.dataset.path = this.path;
        this.title.textContent = this.path + mark;
    }

    select(on: boolean): void {
        this.label.setAttribute("aria-selected", String(on));
        this.tab.classList.toggle("active", on);
        this.pane.hidden = !on;
    }

    say(text: string, err?: ApiError): void {
        this.status.textContent = text;
        this.status.classList.toggle("error", err !== undefined);
        if (err) {
            this.status.dataset.code = err.code;
        } else {
            delete this.status.dataset.code;
        }
    }

    // Writes the editor's text to the board; true once it is stored.
    async save(): Promise<boolean> {
        if (this.busy) {
            return false;
        }
        this.busy = true;
        const doc = this.view.state.doc;
        const bytes = new TextEncoder().encode(doc.toString());
        this.say(`Saving ${formatBytes(bytes.length)}…`);
        try {
            await requestJson(fsUrl(this.owner.boardId, this.path), { method: "PUT", body: bytes });
            this.saved = doc;
            this.relabel();
            this.say(`Saved ${formatBytes(bytes.length)} to ${this.path}`);
            this.owner.hooks.onSaved(this.path);
            return true;
        } catch (e) {
            const err = asApiError(e);
            this.say(`Not saved: ${err.message}`, err);
            return false;
        } finally {
            this.busy = false;
        }
    }

    async run(): Promise<void> {
        if (this.dirty && !(await this.save())) {
            return;
        }
        try {
            await runFile(this.owner.boardId, this.path);
            this.say(`Running ${this.path}: its output is in the terminal`);
            this.owner.hooks.onRun(this.path);
        } catch (e) {
            const err = asApiError(e);
            this.say(`Not run: ${err.message}`, err);
        }
    }

    // Closes the tab; with unsaved changes, only after a confirmation under the editor.
    close(): void {
        if (!this.dirty) {
            this.owner.remove(this);
            return;
        }
        this.confirm.replaceChildren();
        const q = document.createElement("span");
        q.textContent = `${baseName(this.path)} has unsaved changes.`;
        const discard = this.button("confirm-discard", "Discard", "Close without saving", () =>
            this.owner.remove(this),
        );
        const keep = this.button("confirm-keep", "Keep editing", "Back to the editor", () => {
            this.confirm.hidden = true;
            this.view.focus();
        });
        this.confirm.append(q, discard, keep);
        this.confirm.hidden = false;
        this.owner.activate(this, false);
        keep.focus();
    }
}

export class EditorTabs {
    readonly element = document.createElement("section");
    private readonly bar = document.createElement("div");
    private readonly panes = document.createElement("div");
    private readonly tabs: Tab[] = [];
    private active: Tab | null = null;

    constructor(
        readonly boardId: string,
        readonly hooks: EditorHooks,
    ) {
        this.element.className = "editors";
        this.element.dataset.board = boardId;
        this.element.setAttribute("aria-label", `Editors for ${boardId}`);
        this.bar.className = "tab-bar";
        this.bar.setAttribute("role", "tablist");
        this.panes.className = "editor-panes";
        this.element.append(this.bar, this.panes);
        this.element.hidden = true;
    }

    get hasTabs(): boolean {
        return this.tabs.length > 0;
    }

    get hasUnsaved(): boolean {
        return this.tabs.some((t) => t.dirty);
    }

    show(visible: boolean): void {
        this.element.hidden = !visible || this.tabs.length === 0;
    }

    // Opens board file [path] (or brings its tab forward) and gives it the keyboard. Rejects with
    // an ApiError when it cannot be read or is not UTF-8 text.
    async open(path: string): Promise<void> {
        const open = this.tabs.find((t) => t.path === path);
        if (open) {
            this.activate(open, true);
            return;
        }
        const bytes = await requestBytes(fsUrl(this.boardId, path));
        if (bytes.length > EDITOR_MAX_BYTES) {
            throw new ApiError(
                "too_large",
                `over ${formatBytes(EDITOR_MAX_BYTES)}: download it instead`,
            );
        }
        let text: string;
        try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
            throw new ApiError("not_text", "not UTF-8 text: download it instead");
        }
        const again = this.tabs.find((t) => t.path === path);
        if (again) {
            this.activate(again, true);
            return;
        }
        const tab = new Tab(path, text, this);
        this.tabs.push(tab);
        this.bar.appendChild(tab.tab);
        this.panes.appendChild(tab.pane);
        if (this.tabs.length === 1) {
            this.element.hidden = false;
            this.hooks.onLayout(true);
        }
        this.activate(tab, true);
        tab.say(`Opened ${path} (${formatBytes(bytes.length)})`);
    }

    // Saves the file in front (Ctrl-S pressed outside the editor); false when none is open.
    saveActive(): boolean {
        if (this.active === null) {
            return false;
        }
        void this.active.save();
        return true;
    }

    activate(tab: Tab, focus: boolean): void {
        this.active = tab;
        this.tabs.forEach((t) => t.select(t === tab));
        if (focus) {
            tab.view.focus();
        }
    }

    remove(tab: Tab): void {
        const i = this.tabs.indexOf(tab);
        if (i < 0) {
            return;
        }
        this.tabs.splice(i, 1);
        tab.view.destroy();
        tab.tab.remove();
        tab.pane.remove();
        if (this.tabs.length === 0) {
            this.active = null;
            this.element.hidden = true;
            this.hooks.onLayout(false);
        } else if (this.active === tab) {
            this.activate(this.tabs[Math.min(i, this.tabs.length - 1)], true);
        }
    }

    // Board path [from] was renamed to [to]: tabs of it, or of files inside it, follow.
    moved(from: string, to: string): void {
        for (const t of this.tabs) {
            if (isWithin(t.path, from)) {
                t.path = rebase(t.path, from, to);
                t.relabel();
                t.say(`Renamed to ${t.path}`);
            }
        }
    }

    deleted(path: string): void {
        for (const t of this.tabs) {
            if (isWithin(t.path, path)) {
                t.say(`Deleted from the board; Save writes it again to ${parentPath(t.path)}`);
            }
        }
    }
}
