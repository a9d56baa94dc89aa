"""What readers see: the pages, the timeline and its filters, search, permalinks, drafts."""
