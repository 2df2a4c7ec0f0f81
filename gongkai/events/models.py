"""Models of gongkai.events (issue 15)."""
