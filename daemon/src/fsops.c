// SPDX-License-Identifier: MIT
// fsops.c: board paths, the Python programs of each file operation, the binary transfer
// encodings, and tracebacks read back into API errors.

#include "fsops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

// ---- paths ----

// Length of the UTF-8 sequence starting at [s] (at most [len] bytes), or 0 when invalid
// (overlong forms, surrogates and values past U+10FFFF included).
static size_t utf8_seq(const uint8_t *s, size_t len) {
    uint8_t c = s[0];
    size_t n;
    uint32_t min, cp;
    if (c < 0x80) {
        return 1;
    } else if ((c & 0xe0) == 0xc0) {
        n = 2, min = 0x80, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3, min = 0x800, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (n > len) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return n;
}

int fsops_path_normalize(const char *in, size_t in_len, char *out, size_t out_len, char *err,
                         size_t err_len) {
    const uint8_t *s = (const uint8_t *)in;
    for (size_t i = 0; i < in_len;) {
        if (s[i] < 0x20 || s[i] == 0x7f) {
            snprintf(err, err_len, "control character in the path");
            return ERR_INVAL;
        }
        if (s[i] == '\\') {
            snprintf(err, err_len, "backslash in the path");
            return ERR_INVAL;
        }
        size_t n = utf8_seq(s + i, in_len - i);
        if (n == 0) {
            snprintf(err, err_len, "the path is not UTF-8");
            return ERR_INVAL;
        }
        i += n;
    }
    size_t o = 0, dir_len = 0;
    for (size_t i = 0; i < in_len;) {
        while (i < in_len && in[i] == '/') {
            i++;
        }
        size_t start = i;
        while (i < in_len && in[i] != '/') {
            i++;
        }
        size_t n = i - start;
        if (n == 0 || (n == 1 && in[start] == '.')) {
            continue;
        }
        if (n == 2 && in[start] == '.' && in[start + 1] == '.') {
            snprintf(err, err_len, "'..' is not allowed in a path");
            return ERR_INVAL;
        }
        if (n > FSOPS_NAME_MAX) {
            snprintf(err, err_len, "a name is over %d bytes", FSOPS_NAME_MAX);
            return ERR_INVAL;
        }
        if (o + 1 + n > FSOPS_PATH_MAX || o + 1 + n + 1 > out_len) {
            snprintf(err, err_len, "the path is over %d bytes", FSOPS_PATH_MAX);
            return ERR_INVAL;
        }
        dir_len = o;
        out[o++] = '/';
        memcpy(out + o, in + start, n);
        o += n;
    }
    if (dir_len > (size_t)FSOPS_DIR_MAX) {
        // fsops_tmp_path() must fit in FSOPS_PATH_MAX for an upload here.
        snprintf(err, err_len, "the directory is over %d bytes", FSOPS_DIR_MAX);
        return ERR_INVAL;
    }
    if (o == 0) {
        out[o++] = '/';
    }
    out[o] = '\0';
    return 0;
}

void fsops_path_dir(const char *path, char *out, size_t out_len) {
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL || slash == path ? 1 : (size_t)(slash - path);
    if (n >= out_len) {
        n = out_len - 1;
    }
    memcpy(out, slash == NULL ? "/" : path, n);
    out[n] = '\0';
}

void fsops_tmp_path(const char *path, char *out, size_t out_len) {
    char dir[FSOPS_PATH_MAX + 1];
    fsops_path_dir(path, dir, sizeof(dir));
    snprintf(out, out_len, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, FSOPS_TMP_NAME);
}

char *fsops_utf8_text(const uint8_t *data, size_t len) {
    char *out = malloc(len * 3 + 1); // each bad byte may become U+FFFD (3 bytes)
    if (out == NULL) {
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t n = data[i] == 0 ? 0 : utf8_seq(data + i, len - i);
        if (n == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, data + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    return out;
}

// ---- program text ----

struct text {
    char *p;
    size_t len, cap;
    bool failed;
};

static void add(struct text *t, const char *s, size_t n) {
    if (t->failed) {
        return;
    }
    if (t->len + n + 1 > FSOPS_SCRIPT_MAX) {
        t->failed = true;
        return;
    }
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap == 0 ? 1024 : t->cap;
        while (cap < t->len + n + 1) {
            cap *= 2;
        }
        char *p = realloc(t->p, cap);
        if (p == NULL) {
            t->failed = true;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

// [s] as a Python string literal: quotes, backslashes and control bytes escaped, UTF-8 as is.
static void add_repr(struct text *t, const char *s) {
    add(t, "'", 1);
    for (; *s != '\0'; s++) {
        uint8_t c = (uint8_t)*s;
        char esc[8];
        if (c == '\'' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c;
            add(t, esc, 2);
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(esc, sizeof(esc), "\\x%02x", c);
            add(t, esc, 4);
        } else {
            add(t, s, 1);
        }
    }
    add(t, "'", 1);
}

// Expands [tmpl], where @P and @Q stand for [p] and [q] as Python literals.
static char *build(const char *tmpl, const char *p, const char *q) {
    struct text t = {0};
    for (const char *s = tmpl; *s != '\0'; s++) {
        if (s[0] == '@' && (s[1] == 'P' || s[1] == 'Q')) {
            add_repr(&t, s[1] == 'P' ? p : q);
            s++;
        } else {
            add(&t, s, 1);
        }
    }
    if (t.failed) {
        free(t.p);
        return NULL;
    }
    return t.p;
}

// The helper functions every operation calls, defined once in the board's REPL globals (raw
// and friendly REPL share them) under names a user is unlikely to take: _rh_*. Each imports
// what it uses, so a user's rebinding of `os` cannot break it. _rh_v names this version.
static const char HELPERS[] =
    "def _rh_j(d,n):\n"
    " return d.rstrip('/')+'/'+n\n"
    // SHA-256 of a file in 512-byte reads, or None without hashlib.
    "def _rh_h(p):\n"
    " try:\n"
    "  import hashlib,binascii\n"
    " except ImportError:\n"
    "  return None\n"
    " h=hashlib.sha256();b=bytearray(512);m=memoryview(b)\n"
    " with open(p,'rb') as f:\n"
    "  while 1:\n"
    "   n=f.readinto(b)\n"
    "   if not n:break\n"
    "   h.update(m[:n])\n"
    " return binascii.hexlify(h.digest()).decode()\n"
    // Rename over an existing file; FAT refuses that (EEXIST/EACCES): there the target goes
    // first.
    "def _rh_mv(a,b):\n"
    " import os\n"
    " try:\n"
    "  os.rename(a,b)\n"
    " except OSError as e:\n"
    "  if e.errno not in (13,17) or os.stat(b)[0]&0x4000:raise\n"
    "  os.remove(b);os.rename(a,b)\n"
    // Creates the directories above [p] that are missing.
    "def _rh_mp(p):\n"
    " import os\n"
    " q=''\n"
    " for s in p.split('/')[1:-1]:\n"
    "  q+='/'+s\n"
    "  try:\n"
    "   os.mkdir(q)\n"
    "  except OSError as e:\n"
    "   if e.errno!=17:raise\n"
    "def _rh_l(p):\n"
    " import os,json\n"
    " r=[]\n"
    " for e in os.ilistdir(p):\n"
    "  if e[1]&0x4000:r.append([e[0],1,0])\n"
    "  else:r.append([e[0],0,e[3] if len(e)>3 and e[3]>=0 else os.stat(_rh_j(p,e[0]))[6]])\n"
    " s=os.statvfs(p)\n"
    " print(json.dumps([r,s[0]*s[2],s[0]*s[3]]))\n"
    // Download frames (fsops.h), then the SHA-256 line.
    "def _rh_r(p):\n"
    " import sys\n"
    " try:\n"
    "  import hashlib,binascii;h=hashlib.sha256()\n"
    " except ImportError:\n"
    "  h=None\n"
    " o=sys.stdout.buffer.write;b=bytearray(512);m=memoryview(b)\n"
    " with open(p,'rb') as f:\n"
    "  while 1:\n"
    "   n=f.readinto(b)\n"
    "   if not n:break\n"
    // One write per frame: an interrupt falls between frames, never inside one.
    "   o(bytes((1,n>>8,n&255))+m[:n])\n"
    "   if h:h.update(m[:n])\n"
    " o(b'\\x02')\n"
    " print(binascii.hexlify(h.digest()).decode() if h else '')\n"
    // Upload (fsops.h): chunks into the temporary file [t], acknowledged one by one; then the
    // host's SHA-256, compared with the stored file's before it replaces [p].
    "def _rh_w(p,t):\n"
    " import sys,os\n"
    " _rh_mp(p)\n"
    " r=sys.stdin.buffer.read;a=sys.stdout.write;z=0\n"
    " f=open(t,'wb')\n"
    " try:\n"
    "  while 1:\n"
    "   n=r(1)[0]\n"
    "   if not n:break\n"
    "   d=r(n-4)\n"
    "   if 27 in d:\n"
    "    for c in b'\\x01\\x02\\x03\\x04\\x1b':d=d.replace(bytes((27,c+64)),bytes((c,)))\n"
    "   f.write(d);z+=len(d);a('\\x06')\n"
    "  f.close()\n"
    "  x=r(64).decode();h=_rh_h(t)\n"
    " except BaseException:\n"
    "  f.close();os.remove(t);raise\n"
    " if h is None:\n"
    "  print('unverified',z);return\n"
    " if h!=x:\n"
    "  os.remove(t);raise ValueError('replhub: verify failed')\n"
    " _rh_mv(t,p);print('ok',z)\n"
    // FAT says EACCES to the rmdir of a non-empty directory: ENOTEMPTY is raised here first.
    "def _rh_d(p,r):\n"
    " import os\n"
    " if os.stat(p)[0]&0x4000:\n"
    "  for n in [e[0] for e in os.ilistdir(p)]:\n"
    "   if not r:raise OSError(39)\n"
    "   _rh_d(_rh_j(p,n),r)\n"
    "  os.rmdir(p)\n"
    " else:os.remove(p)\n"
    "_rh_v=" FSOPS_HELPERS_VERSION "\n";

char *fsops_script_helpers(void) {
    return build(HELPERS, NULL, NULL);
}

char *fsops_script_stat(const char *path) {
    return build("import os\n"
                 "s=os.stat(@P)\n"
                 "print(1 if s[0]&0x4000 else 0,s[6])\n",
                 path, NULL);
}

char *fsops_script_list(const char *path) {
    return build("_rh_l(@P)\n", path, NULL);
}

char *fsops_script_read(const char *path) {
    return build("_rh_r(@P)\n", path, NULL);
}

char *fsops_script_write(const char *path, const char *tmp) {
    return build("_rh_w(@P,@Q)\n", path, tmp);
}

char *fsops_script_commit(const char *tmp, const char *path) {
    return build("import os\n_rh_mv(@P,@Q)\nprint(os.stat(@Q)[6])\n", tmp, path);
}

char *fsops_script_delete(const char *path, bool recursive) {
    return build(recursive ? "_rh_d(@P,1)\n" : "_rh_d(@P,0)\n", path, NULL);
}

char *fsops_script_mkdir(const char *path) {
    return build("import os\n_rh_mp(@P)\nos.mkdir(@P)\n", path, NULL);
}

char *fsops_script_rename(const char *from, const char *to) {
    return build("_rh_mv(@P,@Q)\n", from, to);
}

char *fsops_script_hash(const char *path) {
    return build("import os\n"
                 "s=os.stat(@P)\n"
                 "if s[0]&0x4000:raise OSError(21)\n"
                 "print(s[6],_rh_h(@P) or '-')\n",
                 path, NULL);
}

char *fsops_script_remove_quiet(const char *path) {
    return build("import os\n"
                 "try:\n"
                 " os.remove(@P)\n"
                 "except OSError:\n"
                 " pass\n",
                 path, NULL);
}

char *fsops_run_line(const char *path) {
    return build("exec(open(@P).read())\r", path, NULL);
}

// ---- upload encoding ----

// Bytes a board or its REPL would act on: 0x01..0x04 (raw REPL keys, Ctrl-C) and ESC itself.
static bool is_escaped(uint8_t c) {
    return (c >= 0x01 && c <= 0x04) || c == FSOPS_ESC;
}

size_t fsops_encode_chunk(const uint8_t *in, size_t in_len, size_t *used, uint8_t *out,
                          size_t room) {
    if (room > FSOPS_CHUNK_MAX) {
        room = FSOPS_CHUNK_MAX;
    }
    size_t o = 1, i = 0;
    while (i < in_len && o - 1 < FSOPS_CHUNK_DATA_MAX) {
        uint8_t c = in[i];
        size_t unit = is_escaped(c) ? 2 : 1;
        if (o + unit > room || o - 1 + unit > FSOPS_CHUNK_DATA_MAX) {
            break;
        }
        if (unit == 2) {
            out[o] = FSOPS_ESC;
            out[o + 1] = (uint8_t)(c + FSOPS_ESC_OFFSET);
        } else {
            out[o] = c;
        }
        o += unit;
        i++;
    }
    out[0] = (uint8_t)(o - 1 + FSOPS_LEN_OFFSET);
    *used = i;
    return o;
}

size_t fsops_encode_end(const char *hex, uint8_t *out, size_t room) {
    if (room < 1 + FSOPS_SHA256_HEX) {
        return 0;
    }
    out[0] = 0;
    memcpy(out + 1, hex, FSOPS_SHA256_HEX);
    return 1 + FSOPS_SHA256_HEX;
}

// ---- download frames ----

void fsops_frames_init(struct fsops_frames *f, void (*data)(void *, const uint8_t *, size_t),
                       void *ctx) {
    memset(f, 0, sizeof(*f));
    f->data = data;
    f->ctx = ctx;
}

static size_t frames_text(struct fsops_frames *f, const uint8_t *data, size_t len) {
    const uint8_t *end = memchr(data, 0x04, len);
    size_t n = end != NULL ? (size_t)(end - data) : len;
    size_t room = sizeof(f->text) - 1 - f->text_len;
    size_t keep = n < room ? n : room; // only the first line matters; the rest is not kept
    memcpy(f->text + f->text_len, data, keep);
    f->text_len += keep;
    f->text[f->text_len] = '\0';
    return n;
}

size_t fsops_frames_feed(struct fsops_frames *f, const uint8_t *data, size_t len) {
    size_t i = 0;
    while (i < len) {
        switch (f->st) {
            case FRAMES_MARK:
                if (data[i] == 0x04) {
                    return i;
                }
                if (data[i] == 0x01) {
                    f->st = FRAMES_LEN_HI;
                } else if (data[i] == 0x02) {
                    f->ended = true;
                    f->st = FRAMES_TEXT;
                } else {
                    f->malformed = true;
                    f->st = FRAMES_TEXT;
                    continue; // keep the byte: it is text we show in the error
                }
                i++;
                break;
            case FRAMES_LEN_HI:
                f->left = (size_t)data[i++] << 8;
                f->st = FRAMES_LEN_LO;
                break;
            case FRAMES_LEN_LO:
                f->left |= data[i++];
                if (f->left == 0 || f->left > FSOPS_FRAME_MAX) {
                    f->malformed = true;
                    f->st = FRAMES_TEXT;
                } else {
                    f->st = FRAMES_DATA;
                }
                break;
            case FRAMES_DATA: {
                size_t n = len - i < f->left ? len - i : f->left;
                f->data(f->ctx, data + i, n);
                f->left -= n;
                i += n;
                if (f->left == 0) {
                    f->st = FRAMES_MARK;
                }
                break;
            }
            case FRAMES_TEXT: {
                size_t n = frames_text(f, data + i, len - i);
                i += n;
                if (i < len) {
                    return i; // the 0x04 ending the output
                }
                break;
            }
        }
    }
    return len;
}

// ---- errors ----

struct errno_entry {
    int num;
    const char *name;
    enum api_error code;
};

// MicroPython's errno numbers (py/mperrno.h) and what each means for a file operation.
static const struct errno_entry errnos[] = {
    {1, "EPERM", API_ERR_BOARD_ERROR},        {2, "ENOENT", API_ERR_FILE_NOT_FOUND},
    {5, "EIO", API_ERR_BOARD_ERROR},          {9, "EBADF", API_ERR_BOARD_ERROR},
    {12, "ENOMEM", API_ERR_BOARD_ERROR},      {13, "EACCES", API_ERR_BOARD_ERROR},
    {17, "EEXIST", API_ERR_EXISTS},           {19, "ENODEV", API_ERR_FILE_NOT_FOUND},
    {20, "ENOTDIR", API_ERR_NOT_A_DIRECTORY}, {21, "EISDIR", API_ERR_IS_A_DIRECTORY},
    {22, "EINVAL", API_ERR_BOARD_ERROR},      {28, "ENOSPC", API_ERR_NO_SPACE},
    {30, "EROFS", API_ERR_BOARD_ERROR},       {39, "ENOTEMPTY", API_ERR_DIRECTORY_NOT_EMPTY},
    {95, "EOPNOTSUPP", API_ERR_BOARD_ERROR},  {110, "ETIMEDOUT", API_ERR_BOARD_ERROR},
};
#define N_ERRNOS (sizeof(errnos) / sizeof(errnos[0]))

static const struct errno_entry *errno_by_name(const char *msg) {
    for (size_t i = 0; i < N_ERRNOS; i++) {
        const char *hit = strstr(msg, errnos[i].name);
        size_t n = strlen(errnos[i].name);
        // A whole word: ENOENT, not a prefix of a longer name.
        if (hit != NULL && (hit[n] < 'A' || hit[n] > 'Z')) {
            return &errnos[i];
        }
    }
    return NULL;
}

static const struct errno_entry *errno_by_number(const char *msg) {
    const char *p = msg;
    if (strncmp(p, "[Errno ", 7) == 0) {
        p += 7;
    }
    int num = atoi(p);
    for (size_t i = 0; i < N_ERRNOS; i++) {
        if (errnos[i].num == num) {
            return &errnos[i];
        }
    }
    return NULL;
}

static void copy_trimmed(char *out, size_t out_len, const char *s, size_t n) {
    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n' || s[n - 1] == ' ')) {
        n--;
    }
    while (n > 0 && *s == ' ') {
        s++, n--;
    }
    if (n >= out_len) {
        n = out_len - 1;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

void fsops_parse_error(const char *text, size_t len, struct fsops_error *out) {
    memset(out, 0, sizeof(*out));
    out->code = API_ERR_BOARD_ERROR;
    // The last non-empty line: "OSError: [Errno 2] ENOENT".
    size_t end = len;
    while (end > 0 && (text[end - 1] == '\r' || text[end - 1] == '\n')) {
        end--;
    }
    size_t start = end;
    while (start > 0 && text[start - 1] != '\n') {
        start--;
    }
    char line[sizeof(out->type) + sizeof(out->message)];
    copy_trimmed(line, sizeof(line), text + start, end - start);
    char *colon = strstr(line, ": ");
    size_t n = strlen(line);
    if (colon == NULL && n > 0 && line[n - 1] == ':') {
        line[n - 1] = '\0'; // "KeyboardInterrupt: " with its empty message trimmed
    }
    if (colon != NULL) {
        *colon = '\0';
        copy_trimmed(out->type, sizeof(out->type), line, strlen(line));
        copy_trimmed(out->message, sizeof(out->message), colon + 2, strlen(colon + 2));
    } else {
        copy_trimmed(out->type, sizeof(out->type), line, strlen(line));
    }
    if (strcmp(out->type, "KeyboardInterrupt") == 0) {
        out->code = API_ERR_CANCELLED;
        return;
    }
    if (strcmp(out->type, "OSError") != 0) {
        return;
    }
    const struct errno_entry *e = errno_by_name(out->message);
    if (e == NULL) {
        e = errno_by_number(out->message);
    }
    if (e != NULL) {
        out->code = e->code;
        snprintf(out->errname, sizeof(out->errname), "%s", e->name);
    }
}

void fsops_hex(const uint8_t *data, size_t len, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15];
    }
    out[2 * len] = '\0';
}
