"""Use cases the GUI and the CLI call, grouped by capability in ordered packages:

core → records → year → imports → indicators → returns → signing → packages → office → admin → demo

A package imports only those before it (``tests/test_layering.py``); each ``__init__`` says
where to start reading and lists in ``API`` what the GUI (through ``gui/operations``) and the
CLI may call. Each public function is one unit of work: it opens its own session, commits or
rolls back, and returns plain records (never ORM objects). Bad user data raises
``ServiceError`` carrying field-level findings with Chinese messages. No Qt here.
"""
