"""Models of gongkai.openweek (issue 15)."""
