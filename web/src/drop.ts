// SPDX-License-Identifier: MIT
// drop.ts: the files and folders a person dropped or picked, flattened into relative paths
// ("photos/2024/a.jpg"); a dropped folder is walked with the File and Directory Entries API.

export interface PickedFile {
    rel: string;
    file: File;
}

// What to upload: files with their paths, and every folder (so empty ones are created too).
export interface Picked {
    files: PickedFile[];
    dirs: string[];
}

// The most entries (files and folders) one drop or pick may hold.
export const PICK_MAX = 10000;

export class PickError extends Error {}

function add(out: Picked, n: number): void {
    if (out.files.length + out.dirs.length + n > PICK_MAX) {
        throw new PickError(`more than ${PICK_MAX} files and folders in one upload`);
    }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
    return new Promise((resolve, reject) => entry.file(resolve, reject));
}

// All children of [dir]: readEntries answers in batches until it answers an empty one.
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
    const reader = dir.createReader();
    const all: FileSystemEntry[] = [];
    for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
            reader.readEntries(resolve, reject),
        );
        if (batch.length === 0) {
            return all;
        }
        all.push(...batch);
    }
}

async function walk(entry: FileSystemEntry, rel: string, out: Picked): Promise<void> {
    if (entry.isFile) {
        add(out, 1);
        out.files.push({ rel, file: await fileOf(entry as FileSystemFileEntry) });
    } else if (entry.isDirectory) {
        add(out, 1);
        out.dirs.push(rel);
        for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) {
            await walk(child, `${rel}/${child.name}`, out);
        }
    }
}

// The files and folders of a drop. Must be called inside the drop event: the items are only
// readable there; the walk through folders continues afterwards.
export function collectDrop(dt: DataTransfer): Promise<Picked> {
    const roots: (FileSystemEntry | File)[] = [];
    for (const item of Array.from(dt.items)) {
        if (item.kind !== "file") {
            continue;
        }
        // A DataTransfer made by a script has no entries, only files.
        const entry = item.webkitGetAsEntry?.();
        const file = entry ? null : item.getAsFile();
        if (entry) {
            roots.push(entry);
        } else if (file) {
            roots.push(file);
        }
    }
    return (async () => {
        const out: Picked = { files: [], dirs: [] };
        for (const r of roots) {
            if (r instanceof File) {
                add(out, 1);
                out.files.push({ rel: r.name, file: r });
            } else {
                await walk(r, r.name, out);
            }
        }
        return out;
    })();
}

// The files of an <input type="file">, with their folders when it picked a folder.
export function collectInput(files: ArrayLike<File>): Picked {
    const out: Picked = { files: [], dirs: [] };
    const dirs = new Set<string>();
    for (const file of Array.from(files)) {
        add(out, 1);
        const rel = file.webkitRelativePath || file.name;
        out.files.push({ rel, file });
        for (let i = rel.indexOf("/"); i > 0; i = rel.indexOf("/", i + 1)) {
            dirs.add(rel.slice(0, i));
        }
    }
    add(out, dirs.size);
    out.dirs.push(...dirs);
    return out;
}
