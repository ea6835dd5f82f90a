import ctl

total = 0
for i in range(100):
    total += i
    if i == 41:
        ctl.interrupt()
print(total)
