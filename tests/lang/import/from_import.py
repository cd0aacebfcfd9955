# from sys import names
from sys import argv, byteorder
from sys import version_info as vi
print(len(argv), byteorder in ('little', 'big'), vi[0] == 3)
