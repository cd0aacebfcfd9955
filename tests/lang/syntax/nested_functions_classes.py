# class inside function and function inside class
def factory(base):
    class Made:
        value = base
        def get(self):
            def helper():
                return self.value * 2
            return helper()
    return Made
print(factory(21)().get(), factory('ab')().get())
