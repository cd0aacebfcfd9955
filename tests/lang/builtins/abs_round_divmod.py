# abs, divmod and round cooperating
vals = [-7.25, 3, -2, 9.5]
print([abs(v) for v in vals], [round(v) for v in vals])
print([divmod(abs(v), 2) for v in vals])
