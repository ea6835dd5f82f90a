people = [("alice", 30, 5.5), ("bob", 25, 6.1), ("carol", 30, 5.2), ("dave", 25, 5.9)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (p[1], -p[2])))
print(sorted(people, key=lambda p: p[0], reverse=True)[0])
print(min(people, key=lambda p: p[2]), max(people, key=lambda p: (p[1], p[0])))
nums = [5, -3, 2, -8, 1]
print(sorted(nums, key=abs), sorted(nums, key=lambda v: -v), list(filter(lambda v: v > 0, nums)))
nums.sort(key=lambda v: v % 3)
print(nums)
pairs = list(zip(range(3), "cba"))
pairs.sort(key=lambda p: p[1])
print(pairs)
