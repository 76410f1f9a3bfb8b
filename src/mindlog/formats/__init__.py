"""Formats: exports and imports. They take entries and give text, or take text and give what to
add; they never open a file themselves.
"""
