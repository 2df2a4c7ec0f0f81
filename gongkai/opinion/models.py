"""Models of gongkai.opinion (issue 15)."""
