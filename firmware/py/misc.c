// SPDX-License-Identifier: MIT
// misc.c: growable strings, print sinks, the interpreter's printf, and UTF-8 helpers.

#include "misc.h"

#include <string.h>

#include "gc.h"
#include "qstr.h"
#include "runtime.h"

// ---- vstr ---------------------------------------------------------------------------------------

void py_vstr_init(py_vstr_t *v, size_t alloc) {
    if (alloc < 16) {
        alloc = 16;
    }
    v->alloc = alloc;
    v->len = 0;
    v->buf = py_malloc_noscan(alloc);
    v->fixed = false;
    v->overflowed = false;
}

void py_vstr_init_fixed_buf(py_vstr_t *v, size_t alloc, char *buf) {
    v->alloc = alloc;
    v->len = 0;
    v->buf = buf;
    v->fixed = true;
    v->overflowed = false;
}

void py_vstr_clear(py_vstr_t *v) {
    if (!v->fixed) {
        py_free(v->buf);
        v->buf = NULL;
        v->alloc = 0;
    }
    v->len = 0;
}

// Makes room for [n] more bytes plus a NUL; false if a fixed buffer is too small.
static bool ensure_extra(py_vstr_t *v, size_t n) {
    if (v->len + n + 1 <= v->alloc) {
        return true;
    }
    if (v->fixed) {
        v->overflowed = true;
        return false;
    }
    size_t new_alloc = v->alloc + v->alloc / 2 + n + 1;
    v->buf = py_realloc(v->buf, v->alloc, new_alloc);
    v->alloc = new_alloc;
    return true;
}

char *py_vstr_add_len(py_vstr_t *v, size_t n) {
    if (!ensure_extra(v, n)) {
        return NULL;
    }
    char *p = v->buf + v->len;
    v->len += n;
    return p;
}

void py_vstr_reserve_read(py_vstr_t *v, size_t n, size_t max) {
    if (v->len + n + 1 <= v->alloc) {
        return;
    }
    if (n > SIZE_MAX - 1 - v->len) {
        py_raise_MemoryError();
    }
    size_t need = v->len + n + 1;
    size_t step = v->len / 8 > PY_VSTR_READ_STEP ? v->len / 8 : PY_VSTR_READ_STEP;
    size_t new_alloc = need > SIZE_MAX - step ? need : need + step;
    if (new_alloc > max) {
        new_alloc = max > need ? max : need;
    }
    v->buf = py_realloc(v->buf, v->alloc, new_alloc);
    v->alloc = new_alloc;
}

void py_vstr_add_byte(py_vstr_t *v, byte b) {
    if (ensure_extra(v, 1)) {
        v->buf[v->len++] = (char)b;
    }
}

void py_vstr_add_char(py_vstr_t *v, uint32_t c) {
    byte buf[4];
    size_t n;
    if (c < 0x80) {
        buf[0] = (byte)c;
        n = 1;
    } else if (c < 0x800) {
        buf[0] = (byte)(0xc0 | (c >> 6));
        buf[1] = (byte)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        buf[0] = (byte)(0xe0 | (c >> 12));
        buf[1] = (byte)(0x80 | ((c >> 6) & 0x3f));
        buf[2] = (byte)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        buf[0] = (byte)(0xf0 | (c >> 18));
        buf[1] = (byte)(0x80 | ((c >> 12) & 0x3f));
        buf[2] = (byte)(0x80 | ((c >> 6) & 0x3f));
        buf[3] = (byte)(0x80 | (c & 0x3f));
        n = 4;
    }
    py_vstr_add_strn(v, (const char *)buf, n);
}

void py_vstr_add_str(py_vstr_t *v, const char *s) {
    py_vstr_add_strn(v, s, strlen(s));
}

void py_vstr_add_strn(py_vstr_t *v, const char *s, size_t n) {
    if (ensure_extra(v, n)) {
        memcpy(v->buf + v->len, s, n);
        v->len += n;
    }
}

