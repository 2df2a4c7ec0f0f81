"""Demo data: a living city with units, staff, policies, interpretations and services."""
