"""The site as a whole: headers, read-only surface, bad input, outages, layout, caching,
static files, the foundation and migrations."""
