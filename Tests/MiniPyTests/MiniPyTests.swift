import Testing
@testable import MiniPy

@Test func followsPython311() {
    #expect(MiniPy.pythonVersion == "3.11")
}
