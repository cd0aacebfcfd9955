// SPDX-License-Identifier: MIT
// objint.c: the int type: small ints, conversions to and from C and text, and the type's slots.
//
// Small ints are immediate words; anything outside their range is a py_obj_int_t holding an mpz
// (objint_big.c does the arithmetic on those). Results are always normalised: a value that fits a
// small int is never boxed.

#include "objint.h"

#include <math.h>
#include <string.h>

#include "gc.h"
#include "objects.h"
#include "objtype.h"
#include "runtime.h"

#define SMALL_BITS ((int)(sizeof(intptr_t) * 8))

// Longest int literal body parsed from a stack buffer when underscores must be removed; longer
// ones are copied to the heap.
#define INT_PARSE_STACK_BUF (64)

// ---- Views and normalisation ---------------------------------------------------------------

const py_mpz_t *py_int_view_of_value(py_int_view_t *view, intptr_t v) {
    uintptr_t mag = v < 0 ? (uintptr_t)0 - (uintptr_t)v : (uintptr_t)v;
    size_t n = 0;
    while (mag != 0) {
        view->dig[n++] = (py_mpz_dig_t)mag;
        // Two half shifts: a full-width shift is undefined when digits are as wide as pointers.
        mag = mag >> (PY_MPZ_DIG_BITS / 2) >> (PY_MPZ_DIG_BITS / 2);
    }
    view->z.neg = v < 0;
    view->z.len = n;
    view->z.alloc = PY_INT_SMALL_DIGS;
    view->z.dig = view->dig;
    return &view->z;
}

const py_mpz_t *py_int_view(py_obj_t o, py_int_view_t *view) {
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return py_int_view_of_value(view, PY_OBJ_SMALL_INT_VALUE(o));
    }
    if (o == py_const_false || o == py_const_true) {
        return py_int_view_of_value(view, o == py_const_true);
    }
    return &((py_obj_int_t *)PY_OBJ_TO_PTR(o))->mpz;
}

py_obj_t py_int_from_mpz(py_mpz_t *z) {
    intptr_t v;
    if (py_mpz_as_int_checked(z, &v) && PY_SMALL_INT_FITS(v)) {
        py_mpz_deinit(z);
        return PY_OBJ_NEW_SMALL_INT(v);
    }
    // The digits stay reachable through [z] on the caller's stack while the box is allocated.
    py_obj_int_t *o = py_new_obj(py_obj_int_t, &py_type_int);
    o->mpz = *z;
    py_mpz_init_zero(z);
    return PY_OBJ_FROM_PTR(o);
}

// ---- Constructors ---------------------------------------------------------------------------

py_obj_t py_obj_new_int(intptr_t value) {
    if (PY_SMALL_INT_FITS(value)) {
        return PY_OBJ_NEW_SMALL_INT(value);
    }
    py_mpz_t z;
    py_mpz_init_from_int(&z, value);
    return py_int_from_mpz(&z);
}

py_obj_t py_obj_new_int_from_uint(uintptr_t value) {
    if (value <= (uintptr_t)PY_SMALL_INT_MAX) {
        return PY_OBJ_NEW_SMALL_INT(value);
    }
    return py_obj_new_int_from_ull(value);
}

py_obj_t py_obj_new_int_from_ll(long long value) {
    if (value >= PY_SMALL_INT_MIN && value <= PY_SMALL_INT_MAX) {
        return PY_OBJ_NEW_SMALL_INT((intptr_t)value);
    }
    py_mpz_t z;
    py_mpz_init_from_ll(&z, value, true);
    return py_int_from_mpz(&z);
}

py_obj_t py_obj_new_int_from_ull(unsigned long long value) {
    if (value <= (unsigned long long)PY_SMALL_INT_MAX) {
        return PY_OBJ_NEW_SMALL_INT((intptr_t)value);
    }
    py_mpz_t z;
    py_mpz_init_from_ll(&z, (long long)value, false);
    return py_int_from_mpz(&z);
}

#if PY_FEATURE_FLOAT
py_obj_t py_obj_new_int_from_float(py_float_t value) {
    if (isnan(value)) {
        py_raise_ValueError("cannot convert float NaN to integer");
    }
    if (isinf(value)) {
        py_raise_msg(&py_type_OverflowError, "cannot convert float infinity to integer");
    }
    // 2**(bits-2) is exactly a double; below it the truncation fits an intptr_t.
    const py_float_t lim = (py_float_t)((uintptr_t)1 << (SMALL_BITS - 2));
    if (value < lim && value > -lim) {
        return py_obj_new_int((intptr_t)value);
    }
    py_mpz_t z;
    py_mpz_init_zero(&z);
    py_mpz_set_from_double(&z, value);
    return py_int_from_mpz(&z);
}
#endif

bool py_obj_is_int(py_const_obj_t o) {
    return PY_OBJ_IS_SMALL_INT((py_obj_t)o) || o == py_const_false || o == py_const_true ||
           py_int_is_big(o);
}

