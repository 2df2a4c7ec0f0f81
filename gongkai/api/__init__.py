"""The open API: read-only JSON access to public policies, interpretations and units (docs/api.md)."""
