"""Real-browser tests of the public site (Playwright driving Debian's Chromium)."""
