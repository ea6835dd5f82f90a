import Autograd

/// Turns autograd graphs into DOT, and DOT into pictures.
public enum GraphRender {}
