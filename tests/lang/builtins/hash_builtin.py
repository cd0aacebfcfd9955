# hash consistency without printing hash values
print(hash(42) == hash(42), hash('abc') == hash('ab' + 'c'), hash((1, 'x')) == hash((1, 'x')))
print(hash(1) == hash(1.0) == hash(True), hash(None) == hash(None), type(hash('x')).__name__)
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError as e:
        print(type(bad).__name__, type(e).__name__)
