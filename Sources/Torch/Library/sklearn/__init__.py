"""The parts of scikit-learn that lessons use: classification metrics."""
