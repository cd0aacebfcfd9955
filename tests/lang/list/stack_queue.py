# using lists as a stack and queue
stack = []
for i in range(4):
    stack.append(i)
while stack:
    print('pop', stack.pop())
q = [1, 2, 3]
while q:
    print('dequeue', q.pop(0))
