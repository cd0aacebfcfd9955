# user-defined exception classes
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__('not found: ' + name)
        self.name = name
try:
    raise NotFound('file.txt')
except AppError as e:
    print(type(e).__name__, e, e.name, e.args, isinstance(e, Exception))
