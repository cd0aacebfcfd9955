// SPDX-License-Identifier: MIT
// pyconfig.h: interpreter configuration defaults; a port overrides them in its portconfig.h.

#ifndef PY_PYCONFIG_H
#define PY_PYCONFIG_H

#include <stdint.h>

#include "portconfig.h"

// Size of the GC heap in bytes when the port does not choose one at run time. The ESP8266 build
// gives Python about 38 KiB of 32-bit words; a 64-bit host needs twice the bytes for the same
// number of objects.
#ifndef PY_HEAP_SIZE
#define PY_HEAP_SIZE (38 * 1024 * (sizeof(void *) / 4))
#endif

// Floating point: 1 = C double (host), 0 = no float type.
#ifndef PY_FEATURE_FLOAT
#define PY_FEATURE_FLOAT (1)
#endif

// Bytes of C stack Python code may use before RuntimeError("maximum recursion depth exceeded").
#ifndef PY_STACK_LIMIT
#define PY_STACK_LIMIT (40 * 1024)
#endif

// Longest identifier or string literal the lexer accepts; longer is a SyntaxError, not a
// truncation.
#ifndef PY_LEXER_MAX_TOKEN
#define PY_LEXER_MAX_TOKEN (64 * 1024)
#endif

// Deepest nesting of blocks (try/with/loops) in one function.
#ifndef PY_MAX_BLOCK_DEPTH
#define PY_MAX_BLOCK_DEPTH (32)
#endif

// A collection also runs, before the heap is full, once this many bytes (or twice the live data
// after the last collection, if more) were allocated since the last one. It keeps a big heap's
// working set small enough for the CPU caches; heaps smaller than this are unaffected.
#ifndef PY_GC_SOFT_LIMIT_MIN
#define PY_GC_SOFT_LIMIT_MIN (256 * 1024)
#endif

// Entries in the type attribute lookup cache (a power of two, at least 8), static RAM outside
// the heap: 20 bytes each on a 32-bit chip, 32 on a 64-bit host. 64 hold a typical program's
// hot (class, name) pairs; 128 leave room for bigger ones where RAM is plentiful.
#ifndef PY_TYPE_CACHE_SIZE
#if UINTPTR_MAX > 0xffffffffu
#define PY_TYPE_CACHE_SIZE (128)
#else
#define PY_TYPE_CACHE_SIZE (64)
#endif
#endif

#if PY_FEATURE_FLOAT
typedef double py_float_t;
#endif

#endif
