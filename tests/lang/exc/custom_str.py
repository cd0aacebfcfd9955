# exceptions with custom __str__
class Detailed(Exception):
    def __init__(self, code, msg):
        self.code = code
        self.msg = msg
    def __str__(self):
        return '[%d] %s' % (self.code, self.msg)
try:
    raise Detailed(404, 'missing')
except Detailed as e:
    print(e, e.code, str(e))
