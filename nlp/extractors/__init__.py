"""Extractors: plain functions from a section's text to findings, wrapped by the components."""