// ---- Parsing ---------------------------------------------------------------------------------

static unsigned digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return (unsigned)(c - '0');
    }
    c = (char)(c | 0x20);
    if (c >= 'a' && c <= 'z') {
        return (unsigned)(c - 'a' + 10);
    }
    return 99;
}

// Checks [len] chars at [s] are digits of [base] with single underscores between them (and one
// before the first digit when [lead_us], as after a 0x prefix). Counts the underscores.
static bool digits_valid(const char *s, size_t len, unsigned base, bool lead_us, size_t *n_us) {
    size_t i = 0;
    *n_us = 0;
    if (lead_us && len > 0 && s[0] == '_') {
        i = 1;
        (*n_us)++;
    }
    if (i >= len) {
        return false;
    }
    for (bool need_digit = true; i < len; i++) {
        if (s[i] == '_') {
            if (need_digit) {
                return false;
            }
            need_digit = true;
            (*n_us)++;
        } else if (digit_value(s[i]) < base) {
            need_digit = false;
        } else {
            return false;
        }
    }
    return s[len - 1] != '_';
}

// Parses digits validated by digits_valid; short values never touch the mpz code.
static py_obj_t digits_to_int(const char *s, size_t len, bool neg, unsigned base, size_t n_us) {
    uintptr_t acc = 0;
    size_t i = 0;
    for (; i < len; i++) {
        if (s[i] == '_') {
            continue;
        }
        unsigned d = digit_value(s[i]);
        if (acc > (UINTPTR_MAX - d) / base) {
            break;
        }
        acc = acc * base + d;
    }
    if (i == len) {
        if (!neg) {
            return py_obj_new_int_from_uint(acc);
        }
        if (acc <= (uintptr_t)PY_SMALL_INT_MAX + 1) {
            return PY_OBJ_NEW_SMALL_INT(-(intptr_t)acc);
        }
    }
    char stack_buf[INT_PARSE_STACK_BUF];
    char *buf = (char *)s;
    size_t n = len;
    if (n_us > 0) {
        n = len - n_us;
        buf = n <= sizeof(stack_buf) ? stack_buf : py_malloc_noscan(n);
        for (size_t j = 0, k = 0; j < len; j++) {
            if (s[j] != '_') {
                buf[k++] = s[j];
            }
        }
    }
    py_mpz_t z;
    py_mpz_init_zero(&z);
    py_mpz_set_from_str(&z, buf, n, neg, base);
    if (buf != s && buf != stack_buf) {
        py_free(buf);
    }
    return py_int_from_mpz(&z);
}

static PY_NORETURN void raise_int_syntax(unsigned base) {
    py_raise_msg_varg(&py_type_ValueError, "invalid syntax for integer with base %u", base);
}

// The prefix letter of [base] (x, o, b) or 0.
static char prefix_letter(unsigned base) {
    return base == 16 ? 'x' : base == 8 ? 'o' : base == 2 ? 'b' : 0;
}

py_obj_t py_obj_new_int_from_str_len(const char *str, size_t len, bool neg, unsigned base) {
    // Tolerate the prefix in case the caller passed the whole literal.
    char p = prefix_letter(base);
    if (p != 0 && len >= 2 && str[0] == '0' && (str[1] | 0x20) == p) {
        str += 2;
        len -= 2;
    }
    size_t n_us;
    if (base < 2 || base > 36 || !digits_valid(str, len, base, base != 10, &n_us)) {
        raise_int_syntax(base);
    }
    return digits_to_int(str, len, neg, base, n_us);
}

// int(text, base): [base] is 0 (infer from the prefix) or 2..36; surrounding whitespace, a sign,
// a prefix matching the base, and underscores between digits are allowed.
static py_obj_t int_from_text(const char *s, size_t len, unsigned base) {
    unsigned given_base = base;
    while (len > 0 && py_num_is_space(s[len - 1])) {
        len--;
    }
    while (len > 0 && py_num_is_space(*s)) {
        s++;
        len--;
    }
    bool neg = false;
    if (len > 0 && (*s == '+' || *s == '-')) {
        neg = *s == '-';
        s++;
        len--;
    }
    bool prefixed = false;
    if (len >= 2 && s[0] == '0') {
        char c = (char)(s[1] | 0x20);
        unsigned pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb != 0 && (base == 0 || base == pb)) {
            base = pb;
            prefixed = true;
            s += 2;
            len -= 2;
        }
    }
    bool zero_lead = false;
    if (base == 0) {
        base = 10;
        zero_lead = len > 0 && s[0] == '0'; // base 0 forbids leading zeros like 010
    }
    size_t n_us;
    if (!digits_valid(s, len, base, prefixed, &n_us)) {
        raise_int_syntax(given_base);
    }
    if (zero_lead) {
        for (size_t i = 0; i < len; i++) {
            if (s[i] != '0' && s[i] != '_') {
                raise_int_syntax(given_base);
            }
        }
    }
    return digits_to_int(s, len, neg, base, n_us);
}

