// SPDX-License-Identifier: MIT
// mpz.c: arbitrary-precision integers for Python's int.
//
// Magnitudes are little-endian arrays of DIG_BITS-bit digits; every product of two digits plus
// two more digits fits the double-width type dbl_t, which is what all inner loops rely on.
// Algorithms: schoolbook and Karatsuba multiplication, Knuth's algorithm D for division,
// left-to-right binary exponentiation, two's complement computed on the fly for bitwise ops.
//
// Only the three allocator entry points of gc.h are used; nothing here calls malloc, libm or
// stdio, so the file builds unchanged for the ESP8266 firmware and for host unit tests.

#include "mpz.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gc.h"

typedef py_mpz_dig_t dig_t;
typedef py_mpz_dbl_t dbl_t;

#define DIG_BITS PY_MPZ_DIG_BITS
#define DIG_MASK ((dig_t) ~(dig_t)0)
#define DIG_TOP  ((dig_t)1 << (DIG_BITS - 1))

// Enough digits for any 64-bit magnitude, used for stack-held small values.
#define SMALL_DIGS ((64 + DIG_BITS - 1) / DIG_BITS)

// Operands with at least this many digits (the shorter one) are multiplied with Karatsuba's
// method; below it the schoolbook loop's lower overhead wins.  Squaring's schoolbook loop does
// half the work, so Karatsuba pays off later there.  Measured on x86-64 with both digit sizes;
// override with -D to tune for a port.
#ifndef KARATSUBA_THRESHOLD
#define KARATSUBA_THRESHOLD 32
#endif
#ifndef KARATSUBA_SQR_THRESHOLD
#define KARATSUBA_SQR_THRESHOLD 48
#endif
_Static_assert(KARATSUBA_THRESHOLD >= 8 && KARATSUBA_SQR_THRESHOLD >= KARATSUBA_THRESHOLD,
               "mul_scratch_len assumes these bounds");

// Stack buffer size (in digits) below which string conversion needs no heap scratch.
#define STACK_DIGS 32

_Static_assert(sizeof(double) == 8, "py_mpz_as_double assumes IEEE 754 binary64 doubles");
_Static_assert(sizeof(unsigned long long) * 8 == 64, "unsigned long long must be 64 bits");

// ---- Allocation ----------------------------------------------------------------------------

// Returns the byte size of [n] digits, or SIZE_MAX if that overflows: no heap can satisfy such
// a request, so the allocator raises MemoryError instead of receiving a wrapped-around size.
static size_t dig_bytes(size_t n) {
    return n > SIZE_MAX / sizeof(dig_t) ? SIZE_MAX : n * sizeof(dig_t);
}

// Returns a buffer of [n] digits (n > 0).
static dig_t *dig_alloc(size_t n) {
    return py_malloc_noscan(dig_bytes(n));
}

// Raises MemoryError for a value too large to represent, through an impossible request.
static void raise_too_big(void) {
    py_malloc_noscan(SIZE_MAX);
}

