"""Finished pages and dialogs: signals, validation display and saving (behaviour only)."""
