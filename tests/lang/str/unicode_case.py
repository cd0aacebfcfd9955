# case conversion of non-ASCII letters
for s in ('ÄÖÜ', 'äöü', 'ΑΒΓ', 'αβγ', 'Ωmega'):
    print(s.lower(), s.upper(), s.isupper(), s.islower())
print('Ñandú'.upper(), 'ÇA VA'.lower(), 'émile zola'.title())
print('Ā'.lower(), 'ā'.upper())
