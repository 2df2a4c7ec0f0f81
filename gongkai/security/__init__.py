"""Cross-app security tests (issue 11): the generated authorisation matrix. Tests only; no app."""
