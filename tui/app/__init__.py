"""The Textual UI: the only part of `brief` that imports Textual."""
