# percent format type
print('{:%}'.format(0.25), '{:.1%}'.format(0.125), '{:.0%}'.format(1.0))
print(format(-0.5, '.2%'))
print('{:8.1%}|'.format(0.5), '{:<8.0%}|'.format(0.123))
print(format(2, '%'), format(0.0, '.1%'))