void py_vstr_cut_tail_bytes(py_vstr_t *v, size_t n) {
    v->len = n > v->len ? 0 : v->len - n;
}

void py_vstr_ins_byte(py_vstr_t *v, size_t at, byte b) {
    if (at > v->len || !ensure_extra(v, 1)) {
        return;
    }
    memmove(v->buf + at + 1, v->buf + at, v->len - at);
    v->buf[at] = (char)b;
    v->len++;
}

void py_vstr_cut_out_bytes(py_vstr_t *v, size_t at, size_t n) {
    if (at >= v->len) {
        return;
    }
    if (n > v->len - at) {
        n = v->len - at;
    }
    memmove(v->buf + at, v->buf + at + n, v->len - at - n);
    v->len -= n;
}

char *py_vstr_null_terminated_str(py_vstr_t *v) {
    if (v->alloc == 0 && !v->fixed) {
        py_vstr_init(v, 16);
    }
    if (v->len + 1 > v->alloc) {
        // Only a full fixed buffer gets here: give up the last byte rather than write past it.
        v->overflowed = true;
        v->len = v->alloc - 1;
    }
    v->buf[v->len] = '\0';
    return v->buf;
}

void py_vstr_printf(py_vstr_t *v, const char *fmt, ...) {
    py_print_t print = PY_PRINT_TO_VSTR(v);
    va_list ap;
    va_start(ap, fmt);
    py_vprintf(&print, fmt, ap);
    va_end(ap);
}

// ---- print --------------------------------------------------------------------------------------

void py_print_vstr_strn(void *data, const char *str, size_t len) {
    py_vstr_add_strn((py_vstr_t *)data, str, len);
}

void py_print_str(const py_print_t *print, const char *str) {
    print->strn(print->data, str, strlen(str));
}

void py_print_strn(const py_print_t *print, const char *str, size_t len) {
    print->strn(print->data, str, len);
}

// Prints [len] bytes padded to [width] (left-justified when [left]).
static int print_padded(const py_print_t *print, const char *s, size_t len, int width, bool left,
                        char pad) {
    int n = (int)len;
    if (!left) {
        for (; n < width; n++) {
            print->strn(print->data, &pad, 1);
        }
    }
    print->strn(print->data, s, len);
    if (left) {
        for (; n < width; n++) {
            print->strn(print->data, " ", 1);
        }
    }
    return n > (int)len ? n : (int)len;
}

static int print_uint(const py_print_t *print, unsigned long long v, unsigned base, bool upper,
                      bool neg, int width, bool left, char pad) {
    char buf[24];
    char *p = buf + sizeof(buf);
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        *--p = digits[v % base];
        v /= base;
    } while (v != 0);
    if (neg) {
        if (pad == '0' && width > 0) {
            print->strn(print->data, "-", 1);
            return 1 +
                   print_padded(print, p, (size_t)(buf + sizeof(buf) - p), width - 1, left, pad);
        }
        *--p = '-';
    }
    return print_padded(print, p, (size_t)(buf + sizeof(buf) - p), width, left, pad);
}

