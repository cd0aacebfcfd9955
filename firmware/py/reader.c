// SPDX-License-Identifier: MIT
// reader.c: a py_reader_t over bytes in memory.

#include "reader.h"

static int mem_readbyte(void *data) {
    py_reader_mem_t *state = data;
    if (state->pos >= state->end) {
        return PY_READER_EOF;
    }
    return *state->pos++;
}

void py_reader_init_mem(py_reader_t *reader, py_reader_mem_t *state, const byte *buf, size_t len) {
    state->pos = buf;
    state->end = buf + len;
    reader->data = state;
    reader->readbyte = mem_readbyte;
    reader->close = NULL;
}
