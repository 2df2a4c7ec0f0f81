"""领导信箱、网上咨询、投诉建议 (DOMAIN.md §9): letters, their handling, answers and statistics."""
