assert 1 + 1 == 3, "bad math"