// ---- Conversions to C -------------------------------------------------------------------------

py_obj_t py_int_from_index(py_obj_t o) {
    if (!(py_obj_get_type(o)->flags & PY_TYPE_FLAG_IS_HEAP)) {
        return PY_OBJ_NULL;
    }
    py_obj_t dest[2];
    py_load_method_maybe(o, PY_QSTR___index__, dest);
    if (dest[0] != PY_OBJ_NULL) {
        py_obj_t r = py_call_method_n_kw(0, 0, dest);
        if (!py_obj_is_int(r)) {
            py_raise_msg_varg(&py_type_TypeError, "__index__ returned non-int (type %s)",
                              py_obj_get_type_str(r));
        }
        return r;
    }
    // An instance of a subclass of int carries its value as the native subobject.
    py_obj_t sub = py_instance_native(o);
    return sub != PY_OBJ_NULL && py_obj_is_int(sub) ? sub : PY_OBJ_NULL;
}

static PY_NORETURN void raise_not_int(py_const_obj_t o) {
    py_raise_msg_varg(&py_type_TypeError, "can't convert %s to int", py_obj_get_type_str(o));
}

bool py_obj_get_int_maybe(py_const_obj_t o, intptr_t *value) {
    py_obj_t x = (py_obj_t)o;
    if (PY_OBJ_IS_SMALL_INT(x)) {
        *value = PY_OBJ_SMALL_INT_VALUE(x);
    } else if (x == py_const_false || x == py_const_true) {
        *value = x == py_const_true;
    } else if (py_int_is_big(x)) {
        if (!py_mpz_as_int_checked(&((const py_obj_int_t *)o)->mpz, value)) {
            py_raise_msg(&py_type_OverflowError, "overflow converting long int to machine word");
        }
    } else {
        // Objects of Python classes may define __index__ (or subclass int).
        py_obj_t r = py_int_from_index(x);
        return r != PY_OBJ_NULL && py_obj_get_int_maybe(r, value);
    }
    return true;
}

intptr_t py_obj_get_int(py_const_obj_t o) {
    intptr_t v;
    if (py_obj_get_int_maybe(o, &v)) {
        return v;
    }
    raise_not_int(o);
}

intptr_t py_int_truncate(py_obj_t x) {
    if (!py_int_is_big(x)) {
        return PY_OBJ_IS_SMALL_INT(x) ? PY_OBJ_SMALL_INT_VALUE(x) : x == py_const_true;
    }
    const py_mpz_t *z = &((py_obj_int_t *)PY_OBJ_TO_PTR(x))->mpz;
    uintptr_t m = 0;
    size_t n = z->len < PY_INT_SMALL_DIGS ? z->len : PY_INT_SMALL_DIGS;
    for (size_t i = n; i-- > 0;) {
        m = (m << (PY_MPZ_DIG_BITS / 2) << (PY_MPZ_DIG_BITS / 2)) | z->dig[i];
    }
    return (intptr_t)(z->neg ? (uintptr_t)0 - m : m);
}

intptr_t py_obj_get_int_truncated(py_const_obj_t o) {
    if (!py_obj_is_int(o)) {
        return py_obj_get_int(o);
    }
    return py_int_truncate((py_obj_t)o);
}

// ---- Text -----------------------------------------------------------------------------------

// Writes the digits of [v] in [base] ending just before [end]; returns the start.
static char *format_small(char *end, intptr_t v, unsigned base, bool upper) {
    const char *alpha =
        upper ? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" : "0123456789abcdefghijklmnopqrstuvwxyz";
    uintptr_t mag = v < 0 ? (uintptr_t)0 - (uintptr_t)v : (uintptr_t)v;
    char *p = end;
    do {
        *--p = alpha[mag % base];
        mag /= base;
    } while (mag != 0);
    if (v < 0) {
        *--p = '-';
    }
    return p;
}

// Buffer for a small int in any base: every bit a digit, plus the sign.
#define SMALL_FORMAT_BUF (sizeof(intptr_t) * 8 + 2)

py_obj_t py_obj_int_format_base(py_obj_t self, unsigned base, bool upper) {
    if (!py_int_is_big(self)) {
        char buf[SMALL_FORMAT_BUF];
        char *p = format_small(buf + sizeof(buf), py_int_truncate(self), base, upper);
        return py_obj_new_str(p, (size_t)(buf + sizeof(buf) - p));
    }
    const py_mpz_t *z = &((py_obj_int_t *)PY_OBJ_TO_PTR(self))->mpz;
    py_vstr_t vstr;
    py_vstr_init(&vstr, py_mpz_str_max_len(z, base));
    size_t n = py_mpz_as_str(z, base, upper, vstr.buf);
    vstr.len = n;
    return py_obj_new_str_from_vstr(&vstr);
}

