// SPDX-License-Identifier: MIT
// formatfloat.c: float to text: repr() (the shortest text that reads back as the same float) and
// the printf-style 'e', 'f', 'g' (and upper-case) and '%' formats.
//
// This version leans on the C library's correctly rounded snprintf and strtod (glibc on the
// host); a port whose libc lacks them replaces this file.

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects.h"
#include "runtime.h"

#if PY_FEATURE_FLOAT

// Scratch for the digits of repr(): "-d.dddddddddddddddde-308" and a NUL.
#define REPR_SCRATCH (32)
// repr() switches to exponent notation below 1e-4 and from 1e16 on, as CPython does.
#define REPR_EXP_LOW  (-4)
#define REPR_EXP_HIGH (16)

static PY_NORETURN void raise_too_long(void) {
    py_raise_ValueError("formatted float too long");
}

// Copies [len] bytes of [s] into [buf] of [size] bytes with a NUL.
static size_t put(char *buf, size_t size, const char *s, size_t len) {
    if (len >= size) {
        raise_too_long();
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return len;
}

// Splits the "%.*e" text [t] (no sign) into its [*n] digits; returns the exponent.
static int split_e(const char *t, char *digits, size_t *n) {
    *n = 0;
    for (; *t != 'e'; t++) {
        if (*t != '.') {
            digits[(*n)++] = *t;
        }
    }
    return atoi(t + 1);
}

// The double that 0.[digits] * 10**(exp + 1) reads as, negated when [neg].
static py_float_t read_back(const char *digits, size_t n, int exp, bool neg) {
    char t[REPR_SCRATCH + 16];
    snprintf(t, sizeof(t), "%s0.%.*se%d", neg ? "-" : "", (int)n, digits, exp + 1);
    return strtod(t, NULL);
}

// Adds one unit in the last of [n] digits; returns the exponent, one more on a carry out.
static int increment_digits(char *digits, size_t n, int exp) {
    size_t i = n;
    while (i > 0 && digits[i - 1] == '9') {
        digits[--i] = '0';
    }
    if (i == 0) {
        digits[0] = '1';
        return exp + 1;
    }
    digits[i - 1]++;
    return exp;
}

// Rounds the 17 digits [d17] (the exact value rounded once) to [prec] digits in [out]; returns
// the exponent, or INT_MIN when the 17 digits sit exactly on a midpoint and cannot tell.
static int round_digits(const char *d17, int exp, int prec, char *out) {
    memcpy(out, d17, (size_t)prec);
    const char *drop = d17 + prec;
    bool rest = false;
    for (int i = 1; i < 17 - prec; i++) {
        rest |= drop[i] != '0';
    }
    if (*drop < '5') {
        return exp;
    }
    if (*drop == '5' && !rest) {
        return INT_MIN;
    }
    return increment_digits(out, (size_t)prec, exp);
}

// The shortest digits that read back as [f] (finite): stores them in [digits] (no point, no
// trailing zeros) and returns the decimal exponent of the first digit.
static int shortest_digits(py_float_t f, char *digits, size_t *n_digits) {
    char tmp[REPR_SCRATCH];
    char d17[REPR_SCRATCH];
    char up[REPR_SCRATCH];
    bool neg = signbit(f);
    int e2;
    // Just below a power of two the doubles are twice as dense, so the nearest decimal may fall
    // outside f's rounding interval while the next one up is inside.
    bool pow2 = fabs(frexp(f, &e2)) == 0.5;
    size_t n17;
    snprintf(tmp, sizeof(tmp), "%.16e", fabs(f));
    int exp17 = split_e(tmp, d17, &n17);
    size_t n = 17;
    int exp = exp17;
    // If any string of 15 digits or fewer reads back, the 15-digit rounding is it padded with
    // zeros (a normal double carries more than 15 digits); else 16, else 17 digits always do.
    // Subnormals carry fewer digits, so every length is tried for them. Shorter roundings are
    // derived from the 17 digits, as printf is slow.
    for (int prec = fabs(f) < DBL_MIN ? 1 : 15; prec < 17; prec++) {
        exp = round_digits(d17, exp17, prec, digits);
        if (exp == INT_MIN) {
            snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, fabs(f));
            exp = split_e(tmp, digits, &n);
        }
        n = (size_t)prec;
        if (read_back(digits, n, exp, neg) == f) {
            goto found;
        }
        if (pow2) {
            memcpy(up, digits, n);
            int up_exp = increment_digits(up, n, exp);
            if (read_back(up, n, up_exp, neg) == f) {
                memcpy(digits, up, n);
                exp = up_exp;
                goto found;
            }
        }
    }
    memcpy(digits, d17, 17);
    n = 17;
    exp = exp17;
found:
    while (n > 1 && digits[n - 1] == '0') {
        n--;
    }
    *n_digits = n;
    return exp;
}

static size_t format_repr(py_float_t f, char *buf, size_t size) {
    char digits[REPR_SCRATCH];
    size_t n;
    int exp = shortest_digits(f, digits, &n);
    char out[REPR_SCRATCH + 24];
    char *o = out;
    if (signbit(f)) {
        *o++ = '-';
    }
    if (exp < REPR_EXP_LOW || exp >= REPR_EXP_HIGH) {
        *o++ = digits[0];
        if (n > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, n - 1);
            o += n - 1;
        }
        o += snprintf(o, 8, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > exp; i--) {
            *o++ = '0';
        }
        memcpy(o, digits, n);
        o += n;
    } else {
        size_t int_len = (size_t)exp + 1;
        for (size_t i = 0; i < int_len; i++) {
            *o++ = i < n ? digits[i] : '0';
        }
        *o++ = '.';
        if (n > int_len) {
            memcpy(o, digits + int_len, n - int_len);
            o += n - int_len;
        } else {
            *o++ = '0';
        }
    }
    return put(buf, size, out, (size_t)(o - out));
}

size_t py_format_float(py_float_t f, char *buf, size_t buf_size, char fmt, int prec,
                       bool alt_form) {
    bool upper = fmt == 'E' || fmt == 'F' || fmt == 'G';
    bool percent = fmt == '%';
    if (isnan(f) || isinf(f)) {
        // Python never shows nan's sign.
        const char *s = isnan(f) ? (upper ? "NAN" : "nan")
                        : f > 0  ? (upper ? "INF" : "inf")
                                 : (upper ? "-INF" : "-inf");
        size_t len = put(buf, buf_size, s, strlen(s));
        if (percent) {
            len += put(buf + len, buf_size - len, "%", 1);
        }
        return len;
    }
    if (fmt == 'r') {
        return format_repr(f, buf, buf_size);
    }
    if (prec < 0) {
        prec = 6;
    }
    char spec[8] = "%";
    char conv = fmt;
    if (percent) {
        f *= 100.0;
        conv = 'f';
    } else if (fmt != 'e' && fmt != 'E' && fmt != 'f' && fmt != 'F' && fmt != 'g' && fmt != 'G') {
        conv = 'g';
    }
    strcat(spec, alt_form ? "#.*" : ".*");
    size_t sl = strlen(spec);
    spec[sl] = conv;
    spec[sl + 1] = '\0';
    int n = snprintf(buf, buf_size, spec, prec, f);
    if (n < 0 || (size_t)n >= buf_size) {
        raise_too_long();
    }
    size_t len = (size_t)n;
    if (percent) {
        len += put(buf + len, buf_size - len, "%", 1);
    }
    return len;
}

#endif // PY_FEATURE_FLOAT
