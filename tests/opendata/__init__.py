"""What others reuse: the JSON API, feeds, sitemaps, CSV, structured data and citation."""
