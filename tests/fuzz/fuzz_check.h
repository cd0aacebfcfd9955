// SPDX-License-Identifier: MIT
// fuzz_check.h: what the daemon's fuzz targets share: a check that aborts (libFuzzer keeps the
// input), and the entry point that picks one of a target's sub-fuzzers by the first byte.
#ifndef REPLHUB_FUZZ_CHECK_H
#define REPLHUB_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

typedef void (*fuzz_fn)(const uint8_t *data, size_t size);

// Runs fns[data[0] % n] on the rest of the input.
static inline void fuzz_dispatch(const uint8_t *data, size_t size, const fuzz_fn *fns, size_t n) {
    if (size > 0) {
        fns[data[0] % n](data + 1, size - 1);
    }
}

#endif
