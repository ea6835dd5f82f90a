class Foo:
    pass
Foo().bar
