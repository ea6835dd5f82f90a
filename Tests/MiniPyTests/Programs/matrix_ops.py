def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def transpose(m):
    return [list(row) for row in zip(*m)]


A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
C = matmul(A, B)
print(C)
print(transpose(A))
identity = [[1.0 if i == j else 0.0 for j in range(3)] for i in range(3)]
print(identity)
print([[round(v / 3, 3) for v in row] for row in C])
flat = [v for row in C for v in row]
print(flat, max(flat), sum(flat) / len(flat))


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __matmul__(self, other):
        return Matrix(matmul(self.rows, other.rows))

    def __repr__(self):
        return f"Matrix({self.rows})"


print(Matrix(A) @ Matrix(B))
