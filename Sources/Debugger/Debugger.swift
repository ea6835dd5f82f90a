import Torch
import MiniPy

/// Stepping through lessons: decides when to stop and answers commands with text.
public enum DebuggerCore {}
