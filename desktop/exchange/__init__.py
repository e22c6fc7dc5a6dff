"""Exchange: spreadsheet import and export formats (no Qt; never writes the database itself)."""
