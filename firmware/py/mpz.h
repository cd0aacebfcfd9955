// SPDX-License-Identifier: MIT
// mpz.h: arbitrary-precision integers for Python's int.
//
// Values are sign-magnitude: [neg] plus [len] little-endian digits in [dig], with no leading zero
// digits and zero always stored as len == 0, neg == 0.  Every py_mpz_t exclusively owns its digit
// buffer, which comes from the GC heap (py_malloc_noscan / py_realloc) and may be released early
// with py_free; a destination's old buffer may therefore be freed or reallocated by any operation
// writing to it, so never share [dig] between two py_mpz_t values (py_mpz_set copies).
//
// Operations raise MemoryError (through the allocator, which never returns NULL) when the heap is
// exhausted; the destination is then left holding a valid (possibly unchanged) value.

#ifndef PY_MPZ_H
#define PY_MPZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Digit width.  16-bit digits keep every intermediate product in 32 bits, which suits the
// ESP8266 (no 64-bit multiply in hardware); 64-bit hosts use 32-bit digits with 64-bit
// intermediates.  Either may be forced with -DPY_MPZ_DIG_BITS=16 or 32.
#ifndef PY_MPZ_DIG_BITS
#if UINTPTR_MAX == 0xffffffffu
#define PY_MPZ_DIG_BITS 16
#else
#define PY_MPZ_DIG_BITS 32
#endif
#endif

#if PY_MPZ_DIG_BITS == 16
typedef uint16_t py_mpz_dig_t;
typedef uint32_t py_mpz_dbl_t;
#elif PY_MPZ_DIG_BITS == 32
typedef uint32_t py_mpz_dig_t;
typedef uint64_t py_mpz_dbl_t;
#else
#error "PY_MPZ_DIG_BITS must be 16 or 32"
#endif

typedef struct {
    size_t neg : 1;
    size_t len : (sizeof(size_t) * 8 - 1);
    size_t alloc; // capacity of [dig] in digits
    py_mpz_dig_t *dig;
} py_mpz_t;

// ---- Construction and assignment ----------------------------------------------------------

// Initialises [z] to zero without allocating.
void py_mpz_init_zero(py_mpz_t *z);

// Initialises [z] to the value [v].
void py_mpz_init_from_int(py_mpz_t *z, intptr_t v);

// Initialises [z] to [v], read as a signed long long when [is_signed], otherwise as the
// unsigned long long with the same bits.
void py_mpz_init_from_ll(py_mpz_t *z, long long v, bool is_signed);

// Releases the digit buffer of [z] early (optional, the GC would reclaim it) and leaves [z] zero.
void py_mpz_deinit(py_mpz_t *z);

// Sets [dest] to a copy of [src]; [dest] may be [src].
void py_mpz_set(py_mpz_t *dest, const py_mpz_t *src);

// Sets [z] to the digits at [str] (up to [len] chars) in [base] 2..36, negated when [neg].
// Digits are '0'-'9' then letters in either case; there is no sign, prefix or underscore.
// Parsing stops at the first char that is not a digit of [base]; returns the chars consumed
// (zero chars leave [z] == 0).
size_t py_mpz_set_from_str(py_mpz_t *z, const char *str, size_t len, bool neg, unsigned base);

// Sets [z] to [d] truncated toward zero; returns false (leaving [z] unchanged) if [d] is an
// infinity or a NaN.
bool py_mpz_set_from_double(py_mpz_t *z, double d);

// Sets [z] from the [len] bytes at [buf] (int.from_bytes): most significant byte first when
// [big_endian]; two's complement when [is_signed].
void py_mpz_set_from_bytes(py_mpz_t *z, bool big_endian, bool is_signed, size_t len,
                           const uint8_t *buf);

// ---- Conversion out -----------------------------------------------------------------------

// Stores [z] in [*value] and returns true if it fits an intptr_t; returns false otherwise.
bool py_mpz_as_int_checked(const py_mpz_t *z, intptr_t *value);

// Returns [z] as the nearest double (ties to even); returns an infinity of [z]'s sign when the
// magnitude is too large (2**1024 or more after rounding).
double py_mpz_as_double(const py_mpz_t *z);

// Like py_mpz_as_double, storing into [*value]; returns false instead of producing an infinity,
// so the caller can raise OverflowError.
bool py_mpz_as_double_checked(const py_mpz_t *z, double *value);

