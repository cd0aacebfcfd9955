// SPDX-License-Identifier: MIT
// modhashlib.c: the hashlib module: sha256, sha1 and md5 objects over mbedTLS 2.28.
//
// Each algorithm is a type whose [protocol] points at its hash_algo_t. As in CPython, digest()
// and hexdigest() work on a copy of the state, so update() may go on afterwards (MicroPython's
// digest() ends the object instead).

#include "extmod.h"

#if PY_EXTMOD_HASHLIB

#include <mbedtls/md5.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

#include "gc.h"

// The largest digest of the algorithms here (SHA-256).
#define HASH_MAX_DIGEST (32)

typedef struct hash_algo {
    size_t ctx_size;
    size_t digest_size;
    size_t block_size;
    void (*start)(void *ctx);
    void (*update)(void *ctx, const byte *data, size_t len);
    void (*finish)(void *ctx, byte *out);
    void (*clone)(void *dst, const void *src);
} hash_algo_t;

typedef struct hash_obj {
    py_obj_base_t base;
    // The mbedTLS context, [algo->ctx_size] bytes, 8-byte aligned for its uint64 fields.
    union {
        uint64_t align;
        byte bytes[1];
    } ctx[];
} hash_obj_t;

// ---- The algorithms -----------------------------------------------------------------------------
// mbedTLS's *_ret functions fail only for hardware accelerators; the software ones cannot fail.

static void sha256_start(void *ctx) {
    mbedtls_sha256_init(ctx);
    mbedtls_sha256_starts_ret(ctx, 0);
}
static void sha256_update(void *ctx, const byte *data, size_t len) {
    mbedtls_sha256_update_ret(ctx, data, len);
}
static void sha256_finish(void *ctx, byte *out) {
    mbedtls_sha256_finish_ret(ctx, out);
}
static void sha256_clone(void *dst, const void *src) {
    mbedtls_sha256_clone(dst, src);
}
static const hash_algo_t sha256_algo = {
    sizeof(mbedtls_sha256_context),
    32,
    64,
    sha256_start,
    sha256_update,
    sha256_finish,
    sha256_clone,
};

static void sha1_start(void *ctx) {
    mbedtls_sha1_init(ctx);
    mbedtls_sha1_starts_ret(ctx);
}
static void sha1_update(void *ctx, const byte *data, size_t len) {
    mbedtls_sha1_update_ret(ctx, data, len);
}
static void sha1_finish(void *ctx, byte *out) {
    mbedtls_sha1_finish_ret(ctx, out);
}
static void sha1_clone(void *dst, const void *src) {
    mbedtls_sha1_clone(dst, src);
}
static const hash_algo_t sha1_algo = {
    sizeof(mbedtls_sha1_context), 20, 64, sha1_start, sha1_update, sha1_finish, sha1_clone,
};

static void md5_start(void *ctx) {
    mbedtls_md5_init(ctx);
    mbedtls_md5_starts_ret(ctx);
}
static void md5_update(void *ctx, const byte *data, size_t len) {
    mbedtls_md5_update_ret(ctx, data, len);
}
static void md5_finish(void *ctx, byte *out) {
    mbedtls_md5_finish_ret(ctx, out);
}
static void md5_clone(void *dst, const void *src) {
    mbedtls_md5_clone(dst, src);
}
static const hash_algo_t md5_algo = {
    sizeof(mbedtls_md5_context), 16, 64, md5_start, md5_update, md5_finish, md5_clone,
};

// ---- Hash objects -------------------------------------------------------------------------------

static const hash_algo_t *algo_of(py_obj_t self) {
    return py_obj_get_type(self)->protocol;
}

static hash_obj_t *hash_alloc(const py_obj_type_t *type) {
    const hash_algo_t *algo = type->protocol;
    return py_new_obj_var(hash_obj_t, algo->ctx_size + sizeof(uint64_t), type);
}

static py_obj_t hash_update(py_obj_t self_in, py_obj_t data) {
    hash_obj_t *self = PY_OBJ_TO_PTR(self_in);
    py_buffer_info_t buf;
    if (py_obj_is_str(data)) {
        py_raise_TypeError("Strings must be encoded before hashing");
    }
    py_get_buffer_raise(data, &buf, PY_BUFFER_READ);
    algo_of(self_in)->update(self->ctx, buf.buf, buf.len);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(hash_update_obj, hash_update);

static py_obj_t hash_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                              const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    hash_obj_t *self = hash_alloc(type);
    ((const hash_algo_t *)type->protocol)->start(self->ctx);
    if (n_args == 1) {
        hash_update(PY_OBJ_FROM_PTR(self), args[0]);
    }
    return PY_OBJ_FROM_PTR(self);
}

