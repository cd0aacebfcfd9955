# sorting strings and characters
print(sorted('banana'), ''.join(sorted('banana', reverse=True)))
print(sorted(['b', 'A', 'a', 'B'], key=str.lower))
print(min(['zeta', 'alpha', 'mid']), max(['zeta', 'alpha', 'mid'], key=len))
