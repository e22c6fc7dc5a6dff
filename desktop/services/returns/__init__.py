"""Returns (报表): building and exporting them, the checks before mark-ready, readiness, signing."""
