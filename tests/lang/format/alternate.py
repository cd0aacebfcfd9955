# alternate form with #
print('{:#x} {:#X} {:#o} {:#b}'.format(255, 255, 8, 5))
print('{:#010x} {:#06b} {:#o}'.format(255, 3, 0))
print('{:#.0f} {:#g} {:#.3g}'.format(3.0, 1.0, 2.0))
print('{:#x}'.format(-255))
