/// MiniPy: an interpreter for the Python subset that GradStep lessons are written in.
public enum MiniPy {
    /// The Python version whose semantics MiniPy follows.
    public static let pythonVersion = "3.11"
}
