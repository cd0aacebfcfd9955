# __init_subclass__ is called for subclasses
class Plugin:
    registry = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append(cls.__name__)
class A(Plugin):
    pass
class B(A):
    pass
print(Plugin.registry)
