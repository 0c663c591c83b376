"""Adapters that turn the model into documents: pandoc, Typst, Jinja2."""
