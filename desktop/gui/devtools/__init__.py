"""Developer tools for the GUI: offscreen screenshots and the translation catalogue."""
