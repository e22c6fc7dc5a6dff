"""Layout-only classes: they build widgets and expose them as public attributes."""
