# str() falls back to __repr__
class R:
    def __repr__(self):
        return '<R>'
print(str(R()), '%s' % R(), f'{R()}')