static void int_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    if (!py_int_is_big(self)) {
        char buf[SMALL_FORMAT_BUF];
        char *p = format_small(buf + sizeof(buf), py_int_truncate(self), 10, false);
        py_print_strn(print, p, (size_t)(buf + sizeof(buf) - p));
        return;
    }
    const py_mpz_t *z = &((py_obj_int_t *)PY_OBJ_TO_PTR(self))->mpz;
    char *buf = py_malloc_noscan(py_mpz_str_max_len(z, 10));
    size_t n = py_mpz_as_str(z, 10, false, buf);
    py_print_strn(print, buf, n);
    py_free(buf);
}

// ---- Slots ----------------------------------------------------------------------------------

PY_NORETURN void py_raise_zero_division(void) {
    py_raise_msg(&py_type_ZeroDivisionError, "divide by zero");
}

py_obj_t py_cmp_result(py_binary_op_t op, int c) {
    bool r;
    switch (op) {
        case PY_BINARY_OP_LESS:
            r = c < 0;
            break;
        case PY_BINARY_OP_MORE:
            r = c > 0 && c != 2;
            break;
        case PY_BINARY_OP_EQUAL:
            r = c == 0;
            break;
        case PY_BINARY_OP_LESS_EQUAL:
            r = c <= 0;
            break;
        case PY_BINARY_OP_MORE_EQUAL:
            r = c >= 0 && c != 2;
            break;
        case PY_BINARY_OP_NOT_EQUAL:
            r = c != 0;
            break;
        default:
            return PY_OBJ_NULL;
    }
    return PY_OBJ_NEW_BOOL(r);
}

// As obj.c hashes small ints (their value, with CPython's -1 -> -2); py_float_hash matches it.
static intptr_t small_hash(intptr_t v) {
    return v == -1 ? -2 : v;
}

py_obj_t py_int_unary_op(py_unary_op_t op, py_obj_t self) {
    if (py_int_is_big(self)) {
        const py_mpz_t *a = &((py_obj_int_t *)PY_OBJ_TO_PTR(self))->mpz;
        py_mpz_t r;
        py_mpz_init_zero(&r);
        switch (op) {
            case PY_UNARY_OP_BOOL:
                return py_const_true; // normalised: never zero
            case PY_UNARY_OP_HASH:
                return PY_OBJ_NEW_SMALL_INT((intptr_t)py_mpz_hash(a));
            case PY_UNARY_OP_POSITIVE:
            case PY_UNARY_OP_INT:
            case PY_UNARY_OP_INDEX:
                return self;
            case PY_UNARY_OP_NEGATIVE:
                py_mpz_neg(&r, a);
                break;
            case PY_UNARY_OP_ABS:
                if (!a->neg) {
                    return self;
                }
                py_mpz_abs(&r, a);
                break;
            case PY_UNARY_OP_INVERT:
                py_mpz_invert(&r, a);
                break;
#if PY_FEATURE_FLOAT
            case PY_UNARY_OP_FLOAT:
                return py_obj_new_float(py_int_as_float(self));
#endif
            default:
                return PY_OBJ_NULL;
        }
        return py_int_from_mpz(&r);
    }
    intptr_t v = py_int_truncate(self);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(v != 0);
        case PY_UNARY_OP_HASH:
            return PY_OBJ_NEW_SMALL_INT(small_hash(v));
        case PY_UNARY_OP_POSITIVE:
        case PY_UNARY_OP_INT:
        case PY_UNARY_OP_INDEX:
            return PY_OBJ_NEW_SMALL_INT(v);
        case PY_UNARY_OP_NEGATIVE:
            return py_obj_new_int(-v);
        case PY_UNARY_OP_ABS:
            return py_obj_new_int(v < 0 ? -v : v);
        case PY_UNARY_OP_INVERT:
            return PY_OBJ_NEW_SMALL_INT(~v);
#if PY_FEATURE_FLOAT
        case PY_UNARY_OP_FLOAT:
            return py_obj_new_float((py_float_t)v);
#endif
        default:
            return PY_OBJ_NULL;
    }
}

static PY_NORETURN void raise_negative_shift(void) {
    py_raise_ValueError("negative shift count");
}

// a ** b for small a and b >= 0; PY_OBJ_NULL if an intermediate overflows.
static py_obj_t small_pow(intptr_t a, intptr_t b) {
    intptr_t r = 1;
    for (;;) {
        if (b & 1) {
            if (__builtin_mul_overflow(r, a, &r)) {
                return PY_OBJ_NULL;
            }
        }
        b >>= 1;
        if (b == 0) {
            return py_obj_new_int(r);
        }
        if (__builtin_mul_overflow(a, a, &a)) {
            return PY_OBJ_NULL;
        }
    }
}

