"""Print the README's integrations table from the registry (one row per category).

    python scripts/integrations_table.py     # paste between the README's table markers

``tests/cli/test_catalog.py`` checks that the README lists every registered id.
"""

from __future__ import annotations

from integrations.registry import registry


def table() -> str:
    groups: dict[str, list[str]] = {}
    for integration in registry.list():
        groups.setdefault(integration.category, []).append(f"`{integration.id}`")
    rows = ["| category | ids |", "|---|---|"]
    rows += [
        f"| {category} | {' '.join(sorted(ids))} |" for category, ids in sorted(groups.items())
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
