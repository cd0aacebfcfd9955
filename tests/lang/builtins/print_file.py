# print to sys.stdout explicitly and flush
import sys
print('to stdout', file=sys.stdout)
print('flushed', flush=True)
sys.stdout.write('written directly\n')