// Magnitudes up to 2**53 convert to double exactly (every small int does on 32-bit).
#if UINTPTR_MAX > 0xffffffffu
#define EXACT_DOUBLE_MAX ((intptr_t)1 << 53)
#else
#define EXACT_DOUBLE_MAX PY_SMALL_INT_MAX
#endif

static bool small_exact_double(intptr_t v) {
    return v <= EXACT_DOUBLE_MAX && v >= -EXACT_DOUBLE_MAX;
}

// [op] on two small values; PY_OBJ_NULL when the big-int code must take over.
static py_obj_t small_binary_op(py_binary_op_t op, intptr_t a, intptr_t b) {
    intptr_t r;
    switch (op) {
        case PY_BINARY_OP_OR:
            return PY_OBJ_NEW_SMALL_INT(a | b);
        case PY_BINARY_OP_XOR:
            return PY_OBJ_NEW_SMALL_INT(a ^ b);
        case PY_BINARY_OP_AND:
            return PY_OBJ_NEW_SMALL_INT(a & b);
        case PY_BINARY_OP_ADD:
            return py_obj_new_int(a + b);
        case PY_BINARY_OP_SUBTRACT:
            return py_obj_new_int(a - b);
        case PY_BINARY_OP_MULTIPLY:
            if (__builtin_mul_overflow(a, b, &r)) {
                return PY_OBJ_NULL;
            }
            return py_obj_new_int(r);
        case PY_BINARY_OP_LSHIFT:
            if (b < 0) {
                raise_negative_shift();
            }
            if (a == 0) {
                return PY_OBJ_NEW_SMALL_INT(0);
            }
            if (b < SMALL_BITS - 1) {
                r = (intptr_t)((uintptr_t)a << b);
                if ((r >> b) == a) {
                    return py_obj_new_int(r);
                }
            }
            return PY_OBJ_NULL;
        case PY_BINARY_OP_RSHIFT:
            if (b < 0) {
                raise_negative_shift();
            }
            return PY_OBJ_NEW_SMALL_INT(b >= SMALL_BITS ? (a < 0 ? -1 : 0) : a >> b);
        case PY_BINARY_OP_FLOOR_DIVIDE:
        case PY_BINARY_OP_MODULO:
        case PY_BINARY_OP_DIVMOD: {
            if (b == 0) {
                py_raise_zero_division();
            }
            intptr_t q = a / b, m = a % b;
            if (m != 0 && ((m < 0) != (b < 0))) {
                q--;
                m += b;
            }
            if (op == PY_BINARY_OP_FLOOR_DIVIDE) {
                return py_obj_new_int(q);
            }
            if (op == PY_BINARY_OP_MODULO) {
                return PY_OBJ_NEW_SMALL_INT(m);
            }
            py_obj_t items[2] = {py_obj_new_int(q), PY_OBJ_NEW_SMALL_INT(m)};
            return py_obj_new_tuple(2, items);
        }
#if PY_FEATURE_FLOAT
        case PY_BINARY_OP_TRUE_DIVIDE:
            if (b == 0) {
                py_raise_zero_division();
            }
            if (small_exact_double(a) && small_exact_double(b)) {
                return py_obj_new_float((py_float_t)a / (py_float_t)b);
            }
            return py_int_true_divide(PY_OBJ_NEW_SMALL_INT(a), PY_OBJ_NEW_SMALL_INT(b));
#endif
        case PY_BINARY_OP_POWER:
            if (b < 0) {
#if PY_FEATURE_FLOAT
                if (a == 0) {
                    py_raise_zero_division();
                }
                return py_obj_new_float(pow((py_float_t)a, (py_float_t)b));
#else
                py_raise_ValueError("negative power with no float support");
#endif
            }
            return small_pow(a, b);
        case PY_BINARY_OP_LESS:
            return PY_OBJ_NEW_BOOL(a < b);
        case PY_BINARY_OP_MORE:
            return PY_OBJ_NEW_BOOL(a > b);
        case PY_BINARY_OP_EQUAL:
            return PY_OBJ_NEW_BOOL(a == b);
        case PY_BINARY_OP_LESS_EQUAL:
            return PY_OBJ_NEW_BOOL(a <= b);
        case PY_BINARY_OP_MORE_EQUAL:
            return PY_OBJ_NEW_BOOL(a >= b);
        case PY_BINARY_OP_NOT_EQUAL:
            return PY_OBJ_NEW_BOOL(a != b);
        default:
            return py_const_notimplemented;
    }
}

#if PY_FEATURE_FLOAT
static py_obj_t int_float_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    py_float_t f = ((py_obj_float_t *)PY_OBJ_TO_PTR(rhs))->value;
    if (op <= PY_BINARY_OP_NOT_EQUAL) {
        return py_cmp_result(op, py_int_float_cmp(lhs, f));
    }
    return py_float_binary_op_values(op, py_int_as_float(lhs), f);
}
#endif

