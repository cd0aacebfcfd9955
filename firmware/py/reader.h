// SPDX-License-Identifier: MIT
// reader.h: a byte stream the lexer reads source from (memory, a file, or the UART as it arrives).

#ifndef PY_READER_H
#define PY_READER_H

#include "misc.h"

#define PY_READER_EOF (-1)

typedef struct py_reader {
    void *data;
    // Returns the next byte (0..255), or PY_READER_EOF at the end. It may block (raw-paste reads
    // the UART as bytes arrive) and may raise (KeyboardInterrupt).
    int (*readbyte)(void *data);
    void (*close)(void *data); // may be NULL
} py_reader_t;

// Reads [len] bytes at [buf]; [state] is caller storage that must outlive the reader.
typedef struct py_reader_mem {
    const byte *pos;
    const byte *end;
} py_reader_mem_t;
void py_reader_init_mem(py_reader_t *reader, py_reader_mem_t *state, const byte *buf, size_t len);

#endif
