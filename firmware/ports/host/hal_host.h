// SPDX-License-Identifier: MIT
// hal_host.h: the Linux host port's services for its executables.

#ifndef HAL_HOST_H
#define HAL_HOST_H

#include "runtime.h"

// Reads a whole file into a malloc'd buffer (NUL-terminated); NULL with errno set on failure.
char *hal_host_read_file(const char *path, size_t *len);
// Sets sys.argv to [first] (when not NULL) followed by [argv[0..argc)].
void hal_host_set_argv(int argc, char **argv, const char *first);
// Prints an uncaught exception as MicroPython does and returns the exit status it implies
// (SystemExit's code, else 1).
int hal_host_report_exception(py_obj_t exc);

#endif
