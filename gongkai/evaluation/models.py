"""Models of gongkai.evaluation (issue 15)."""
