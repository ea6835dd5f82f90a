import Autograd
print("GradStep benchmarks")
