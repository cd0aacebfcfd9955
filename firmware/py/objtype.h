// SPDX-License-Identifier: MIT
// objtype.h: internals shared by the type, instance, object, descriptor, super and exception files.
//
// A class made by `class` is a py_obj_heap_type_t. Its instances come in three layouts, chosen by
// the built-in type the class derives from (its "native base"):
//   PLAIN   no native base (only object): py_obj_instance_t without a subobject.
//   SUBOBJ  a built-in such as list, dict, int or str: py_obj_instance_t whose subobj[0] is an
//           object of that built-in type; the built-in's functions and slots are given subobj[0].
//   SELF    an exception type or type itself: the instance has the native layout (an exception
//           object, or a heap type for metaclasses) and native functions work on it directly.
// Instances of PLAIN, SUBOBJ and exception classes all keep their attribute dict pointer in the
// word after the type, so py_instance_get_dict works on any of them.

#ifndef PY_OBJTYPE_H
#define PY_OBJTYPE_H

#include "runtime.h"

typedef enum {
    PY_LAYOUT_PLAIN,
    PY_LAYOUT_SUBOBJ,
    PY_LAYOUT_SELF,
} py_instance_layout_t;

// Dunder methods that change how generic attribute access works, cached per class.
enum {
    PY_HOOK_GETATTRIBUTE = 0x01,
    PY_HOOK_GETATTR = 0x02,
    PY_HOOK_SETATTR = 0x04,
    PY_HOOK_DELATTR = 0x08,
};

typedef struct py_obj_heap_type {
    py_obj_type_t type;
    const py_obj_type_t *native_base; // built-in base other than object, or NULL
    uint8_t layout;                   // py_instance_layout_t
    uint8_t hooks;                    // PY_HOOK_* found along the MRO
    uint8_t dict_size;                // entries instances' dicts grew to: new ones start so
    // An instance's dict may hold a name the class (or a base) also has: set when such a name is
    // stored, or an instance's __dict__ is handed out (it may be changed behind our back).
    uint8_t dict_shadows;
    uint32_t key_gen; // py_state.type_key_gen when the class was made
} py_obj_heap_type_t;

typedef struct py_obj_instance {
    py_obj_base_t base;
    py_obj_dict_t *dict; // instance attributes; NULL until the first one is stored
    py_obj_t subobj[];   // the native base's object (SUBOBJ layout only)
} py_obj_instance_t;

// ---- objtype.c ----------------------------------------------------------------------------------

// Is [o] a class (an instance of type or of a metaclass)?
bool py_obj_is_type_obj(py_const_obj_t o);
static inline bool py_type_is_heap(const py_obj_type_t *t) {
    return (t->flags & PY_TYPE_FLAG_IS_HEAP) != 0;
}
// Looks [attr] up along [type]'s MRO; stores the class it was found in at [*found_in] (when
// not NULL). Returns PY_OBJ_NULL when absent.
py_obj_t py_type_lookup_ex(const py_obj_type_t *type, qstr attr, const py_obj_type_t **found_in);
// What the type lookup cache (py_state.type_cache) knows about an entry's member.
typedef struct py_type_cache_entry py_type_cache_entry_t;
enum {
    PY_TYPE_CACHE_HEAP_ONLY = 0x01, // the entry answers py_type_lookup_heap
    PY_TYPE_CACHE_DATA_DESC = 0x02, // the member is a data descriptor (py_obj_is_data_descriptor)
    PY_TYPE_CACHE_METHOD = 0x04,    // the member is a Python function (binds self as it is)
};

// The cache is set-associative: each (class, name) may be in any of the PY_TYPE_CACHE_WAYS
// entries of one set, newest first.
#define PY_TYPE_CACHE_WAYS (4)
#define PY_TYPE_CACHE_SETS (PY_TYPE_CACHE_SIZE / PY_TYPE_CACHE_WAYS)
_Static_assert(PY_TYPE_CACHE_SETS >= 2 && (PY_TYPE_CACHE_SETS & (PY_TYPE_CACHE_SETS - 1)) == 0,
               "PY_TYPE_CACHE_SIZE must be a power of two, at least 8");

