"""Builders and helpers the feature folders share: test data, admin forms, page readers."""
