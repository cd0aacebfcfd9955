# deep mutual recursion through methods raises a RuntimeError
class Node:
    def a(self):
        return self.b()
    def b(self):
        return self.a()
try:
    Node().a()
except RuntimeError:
    print('RuntimeError caught')
