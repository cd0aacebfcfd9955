# SystemExit from sys.exit can be caught
import sys
for code in (None, 0, 3, 'message'):
    try:
        sys.exit(code)
    except SystemExit as e:
        print(repr(e.code))
try:
    raise SystemExit
except SystemExit as e:
    print(e.code)
