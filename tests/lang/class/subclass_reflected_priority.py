# a subclass's reflected method is tried first
class Base:
    def __add__(self, o):
        return 'Base.add'
    def __radd__(self, o):
        return 'Base.radd'
class Sub(Base):
    def __radd__(self, o):
        return 'Sub.radd'
print(Base() + Sub(), Base() + Base(), Sub() + Base())
