# nested functions and scope lookup
x = 'global'
def a():
    x = 'a-local'
    def b():
        def c():
            return x
        return c()
    return b()
print(a(), x)
def d():
    return x
print(d())
