# import with an alias
import sys as system
print(system.__name__, 'system' in dir(), 'sys' in dir())
import sys
print(sys is system)
