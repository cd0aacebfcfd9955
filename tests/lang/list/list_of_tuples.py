# sorting a list of records by several keys
recs = [('bob', 25), ('alice', 30), ('carol', 25), ('dave', 30)]
print(sorted(recs, key=lambda r: (-r[1], r[0])))
print([name for name, age in recs if age == 25])
