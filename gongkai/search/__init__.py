"""Public full-text search in Chinese: an index of its own on SQLite FTS5 and PostgreSQL."""
