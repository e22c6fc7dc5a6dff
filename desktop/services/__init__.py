"""Use cases the GUI and the CLI call. Each public function is one unit of work:
it opens its own session, commits or rolls back, and returns plain records from
``desktop.domain.records`` (never ORM objects). Bad user data raises
``ServiceError`` carrying field-level findings with Chinese messages. No Qt here.
"""
