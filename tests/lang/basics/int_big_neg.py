# negative big integers with floor division and modulo
n = -(10 ** 30)
print(n // 7, n % 7)
print(n // -7, n % -7)
print(abs(n), -n)
print(n * n)