// An entry's key: names above PY_TYPE_CACHE_MAX_QSTR are never cached.
#define PY_TYPE_CACHE_MAX_QSTR (0x7fff)
static inline size_t py_type_cache_key(qstr attr, unsigned heap_only) {
    return attr * 2 + heap_only;
}

// The first entry of the set where the answer for [type] and [key] may be cached (Fibonacci
// hashing: the top bits of the product).
static inline py_type_cache_entry_t *py_type_cache_set(const py_obj_type_t *type, size_t key) {
    uint32_t h = ((uint32_t)((uintptr_t)type >> 3) + (uint32_t)key) * 0x9e3779b1u;
    size_t set = h >> (32 - __builtin_ctz(PY_TYPE_CACHE_SETS));
    return &py_state.type_cache[set * PY_TYPE_CACHE_WAYS];
}

static inline bool py_type_cache_hit(const py_type_cache_entry_t *e, const py_obj_type_t *type,
                                     size_t key) {
    return e->type == type && e->key == key && e->epoch == py_state.type_cache_epoch;
}

// Looks [type].[attr] up along the MRO and caches the answer (py_type_lookup_cached's slow path).
py_type_cache_entry_t *py_type_cache_miss(const py_obj_type_t *type, qstr attr);

// py_type_lookup_ex through the cache: the entry's member, found_in and flags answer it. The
// entry may be reused by the next lookup: read what is needed first. Its [hint] is free for the
// caller to keep the position of [attr] in instance dicts.
static inline py_type_cache_entry_t *py_type_lookup_cached(const py_obj_type_t *type, qstr attr) {
    size_t key = py_type_cache_key(attr, 0);
    py_type_cache_entry_t *e = py_type_cache_set(type, key);
    for (size_t i = 0; i < PY_TYPE_CACHE_WAYS; i++) {
        if (py_type_cache_hit(e + i, type, key)) {
            return e + i;
        }
    }
    return py_type_cache_miss(type, attr);
}
// Looks [attr] up in [t]'s own locals_dict only.
py_obj_t py_type_lookup_own(const py_obj_type_t *t, qstr attr);
// Looks [attr] up in the dicts of the Python classes (heap types) of [type]'s MRO only.
py_obj_t py_type_lookup_heap(const py_obj_type_t *type, qstr attr);
// [type]'s MRO as a tuple (computed for built-in types).
py_obj_t py_type_get_mro(const py_obj_type_t *type);
// The class attribute lookup of `cls.attr` (staticmethod/classmethod/property/__get__ applied for
// access through the class); dest as for the attr slot.
void py_type_convert_class_member(const py_obj_type_t *cls, py_obj_t member, py_obj_t *dest);
// As py_convert_member_lookup, but self is replaced by its native subobject when [found_in] is a
// built-in type other than object.
void py_instance_convert_member(py_obj_t self, const py_obj_type_t *type,
                                const py_obj_type_t *found_in, py_obj_t member, py_obj_t *dest);
// Should [member] found in a class be bound to the instance (a function)?
bool py_obj_binds_self(py_obj_t member);
// Is [member] a data descriptor (property, or an object whose class has __set__/__delete__)?
bool py_obj_is_data_descriptor(py_obj_t member);
// Creates class [name] with [bases] (a tuple) and namespace [dict] whose metaclass is [meta];
// runs __init_subclass__ of the parent with keywords [kw] (may be NULL).
py_obj_t py_type_new_class(const py_obj_type_t *meta, qstr name, py_obj_t bases, py_obj_t dict,
                           py_map_t *kw);
// Calls [fun] with [self] prepended to the arguments.
py_obj_t py_call_with_self(py_obj_t fun, py_obj_t self, size_t n_args, size_t n_kw,
                           const py_obj_t *args);

