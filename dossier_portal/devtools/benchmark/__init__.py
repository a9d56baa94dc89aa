"""`make bench` and `make bench-scale`: figures anyone can rerun (see docs/PERFORMANCE.md)."""
