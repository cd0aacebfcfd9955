// SPDX-License-Identifier: MIT
// modbinascii.c: the binascii module: hex and base64 conversions and crc32.
//
// Errors are ValueError as in MicroPython (CPython's binascii.Error is a ValueError subclass, so
// `except ValueError` works on both).

#include "extmod.h"
#include "gc.h"

// The bytes of a bytes-like argument; str is refused, as in CPython.
static void get_bytes(py_obj_t o, py_buffer_info_t *info) {
    if (py_obj_is_str(o)) {
        py_raise_TypeError("a bytes-like object is required, not 'str'");
    }
    py_get_buffer_raise(o, info, PY_BUFFER_READ);
}

// ---- hex ----------------------------------------------------------------------------------------

static const char hex_digits[] = "0123456789abcdef";

// hexlify(data[, sep]): the separator goes between every byte.
static py_obj_t binascii_hexlify(size_t n_args, const py_obj_t *args) {
    py_buffer_info_t data;
    get_bytes(args[0], &data);
    const byte *sep = NULL;
    size_t sep_len = 0;
    if (n_args > 1 && args[1] != py_const_none) {
        sep = (const byte *)py_obj_str_get_data(args[1], &sep_len);
        if (sep_len != 1) {
            py_raise_ValueError("sep must be length 1.");
        }
    }
    if (data.len == 0) {
        return py_obj_new_bytes(NULL, 0);
    }
    size_t out_len = data.len * 2 + (data.len - 1) * sep_len;
    py_vstr_t v;
    py_vstr_init(&v, out_len);
    const byte *in = data.buf;
    for (size_t i = 0; i < data.len; i++) {
        if (i > 0 && sep_len > 0) {
            py_vstr_add_byte(&v, sep[0]);
        }
        py_vstr_add_byte(&v, (byte)hex_digits[in[i] >> 4]);
        py_vstr_add_byte(&v, (byte)hex_digits[in[i] & 15]);
    }
    return py_obj_new_bytes_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(binascii_hexlify_obj, 1, 2, binascii_hexlify);

static int hex_value(byte c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

// unhexlify(data): data may be a str of ASCII hex digits or a bytes-like object.
static py_obj_t binascii_unhexlify(py_obj_t data_in) {
    py_buffer_info_t data;
    if (py_obj_is_str(data_in)) {
        data.buf = (void *)py_obj_str_get_data(data_in, &data.len);
    } else {
        get_bytes(data_in, &data);
    }
    if (data.len % 2 != 0) {
        py_raise_ValueError("Odd-length string");
    }
    py_vstr_t v;
    py_vstr_init(&v, data.len / 2);
    const byte *in = data.buf;
    for (size_t i = 0; i < data.len; i += 2) {
        int hi = hex_value(in[i]);
        int lo = hex_value(in[i + 1]);
        if (hi < 0 || lo < 0) {
            py_raise_ValueError("Non-hexadecimal digit found");
        }
        py_vstr_add_byte(&v, (byte)(hi << 4 | lo));
    }
    return py_obj_new_bytes_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_1(binascii_unhexlify_obj, binascii_unhexlify);

// ---- base64 -------------------------------------------------------------------------------------

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(byte c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

// a2b_base64(data): as CPython's non-strict mode: characters outside the alphabet are skipped,
// and padding that completes a quantum ends the data. Each byte is emitted as soon as its last
// bits arrive.
static py_obj_t binascii_a2b_base64(py_obj_t data_in) {
    py_buffer_info_t data;
    if (py_obj_is_str(data_in)) {
        data.buf = (void *)py_obj_str_get_data(data_in, &data.len);
    } else {
        get_bytes(data_in, &data);
    }
    py_vstr_t v;
    py_vstr_init(&v, data.len / 4 * 3 + 3);
    const byte *in = data.buf;
    uint32_t acc = 0; // bits not yet emitted, in the low end
    size_t quad_pos = 0;
    size_t n_pad = 0;
    for (size_t i = 0; i < data.len; i++) {
        if (in[i] == '=') {
            if (quad_pos >= 2 && quad_pos + ++n_pad >= 4) {
                quad_pos = 0;
                break;
            }
            continue;
        }
        int val = b64_value(in[i]);
        if (val < 0) {
            continue;
        }
        n_pad = 0;
        acc = acc << 6 | (uint32_t)val;
        // After sextets 2, 3 and 4 of a quantum a byte is complete, leaving 4, 2 and 0 bits.
        if (quad_pos > 0) {
            unsigned left = 6 - 2 * (unsigned)quad_pos;
            py_vstr_add_byte(&v, (byte)(acc >> left));
            acc &= (1u << left) - 1;
        }
        quad_pos = (quad_pos + 1) & 3;
    }
    if (quad_pos == 1) {
        py_raise_ValueError("invalid base64 data");
    }
    if (quad_pos != 0) {
        py_raise_ValueError("Incorrect padding");
    }
    return py_obj_new_bytes_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_1(binascii_a2b_base64_obj, binascii_a2b_base64);

static py_obj_t binascii_b2a_base64(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_data, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_newline, PY_ARG_KW_ONLY | PY_ARG_BOOL, {.u_bool = true}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_buffer_info_t data;
    get_bytes(vals[0].u_obj, &data);
    py_vstr_t v;
    py_vstr_init(&v, (data.len + 2) / 3 * 4 + 1);
    const byte *in = data.buf;
    size_t i = 0;
    for (; i + 3 <= data.len; i += 3) {
        uint32_t acc = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) {
            py_vstr_add_byte(&v, (byte)b64_alphabet[(acc >> shift) & 63]);
        }
    }
    if (i < data.len) {
        uint32_t acc = (uint32_t)in[i] << 16;
        if (i + 1 < data.len) {
            acc |= (uint32_t)in[i + 1] << 8;
        }
        py_vstr_add_byte(&v, (byte)b64_alphabet[(acc >> 18) & 63]);
        py_vstr_add_byte(&v, (byte)b64_alphabet[(acc >> 12) & 63]);
        py_vstr_add_byte(&v, i + 1 < data.len ? (byte)b64_alphabet[(acc >> 6) & 63] : '=');
        py_vstr_add_byte(&v, '=');
    }
    if (vals[1].u_bool) {
        py_vstr_add_byte(&v, '\n');
    }
    return py_obj_new_bytes_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(binascii_b2a_base64_obj, 1, binascii_b2a_base64);

// ---- crc32 --------------------------------------------------------------------------------------

// The reflected CRC-32 of zlib and Ethernet (polynomial 0xEDB88320), computed four bits at a time
// so the table stays small in flash.
static uint32_t crc32_update(uint32_t crc, const byte *data, size_t len) {
    static const uint32_t nibble_table[16] = {
        0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
        0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
        0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
    };
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        crc = (crc >> 4) ^ nibble_table[crc & 15];
        crc = (crc >> 4) ^ nibble_table[crc & 15];
    }
    return ~crc;
}

static py_obj_t binascii_crc32(size_t n_args, const py_obj_t *args) {
    py_buffer_info_t data;
    get_bytes(args[0], &data);
    uint32_t crc = n_args > 1 ? (uint32_t)py_obj_get_int_truncated(args[1]) : 0;
    return py_obj_new_int_from_uint(crc32_update(crc, data.buf, data.len));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(binascii_crc32_obj, 1, 2, binascii_crc32);

static const py_map_elem_t binascii_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_binascii)},
    {PY_ROM_QSTR(PY_QSTR_hexlify), PY_ROM_PTR(&binascii_hexlify_obj)},
    {PY_ROM_QSTR(PY_QSTR_unhexlify), PY_ROM_PTR(&binascii_unhexlify_obj)},
    {PY_ROM_QSTR(PY_QSTR_a2b_base64), PY_ROM_PTR(&binascii_a2b_base64_obj)},
    {PY_ROM_QSTR(PY_QSTR_b2a_base64), PY_ROM_PTR(&binascii_b2a_base64_obj)},
    {PY_ROM_QSTR(PY_QSTR_crc32), PY_ROM_PTR(&binascii_crc32_obj)},
};
static PY_DEFINE_CONST_DICT(binascii_globals, binascii_globals_table);

const py_obj_module_t py_module_binascii = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&binascii_globals,
};
