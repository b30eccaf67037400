"""Renderers: pure functions from the model to text (DOT, tables) or to {path: text} (the site)."""
