# sign options + - and space
for v in (5, -5, 0, 2.5, -2.5):
    print('[{:+}][{:-}][{: }][{}]'.format(v, v, v, v))
print('[{:+d}][{: d}][{:+.1f}]'.format(3, 3, -0.04))
