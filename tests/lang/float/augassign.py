# augmented assignment with floats
x = 1.5
x += 1; print(x)
x *= 2.0; print(x)
x -= 0.5; print(x)
x /= 4; print(x)
x **= 2; print(x)
x //= 0.25; print(x)
x %= 3; print(x)