py_obj_t py_int_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (PY_LIKELY(PY_OBJ_IS_SMALL_INT(lhs) && PY_OBJ_IS_SMALL_INT(rhs)) && op >= PY_BINARY_OP_OR &&
        op <= PY_BINARY_OP_POWER) {
        py_obj_t r = small_binary_op(op, PY_OBJ_SMALL_INT_VALUE(lhs), PY_OBJ_SMALL_INT_VALUE(rhs));
        if (r != PY_OBJ_NULL && r != py_const_notimplemented) {
            return r;
        }
    }
    if (op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER) {
        op = (py_binary_op_t)PY_BINARY_OP_INPLACE_TO_PLAIN(op);
    } else if (op >= PY_BINARY_OP_REVERSE_OR && op <= PY_BINARY_OP_REVERSE_POWER) {
        // other OP self, where other's type declined: only numbers can be handled here.
        op = (py_binary_op_t)(op - PY_BINARY_OP_REVERSE_OR + PY_BINARY_OP_OR);
        py_obj_t t = lhs;
        lhs = rhs;
        rhs = t;
        if (!py_obj_is_int(lhs)) {
#if PY_FEATURE_FLOAT
            if (py_obj_is_type(lhs, &py_type_float)) {
                return py_float_binary_op_values(op, ((py_obj_float_t *)lhs)->value,
                                                 py_int_as_float(rhs));
            }
#endif
            return PY_OBJ_NULL;
        }
    }
    if (!py_obj_is_int(rhs)) {
#if PY_FEATURE_FLOAT
        if (py_obj_is_type(rhs, &py_type_float)) {
            return int_float_op(op, lhs, rhs);
        }
#endif
        return PY_OBJ_NULL;
    }
    if (!py_int_is_big(lhs) && !py_int_is_big(rhs)) {
        py_obj_t r = small_binary_op(op, py_int_truncate(lhs), py_int_truncate(rhs));
        if (r == py_const_notimplemented) {
            return PY_OBJ_NULL;
        }
        if (r != PY_OBJ_NULL) {
            return r;
        }
    }
    return py_int_big_binary_op(op, lhs, rhs);
}

// ---- Conversions between int and float -------------------------------------------------------

#if PY_FEATURE_FLOAT
py_float_t py_int_as_float(py_obj_t o) {
    if (!py_int_is_big(o)) {
        return (py_float_t)py_int_truncate(o);
    }
    py_float_t f;
    if (!py_mpz_as_double_checked(&((py_obj_int_t *)PY_OBJ_TO_PTR(o))->mpz, &f)) {
        py_raise_msg(&py_type_OverflowError, "int too large to convert to float");
    }
    return f;
}

int py_int_float_cmp(py_obj_t i, py_float_t f) {
    if (isnan(f)) {
        return 2;
    }
    if (!py_int_is_big(i)) {
        intptr_t v = py_int_truncate(i);
        if (small_exact_double(v)) {
            py_float_t d = (py_float_t)v;
            return d < f ? -1 : d > f;
        }
    }
    if (isinf(f)) {
        return f > 0 ? -1 : 1;
    }
    // Compare with floor(f) exactly, then let the fraction break a tie.
    py_float_t fl = floor(f);
    py_mpz_t z;
    py_mpz_init_zero(&z);
    py_mpz_set_from_double(&z, fl);
    py_int_view_t view;
    int c = py_mpz_cmp(py_int_view(i, &view), &z);
    py_mpz_deinit(&z);
    if (c != 0) {
        return c < 0 ? -1 : 1;
    }
    return f > fl ? -1 : 0;
}
#endif

// ---- Construction from Python ----------------------------------------------------------------

// int(o) for an object that is not a number or text: __int__, then __index__, then __trunc__.
static py_obj_t int_from_object(py_obj_t o) {
    static const uint16_t names[] = {PY_QSTR___int__, PY_QSTR___index__, PY_QSTR___trunc__};
    py_obj_t r = PY_OBJ_NULL;
    if (py_obj_get_type(o)->flags & PY_TYPE_FLAG_IS_HEAP) {
        for (size_t i = 0; i < PY_ARRAY_SIZE(names) && r == PY_OBJ_NULL; i++) {
            py_obj_t dest[2];
            py_load_method_maybe(o, names[i], dest);
            if (dest[0] != PY_OBJ_NULL) {
                r = py_call_method_n_kw(0, 0, dest);
                if (!py_obj_is_int(r)) {
                    py_raise_msg_varg(&py_type_TypeError, "__%s__ returned non-int (type %s)",
                                      i == 0   ? "int"
                                      : i == 1 ? "index"
                                               : "trunc",
                                      py_obj_get_type_str(r));
                }
            }
        }
        if (r == PY_OBJ_NULL) {
            r = py_unary_op(PY_UNARY_OP_INT, o);
        }
    } else {
        const py_obj_type_t *t = py_obj_get_type(o);
        if (t->unary_op != NULL) {
            r = t->unary_op(PY_UNARY_OP_INT, o);
        }
        if (r == PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError,
                              "int() argument must be a string, a bytes-like object or a real "
                              "number, not '%s'",
                              py_obj_get_type_str(o));
        }
    }
    if (r == py_const_false || r == py_const_true) {
        r = PY_OBJ_NEW_SMALL_INT(r == py_const_true);
    }
    return r;
}

