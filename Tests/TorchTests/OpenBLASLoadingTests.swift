// OpenBLAS is opened by the first matrix product, not when the program starts.
import Foundation
import TestProcess
import Testing

@Suite struct OpenBLASLoadingTests {
    /// Whether the process has OpenBLAS mapped, as the program itself sees it.
    static let loaded = "any('openblas' in line for line in open('/proc/self/maps'))"

    @Test func loadedOnlyByTheFirstMatrixProduct() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/maps") else { return }
        let binary = try #require(GradStepBinary.url, "gradstep binary not built")
        let program = """
        import torch
        x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
        y = (x * x + 1).relu().sum()
        y.backward()
        print(\(Self.loaded), x.grad.tolist())
        z = x @ x
        print(\(Self.loaded), z.tolist())
        w = torch.mm(torch.eye(2, dtype=torch.float64), torch.ones(2, 2, dtype=torch.float64))
        print(w.tolist())
        """
        let result = try runChild(binary.path, ["run", "-c", program], directory: FileManager.default.temporaryDirectory.path, timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
        False [[2.0, 4.0], [6.0, 8.0]]
        True [[7.0, 10.0], [15.0, 22.0]]
        [[1.0, 1.0], [1.0, 1.0]]

        """)
    }
}
