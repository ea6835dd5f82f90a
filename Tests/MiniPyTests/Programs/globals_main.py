

LIMIT = 3


def show():
    print(__name__, LIMIT)


if __name__ == "__main__":
    show()
    print(__name__ == "__main__")
