# global declarations
total = 0
def add(n):
    global total
    total += n
add(5)
add(7)
print(total)
def make():
    global created
    created = 'yes'
make()
print(created)
def shadow():
    total = -1
    return total
print(shadow(), total)
