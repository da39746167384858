"""yeplint: a content linter for Markdown sites whose pages carry YAML front matter."""

__version__ = "0.1.0"