// The text of [o] if it is str, bytes or bytearray.
static bool get_text(py_obj_t o, const char **data, size_t *len) {
    if (py_obj_is_str_or_bytes(o)) {
        *data = py_obj_str_get_data(o, len);
        return true;
    }
    py_buffer_info_t info;
    if (py_obj_is_type(o, &py_type_bytearray) && py_get_buffer(o, &info, PY_BUFFER_READ)) {
        *data = info.buf;
        *len = info.len;
        return true;
    }
    return false;
}

static py_obj_t int_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    py_obj_t x = n_args > 0 ? args[0] : PY_OBJ_NULL;
    py_obj_t base_obj = n_args > 1 ? args[1] : PY_OBJ_NULL;
    if (n_args > 2 || (n_kw > 0 && (n_kw > 1 || args[n_args] != PY_OBJ_NEW_QSTR(PY_QSTR_base)))) {
        py_raise_TypeError("int() takes at most 2 arguments");
    }
    if (n_kw == 1) {
        if (base_obj != PY_OBJ_NULL) {
            py_raise_TypeError("argument for int() given by name ('base') and position (2)");
        }
        base_obj = args[n_args + 1];
    }
    const char *text;
    size_t len;
    if (base_obj != PY_OBJ_NULL) {
        intptr_t base = py_obj_get_int(base_obj);
        if (base != 0 && (base < 2 || base > 36)) {
            py_raise_ValueError("int() base must be >= 2 and <= 36, or 0");
        }
        if (x == PY_OBJ_NULL || !get_text(x, &text, &len)) {
            py_raise_TypeError("int() can't convert non-string with explicit base");
        }
        return int_from_text(text, len, (unsigned)base);
    }
    if (x == PY_OBJ_NULL) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    if (PY_OBJ_IS_SMALL_INT(x) || py_int_is_big(x)) {
        return x;
    }
    if (x == py_const_false || x == py_const_true) {
        return PY_OBJ_NEW_SMALL_INT(x == py_const_true);
    }
#if PY_FEATURE_FLOAT
    if (py_obj_is_type(x, &py_type_float)) {
        return py_obj_new_int_from_float(((py_obj_float_t *)PY_OBJ_TO_PTR(x))->value);
    }
#endif
    if (get_text(x, &text, &len)) {
        return int_from_text(text, len, 10);
    }
    return int_from_object(x);
}

// ---- Methods and attributes ------------------------------------------------------------------

static py_obj_t int_bit_length(py_obj_t self) {
    py_int_view_t view;
    return py_obj_new_int_from_uint(py_mpz_bit_length(py_int_view(self, &view)));
}
static PY_DEFINE_CONST_FUN_OBJ_1(int_bit_length_obj, int_bit_length);

static py_obj_t int_bit_count(py_obj_t self) {
    py_int_view_t view;
    const py_mpz_t *z = py_int_view(self, &view);
    size_t n = 0;
    for (size_t i = 0; i < z->len; i++) {
        n += (size_t)__builtin_popcountll(z->dig[i]);
    }
    return py_obj_new_int_from_uint(n);
}
static PY_DEFINE_CONST_FUN_OBJ_1(int_bit_count_obj, int_bit_count);

static py_obj_t int_conjugate(py_obj_t self) {
    return py_int_unary_op(PY_UNARY_OP_POSITIVE, self);
}
static PY_DEFINE_CONST_FUN_OBJ_1(int_conjugate_obj, int_conjugate);

static py_obj_t int_as_integer_ratio(py_obj_t self) {
    py_obj_t items[2] = {int_conjugate(self), PY_OBJ_NEW_SMALL_INT(1)};
    return py_obj_new_tuple(2, items);
}
static PY_DEFINE_CONST_FUN_OBJ_1(int_as_integer_ratio_obj, int_as_integer_ratio);

// The byteorder argument: true for 'big'.
static bool byteorder_is_big(py_obj_t o) {
    size_t len;
    const char *s = py_obj_is_str(o) ? py_obj_str_get_data(o, &len) : NULL;
    if (s != NULL && len == 3 && memcmp(s, "big", 3) == 0) {
        return true;
    }
    if (s != NULL && len == 6 && memcmp(s, "little", 6) == 0) {
        return false;
    }
    py_raise_ValueError("byteorder must be either 'little' or 'big'");
}

