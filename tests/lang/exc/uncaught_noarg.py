# exp: hand
# uncaught user exception without arguments
class MyError(Exception):
    pass
print('start')
raise MyError
