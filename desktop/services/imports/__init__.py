"""Spreadsheet import (导入): preview, the per-row plan, the write, and the files for the clerk."""
