"""Named use cases the GUI runs on the worker thread (one small function each).

Each function is keyword-only, takes the ``Database`` and plain values, calls
``desktop.services`` and returns plain rows or records. They never touch a widget:
they run on the worker, and the caller gets the result on the main thread.
"""
