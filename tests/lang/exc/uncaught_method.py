# exp: hand
# uncaught exception three frames deep with a tuple message
class Worker:
    def run(self, n):
        raise ValueError('a', n)
def go():
    Worker().run(2)
go()
