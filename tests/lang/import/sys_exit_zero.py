# sys.exit with no argument ends the program successfully
import sys
print('before exit')
sys.exit()
print('not printed')
