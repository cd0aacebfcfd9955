# sys.stdout write and print interleave in order
import sys
sys.stdout.write('a')
print('b', end='')
sys.stdout.write('c\n')
print('d')
