"""Who is signed in on an open database: the actor every GUI service call acts as.

The launcher sets the actor after the login dialog (or ``users.start_actor``
when no login is needed); operations read it with ``actor_of(db)`` so that
every audit entry names the person, not "gui". Keyed by the ``Database``
object, so two open windows on two databases never mix their users.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from desktop.gui.operations.shapes import SYSTEM, Actor, Database

_ACTORS: WeakKeyDictionary[Database, Actor] = WeakKeyDictionary()


def set_actor(db: Database, actor: Actor) -> None:
    _ACTORS[db] = actor


def actor_of(db: Database) -> Actor:
    """The signed-in user of ``db`` (系统 when nobody signed in: a database without users)."""
    return _ACTORS.get(db, SYSTEM)


def username_of(db: Database) -> str:
    return actor_of(db).username


def sign_out(db: Database) -> None:
    _ACTORS.pop(db, None)