int py_vprintf(const py_print_t *print, const char *fmt, va_list args) {
    int total = 0;
    while (*fmt != '\0') {
        const char *start = fmt;
        while (*fmt != '\0' && *fmt != '%') {
            fmt++;
        }
        if (fmt > start) {
            print->strn(print->data, start, (size_t)(fmt - start));
            total += (int)(fmt - start);
        }
        if (*fmt == '\0') {
            break;
        }
        fmt++; // the '%'
        bool left = false;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-') {
                left = true;
            } else if (*fmt == '0') {
                pad = '0';
            } else {
                break;
            }
        }
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        int prec = -1;
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                prec = va_arg(args, int);
                fmt++;
            } else {
                prec = 0;
                while (*fmt >= '0' && *fmt <= '9') {
                    prec = prec * 10 + (*fmt++ - '0');
                }
            }
        }
        int size = 0; // 1 = long, 2 = long long, 3 = size_t
        if (*fmt == 'l') {
            size = 1;
            if (*++fmt == 'l') {
                size = 2;
                fmt++;
            }
        } else if (*fmt == 'z') {
            size = 3;
            fmt++;
        }
        char conv = *fmt;
        if (conv == '\0') {
            break;
        }
        fmt++;
        switch (conv) {
            case 'd':
            case 'i': {
                long long v = size == 2   ? va_arg(args, long long)
                              : size == 1 ? va_arg(args, long)
                              : size == 3 ? (long long)va_arg(args, ptrdiff_t)
                                          : va_arg(args, int);
                unsigned long long mag =
                    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
                total += print_uint(print, mag, 10, false, v < 0, width, left, pad);
                break;
            }
            case 'u':
            case 'x':
            case 'X': {
                unsigned long long v = size == 2   ? va_arg(args, unsigned long long)
                                       : size == 1 ? va_arg(args, unsigned long)
                                       : size == 3 ? va_arg(args, size_t)
                                                   : va_arg(args, unsigned);
                total += print_uint(print, v, conv == 'u' ? 10 : 16, conv == 'X', false, width,
                                    left, pad);
                break;
            }
            case 'p': {
                uintptr_t v = (uintptr_t)va_arg(args, void *);
                total += print_uint(print, v, 16, false, false, width, left, pad);
                break;
            }
            case 'c': {
                char c = (char)va_arg(args, int);
                total += print_padded(print, &c, 1, width, left, ' ');
                break;
            }
            case 's': {
                const char *s = va_arg(args, const char *);
                if (s == NULL) {
                    s = "(null)";
                }
                size_t len = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
                total += print_padded(print, s, len, width, left, ' ');
                break;
            }
            case 'q': {
                qstr q = va_arg(args, qstr);
                size_t len;
                const byte *s = py_qstr_data(q, &len);
                total += print_padded(print, (const char *)s, len, width, left, ' ');
                break;
            }
            case '%':
                print->strn(print->data, "%", 1);
                total++;
                break;
            default:
                // An unknown directive is printed as is, so a bad format string shows in the
                // output.
                print->strn(print->data, fmt - 2, 2);
                total += 2;
                break;
        }
    }
    return total;
}

int py_printf(const py_print_t *print, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = py_vprintf(print, fmt, ap);
    va_end(ap);
    return n;
}

// ---- UTF-8 --------------------------------------------------------------------------------------

uint32_t py_utf8_get_char(const byte *s, const byte *end) {
    if (s >= end) {
        return 0;
    }
    uint32_t c = *s;
    if (c < 0x80) {
        return c;
    }
    size_t n = py_utf8_seq_len((byte)c);
    if (n == 1) {
        return c;
    }
    c &= 0x7f >> n;
    for (size_t i = 1; i < n && s + i < end && py_utf8_is_cont(s[i]); i++) {
        c = (c << 6) | (s[i] & 0x3f);
    }
    return c;
}

size_t py_utf8_charlen(const byte *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        n += !py_utf8_is_cont(s[i]);
    }
    return n;
}

bool py_utf8_is_valid(const byte *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        byte b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t min;
        if ((b & 0xe0) == 0xc0) {
            n = 2;
            min = 0x80;
        } else if ((b & 0xf0) == 0xe0) {
            n = 3;
            min = 0x800;
        } else if ((b & 0xf8) == 0xf0) {
            n = 4;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + n > len) {
            return false;
        }
        uint32_t c = b & (0x7f >> n);
        for (size_t k = 1; k < n; k++) {
            if (!py_utf8_is_cont(s[i + k])) {
                return false;
            }
            c = (c << 6) | (s[i + k] & 0x3f);
        }
        if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
            return false;
        }
        i += n;
    }
    return true;
}
