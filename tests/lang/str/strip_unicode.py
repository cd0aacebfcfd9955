# strip with non-ASCII characters
print('«quoted»'.strip('«»'), '\u3000wide\u3000'.strip())
print('\xa0nbsp\xa0'.strip())
print('ééxéé'.strip('é'), '日本日'.lstrip('日'), '日本日'.rstrip('日'))
print(repr(' \t\n\r\x0b\x0c'.strip()))
print('αβγα'.strip('α'))
