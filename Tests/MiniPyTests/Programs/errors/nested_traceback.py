def outer():
    def inner():
        raise TypeError("deep")
    inner()
outer()
