"""Renderers and exporters: each takes the result object and shows or writes it."""
