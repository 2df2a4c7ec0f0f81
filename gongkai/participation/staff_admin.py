"""Staff screens of consultations (moderation, tagging, analysis, feedback)."""
