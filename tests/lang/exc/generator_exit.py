# GeneratorExit is raised inside a generator on close
def g():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('got GeneratorExit')
        raise
    finally:
        print('gen finally')
it = g()
print(next(it))
it.close()
print('closed')
print(issubclass(GeneratorExit, Exception), issubclass(GeneratorExit, BaseException))