// Finishes a copy of the state into [out]; returns the digest size.
static size_t hash_peek_digest(py_obj_t self_in, byte *out) {
    hash_obj_t *self = PY_OBJ_TO_PTR(self_in);
    const hash_algo_t *algo = algo_of(self_in);
    hash_obj_t *copy = hash_alloc(py_obj_get_type(self_in));
    algo->clone(copy->ctx, self->ctx);
    algo->finish(copy->ctx, out);
    py_free(copy);
    return algo->digest_size;
}

static py_obj_t hash_digest(py_obj_t self_in) {
    byte out[HASH_MAX_DIGEST];
    size_t n = hash_peek_digest(self_in, out);
    return py_obj_new_bytes(out, n);
}
static PY_DEFINE_CONST_FUN_OBJ_1(hash_digest_obj, hash_digest);

static py_obj_t hash_hexdigest(py_obj_t self_in) {
    static const char hex[] = "0123456789abcdef";
    byte out[HASH_MAX_DIGEST];
    char text[2 * HASH_MAX_DIGEST];
    size_t n = hash_peek_digest(self_in, out);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = hex[out[i] >> 4];
        text[2 * i + 1] = hex[out[i] & 15];
    }
    return py_obj_new_str(text, 2 * n);
}
static PY_DEFINE_CONST_FUN_OBJ_1(hash_hexdigest_obj, hash_hexdigest);

static py_obj_t hash_copy(py_obj_t self_in) {
    hash_obj_t *self = PY_OBJ_TO_PTR(self_in);
    hash_obj_t *copy = hash_alloc(py_obj_get_type(self_in));
    algo_of(self_in)->clone(copy->ctx, self->ctx);
    return PY_OBJ_FROM_PTR(copy);
}
static PY_DEFINE_CONST_FUN_OBJ_1(hash_copy_obj, hash_copy);

static void hash_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    const hash_algo_t *algo = algo_of(self_in);
    if (attr == PY_QSTR_digest_size) {
        dest[0] = PY_OBJ_NEW_SMALL_INT(algo->digest_size);
    } else if (attr == PY_QSTR_block_size) {
        dest[0] = PY_OBJ_NEW_SMALL_INT(algo->block_size);
    } else if (attr == PY_QSTR_name) {
        dest[0] = PY_OBJ_NEW_QSTR(py_obj_get_type(self_in)->name);
    }
}

static const py_map_elem_t hash_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_update), PY_ROM_PTR(&hash_update_obj)},
    {PY_ROM_QSTR(PY_QSTR_digest), PY_ROM_PTR(&hash_digest_obj)},
    {PY_ROM_QSTR(PY_QSTR_hexdigest), PY_ROM_PTR(&hash_hexdigest_obj)},
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&hash_copy_obj)},
};
static PY_DEFINE_CONST_DICT(hash_locals_dict, hash_locals_table);

#define HASH_TYPE(type_name, qname, algo)                                                          \
    static const py_obj_type_t type_name = {                                                       \
        .base = {&py_type_type},                                                                   \
        .name = qname,                                                                             \
        .make_new = hash_make_new,                                                                 \
        .attr = hash_attr,                                                                         \
        .protocol = &(algo),                                                                       \
        .locals_dict = (py_obj_dict_t *)&hash_locals_dict,                                         \
    }

HASH_TYPE(sha256_type, PY_QSTR_sha256, sha256_algo);
HASH_TYPE(sha1_type, PY_QSTR_sha1, sha1_algo);
HASH_TYPE(md5_type, PY_QSTR_md5, md5_algo);

static const py_map_elem_t hashlib_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_hashlib)},
    {PY_ROM_QSTR(PY_QSTR_sha256), PY_ROM_PTR(&sha256_type)},
    {PY_ROM_QSTR(PY_QSTR_sha1), PY_ROM_PTR(&sha1_type)},
    {PY_ROM_QSTR(PY_QSTR_md5), PY_ROM_PTR(&md5_type)},
};
static PY_DEFINE_CONST_DICT(hashlib_globals, hashlib_globals_table);

const py_obj_module_t py_module_hashlib = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&hashlib_globals,
};

#endif // PY_EXTMOD_HASHLIB
