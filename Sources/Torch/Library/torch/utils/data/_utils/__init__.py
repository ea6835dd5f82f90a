"""Helpers behind the DataLoader."""
