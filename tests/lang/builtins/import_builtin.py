# __import__ returns the module
s = __import__('sys')
import sys
print(s is sys, s.__name__)
