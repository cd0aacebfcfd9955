// SPDX-License-Identifier: MIT
// modrandom.c: the random module over a small deterministic generator (xoshiro128++).
//
// The generator keeps 128 bits of state in C globals (no heap, nothing for the GC). It is seeded
// from the port's py_port_random_seed() on first use and again by seed() or seed(None); seed(n)
// gives a repeatable sequence, though not CPython's (it uses a Mersenne Twister).

#include "extmod.h"
#include "gc.h"

static uint32_t rng_state[4];
static bool rng_seeded;

static uint32_t rotl(uint32_t x, unsigned k) {
    return (x << k) | (x >> (32 - k));
}

// splitmix32: spreads one seed word over the state, so nearby seeds give unrelated sequences and
// the state is never all zero.
static uint32_t splitmix32(uint32_t *x) {
    uint32_t z = (*x += 0x9e3779b9u);
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
}

static void rng_seed(uint64_t seed) {
    uint32_t x = (uint32_t)seed ^ rotl((uint32_t)(seed >> 32), 16);
    for (size_t i = 0; i < 4; i++) {
        rng_state[i] = splitmix32(&x);
    }
    rng_seeded = true;
}

static uint32_t rng_next(void) {
    if (!rng_seeded) {
        rng_seed(py_port_random_seed());
    }
    uint32_t *s = rng_state;
    uint32_t result = rotl(s[0] + s[3], 7) + s[0];
    uint32_t t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
}

// A uniform value in [0, n) for 0 < n <= 2^64 - 1, by rejection of the bits above n's width.
static uint64_t rng_below(uint64_t n) {
    unsigned bits = 0;
    while (bits < 64 && (n - 1) >> bits) {
        bits++;
    }
    for (;;) {
        uint64_t r = rng_next();
        if (bits > 32) {
            r = r << 32 | rng_next();
        }
        r = bits == 64 ? r : r & (((uint64_t)1 << bits) - 1);
        if (r < n) {
            return r;
        }
    }
}

// ---- Functions ----------------------------------------------------------------------------------

static py_obj_t random_seed(size_t n_args, const py_obj_t *args) {
    if (n_args == 0 || args[0] == py_const_none) {
        rng_seed(py_port_random_seed());
    } else if (py_obj_is_int(args[0])) {
        py_obj_t n = args[0];
        uint64_t v = (uint64_t)(uintptr_t)py_obj_get_int_truncated(n);
        if (sizeof(uintptr_t) < 8) {
            py_obj_t high = py_binary_op(PY_BINARY_OP_RSHIFT, n, PY_OBJ_NEW_SMALL_INT(32));
            v = (v & 0xffffffffu) | (uint64_t)(uint32_t)py_obj_get_int_truncated(high) << 32;
        }
        rng_seed(v);
    } else {
        rng_seed((uint64_t)py_obj_hash_value(args[0]));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(random_seed_obj, 0, 1, random_seed);

// getrandbits(k): k random bits as a non-negative int of any size.
static py_obj_t random_getrandbits(py_obj_t k_in) {
    intptr_t k = py_obj_get_int(k_in);
    if (k < 0) {
        py_raise_ValueError("number of bits must be non-negative");
    }
    if (k <= 32) {
        return py_obj_new_int_from_uint(k == 0 ? 0 : rng_next() >> (32 - k));
    }
    py_obj_t result = PY_OBJ_NEW_SMALL_INT(0);
    for (intptr_t done = 0; done < k; done += 32) {
        intptr_t take = k - done < 32 ? k - done : 32;
        py_obj_t part = py_obj_new_int_from_uint(rng_next() >> (32 - take));
        result = py_binary_op(PY_BINARY_OP_LSHIFT, result, PY_OBJ_NEW_SMALL_INT(take));
        result = py_binary_op(PY_BINARY_OP_OR, result, part);
    }
    return result;
}
static PY_DEFINE_CONST_FUN_OBJ_1(random_getrandbits_obj, random_getrandbits);

// A uniform int in [0, n) for a positive int object [n] of any size.
static py_obj_t randbelow(py_obj_t n) {
    if (PY_OBJ_IS_SMALL_INT(n)) {
        return py_obj_new_int_from_ull(rng_below((uint64_t)PY_OBJ_SMALL_INT_VALUE(n)));
    }
    py_obj_t dest[2];
    py_load_method(n, PY_QSTR_bit_length, dest);
    py_obj_t k = py_call_method_n_kw(0, 0, dest);
    for (;;) {
        py_obj_t r = random_getrandbits(k);
        if (py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, r, n))) {
            return r;
        }
    }
}

static bool int_is_positive(py_obj_t n) {
    return py_obj_is_true(py_binary_op(PY_BINARY_OP_MORE, n, PY_OBJ_NEW_SMALL_INT(0)));
}

static void check_int(py_obj_t o) {
    if (!py_obj_is_int(o)) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                          py_obj_get_type_str(o));
    }
}

