import math

losses = [0.5, 0.25, 0.0]
for loss in losses:
    print(math.log(loss))
