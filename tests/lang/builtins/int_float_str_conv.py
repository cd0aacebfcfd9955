# int, float and str builtins as converters
print(int('12') + float('0.5'), str(12) + str(0.5), int(float('3.7')))
print(float(int('4')))
print(list(map(int, ['1', '-2', '3'])), list(map(str, [1.0, 2])))