// Returns [a] + [b], saturating at SIZE_MAX so that absurd sizes fail in dig_alloc.
static size_t size_add(size_t a, size_t b) {
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

// Grows [z] to hold at least [n] digits, keeping its current digits.
static void mpz_grow(py_mpz_t *z, size_t n) {
    if (z->alloc >= n) {
        return;
    }
    if (z->dig == NULL) {
        z->dig = dig_alloc(n);
    } else {
        z->dig = py_realloc(z->dig, z->alloc * sizeof(dig_t), dig_bytes(n));
    }
    z->alloc = n;
}

// Makes [z] able to hold [n] digits without preserving its value; only for destinations that
// alias no operand still to be read.
static void mpz_need(py_mpz_t *z, size_t n) {
    if (z->alloc >= n) {
        return;
    }
    // Allocate before freeing so that a MemoryError leaves [z] valid.
    dig_t *d = dig_alloc(n);
    py_free(z->dig);
    z->dig = d;
    z->alloc = n;
}

// Returns [n] reduced past the leading zero digits of [d].
static size_t dig_norm(const dig_t *d, size_t n) {
    while (n > 0 && d[n - 1] == 0) {
        n--;
    }
    return n;
}

// Sets the length and sign of [z], keeping zero non-negative.
static void mpz_set_len(py_mpz_t *z, size_t len, bool neg) {
    z->len = len;
    z->neg = (len != 0 && neg);
}

// Makes [z] take ownership of the heap buffer [buf] ([alloc] digits, value [len] digits),
// releasing its previous buffer.  Shrinks [buf] when over an eighth of it would be wasted (pow's
// size estimate can be ~25% high); the GC shrinks in place by freeing the tail blocks.
static void mpz_adopt(py_mpz_t *z, dig_t *buf, size_t alloc, size_t len, bool neg) {
    len = dig_norm(buf, len);
    if (len == 0) {
        py_free(buf);
        mpz_set_len(z, 0, false);
        return;
    }
    if (alloc - len > len / 8 + 4) {
        buf = py_realloc(buf, alloc * sizeof(dig_t), len * sizeof(dig_t));
        alloc = len;
    }
    py_free(z->dig);
    z->dig = buf;
    z->alloc = alloc;
    mpz_set_len(z, len, neg);
}

// Sets [z] to the magnitude [mag] with sign [neg].
static void mpz_set_ull(py_mpz_t *z, unsigned long long mag, bool neg) {
    size_t n = 0;
    for (unsigned long long m = mag; m != 0; m >>= DIG_BITS) {
        n++;
    }
    mpz_need(z, n);
    for (size_t i = 0; i < n; i++) {
        z->dig[i] = (dig_t)mag;
        mag >>= DIG_BITS;
    }
    mpz_set_len(z, n, neg);
}

// Points [z] at the caller's stack buffer [buf] (SMALL_DIGS digits) holding [mag] and [neg];
// such a value may only be read, never written.
static void mpz_stack_ull(py_mpz_t *z, dig_t *buf, unsigned long long mag, bool neg) {
    size_t n = 0;
    while (mag != 0) {
        buf[n++] = (dig_t)mag;
        mag >>= DIG_BITS;
    }
    z->dig = buf;
    z->alloc = SMALL_DIGS;
    mpz_set_len(z, n, neg);
}

// ---- Digit-array primitives ----------------------------------------------------------------

// Returns the number of leading zero bits of the nonzero digit [d].
static unsigned dig_clz(dig_t d) {
    unsigned n = 0;
    while ((d & DIG_TOP) == 0) {
        d = (dig_t)(d << 1);
        n++;
    }
    return n;
}

// Returns the number of significant bits of the nonzero digit [d].
static unsigned dig_bits(dig_t d) {
    return DIG_BITS - dig_clz(d);
}

// Compares the [n]-digit magnitudes [x] and [y].
static int dig_cmp(const dig_t *x, const dig_t *y, size_t n) {
    for (size_t i = n; i-- > 0;) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

// Compares magnitudes of possibly different lengths (both normalised).
static int mag_cmp(const dig_t *x, size_t xn, const dig_t *y, size_t yn) {
    if (xn != yn) {
        return xn < yn ? -1 : 1;
    }
    return dig_cmp(x, y, xn);
}

// r[0..xn) = x + y for xn >= yn, returning the carry out.  [r] may be [x] or [y]: each digit
// is read before the same index is written.
static dig_t dig_add(dig_t *r, const dig_t *x, size_t xn, const dig_t *y, size_t yn) {
    dbl_t c = 0;
    size_t i = 0;
    for (; i < yn; i++) {
        c += (dbl_t)x[i] + y[i];
        r[i] = (dig_t)c;
        c >>= DIG_BITS;
    }
    for (; i < xn; i++) {
        c += x[i];
        r[i] = (dig_t)c;
        c >>= DIG_BITS;
    }
    return (dig_t)c;
}

// r[0..xn) = x - y for xn >= yn, returning the borrow out (0 when x >= y).  [r] may be [x] or
// [y].
static dig_t dig_sub(dig_t *r, const dig_t *x, size_t xn, const dig_t *y, size_t yn) {
    dbl_t b = 0;
    size_t i = 0;
    for (; i < yn; i++) {
        dbl_t t = (dbl_t)x[i] - y[i] - b;
        r[i] = (dig_t)t;
        b = (t >> DIG_BITS) & 1;
    }
    for (; i < xn; i++) {
        dbl_t t = (dbl_t)x[i] - b;
        r[i] = (dig_t)t;
        b = (t >> DIG_BITS) & 1;
    }
    return (dig_t)b;
}

// r[0..rn) += y[0..yn) in place (rn >= yn), stopping as soon as the carry dies out; returns
// the carry out of r[rn - 1].
static dig_t dig_add_in(dig_t *r, size_t rn, const dig_t *y, size_t yn) {
    dbl_t c = 0;
    size_t i = 0;
    for (; i < yn; i++) {
        c += (dbl_t)r[i] + y[i];
        r[i] = (dig_t)c;
        c >>= DIG_BITS;
    }
    for (; c != 0 && i < rn; i++) {
        c += r[i];
        r[i] = (dig_t)c;
        c >>= DIG_BITS;
    }
    return (dig_t)c;
}

// r[0..rn) -= y[0..yn) in place (rn >= yn), stopping as soon as the borrow dies out.
static void dig_sub_in(dig_t *r, size_t rn, const dig_t *y, size_t yn) {
    dbl_t b = 0;
    size_t i = 0;
    for (; i < yn; i++) {
        dbl_t t = (dbl_t)r[i] - y[i] - b;
        r[i] = (dig_t)t;
        b = (t >> DIG_BITS) & 1;
    }
    for (; b != 0 && i < rn; i++) {
        dbl_t t = (dbl_t)r[i] - b;
        r[i] = (dig_t)t;
        b = (t >> DIG_BITS) & 1;
    }
}

// r[0..n) += x[0..n) * m, returning the carry digit.
static dig_t dig_addmul_1(dig_t *r, const dig_t *x, size_t n, dig_t m) {
    // (B-1) + (B-1)*(B-1) + (B-1) == B*B - 1, so the accumulator never overflows dbl_t.
    dbl_t c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (dbl_t)x[i] * m + r[i];
        r[i] = (dig_t)c;
        c >>= DIG_BITS;
    }
    return (dig_t)c;
}

// q[0..n) = u / d for a nonzero single digit [d], returning u % d; [q] may be [u].
static dig_t dig_divmod_1(dig_t *q, const dig_t *u, size_t n, dig_t d) {
    dbl_t r = 0;
    for (size_t i = n; i-- > 0;) {
        r = (r << DIG_BITS) | u[i];
        dig_t qd = (dig_t)(r / d);
        r -= (dbl_t)qd * d;
        q[i] = qd;
    }
    return (dig_t)r;
}

// Returns u[0..n) % d for a nonzero single digit [d].
static dig_t dig_mod_1(const dig_t *u, size_t n, dig_t d) {
    dbl_t r = 0;
    for (size_t i = n; i-- > 0;) {
        r = ((r << DIG_BITS) | u[i]) % d;
    }
    return (dig_t)r;
}

// r[0..n] = x[0..n) << s for 0 <= s < DIG_BITS (n + 1 digits written).  [r] may be [x]: the
// loop runs downward so every source digit is read before it is overwritten.
static void dig_shl_small(dig_t *r, const dig_t *x, size_t n, unsigned s) {
    if (s == 0) {
        memmove(r, x, n * sizeof(dig_t));
        r[n] = 0;
        return;
    }
    r[n] = (dig_t)(x[n - 1] >> (DIG_BITS - s));
    for (size_t i = n - 1; i > 0; i--) {
        r[i] = (dig_t)(((dbl_t)x[i] << s) | (x[i - 1] >> (DIG_BITS - s)));
    }
    r[0] = (dig_t)((dbl_t)x[0] << s);
}

// r[0..n) = x[0..n) >> s for 0 <= s < DIG_BITS; [r] may be [x] (the loop runs upward).
static void dig_shr_small(dig_t *r, const dig_t *x, size_t n, unsigned s) {
    if (s == 0) {
        memmove(r, x, n * sizeof(dig_t));
        return;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        r[i] = (dig_t)((x[i] >> s) | ((dbl_t)x[i + 1] << (DIG_BITS - s)));
    }
    r[n - 1] = (dig_t)(x[n - 1] >> s);
}

// ---- Multiplication ------------------------------------------------------------------------

// r[0..an+bn) = a * b by the schoolbook method; [r] overlaps neither operand.
static void mul_basecase(dig_t *r, const dig_t *a, size_t an, const dig_t *b, size_t bn) {
    memset(r, 0, an * sizeof(dig_t));
    for (size_t i = 0; i < bn; i++) {
        // Row i touches r[i..i+an) and its carry is the first write to r[i+an].
        r[i + an] = dig_addmul_1(r + i, a, an, b[i]);
    }
}

// r[0..2n) = a * a, computing each cross product once and doubling, which nearly halves the
// work of mul_basecase.
static void sqr_basecase(dig_t *r, const dig_t *a, size_t n) {
    memset(r, 0, 2 * n * sizeof(dig_t));
    for (size_t i = 0; i + 1 < n; i++) {
        // Row i adds a[i] * a[i+1..n) at r[2i+1..i+n); no earlier row reached r[i+n].
        r[i + n] = dig_addmul_1(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
    }
    // Double the cross products and add the squares of the digits in one pass.
    dbl_t c = 0;
    dig_t top = 0;
    for (size_t i = 0; i < n; i++) {
        dbl_t sq = (dbl_t)a[i] * a[i];
        dig_t lo = r[2 * i], hi = r[2 * i + 1];
        dig_t lo2 = (dig_t)((dig_t)(lo << 1) | top);
        dig_t hi2 = (dig_t)((dig_t)(hi << 1) | (lo >> (DIG_BITS - 1)));
        top = (dig_t)(hi >> (DIG_BITS - 1));
        c += (dbl_t)lo2 + (dig_t)sq;
        r[2 * i] = (dig_t)c;
        c >>= DIG_BITS;
        c += (dbl_t)hi2 + (sq >> DIG_BITS);
        r[2 * i + 1] = (dig_t)c;
        c >>= DIG_BITS;
    }
}

// Returns the scratch digits mul_rec needs when its longer operand has [an] digits: each
// Karatsuba level uses at most 2 * an + 8 digits and recurses on at most an / 2 + 2 digits.
static size_t mul_scratch_len(size_t an) {
    size_t s = 0;
    while (an >= KARATSUBA_THRESHOLD) {
        s += 2 * an + 8;
        an = an / 2 + 2;
    }
    return s;
}

// r[0..an+bn) = a * b for an >= bn >= 1; [r] overlaps neither operand nor [scratch], which
// holds mul_scratch_len(an) digits.  Squares (a == b) take the cheaper squaring paths.
static void mul_rec(dig_t *r, const dig_t *a, size_t an, const dig_t *b, size_t bn,
                    dig_t *scratch) {
    bool sqr = (a == b && an == bn);
    if (bn < (sqr ? KARATSUBA_SQR_THRESHOLD : KARATSUBA_THRESHOLD)) {
        if (sqr) {
            sqr_basecase(r, a, an);
        } else {
            mul_basecase(r, a, an, b, bn);
        }
        return;
    }
    if (an >= 2 * bn) {
        // Very unbalanced: multiply [b] by bn-digit slices of [a], each a balanced product.
        dig_t *t = scratch;
        scratch += 2 * bn;
        memset(r, 0, (an + bn) * sizeof(dig_t));
        for (size_t i = 0; i < an; i += bn) {
            size_t pn = an - i < bn ? an - i : bn;
            if (pn == bn) {
                mul_rec(t, a + i, pn, b, bn, scratch);
            } else {
                mul_rec(t, b, bn, a + i, pn, scratch);
            }
            dig_add_in(r + i, an + bn - i, t, pn + bn);
        }
        return;
    }
    // Karatsuba: a = a1*B^k + a0, b = b1*B^k + b0 with k = an/2 < bn, so b1 is non-empty.
    // a*b = z2*B^2k + z1*B^k + z0 with z1 = (a0+a1)(b0+b1) - z0 - z2.
    size_t k = an / 2;
    size_t a1n = an - k, b1n = bn - k;
    mul_rec(r, a, k, b, k, scratch);                     // z0 -> r[0..2k)
    mul_rec(r + 2 * k, a + k, a1n, b + k, b1n, scratch); // z2 -> r[2k..an+bn)
    size_t sn = a1n + 1;                                 // a1n >= k
    size_t tn = (b1n > k ? b1n : k) + 1;                 // tn <= sn
    dig_t *sa = scratch;
    sa[a1n] = dig_add(sa, a + k, a1n, a, k);
    dig_t *sb = sa;
    if (!sqr) {
        sb = sa + sn;
        if (b1n >= k) {
            sb[tn - 1] = dig_add(sb, b + k, b1n, b, k);
        } else {
            sb[tn - 1] = dig_add(sb, b, k, b + k, b1n);
        }
    }
    dig_t *t = sb + tn;
    size_t ttn = sn + tn;
    mul_rec(t, sa, sn, sb, tn, t + ttn);
    dig_sub_in(t, ttn, r, 2 * k);
    dig_sub_in(t, ttn, r + 2 * k, an + bn - 2 * k);
    // z1 is a0*b1 + a1*b0, which fits the top an+bn-k digits of the product.
    dig_add_in(r + k, an + bn - k, t, dig_norm(t, ttn));
}

// r[0..an+bn) = a * b for any an, bn >= 1, allocating Karatsuba scratch when it is needed.
static void dig_mul(dig_t *r, const dig_t *a, size_t an, const dig_t *b, size_t bn) {
    if (an < bn) {
        const dig_t *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    if (bn < (a == b && an == bn ? KARATSUBA_SQR_THRESHOLD : KARATSUBA_THRESHOLD)) {
        mul_rec(r, a, an, b, bn, NULL);
        return;
    }
    dig_t *scratch = dig_alloc(mul_scratch_len(an));
    mul_rec(r, a, an, b, bn, scratch);
    py_free(scratch);
}

// ---- Division ------------------------------------------------------------------------------

// Knuth's algorithm D.  On entry v[0..n) (n >= 2) is the divisor shifted left so its top bit is
// set and u[0..un) (un > n) the dividend shifted by the same amount, its top digit holding the
// bits shifted out.  On exit q[0..un-n) holds the quotient (unless [q] is NULL) and u[0..n)
// the remainder, still shifted; the rest of [u] is clobbered.
static void knuth_div(dig_t *q, dig_t *u, size_t un, const dig_t *v, size_t n) {
    const dig_t vtop = v[n - 1], vnext = v[n - 2];
    for (size_t j = un - n; j-- > 0;) {
        // The window u[j..j+n] is below B*v, so its top digit is at most vtop.
        dig_t utop = u[j + n];
        dbl_t num = ((dbl_t)utop << DIG_BITS) | u[j + n - 1];
        dbl_t qhat, rhat;
        if (utop >= vtop) {
            // The estimate would be B or more; B - 1 is the largest possible digit.
            qhat = DIG_MASK;
            rhat = num - qhat * vtop;
        } else {
            qhat = num / vtop;
            rhat = num - qhat * vtop;
        }
        // Refine with the next divisor digit; this makes qhat exact or one too large.
        while (rhat <= DIG_MASK && qhat * vnext > ((rhat << DIG_BITS) | u[j + n - 2])) {
            qhat--;
            rhat += vtop;
        }
        // u[j..j+n] -= qhat * v
        dbl_t carry = 0, borrow = 0;
        for (size_t i = 0; i < n; i++) {
            dbl_t p = qhat * v[i] + carry;
            carry = p >> DIG_BITS;
            dbl_t t = (dbl_t)u[i + j] - (dig_t)p - borrow;
            u[i + j] = (dig_t)t;
            borrow = (t >> DIG_BITS) & 1;
        }
        dbl_t t = (dbl_t)utop - carry - borrow;
        u[j + n] = (dig_t)t;
        if ((t >> DIG_BITS) != 0) {
            // qhat was one too large (rare): add the divisor back.
            qhat--;
            u[j + n] = (dig_t)(u[j + n] + dig_add(u + j, u + j, n, v, n));
        }
        if (q != NULL) {
            q[j] = (dig_t)qhat;
        }
    }
}

// The modulus of a modular reduction prepared once: v[0..n) is the modulus shifted left by
// [shift] (n >= 2), or [m0] the modulus itself when it has one digit.
typedef struct {
    const dig_t *v;
    size_t n;
    unsigned shift;
    dig_t m0;
} modulus_t;

// r[0..mod->n) = x[0..xn) mod the modulus, zero-padded.  [x] must have room for xn + 1 digits
// and is clobbered; [r] must not overlap [x].
static void mod_reduce(dig_t *r, dig_t *x, size_t xn, const modulus_t *mod) {
    size_t n = mod->n;
    xn = dig_norm(x, xn);
    if (n == 1) {
        r[0] = dig_mod_1(x, xn, mod->m0);
        return;
    }
    if (xn < n) {
        memcpy(r, x, xn * sizeof(dig_t));
        memset(r + xn, 0, (n - xn) * sizeof(dig_t));
        return;
    }
    dig_shl_small(x, x, xn, mod->shift);
    knuth_div(NULL, x, xn + 1, mod->v, n);
    dig_shr_small(r, x, n, mod->shift);
}

// ---- Construction and assignment -----------------------------------------------------------

void py_mpz_init_zero(py_mpz_t *z) {
    z->neg = 0;
    z->len = 0;
    z->alloc = 0;
    z->dig = NULL;
}

void py_mpz_init_from_int(py_mpz_t *z, intptr_t v) {
    py_mpz_init_zero(z);
    // Negate in unsigned arithmetic so INTPTR_MIN does not overflow.
    uintptr_t mag = v < 0 ? (uintptr_t)0 - (uintptr_t)v : (uintptr_t)v;
    mpz_set_ull(z, mag, v < 0);
}

void py_mpz_init_from_ll(py_mpz_t *z, long long v, bool is_signed) {
    py_mpz_init_zero(z);
    bool neg = is_signed && v < 0;
    unsigned long long mag = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
    mpz_set_ull(z, mag, neg);
}

void py_mpz_deinit(py_mpz_t *z) {
    py_free(z->dig);
    py_mpz_init_zero(z);
}

void py_mpz_set(py_mpz_t *dest, const py_mpz_t *src) {
    if (dest == src) {
        return;
    }
    size_t n = src->len;
    mpz_need(dest, n);
    if (n != 0) {
        memcpy(dest->dig, src->dig, n * sizeof(dig_t));
    }
    mpz_set_len(dest, n, src->neg);
}

// floor(log2(base) * 32) for bases 2..36: bounds the digits-per-bit ratio of a base.
static const uint8_t log2_x32[37] = {
    0,   0,   32,  50,  64,  74,  82,  89,  96,  101, 106, 110, 114, 118, 121, 125, 128, 130, 133,
    135, 138, 140, 142, 144, 146, 148, 150, 152, 153, 155, 157, 158, 160, 161, 162, 164, 165,
};

// Returns the value of the digit char [c] (36 or more if it is not a digit in any base).
static unsigned char_value(char c) {
    if (c >= '0' && c <= '9') {
        return (unsigned)(c - '0');
    }
    if (c >= 'a' && c <= 'z') {
        return (unsigned)(c - 'a') + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return (unsigned)(c - 'A') + 10;
    }
    return 99;
}

// Returns log2([base]) if it is a power of two, else 0.
static unsigned pow2_bits(unsigned base) {
    unsigned k = 0;
    while ((1u << k) < base) {
        k++;
    }
    return (1u << k) == base ? k : 0;
}

// Returns the largest k with base**k <= DIG_MASK, storing base**k in [*big].
static unsigned chunk_size(unsigned base, dig_t *big) {
    dbl_t b = base;
    unsigned k = 1;
    while (b * base <= DIG_MASK) {
        b *= base;
        k++;
    }
    *big = (dig_t)b;
    return k;
}

size_t py_mpz_set_from_str(py_mpz_t *z, const char *str, size_t len, bool neg, unsigned base) {
    size_t end = 0;
    while (end < len && char_value(str[end]) < base) {
        end++;
    }
    // Leading zeros would only cost work.
    size_t start = 0;
    while (start < end && str[start] == '0') {
        start++;
    }
    size_t cnt = end - start;
    if (cnt == 0) {
        mpz_set_len(z, 0, false);
        return end;
    }
    // Each char carries at most bpc = ceil(log2(base)) bits.
    unsigned bpc = (log2_x32[base] + 31) / 32;
    size_t need = cnt > SIZE_MAX / bpc ? SIZE_MAX : cnt * bpc / DIG_BITS + 1;
    mpz_need(z, need);
    dig_t *d = z->dig;
    size_t dn = 0;
    unsigned k2 = pow2_bits(base);
    if (k2 != 0) {
        // Power-of-two base: pack bits directly, starting from the least significant char.
        dbl_t acc = 0;
        unsigned acc_bits = 0;
        for (size_t i = end; i-- > start;) {
            acc |= (dbl_t)char_value(str[i]) << acc_bits;
            acc_bits += k2;
            if (acc_bits >= DIG_BITS) {
                d[dn++] = (dig_t)acc;
                acc >>= DIG_BITS;
                acc_bits -= DIG_BITS;
            }
        }
        if (acc_bits != 0) {
            d[dn++] = (dig_t)acc;
        }
    } else {
        // Other bases: fold in chunks of k chars, each one multiply-add pass over the digits.
        dig_t big;
        unsigned k = chunk_size(base, &big);
        for (size_t i = start; i < end;) {
            dig_t mul = big;
            dbl_t val = 0;
            size_t stop = end - i < k ? end : i + k;
            if (stop - i < k) {
                mul = 1;
                for (size_t j = i; j < stop; j++) {
                    mul = (dig_t)(mul * base);
                }
            }
            for (; i < stop; i++) {
                val = val * base + char_value(str[i]);
            }
            dbl_t c = val;
            for (size_t j = 0; j < dn; j++) {
                c += (dbl_t)d[j] * mul;
                d[j] = (dig_t)c;
                c >>= DIG_BITS;
            }
            if (c != 0) {
                d[dn++] = (dig_t)c;
            }
        }
    }
    mpz_set_len(z, dig_norm(d, dn), neg);
    return end;
}

// Builds a double from its IEEE 754 bit pattern.
static double double_from_bits(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

bool py_mpz_set_from_double(py_mpz_t *z, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof(bits));
    bool neg = (bits >> 63) != 0;
    unsigned exp = (unsigned)(bits >> 52) & 0x7ff;
    uint64_t frac = bits & (((uint64_t)1 << 52) - 1);
    if (exp == 0x7ff) {
        return false;
    }
    if (exp < 1023) {
        // |d| < 1 (including zeros and subnormals) truncates to zero.
        mpz_set_len(z, 0, false);
        return true;
    }
    // |d| == (2**52 + frac) * 2**(exp - 1075).
    uint64_t mant = frac | ((uint64_t)1 << 52);
    if (exp < 1075) {
        mpz_set_ull(z, mant >> (1075 - exp), neg);
    } else {
        mpz_set_ull(z, mant, neg);
        py_mpz_shl(z, z, exp - 1075);
    }
    return true;
}

void py_mpz_set_from_bytes(py_mpz_t *z, bool big_endian, bool is_signed, size_t len,
                           const uint8_t *buf) {
    bool neg = false;
    if (is_signed && len > 0) {
        neg = ((big_endian ? buf[0] : buf[len - 1]) & 0x80) != 0;
    }
    const size_t per = DIG_BITS / 8;
    size_t n = len / per + 1;
    mpz_need(z, n);
    dig_t *d = z->dig;
    memset(d, 0, n * sizeof(dig_t));
    // A negative value's magnitude is the two's complement of the bytes: ~raw + 1.
    unsigned carry = neg;
    for (size_t i = 0; i < len; i++) {
        unsigned b = big_endian ? buf[len - 1 - i] : buf[i];
        if (neg) {
            b = (~b & 0xffu) + carry;
            carry = b >> 8;
            b &= 0xffu;
        }
        d[i / per] = (dig_t)(d[i / per] | ((dig_t)b << (8 * (i % per))));
    }
    mpz_set_len(z, dig_norm(d, n), neg);
}

// ---- Conversion out ------------------------------------------------------------------------

bool py_mpz_as_int_checked(const py_mpz_t *z, intptr_t *value) {
    size_t n = z->len;
    if (n > sizeof(uintptr_t) * 8 / DIG_BITS) {
        return false;
    }
    uintptr_t m = 0;
    for (size_t i = n; i-- > 0;) {
        // Two half shifts: a full-width shift is undefined when digits are as wide as pointers.
        m = (m << (DIG_BITS / 2) << (DIG_BITS / 2)) | z->dig[i];
    }
    if (!z->neg) {
        if (m > (uintptr_t)INTPTR_MAX) {
            return false;
        }
        *value = (intptr_t)m;
    } else {
        if (m > (uintptr_t)INTPTR_MAX + 1) {
            return false;
        }
        *value = -(intptr_t)(m - 1) - 1;
    }
    return true;
}

// Returns bits [lo, lo + cnt) of abs([z]) for cnt <= 64.
static uint64_t mag_bits(const py_mpz_t *z, size_t lo, unsigned cnt) {
    uint64_t r = 0;
    unsigned got = 0;
    size_t di = lo / DIG_BITS;
    unsigned off = (unsigned)(lo % DIG_BITS);
    while (got < cnt && di < z->len) {
        r |= (uint64_t)(z->dig[di] >> off) << got;
        got += DIG_BITS - off;
        off = 0;
        di++;
    }
    if (cnt < 64) {
        r &= ((uint64_t)1 << cnt) - 1;
    }
    return r;
}

// Returns true if any of the low [n] bits of abs([z]) is set.
static bool mag_any_below(const py_mpz_t *z, size_t n) {
    size_t full = n / DIG_BITS;
    for (size_t i = 0; i < full && i < z->len; i++) {
        if (z->dig[i] != 0) {
            return true;
        }
    }
    unsigned rest = (unsigned)(n % DIG_BITS);
    return rest != 0 && full < z->len && (z->dig[full] & (((dbl_t)1 << rest) - 1)) != 0;
}

bool py_mpz_as_double_checked(const py_mpz_t *z, double *value) {
    const uint64_t sign = (uint64_t)z->neg << 63;
    size_t nb = py_mpz_bit_length(z);
    if (nb == 0) {
        *value = 0.0;
        return true;
    }
    if (nb > 1024) {
        return false;
    }
    // Take the top 53 bits and round half to even using the next bit and a sticky bit.
    uint64_t m;
    size_t e = nb - 1; // unbiased exponent of the leading bit
    if (nb <= 53) {
        m = mag_bits(z, 0, (unsigned)nb) << (53 - nb);
    } else {
        size_t shift = nb - 53;
        m = mag_bits(z, shift, 53);
        bool half = mag_bits(z, shift - 1, 1) != 0;
        if (half && ((m & 1) != 0 || mag_any_below(z, shift - 1))) {
            m++;
            if (m == (uint64_t)1 << 53) {
                m >>= 1;
                e++;
            }
        }
    }
    if (e > 1023) {
        return false;
    }
    const uint64_t frac_mask = ((uint64_t)1 << 52) - 1;
    *value = double_from_bits(sign | ((uint64_t)(e + 1023) << 52) | (m & frac_mask));
    return true;
}

double py_mpz_as_double(const py_mpz_t *z) {
    double d;
    if (!py_mpz_as_double_checked(z, &d)) {
        d = double_from_bits(((uint64_t)z->neg << 63) | ((uint64_t)0x7ff << 52));
    }
    return d;
}

// Returns true if abs([z]) is a power of two.
static bool mag_is_pow2(const py_mpz_t *z) {
    size_t n = z->len;
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i + 1 < n; i++) {
        if (z->dig[i] != 0) {
            return false;
        }
    }
    dig_t top = z->dig[n - 1];
    return (top & (top - 1)) == 0;
}

bool py_mpz_as_bytes(const py_mpz_t *z, bool big_endian, bool is_signed, size_t len, uint8_t *buf) {
    bool neg = z->neg;
    if (neg && !is_signed) {
        return false;
    }
    size_t nb = py_mpz_bit_length(z);
    if (len == 0) {
        // CPython accepts -1 here too: its infinite sign bits need no byte.
        return nb == 0 || (neg && nb == 1);
    }
    size_t max_bits = len > SIZE_MAX / 8 ? SIZE_MAX : len * 8;
    if (!is_signed) {
        if (nb > max_bits) {
            return false;
        }
    } else if (!neg) {
        if (nb >= max_bits) {
            return false;
        }
    } else {
        // -2**(8*len-1) is the one value whose magnitude needs all 8*len bits.
        if (nb > max_bits || (nb == max_bits && !mag_is_pow2(z))) {
            return false;
        }
    }
    const size_t per = DIG_BITS / 8;
    unsigned carry = neg;
    for (size_t i = 0; i < len; i++) {
        size_t di = i / per;
        unsigned b = di < z->len ? (unsigned)(z->dig[di] >> (8 * (i % per))) & 0xffu : 0;
        if (neg) {
            b = (~b & 0xffu) + carry;
            carry = b >> 8;
        }
        buf[big_endian ? len - 1 - i : i] = (uint8_t)b;
    }
    return true;
}

size_t py_mpz_str_max_len(const py_mpz_t *z, unsigned base) {
    size_t nb = py_mpz_bit_length(z);
    // chars <= ceil(nb / log2(base)) <= ceil(nb * 32 / log2_x32[base]), computed without
    // overflowing; plus sign and NUL.
    size_t l = log2_x32[base];
    return (nb / l) * 32 + ((nb % l) * 32 + l - 1) / l + 3;
}

// Emits the chars of [r] (a value below base**k) backward from [p], exactly [k] of them when
// [pad], else just the significant ones; returns the new start.
static char *emit_chunk(char *p, dig_t r, unsigned base, unsigned k, bool pad,
                        const char *alphabet) {
    if (pad) {
        for (unsigned i = 0; i < k; i++) {
            *--p = alphabet[r % base];
            r = (dig_t)(r / base);
        }
    } else {
        while (r != 0) {
            *--p = alphabet[r % base];
            r = (dig_t)(r / base);
        }
    }
    return p;
}

// Converts the magnitude d[0..n) to base [big] chunks c[] (least significant first) and
// returns their count.  Digits are fed from the top: c = c * B + d[i] in base [big].  The carry
// between chunks is the quotient, so the remainder's multiply stays off the dependency chain.
// Inlined so that a constant [big] turns the divisions into multiplications.
static inline size_t to_chunks(dig_t *c, const dig_t *d, size_t n, dig_t big) {
    size_t cn = 0;
    for (size_t i = n; i-- > 0;) {
        // hi < B always holds: initially a digit, later (c[j] * B + hi) / big < B.
        dbl_t hi = d[i];
        for (size_t j = 0; j < cn; j++) {
            dbl_t t = ((dbl_t)c[j] << DIG_BITS) | hi;
            hi = t / big;
            c[j] = (dig_t)(t - hi * big);
        }
        while (hi != 0) {
            c[cn++] = (dig_t)(hi % big);
            hi /= big;
        }
    }
    return cn;
}

// The decimal chunk, a compile-time constant so that to_chunks can divide by reciprocal.
#if DIG_BITS == 16
#define DEC_CHUNK ((dig_t)10000u)
#else
#define DEC_CHUNK ((dig_t)1000000000u)
#endif

size_t py_mpz_as_str(const py_mpz_t *z, unsigned base, bool upper, char *buf) {
    const char *alphabet =
        upper ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "0123456789abcdefghijklmnopqrstuvwxyz";
    size_t n = z->len;
    if (n == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return 1;
    }
    // Chars are produced least significant first, backward from the end of the buffer.
    char *end = buf + py_mpz_str_max_len(z, base) - 1;
    char *p = end;
    unsigned k2 = pow2_bits(base);
    if (k2 != 0) {
        size_t nb = py_mpz_bit_length(z);
        for (size_t bit = 0; bit < nb; bit += k2) {
            *--p = alphabet[mag_bits(z, bit, k2)];
        }
    } else {
        // Convert to base big = base**k (the largest power fitting a digit), then print each
        // chunk as k chars.  Quadratic, but with one multiply-high per digit pair.
        dig_t big;
        unsigned k = chunk_size(base, &big);
        size_t cap = (size_t)(end - buf) / k + 1;
        dig_t stack_buf[STACK_DIGS];
        dig_t *c = cap <= STACK_DIGS ? stack_buf : dig_alloc(cap);
        size_t cn;
        if (base == 10) {
            cn = to_chunks(c, z->dig, n, DEC_CHUNK);
        } else {
            cn = to_chunks(c, z->dig, n, big);
        }
        for (size_t i = 0; i < cn; i++) {
            p = emit_chunk(p, c[i], base, k, i + 1 < cn, alphabet);
        }
        if (c != stack_buf) {
            py_free(c);
        }
    }
    if (z->neg) {
        *--p = '-';
    }
    size_t len = (size_t)(end - p);
    memmove(buf, p, len);
    buf[len] = '\0';
    return len;
}

uintptr_t py_mpz_hash(const py_mpz_t *z) {
#if UINTPTR_MAX > 0xffffffffu
    const unsigned hb = 61;
#else
    const unsigned hb = 31;
#endif
    const uintptr_t modulus = ((uintptr_t)1 << hb) - 1;
    // Since 2**hb == 1 (mod modulus), multiplying by 2**16 is a rotation within hb bits; feed
    // the magnitude in 16-bit pieces from the top (valid for either digit size).
    uintptr_t x = 0;
    for (size_t i = z->len; i-- > 0;) {
        dig_t d = z->dig[i];
        for (unsigned h = DIG_BITS / 16; h-- > 0;) {
            x = ((x << 16) & modulus) | (x >> (hb - 16));
            x += (uintptr_t)(d >> (16 * h)) & 0xffffu;
            if (x >= modulus) {
                x -= modulus;
            }
        }
    }
    intptr_t h = (intptr_t)x;
    if (z->neg) {
        h = -h;
    }
    if (h == -1) {
        h = -2;
    }
    return (uintptr_t)h;
}

// ---- Predicates and comparison -------------------------------------------------------------

bool py_mpz_is_zero(const py_mpz_t *z) {
    return z->len == 0;
}

bool py_mpz_is_neg(const py_mpz_t *z) {
    return z->neg;
}

bool py_mpz_is_odd(const py_mpz_t *z) {
    return z->len != 0 && (z->dig[0] & 1) != 0;
}

int py_mpz_cmp(const py_mpz_t *a, const py_mpz_t *b) {
    if (a->neg != b->neg) {
        return a->neg ? -1 : 1;
    }
    int c = mag_cmp(a->dig, a->len, b->dig, b->len);
    return a->neg ? -c : c;
}

int py_mpz_cmp_int(const py_mpz_t *a, intptr_t b) {
    dig_t buf[SMALL_DIGS];
    py_mpz_t t;
    mpz_stack_ull(&t, buf, b < 0 ? (uintptr_t)0 - (uintptr_t)b : (uintptr_t)b, b < 0);
    return py_mpz_cmp(a, &t);
}

size_t py_mpz_bit_length(const py_mpz_t *z) {
    size_t n = z->len;
    if (n == 0) {
        return 0;
    }
    return (n - 1) * DIG_BITS + dig_bits(z->dig[n - 1]);
}

// ---- Arithmetic ----------------------------------------------------------------------------

void py_mpz_neg(py_mpz_t *dest, const py_mpz_t *a) {
    py_mpz_set(dest, a);
    mpz_set_len(dest, dest->len, !dest->neg);
}

void py_mpz_abs(py_mpz_t *dest, const py_mpz_t *a) {
    py_mpz_set(dest, a);
    dest->neg = 0;
}

// Adds one to the magnitude of [z] in place (the sign is left to the caller).
static void mag_inc(py_mpz_t *z) {
    size_t n = z->len;
    mpz_grow(z, n + 1);
    dig_t *d = z->dig;
    size_t i = 0;
    while (i < n && d[i] == DIG_MASK) {
        d[i++] = 0;
    }
    if (i == n) {
        d[n] = 1;
        z->len = n + 1;
    } else {
        d[i]++;
    }
}

// Subtracts one from the nonzero magnitude of [z] in place.
static void mag_dec(py_mpz_t *z) {
    dig_t one = 1;
    dig_sub_in(z->dig, z->len, &one, 1);
    mpz_set_len(z, dig_norm(z->dig, z->len), z->neg);
}

void py_mpz_invert(py_mpz_t *dest, const py_mpz_t *a) {
    // ~a == -(a + 1): for a >= 0 the magnitude grows by one and turns negative, for a < 0 it
    // shrinks by one and turns non-negative.
    py_mpz_set(dest, a);
    if (dest->neg) {
        mag_dec(dest);
        dest->neg = 0;
    } else {
        mag_inc(dest);
        dest->neg = 1;
    }
}

// Sets [dest] to [a] + (-1)**[flip] * [b].
static void add_signed(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b, bool flip) {
    const py_mpz_t *x = a, *y = b;
    bool xneg = a->neg, yneg = (bool)b->neg != flip;
    size_t xn = a->len, yn = b->len;
    if (xn < yn) {
        x = b;
        y = a;
        bool tneg = xneg;
        xneg = yneg;
        yneg = tneg;
        xn = b->len;
        yn = a->len;
    }
    if (xn == 0) {
        // Both zero; spares an allocation.
        mpz_set_len(dest, 0, false);
        return;
    }
    if (xneg == yneg) {
        mpz_grow(dest, xn + 1);
        // Read the operand pointers only now: growing [dest] may have moved an aliased one.
        dig_t *r = dest->dig;
        r[xn] = dig_add(r, x->dig, xn, y->dig, yn);
        mpz_set_len(dest, xn + (r[xn] != 0), xneg);
        return;
    }
    int c = mag_cmp(x->dig, xn, y->dig, yn);
    if (c == 0) {
        mpz_set_len(dest, 0, false);
        return;
    }
    if (c < 0) {
        const py_mpz_t *t = x;
        x = y;
        y = t;
        xneg = yneg;
        size_t tn = xn;
        xn = yn;
        yn = tn;
    }
    mpz_grow(dest, xn);
    dig_t *r = dest->dig;
    dig_sub(r, x->dig, xn, y->dig, yn);
    mpz_set_len(dest, dig_norm(r, xn), xneg);
}

void py_mpz_add(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    add_signed(dest, a, b, false);
}

void py_mpz_sub(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    add_signed(dest, a, b, true);
}

void py_mpz_mul(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    size_t an = a->len, bn = b->len;
    bool neg = a->neg != b->neg;
    if (an == 0 || bn == 0) {
        mpz_set_len(dest, 0, false);
        return;
    }
    size_t n = an + bn;
    if (dest != a && dest != b && dest->alloc >= n) {
        dig_mul(dest->dig, a->dig, an, b->dig, bn);
        mpz_set_len(dest, dig_norm(dest->dig, n), neg);
        return;
    }
    dig_t *r = dig_alloc(n);
    dig_mul(r, a->dig, an, b->dig, bn);
    mpz_adopt(dest, r, n, n, neg);
}

void py_mpz_divmod(py_mpz_t *quo, py_mpz_t *rem, const py_mpz_t *a, const py_mpz_t *b) {
    size_t an = a->len, bn = b->len;
    bool aneg = a->neg, bneg = b->neg;
    // Everything is computed into temporaries before either destination is written, so the
    // destinations may alias the operands.  [u] receives |a| (shifted) and ends up holding the
    // remainder magnitude; it also has room for the shifted divisor.
    size_t qcap = (an >= bn ? an - bn + 1 : 0) + 1; // + 1 for the flooring increment
    dig_t *q = NULL;
    size_t qn = 0;
    if (quo != NULL) {
        q = dig_alloc(qcap);
        memset(q, 0, qcap * sizeof(dig_t));
    }
    dig_t *u = dig_alloc(size_add(an, bn + 2));
    size_t rn;
    if (mag_cmp(a->dig, an, b->dig, bn) < 0) {
        // |a| < |b|: quotient 0, remainder |a|.
        if (an != 0) {
            memcpy(u, a->dig, an * sizeof(dig_t));
        }
        rn = an;
    } else if (bn == 1) {
        dig_t d = b->dig[0];
        if (q != NULL) {
            u[0] = dig_divmod_1(q, a->dig, an, d);
        } else {
            u[0] = dig_mod_1(a->dig, an, d);
        }
        qn = an;
        rn = 1;
    } else {
        unsigned s = dig_clz(b->dig[bn - 1]);
        const dig_t *v = b->dig;
        if (s != 0) {
            dig_t *vs = u + an + 1;
            dig_shl_small(vs, b->dig, bn, s);
            v = vs;
        }
        dig_shl_small(u, a->dig, an, s);
        knuth_div(q, u, an + 1, v, bn);
        dig_shr_small(u, u, bn, s);
        qn = an + 1 - bn;
        rn = bn;
    }
    rn = dig_norm(u, rn);
    // Floor: when the signs differ and the division is inexact, the truncated quotient is one
    // too large toward zero and the remainder must be taken from the other side: |b| - r.
    if (aneg != bneg && rn != 0) {
        if (q != NULL) {
            // [q] is zero beyond qn, so the increment cannot run past qcap.
            dig_t one = 1;
            dig_add_in(q, qcap, &one, 1);
            qn = qcap;
        }
        dig_sub(u, b->dig, bn, u, rn);
        rn = dig_norm(u, bn);
    }
    if (quo != NULL) {
        mpz_adopt(quo, q, qcap, qn, aneg != bneg);
    }
    if (rem != NULL) {
        mpz_need(rem, rn);
        if (rn != 0) {
            memcpy(rem->dig, u, rn * sizeof(dig_t));
        }
        mpz_set_len(rem, rn, bneg);
    }
    py_free(u);
}

void py_mpz_pow(py_mpz_t *dest, const py_mpz_t *base, const py_mpz_t *exp) {
    size_t bn = base->len;
    if (exp->len == 0) {
        mpz_set_ull(dest, 1, false);
        return;
    }
    if (bn == 0) {
        mpz_set_len(dest, 0, false);
        return;
    }
    bool neg = base->neg && py_mpz_is_odd(exp);
    if (bn == 1 && base->dig[0] == 1) {
        mpz_set_ull(dest, 1, neg);
        return;
    }
    // |base| >= 2, so any exponent beyond size_t is certainly out of memory; so is a result
    // whose bit count overflows size_t.
    size_t eb = py_mpz_bit_length(exp);
    size_t bits = py_mpz_bit_length(base);
    size_t e = 0;
    if (eb < sizeof(size_t) * 8) {
        for (size_t i = exp->len; i-- > 0;) {
            e = (e << (DIG_BITS / 2) << (DIG_BITS / 2)) | exp->dig[i];
        }
    }
    if (e == 0 || e > SIZE_MAX / bits) {
        raise_too_big();
    }
    if (mag_is_pow2(base)) {
        // (2**k)**e is a single shift: the common 2**n costs O(n), not a chain of squarings.
        size_t shift = (bits - 1) * e;
        mpz_set_ull(dest, 1, neg);
        py_mpz_shl(dest, dest, shift);
        return;
    }
    // |base|**e < 2**(bits*e).  Every intermediate base**j (j <= e) and the digit-count
    // rounding of a product (up to two spare digits) fits in [cap].
    size_t cap = bits * e / DIG_BITS + 4;
    dig_t *r = dig_alloc(cap);
    dig_t *t = dig_alloc(cap);
    memcpy(r, base->dig, bn * sizeof(dig_t));
    size_t rn = bn;
    for (size_t i = eb - 1; i-- > 0;) {
        dig_mul(t, r, rn, r, rn);
        rn = dig_norm(t, 2 * rn);
        dig_t *s = r;
        r = t;
        t = s;
        if (((e >> i) & 1) != 0) {
            dig_mul(t, r, rn, base->dig, bn);
            rn = dig_norm(t, rn + bn);
            s = r;
            r = t;
            t = s;
        }
    }
    py_free(t);
    mpz_adopt(dest, r, cap, rn, neg);
}

void py_mpz_pow_mod(py_mpz_t *dest, const py_mpz_t *base, const py_mpz_t *exp,
                    const py_mpz_t *mod) {
    size_t n = mod->len;
    if (n == 1 && mod->dig[0] == 1) {
        mpz_set_len(dest, 0, false);
        return;
    }
    // One work area: shifted modulus v (n + 1), reduced base g (n), accumulator r (n),
    // product p (2n + 1), then Karatsuba scratch.
    size_t bn = base->len;
    size_t plen = 2 * n + 1 > bn + 1 ? 2 * n + 1 : bn + 1;
    size_t scratch_len = mul_scratch_len(n);
    dig_t *w = dig_alloc(size_add(size_add(4 * n + 1, plen), scratch_len));
    dig_t *v = w, *g = v + n + 1, *r = g + n, *p = r + n, *scratch = p + plen;
    modulus_t m = {v, n, 0, mod->dig[0]};
    if (n >= 2) {
        m.shift = dig_clz(mod->dig[n - 1]);
        dig_shl_small(v, mod->dig, n, m.shift);
    }
    // g = base mod |mod|, made non-negative.
    if (bn != 0) {
        memcpy(p, base->dig, bn * sizeof(dig_t));
    }
    mod_reduce(g, p, bn, &m);
    size_t gn = dig_norm(g, n);
    if (base->neg && gn != 0) {
        dig_sub(g, mod->dig, n, g, gn);
    }
    // Left-to-right binary exponentiation over the bits of exp.
    size_t eb = py_mpz_bit_length(exp);
    memset(r, 0, n * sizeof(dig_t));
    if (eb == 0) {
        r[0] = 1;
    } else {
        memcpy(r, g, n * sizeof(dig_t));
        for (size_t i = eb - 1; i-- > 0;) {
            mul_rec(p, r, n, r, n, scratch);
            mod_reduce(r, p, 2 * n, &m);
            if (((exp->dig[i / DIG_BITS] >> (i % DIG_BITS)) & 1) != 0) {
                mul_rec(p, r, n, g, n, scratch);
                mod_reduce(r, p, 2 * n, &m);
            }
        }
    }
    size_t rn = dig_norm(r, n);
    // Python gives the result the sign of the modulus: r - |mod| when mod < 0.
    if (mod->neg && rn != 0) {
        dig_sub(r, mod->dig, n, r, rn);
        rn = dig_norm(r, n);
    }
    bool neg = mod->neg;
    mpz_need(dest, rn);
    if (rn != 0) {
        memcpy(dest->dig, r, rn * sizeof(dig_t));
    }
    mpz_set_len(dest, rn, neg);
    py_free(w);
}

// Bitwise operations on infinite two's complement values.
typedef enum { BIT_AND, BIT_OR, BIT_XOR } bitop_t;

static void bitwise(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b, bitop_t op) {
    size_t an = a->len, bn = b->len;
    bool aneg = a->neg, bneg = b->neg;
    size_t n = an > bn ? an : bn;
    bool rneg;
    switch (op) {
        case BIT_AND:
            rneg = aneg && bneg;
            break;
        case BIT_OR:
            rneg = aneg || bneg;
            break;
        default:
            rneg = aneg != bneg;
            break;
    }
    // A negative result's magnitude can be B**n (e.g. -1 ^ (B**n - 1)), hence n + 1 digits.
    mpz_grow(dest, n + 1);
    const dig_t *ad = a->dig, *bd = b->dig;
    dig_t *rd = dest->dig;
    // Negative x is ~(|x| - 1) == ~|x| + 1: complement each digit and carry the +1 upward.
    // The result is converted back the same way, so one pass handles every sign combination.
    const dig_t am = aneg ? DIG_MASK : 0, bm = bneg ? DIG_MASK : 0, rm = rneg ? DIG_MASK : 0;
    dbl_t ac = aneg, bc = bneg, rc = rneg;
    for (size_t i = 0; i < n; i++) {
        ac += (dig_t)((i < an ? ad[i] : 0) ^ am);
        bc += (dig_t)((i < bn ? bd[i] : 0) ^ bm);
        dig_t x = (dig_t)ac, y = (dig_t)bc, z;
        ac >>= DIG_BITS;
        bc >>= DIG_BITS;
        switch (op) {
            case BIT_AND:
                z = x & y;
                break;
            case BIT_OR:
                z = x | y;
                break;
            default:
                z = x ^ y;
                break;
        }
        rc += (dig_t)(z ^ rm);
        rd[i] = (dig_t)rc;
        rc >>= DIG_BITS;
    }
    // For a negative result, a carry out of the top means the low digits were all zero and
    // the magnitude is exactly B**n.
    rd[n] = (dig_t)rc;
    mpz_set_len(dest, dig_norm(rd, n + 1), rneg);
}

void py_mpz_and(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    bitwise(dest, a, b, BIT_AND);
}

void py_mpz_or(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    bitwise(dest, a, b, BIT_OR);
}

void py_mpz_xor(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b) {
    bitwise(dest, a, b, BIT_XOR);
}

void py_mpz_shl(py_mpz_t *dest, const py_mpz_t *a, size_t n) {
    size_t an = a->len;
    bool neg = a->neg;
    if (an == 0) {
        mpz_set_len(dest, 0, false);
        return;
    }
    size_t ds = n / DIG_BITS;
    unsigned bs = (unsigned)(n % DIG_BITS);
    size_t rn = size_add(size_add(an, ds), 1);
    mpz_grow(dest, rn);
    // Downward shift (dig_shl_small) reads each source digit before it can be overwritten,
    // even when [dest] is [a].
    dig_t *r = dest->dig;
    dig_shl_small(r + ds, a->dig, an, bs);
    memset(r, 0, ds * sizeof(dig_t));
    mpz_set_len(dest, dig_norm(r, rn), neg);
}

void py_mpz_shr(py_mpz_t *dest, const py_mpz_t *a, size_t n) {
    size_t an = a->len;
    bool neg = a->neg;
    size_t ds = n / DIG_BITS;
    unsigned bs = (unsigned)(n % DIG_BITS);
    if (ds >= an) {
        // Every bit is shifted out: 0, or -1 for negatives (floor of a negative fraction).
        if (neg) {
            mpz_set_ull(dest, 1, true);
        } else {
            mpz_set_len(dest, 0, false);
        }
        return;
    }
    // Flooring a negative value rounds its magnitude up when any 1 bit is shifted out.
    bool round_up = neg && mag_any_below(a, n);
    size_t rn = an - ds;
    mpz_grow(dest, rn + 1);
    dig_t *r = dest->dig;
    dig_shr_small(r, a->dig + ds, rn, bs);
    mpz_set_len(dest, dig_norm(r, rn), neg);
    if (round_up) {
        mag_inc(dest);
        dest->neg = 1;
    }
}
