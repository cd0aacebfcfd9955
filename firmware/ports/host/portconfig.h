// SPDX-License-Identifier: MIT
// portconfig.h: interpreter configuration of the Linux host port.

#ifndef PY_PORTCONFIG_H
#define PY_PORTCONFIG_H

#define PY_FEATURE_FLOAT (1)
// C stack Python code may use: the process has 8 MiB; sanitizer builds use far larger frames.
#define PY_STACK_LIMIT (2 * 1024 * 1024)

#endif
