# globals and locals namespaces
g_var = 1
print('g_var' in globals(), globals()['g_var'], '__name__' in globals(), __name__)
def f(a):
    b = 2
    loc = locals()
    return sorted(loc), loc['a'] + loc['b']
print(f(3))
globals()['injected'] = 'via globals'
print(injected)
