count = 0
items = []
while count < 3:
    count += 1
    items.append(count * count)
name = "done"
