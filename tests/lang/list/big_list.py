# larger lists with arithmetic
l = list(range(1000))
print(sum(l), l[500], len(l[::7]), l[-1])
sq = [i * i for i in l if i % 100 == 0]
print(sq)
