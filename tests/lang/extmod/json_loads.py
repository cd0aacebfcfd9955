# json.loads: every JSON value type, whitespace, escapes, numbers.
import json

print(json.loads("null"), json.loads("true"), json.loads("false"))
print(json.loads("0"), json.loads("-12"), json.loads("123456789012345678901234567890"))
print(json.loads("1.5"), json.loads("-2e3"), json.loads("1E-2"), json.loads("0.5e+1"))
print(repr(json.loads('"abc"')), repr(json.loads('""')))
print(repr(json.loads(r'"a\"b\\c\/d\be\ff\ng\rh\ti"')))
print(repr(json.loads(r'"\u00e9\u20ac\ud83d\ude00"')))
print(json.loads('  [ 1 , 2 ,\n\t3 ]  '))
print(json.loads('{"a": {"b": [1, {"c": null}]}, "d": []}'))
print(json.loads('{"dup": 1, "dup": 2}'))
print(json.loads(b'{"bytes": true}'))
print(json.loads('"caf\u00e9"'))
print(json.loads("[NaN, Infinity, -Infinity]"))
d = json.loads('{"z": 1, "y": 2, "x": 3}')
print(list(d.keys()))
print(type(json.loads("1")).__name__, type(json.loads("1.0")).__name__)
