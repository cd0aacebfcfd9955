// SPDX-License-Identifier: MIT
// paths.ts: board paths ("/lib/a.py": absolute, "/"-separated, no trailing "/") and the byte
// counts shown next to them.

export function joinPath(dir: string, name: string): string {
    return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

export function parentPath(path: string): string {
    const i = path.lastIndexOf("/");
    return i <= 0 ? "/" : path.slice(0, i);
}

export function baseName(path: string): string {
    return path.slice(path.lastIndexOf("/") + 1);
}

// True when [path] is [dir] or lies inside it.
export function isWithin(path: string, dir: string): boolean {
    return dir === "/" || path === dir || path.startsWith(`${dir}/`);
}

// [path] with its leading [from] replaced by [to] (a rename of [from] moved it).
export function rebase(path: string, from: string, to: string): string {
    return to + path.slice(from.length);
}

// Why [name] cannot be one segment of a board path, or null when it can.
export function nameProblem(name: string): string | null {
    if (name === "" || name === "." || name === "..") {
        return "a name is needed";
    }
    if (name.includes("/")) {
        return "a name cannot contain /";
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) {
        return "a name cannot contain control characters";
    }
    if (new TextEncoder().encode(name).length > NAME_MAX) {
        return `a name is at most ${NAME_MAX} bytes`;
    }
    return null;
}

// daemon/API.md, bad_path: the longest name the board takes.
export const NAME_MAX = 255;

const UNITS = ["B", "KiB", "MiB", "GiB"];

export function formatBytes(n: number): string {
    let v = n;
    let u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
        v /= 1024;
        u++;
    }
    return u === 0 ? `${n} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${UNITS[u]}`;
}

export function formatRate(bytesPerSecond: number): string {
    return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}