// ---- objinstance.c -----------------------------------------------------------------------------

// Installs the generic slots (which call the class's dunder methods) and hooks of heap type [t];
// called again when a dunder of the class changes.
void py_heap_type_update_slots(py_obj_heap_type_t *t);
// object.__new__(type, *args): a bare instance of heap type [type] whose native subobject (if
// any) is made from [args].
py_obj_t py_instance_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                         const py_obj_t *args);
// The object the native base's functions operate on, or PY_OBJ_NULL for PLAIN instances.
py_obj_t py_instance_native(py_obj_t self);
// Instance attribute dict of [self] (heap instance or exception), created if [create].
py_obj_dict_t *py_instance_get_dict(py_obj_t self, bool create);
// For the VM: loads [self].[attr] as py_load_method does (dest[1] is self for a method, else
// PY_OBJ_NULL) and returns true; or returns false, having done nothing, when the general path
// must decide. [self] must be an instance of a heap type.
bool py_instance_load_fast(py_obj_t self, qstr attr, py_obj_t *dest);
// For the VM: [self].[attr] = [value] as py_store_attr does and returns true; or returns false,
// having done nothing. [self] must be an instance of a heap type.
bool py_instance_store_fast(py_obj_t self, qstr attr, py_obj_t value);
// object.__getattribute__: generic lookup; leaves dest[0] == PY_OBJ_NULL when absent.
void py_instance_generic_load(py_obj_t self, qstr attr, py_obj_t *dest);
// object.__setattr__/__delattr__: generic store (dest[1] = value) or delete (dest[1] = NULL).
void py_instance_generic_store(py_obj_t self, qstr attr, py_obj_t *dest);
// The default repr, `<__main__.C object at 0x...>`.
void py_instance_print_default(const py_print_t *print, py_obj_t self);
// Calls the dunder [name] found in the Python classes of self's type, with [n_args] arguments;
// returns PY_OBJ_NULL if no Python class defines it.
py_obj_t py_instance_call_dunder(py_obj_t self, qstr name, size_t n_args, const py_obj_t *args);

// ---- objobject.c -------------------------------------------------------------------------------

// object.__new__ as found in object's dict (a staticmethod).
extern const py_obj_static_class_method_t py_object___new___obj;
// The hash of objects that compare by identity.
py_obj_t py_obj_id_hash(py_obj_t o);

// ---- objsuper.c --------------------------------------------------------------------------------

// super([cls], [obj]).[attr] for a method call, as py_load_method would fill [dest] from the super
// object, for the usual case of [obj] an instance of a Python class. Returns false, having done
// nothing, when the super object must be made (other cases, or [attr] not found).
bool py_super_load_method(py_obj_t cls, py_obj_t obj, qstr attr, py_obj_t *dest);

// ---- objproperty.c -----------------------------------------------------------------------------

typedef struct py_obj_property {
    py_obj_base_t base;
    py_obj_t fget;
    py_obj_t fset;
    py_obj_t fdel;
    py_obj_t doc;
} py_obj_property_t;

// Reads a property of [self]; raises AttributeError when it has no getter.
py_obj_t py_property_get(py_obj_t prop, py_obj_t self);
// Sets ([value] given) or deletes ([value] == PY_OBJ_NULL) a property of [self].
void py_property_set(py_obj_t prop, py_obj_t self, py_obj_t value);

// ---- modsys.c ----------------------------------------------------------------------------------

// Is [file] sys.stdout or sys.stderr? Sets [*is_stderr] accordingly.
bool py_sys_is_console(py_obj_t file, bool *is_stderr);
// Writes [len] bytes to standard output or standard error.
void py_sys_console_write(bool is_stderr, const char *data, size_t len);
// Brings sys's argv, path and modules up to date with py_state (before sys is handed out).
void py_sys_sync(void);

#endif
