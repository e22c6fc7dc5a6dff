"""Counts behind docs/architecture.md (issue 17): modules per package, imports between
service modules (and how many sit inside functions), import loops among the services,
and GUI modules that reach past gui/operations.

Run from the repository root:  python -m benchmarks.structure
The import counts read the source with ``ast``. The last figure counts the transactions
(SQLAlchemy ``begin`` events) of one cell edit on the 教职工 table in a temporary SQLite file:
the path the page took before issue 17 (read the old value, update, read the row back) and
``records.staff.edit_staff``.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = ROOT / "desktop"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported module, inside a function?) for every absolute or relative import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((a.name, inner) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    found.append((f"{base}.{alias.name}", inner))
            visit(child, inner)

    visit(tree, False)
    return found


def resolve(name: str, known: set[str]) -> str | None:
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def service_graph() -> tuple[dict[str, set[str]], int, int]:
    files = [p for p in (DESKTOP / "services").rglob("*.py")]
    known = {module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    edges = nested = 0
    for p in files:
        me = module_name(p)
        targets: dict[str, bool] = {}
        for name, inner in imports_of(p):
            t = resolve(name, known)
            if t and t != me and t != "desktop.services":
                targets[t] = targets.get(t, True) and inner
        graph[me] = set(targets)
        edges += len(targets)
        nested += sum(targets.values())
    return graph, edges, nested


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    sys.setrecursionlimit(10000)

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            strong(v)
    return out


def group_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    def group(m: str) -> str:
        # desktop.services.<package> for a module in a sub-package, the module itself when flat
        return ".".join(m.split(".")[:3])

    out: dict[str, set[str]] = {}
    for a, bs in graph.items():
        out.setdefault(group(a), set()).update(group(b) for b in bs if group(b) != group(a))
    return out


def gui_reaching_past_operations() -> tuple[int, int]:
    """GUI modules outside gui/operations importing desktop.services or desktop.data."""
    services = data = 0
    for p in (DESKTOP / "gui").rglob("*.py"):
        if "operations" in p.relative_to(DESKTOP / "gui").parts:
            continue
        names = {n for n, _ in imports_of(p)}
        services += any(n.startswith("desktop.services") for n in names)
        data += any(n.startswith("desktop.data") for n in names)
    return services, data


def main() -> None:
    per_package = Counter(
        ".".join(p.parent.relative_to(ROOT).parts) for p in (DESKTOP / "services").rglob("*.py")
        if p.name != "__init__.py" or p.parent.name == "demo"  # demo's __init__ holds its code
    )
    print("modules per package under desktop/services (not counting __init__ files that only list):")
    for name, n in sorted(per_package.items()):
        print(f"  {name:40} {n}")
    graph, edges, nested = service_graph()
    print(f"service modules: {sum(per_package.values())} (and {len(graph) - sum(per_package.values())} "
          "package __init__ files)")
    print(f"imports between service modules: {edges} ({nested} only inside functions)")
    loops = cycles(graph)
    print(f"import loops among service modules: {len(loops)}")
    for comp in loops:
        print("  " + " ↔ ".join(c.removeprefix("desktop.services.") for c in comp))
    groups = group_graph(graph)
    print(f"arrows between service packages: {sum(len(v) for v in groups.values())}"
          f", loops: {len(cycles(groups))}")
    s, d = gui_reaching_past_operations()
    print(f"GUI modules outside gui/operations importing desktop.services: {s}, desktop.data: {d}")
    if "--no-db" not in sys.argv:
        before, now = cell_edit_transactions()
        print(f"transactions per cell edit: {before} (read old, update, read row) → {now} (edit_staff)")


def cell_edit_transactions() -> tuple[int, int]:
    import tempfile
    from datetime import date

    from sqlalchemy import event

    from desktop.data.engine import Database
    from desktop.data.migrate import upgrade
    from desktop.domain.records import StaffData, UnitData
    from desktop.services.records import staff, tables, units

    with tempfile.TemporaryDirectory() as folder:
        db = Database.for_path(Path(folder) / "t.db")
        upgrade(db)
        unit = units.create_home_unit(db, UnitData(code="2144162201", name="一小", kind="school",
                                                   parent_code="441622", category="211", ownership="1",
                                                   urban_rural="2"))
        person = staff.create_staff(db, unit.id, StaffData(name="张三", id_number="11010519491231002X",
                                                           first_work_date=date(1970, 9, 1)))
        begun: list[int] = []
        event.listen(db.engine, "begin", lambda _conn: begun.append(1))
        _old = staff.get_staff(db, person.id).subject  # the page asked for the old value first
        staff.update_staff(db, person.id, {"subject": "02"})
        tables.staff_row(db, person.id)
        before = len(begun)
        staff.edit_staff(db, person.id, {"subject": "03"})
        now = len(begun) - before
        db.dispose()
    return before, now


if __name__ == "__main__":
    main()
