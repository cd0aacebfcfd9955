// SPDX-License-Identifier: MIT
// showbc.c: a bytecode disassembler for debugging the compiler (replhub-python -X dis FILE).

#include "bc.h"
#include "runtime.h"

static void show_operand_name(const py_print_t *print, py_bc_op_t op, size_t a) {
    switch (op) {
        case PY_BC_LOAD_CONST_QSTR:
        case PY_BC_LOAD_NAME:
        case PY_BC_STORE_NAME:
        case PY_BC_DELETE_NAME:
        case PY_BC_LOAD_GLOBAL:
        case PY_BC_STORE_GLOBAL:
        case PY_BC_DELETE_GLOBAL:
        case PY_BC_LOAD_ATTR:
        case PY_BC_STORE_ATTR:
        case PY_BC_DELETE_ATTR:
        case PY_BC_LOAD_METHOD:
        case PY_BC_IMPORT_NAME:
        case PY_BC_IMPORT_FROM:
            py_printf(print, " (%q)", (qstr)a);
            break;
        default:
            break;
    }
}

static void show_code(const py_print_t *print, const py_raw_code_t *rc) {
    py_printf(print,
              "code %q (%q) file %q line %u: %u bytes, stack %u, blocks %u, locals %u, "
              "cells %u, free %u, flags 0x%x\n",
              rc->name, rc->qualname, rc->source_file, (unsigned)rc->first_line,
              (unsigned)rc->code_len, (unsigned)rc->max_stack, (unsigned)rc->max_blocks,
              (unsigned)rc->n_locals, (unsigned)rc->n_cells, (unsigned)rc->n_free,
              (unsigned)rc->flags);
    const byte *ip = rc->code;
    const byte *end = ip + rc->code_len;
    size_t last_line = 0;
    while (ip < end) {
        size_t off = (size_t)(ip - rc->code);
        size_t line = py_raw_code_line(rc, off);
        if (line != last_line) {
            py_printf(print, "%4u ", (unsigned)line);
            last_line = line;
        } else {
            py_print_str(print, "     ");
        }
        py_bc_op_t op = (py_bc_op_t)*ip++;
        if (op >= PY_BC_NUM_OPS) {
            py_printf(print, "%5u  ??? %u\n", (unsigned)off, (unsigned)op);
            return;
        }
        py_printf(print, "%5u  %s", (unsigned)off, py_bc_op_name[op]);
        switch (py_bc_op_format[op]) {
            case PY_BC_FMT_U: {
                size_t a = py_bc_read_uint(&ip);
                py_printf(print, " %u", (unsigned)a);
                show_operand_name(print, op, a);
                if (op == PY_BC_LOAD_CONST && a < rc->n_consts) {
                    py_print_str(print, " (");
                    py_obj_print_helper(print, rc->consts[a], PY_PRINT_REPR);
                    py_print_str(print, ")");
                }
                break;
            }
            case PY_BC_FMT_UC: {
                size_t a = py_bc_read_uint(&ip);
                unsigned cache = ip[0] | (ip[1] << 8);
                ip += 2;
                py_printf(print, " %u (%q) cache %x", (unsigned)a, (qstr)a, cache);
                break;
            }
            case PY_BC_FMT_UU: {
                size_t a = py_bc_read_uint(&ip);
                size_t b = py_bc_read_uint(&ip);
                py_printf(print, " %u %u", (unsigned)a, (unsigned)b);
                break;
            }
            case PY_BC_FMT_S:
                py_printf(print, " %d", (int)py_bc_read_sint(&ip));
                break;
            case PY_BC_FMT_J: {
                int j = py_bc_read_jump(&ip);
                py_printf(print, " -> %u", (unsigned)((size_t)(ip - rc->code) + (size_t)j));
                break;
            }
            default:
                break;
        }
        py_print_str(print, "\n");
    }
}

void py_bc_show(const py_print_t *print, const py_raw_code_t *rc) {
    show_code(print, rc);
    for (size_t i = 0; i < rc->n_children; i++) {
        py_print_str(print, "\n");
        py_bc_show(print, rc->children[i]);
    }
}
