"""Adapters to the rendering tools (pandoc, Typst, Jinja2); model -> context is pure."""
