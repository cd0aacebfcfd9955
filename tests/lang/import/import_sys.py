# import sys and basic attributes
import sys
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0])
print(sys.version_info[0], sys.version_info >= (3, 0), sys.byteorder in ('little', 'big'))
print(sys.maxsize >= 2 ** 31 - 1, type(sys.path).__name__, hasattr(sys, 'modules'))
