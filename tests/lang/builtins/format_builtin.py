# format builtin with specs
print(format(42), format(42, '>5'), format(3.14159, '.2f'))
print(format('x', '^5'), format(255, '#x'), format(1234567, ','))
print(format(-7, '05d'), format(0.5, '%'), format(True), format(None))
print(format(10, 'b'), format(10, 'o'), format(3.0, 'g'))
