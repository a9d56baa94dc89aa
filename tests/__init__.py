"""The suite, grouped by feature: reading/, editing/, opendata/, content/, site/ and browser/;
support/ holds the builders and helpers they share (README, "Tests")."""