static py_obj_t int_to_bytes(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_length, PY_ARG_INT, {.u_int = 1}},
        {PY_QSTR_byteorder, PY_ARG_OBJ, {.u_obj = PY_ROM_QSTR(PY_QSTR_big)}},
        {PY_QSTR_signed, PY_ARG_BOOL | PY_ARG_KW_ONLY, {.u_bool = false}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args - 1, args + 1, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    if (vals[0].u_int < 0) {
        py_raise_ValueError("length argument must be non-negative");
    }
    bool big = byteorder_is_big(vals[1].u_obj);
    size_t len = (size_t)vals[0].u_int;
    py_int_view_t view;
    const py_mpz_t *z = py_int_view(args[0], &view);
    if (z->neg && !vals[2].u_bool) {
        py_raise_msg(&py_type_OverflowError, "can't convert negative int to unsigned");
    }
    if (py_mpz_bit_length(z) > len * 8 + 1) {
        py_raise_msg(&py_type_OverflowError, "int too big to convert");
    }
    py_vstr_t vstr;
    py_vstr_init(&vstr, len);
    byte *buf = (byte *)py_vstr_add_len(&vstr, len);
    if (!py_mpz_as_bytes(z, big, vals[2].u_bool, len, buf)) {
        py_raise_msg(&py_type_OverflowError, "int too big to convert");
    }
    return py_obj_new_bytes_from_vstr(&vstr);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(int_to_bytes_obj, 1, int_to_bytes);

// Any iterable of ints in 0..255 as bytes, as CPython's from_bytes accepts.
static py_obj_t bytes_from_iterable(py_obj_t iterable) {
    py_vstr_t vstr;
    py_vstr_init(&vstr, 16);
    py_obj_t it = py_getiter(iterable, NULL);
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        intptr_t v = py_obj_get_int(x);
        if (v < 0 || v > 255) {
            py_raise_ValueError("bytes must be in range(0, 256)");
        }
        py_vstr_add_byte(&vstr, (byte)v);
    }
    return py_obj_new_bytes_from_vstr(&vstr);
}

static py_obj_t int_from_bytes(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_bytes, PY_ARG_OBJ | PY_ARG_REQUIRED, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_byteorder, PY_ARG_OBJ, {.u_obj = PY_ROM_QSTR(PY_QSTR_big)}},
        {PY_QSTR_signed, PY_ARG_BOOL | PY_ARG_KW_ONLY, {.u_bool = false}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    // args[0] is the class (a classmethod).
    py_arg_parse_all(n_args - 1, args + 1, kw_args, PY_ARRAY_SIZE(allowed), allowed, vals);
    bool big = byteorder_is_big(vals[1].u_obj);
    py_buffer_info_t info;
    py_obj_t src = vals[0].u_obj;
    if (!py_get_buffer(src, &info, PY_BUFFER_READ)) {
        src = bytes_from_iterable(src);
        py_get_buffer_raise(src, &info, PY_BUFFER_READ);
    }
    py_mpz_t z;
    py_mpz_init_zero(&z);
    py_mpz_set_from_bytes(&z, big, vals[2].u_bool, info.len, info.buf);
    return py_int_from_mpz(&z);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(int_from_bytes_fun_obj, 1, int_from_bytes);
static PY_DEFINE_CONST_CLASSMETHOD_OBJ(int_from_bytes_obj, PY_ROM_PTR(&int_from_bytes_fun_obj));

void py_int_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return; // ints are immutable: let the runtime raise
    }
    switch (attr) {
        case PY_QSTR_real:
        case PY_QSTR_numerator:
            dest[0] = int_conjugate(self);
            break;
        case PY_QSTR_imag:
            dest[0] = PY_OBJ_NEW_SMALL_INT(0);
            break;
        case PY_QSTR_denominator:
            dest[0] = PY_OBJ_NEW_SMALL_INT(1);
            break;
        default:
            break;
    }
}

static const py_map_elem_t int_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_bit_length), PY_ROM_PTR(&int_bit_length_obj)},
    {PY_ROM_QSTR(PY_QSTR_bit_count), PY_ROM_PTR(&int_bit_count_obj)},
    {PY_ROM_QSTR(PY_QSTR_to_bytes), PY_ROM_PTR(&int_to_bytes_obj)},
    {PY_ROM_QSTR(PY_QSTR_from_bytes), PY_ROM_PTR(&int_from_bytes_obj)},
    {PY_ROM_QSTR(PY_QSTR_conjugate), PY_ROM_PTR(&int_conjugate_obj)},
    {PY_ROM_QSTR(PY_QSTR_as_integer_ratio), PY_ROM_PTR(&int_as_integer_ratio_obj)},
};
PY_DEFINE_CONST_DICT(py_int_locals_dict, int_locals_table);

const py_obj_type_t py_type_int = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_int,
    .print = int_print,
    .make_new = int_make_new,
    .unary_op = py_int_unary_op,
    .binary_op = py_int_binary_op,
    .attr = py_int_attr,
    .locals_dict = (py_obj_dict_t *)&py_int_locals_dict,
};
