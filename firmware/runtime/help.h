// SPDX-License-Identifier: MIT
// help.h: help(), the board's short guide.

#ifndef RUNTIME_HELP_H
#define RUNTIME_HELP_H

#include "obj.h"

// help(): with no argument the guide; help('modules') the built-in modules; help(obj) what obj
// is and its attributes. boot.c puts it in __main__'s globals.
extern const py_obj_fun_builtin_t help_obj;

#endif
