# NameError and AttributeError from user code
try:
    no_such_variable
except NameError as e:
    print(type(e).__name__)
class C:
    pass
try:
    C().missing
except AttributeError as e:
    print(type(e).__name__)
try:
    del C().missing
except AttributeError as e:
    print('del', type(e).__name__)
