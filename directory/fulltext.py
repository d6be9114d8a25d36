"""SQLite's full-text indexes (migrations 0006 and 0011) must outlive later migrations.

On SQLite, Django applies many schema changes (a new non-null column, a new constraint) by building
a new table and copying the rows across, which silently drops the triggers that keep the FTS5 index in
step with `search_text`. After every `migrate`, `ensure_triggers` puts back any that are missing and
rebuilds the index from the table, so a future migration cannot quietly break the text search.
"""

import importlib

# The migrations that made FTS5 tables, each with its TABLES and forward_sql(table, fts).
FULLTEXT_MIGRATIONS = [
    importlib.import_module("directory.migrations.0006_sqlite_fulltext"),  # doctors' and packages' text
    importlib.import_module("directory.migrations.0011_search_terms_and_words"),  # spelling vocabulary
]


def _indexes(connection):
    """(table, fts table, its forward_sql) for each indexed table that exists (a database migrated
    back to before 0011 has no vocabulary table to index)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in cursor.fetchall()}
    for migration in FULLTEXT_MIGRATIONS:
        for table, fts in migration.TABLES:
            if table in tables:
                yield table, fts, migration.forward_sql


def missing_triggers(connection) -> list[str]:
    wanted = [
        f"{fts}_{event}" for _, fts, _ in _indexes(connection) for event in ("insert", "delete", "update")
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in wanted if name not in present]


def ensure_triggers(sender, using="default", **kwargs) -> None:
    """A post_migrate receiver (SQLite only)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite" or not missing_triggers(connection):
        return
    with connection.cursor() as cursor:
        for table, fts, forward_sql in list(_indexes(connection)):
            for statement in forward_sql(table, fts):
                cursor.execute(statement)
