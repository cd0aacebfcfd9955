# bool() conversions
print(bool(), bool(0), bool(1))
print(bool(''), bool('False'), bool([]))
print(bool([[]]), bool(0.0), bool(-0.1))
