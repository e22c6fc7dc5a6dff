"""The year (统计期): periods, the workflow of a unit and period, and the rollover to a new year."""
