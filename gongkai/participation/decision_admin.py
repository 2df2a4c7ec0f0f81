"""Staff screens of major administrative decisions (catalogues, decisions, procedures)."""
