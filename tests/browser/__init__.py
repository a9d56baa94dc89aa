"""A reader and an editor in a real Chromium (Playwright), axe-core included."""
