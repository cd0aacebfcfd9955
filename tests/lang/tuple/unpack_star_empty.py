# Starred unpacking of empty and short sequences.
*_,=''
print(_)
a,*b,c=[1,2]
print(a,b,c)
*x,=[]
print(x)
