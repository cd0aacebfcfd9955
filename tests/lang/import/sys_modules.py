# sys.modules contains imported modules
import sys
print('sys' in sys.modules, sys.modules['sys'] is sys)
print('__main__' in sys.modules)
print(sys.modules['__main__'].__name__)