// Writes [z] into the [len] bytes at [buf] (int.to_bytes): most significant byte first when
// [big_endian]; two's complement when [is_signed].  Returns false (buf contents unspecified)
// if [z] does not fit, including a negative [z] with ![is_signed].
bool py_mpz_as_bytes(const py_mpz_t *z, bool big_endian, bool is_signed, size_t len, uint8_t *buf);

// Returns a buffer size sufficient for py_mpz_as_str([z], [base], ...), including the sign and
// the terminating NUL.
size_t py_mpz_str_max_len(const py_mpz_t *z, unsigned base);

// Writes [z] in [base] 2..36 to [buf] ('-' if negative, no prefix, letters in upper case when
// [upper]) followed by a NUL; [buf] must hold py_mpz_str_max_len([z], [base]) chars.  Returns
// the length written, excluding the NUL.
size_t py_mpz_as_str(const py_mpz_t *z, unsigned base, bool upper, char *buf);

// Returns hash([z]) as CPython computes it for ints: the value reduced modulo 2**61 - 1 (64-bit
// pointers) or 2**31 - 1 (32-bit pointers) keeping the sign, with -1 mapped to -2.  The result
// is the bits of an intptr_t.
uintptr_t py_mpz_hash(const py_mpz_t *z);

// ---- Predicates and comparison ------------------------------------------------------------

// Returns true if [z] is zero.
bool py_mpz_is_zero(const py_mpz_t *z);

// Returns true if [z] is negative.
bool py_mpz_is_neg(const py_mpz_t *z);

// Returns true if [z] is odd.
bool py_mpz_is_odd(const py_mpz_t *z);

// Returns a negative, zero or positive value as [a] < [b], [a] == [b], [a] > [b].
int py_mpz_cmp(const py_mpz_t *a, const py_mpz_t *b);

// Compares [a] with the small integer [b] like py_mpz_cmp, without allocating.
int py_mpz_cmp_int(const py_mpz_t *a, intptr_t b);

// Returns the number of bits of abs([z]), 0 for zero (int.bit_length).
size_t py_mpz_bit_length(const py_mpz_t *z);

// ---- Arithmetic (destinations may alias operands) -----------------------------------------

// Sets [dest] to -[a]; [dest] may alias [a].
void py_mpz_neg(py_mpz_t *dest, const py_mpz_t *a);

// Sets [dest] to abs([a]); [dest] may alias [a].
void py_mpz_abs(py_mpz_t *dest, const py_mpz_t *a);

// Sets [dest] to ~[a] == -[a] - 1; [dest] may alias [a].
void py_mpz_invert(py_mpz_t *dest, const py_mpz_t *a);

// Sets [dest] to [a] + [b]; [dest] may alias either operand.
void py_mpz_add(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [a] - [b]; [dest] may alias either operand.
void py_mpz_sub(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [a] * [b]; [dest] may alias either operand.
void py_mpz_mul(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [quo] to [a] // [b] and [rem] to [a] % [b] with Python's flooring semantics (the
// remainder takes the sign of [b]).  Either destination may be NULL; each may alias [a] or [b]
// but they must be distinct.  The caller guarantees [b] != 0.
void py_mpz_divmod(py_mpz_t *quo, py_mpz_t *rem, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [base] ** [exp] for [exp] >= 0 (0 ** 0 == 1); [dest] may alias either operand.
void py_mpz_pow(py_mpz_t *dest, const py_mpz_t *base, const py_mpz_t *exp);

// Sets [dest] to pow([base], [exp], [mod]) for [exp] >= 0 and [mod] != 0; the result has the
// sign of [mod] (or is zero).  [dest] may alias any operand.
void py_mpz_pow_mod(py_mpz_t *dest, const py_mpz_t *base, const py_mpz_t *exp, const py_mpz_t *mod);

// Sets [dest] to [a] & [b], treating negatives as infinite two's complement; may alias.
void py_mpz_and(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [a] | [b], treating negatives as infinite two's complement; may alias.
void py_mpz_or(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [a] ^ [b], treating negatives as infinite two's complement; may alias.
void py_mpz_xor(py_mpz_t *dest, const py_mpz_t *a, const py_mpz_t *b);

// Sets [dest] to [a] << [n]; [dest] may alias [a].
void py_mpz_shl(py_mpz_t *dest, const py_mpz_t *a, size_t n);

// Sets [dest] to [a] >> [n], rounding toward negative infinity like Python (-5 >> 1 == -3);
// [dest] may alias [a].
void py_mpz_shr(py_mpz_t *dest, const py_mpz_t *a, size_t n);

#endif // PY_MPZ_H
