"""Qt item models: thin adapters over lists of plain rows from the services."""
