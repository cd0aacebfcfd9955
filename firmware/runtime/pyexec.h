// SPDX-License-Identifier: MIT
// pyexec.h: the REPL modes (friendly, paste, raw, raw-paste) and running source on the board.
//
// Exactly the bytes of PROTOCOLS.md §1 and §2: prompts ">>> " and "... ", paste mode's "=== ",
// the raw REPL's banner, "OK", the 0x04 framing "out 04 err 04 >", and raw-paste's flow control
// (the host's window is half the RX buffer; the code is compiled as it arrives).

#ifndef RUNTIME_PYEXEC_H
#define RUNTIME_PYEXEC_H

#include "reader.h"
#include "runtime.h"

// Longest text paste mode (Ctrl-E) takes; more is reported and the paste discarded.
#ifndef PYEXEC_PASTE_MAX
#define PYEXEC_PASTE_MAX (32 * 1024)
#endif
// Longest command the classic raw REPL takes (raw-paste has no such limit: it compiles as the
// bytes arrive); more is answered with an error in the framing and the command discarded.
#ifndef PYEXEC_RAW_MAX
#define PYEXEC_RAW_MAX (32 * 1024)
#endif

typedef enum {
    PYEXEC_MODE_FRIENDLY,
    PYEXEC_MODE_RAW,
} pyexec_mode_t;

// Results of the REPL loops and of the runners below.
enum {
    PYEXEC_OK = 0,
    PYEXEC_EXCEPTION = 0x01,    // an uncaught exception was printed
    PYEXEC_FORCED_EXIT = 0x100, // SystemExit or Ctrl-D: the caller performs a soft reset
};

// Flags of pyexec_run.
enum {
    PYEXEC_FLAG_PRINT_EOF = 0x01, // raw REPL framing: 0x04 after the output and after the error
};

pyexec_mode_t pyexec_mode(void);
void pyexec_set_mode(pyexec_mode_t mode);

// The friendly REPL: prints the banner, then reads and runs statements. Returns PYEXEC_OK when
// the user switched to the raw REPL (Ctrl-A), PYEXEC_FORCED_EXIT for a soft reset.
int pyexec_friendly_repl(void);
// The raw REPL, including raw-paste. Returns PYEXEC_OK when the host switched to the friendly
// REPL (Ctrl-B), PYEXEC_FORCED_EXIT for a soft reset.
int pyexec_raw_repl(void);

// Compiles what [reader] yields as [mode] and runs it in __main__ with Ctrl-C enabled; prints
// an uncaught exception (not SystemExit) through py_plat_print; closes [reader] if compiling or
// running failed. Returns PYEXEC_OK, PYEXEC_EXCEPTION or PYEXEC_FORCED_EXIT.
int pyexec_run(py_reader_t *reader, qstr source_name, py_compile_mode_t mode, unsigned flags);
// pyexec_run over [len] bytes at [src] as a file named [source_name] (boot.py, main.py).
int pyexec_str(const char *src, size_t len, qstr source_name);

#endif