// randrange(stop) or randrange(start, stop[, step]).
static py_obj_t random_randrange(size_t n_args, const py_obj_t *args) {
    for (size_t i = 0; i < n_args; i++) {
        check_int(args[i]);
    }
    py_obj_t start = n_args == 1 ? PY_OBJ_NEW_SMALL_INT(0) : args[0];
    py_obj_t stop = n_args == 1 ? args[0] : args[1];
    py_obj_t step = n_args == 3 ? args[2] : PY_OBJ_NEW_SMALL_INT(1);
    if (step == PY_OBJ_NEW_SMALL_INT(0)) {
        py_raise_ValueError("zero step for randrange()");
    }
    // The number of values: ceil((stop - start) / step), with floor division on negated values.
    py_obj_t width = py_binary_op(PY_BINARY_OP_SUBTRACT, stop, start);
    py_obj_t neg_width = py_unary_op(PY_UNARY_OP_NEGATIVE, width);
    py_obj_t count =
        py_unary_op(PY_UNARY_OP_NEGATIVE, py_binary_op(PY_BINARY_OP_FLOOR_DIVIDE, neg_width, step));
    if (!int_is_positive(count)) {
        py_raise_ValueError("empty range for randrange()");
    }
    py_obj_t r = randbelow(count);
    if (step != PY_OBJ_NEW_SMALL_INT(1)) {
        r = py_binary_op(PY_BINARY_OP_MULTIPLY, r, step);
    }
    return py_binary_op(PY_BINARY_OP_ADD, start, r);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(random_randrange_obj, 1, 3, random_randrange);

static py_obj_t random_randint(py_obj_t a, py_obj_t b) {
    check_int(a);
    check_int(b);
    py_obj_t count = py_binary_op(PY_BINARY_OP_ADD, py_binary_op(PY_BINARY_OP_SUBTRACT, b, a),
                                  PY_OBJ_NEW_SMALL_INT(1));
    if (!int_is_positive(count)) {
        py_raise_ValueError("empty range for randrange()");
    }
    return py_binary_op(PY_BINARY_OP_ADD, a, randbelow(count));
}
static PY_DEFINE_CONST_FUN_OBJ_2(random_randint_obj, random_randint);

// A random index into a sequence of [len] items (len > 0).
static size_t random_index(size_t len) {
    return (size_t)rng_below(len);
}

static py_obj_t random_choice(py_obj_t seq) {
    size_t len = (size_t)py_obj_get_int(py_obj_len(seq));
    if (len == 0) {
        py_raise_msg(&py_type_IndexError, "Cannot choose from an empty sequence");
    }
    return py_obj_subscr(seq, PY_OBJ_NEW_SMALL_INT(random_index(len)), PY_OBJ_SENTINEL);
}
static PY_DEFINE_CONST_FUN_OBJ_1(random_choice_obj, random_choice);

// shuffle(x): Fisher-Yates in place, through subscription so any mutable sequence works.
static py_obj_t random_shuffle(py_obj_t seq) {
    size_t len = (size_t)py_obj_get_int(py_obj_len(seq));
    for (size_t i = len; i > 1; i--) {
        size_t j = random_index(i);
        py_obj_t a = PY_OBJ_NEW_SMALL_INT(i - 1), b = PY_OBJ_NEW_SMALL_INT(j);
        py_obj_t va = py_obj_subscr(seq, a, PY_OBJ_SENTINEL);
        py_obj_t vb = py_obj_subscr(seq, b, PY_OBJ_SENTINEL);
        py_obj_subscr(seq, a, vb);
        py_obj_subscr(seq, b, va);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(random_shuffle_obj, random_shuffle);

// sample(population, k): k distinct picks, as a list, by a partial shuffle of a copy.
static py_obj_t random_sample(py_obj_t population, py_obj_t k_in) {
    py_obj_t pool = py_obj_list_from_iterable(population);
    py_obj_list_t *l = PY_OBJ_TO_PTR(pool);
    intptr_t k = py_obj_get_int(k_in);
    if (k < 0 || (size_t)k > l->len) {
        py_raise_ValueError("Sample larger than population or is negative");
    }
    for (size_t i = 0; i < (size_t)k; i++) {
        size_t j = i + random_index(l->len - i);
        py_obj_t t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return py_obj_new_list((size_t)k, l->items);
}
static PY_DEFINE_CONST_FUN_OBJ_2(random_sample_obj, random_sample);

#if PY_FEATURE_FLOAT
// A float in [0, 1) with 53 random bits.
static py_float_t random_float(void) {
    uint32_t a = rng_next() >> 5, b = rng_next() >> 6;
    return ((py_float_t)a * 67108864.0 + (py_float_t)b) * (1.0 / 9007199254740992.0);
}

static py_obj_t random_random(void) {
    return py_obj_new_float(random_float());
}
static PY_DEFINE_CONST_FUN_OBJ_0(random_random_obj, random_random);

static py_obj_t random_uniform(py_obj_t a_in, py_obj_t b_in) {
    py_float_t a = py_obj_get_float(a_in), b = py_obj_get_float(b_in);
    return py_obj_new_float(a + (b - a) * random_float());
}
static PY_DEFINE_CONST_FUN_OBJ_2(random_uniform_obj, random_uniform);
#endif

static const py_map_elem_t random_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_random)},
    {PY_ROM_QSTR(PY_QSTR_seed), PY_ROM_PTR(&random_seed_obj)},
    {PY_ROM_QSTR(PY_QSTR_getrandbits), PY_ROM_PTR(&random_getrandbits_obj)},
    {PY_ROM_QSTR(PY_QSTR_randrange), PY_ROM_PTR(&random_randrange_obj)},
    {PY_ROM_QSTR(PY_QSTR_randint), PY_ROM_PTR(&random_randint_obj)},
    {PY_ROM_QSTR(PY_QSTR_choice), PY_ROM_PTR(&random_choice_obj)},
    {PY_ROM_QSTR(PY_QSTR_shuffle), PY_ROM_PTR(&random_shuffle_obj)},
    {PY_ROM_QSTR(PY_QSTR_sample), PY_ROM_PTR(&random_sample_obj)},
#if PY_FEATURE_FLOAT
    {PY_ROM_QSTR(PY_QSTR_random), PY_ROM_PTR(&random_random_obj)},
    {PY_ROM_QSTR(PY_QSTR_uniform), PY_ROM_PTR(&random_uniform_obj)},
#endif
};
static PY_DEFINE_CONST_DICT(random_globals, random_globals_table);

const py_obj_module_t py_module_random = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&random_globals,
};
