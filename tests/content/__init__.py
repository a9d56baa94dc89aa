"""The content itself: the source document, provenance of the fixtures, sanitising."""
