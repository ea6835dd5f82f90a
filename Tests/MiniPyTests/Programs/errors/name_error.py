print("start")
x = 1
print(y)
