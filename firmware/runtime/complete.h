// SPDX-License-Identifier: MIT
// complete.h: Tab completion of names, dotted attributes and module names for the line editor.

#ifndef RUNTIME_COMPLETE_H
#define RUNTIME_COMPLETE_H

#include <stddef.h>

// complete_word's result when several names match and they were printed.
#define COMPLETE_MANY ((size_t)-1)
// Longest name offered as a completion; longer names are left out of the candidates.
#define COMPLETE_NAME_MAX (255)

// Completes the word (a name, or an attribute chain such as "machine.Pin.O") that ends the
// [len] bytes at [line] (the current line up to the cursor): looks the chain up in __main__'s
// globals and the builtins, and after "import " among the built-in modules. Returns the number
// of bytes to insert at the cursor, pointing [*insert] at them (valid until the next call): the
// single match's rest, or the longest prefix all matches share. Returns 0 when nothing matches,
// and COMPLETE_MANY after printing every match on lines of its own.
size_t complete_word(const char *line, size_t len, const char **insert);

#endif
