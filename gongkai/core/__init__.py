"""Cross-domain machinery: gapless per-scope counters and shared model building blocks."""
