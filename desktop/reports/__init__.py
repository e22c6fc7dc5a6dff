"""Returns (报表): definitions, data builders, fingerprints and the Excel/PDF renderers (no Qt)."""
