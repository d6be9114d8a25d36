"""SQLite only: FTS5 full-text indexes over the doctors' and packages' search_text.

External-content FTS5 tables kept in step by triggers on insert, update and delete, so every write path
(admin, import, seed, raw SQL) updates them. The text filters (`?q=` on the directory searches and site
search) look words up here instead of scanning 100,000 rows with LIKE. PostgreSQL uses its trigram and
full-text indexes instead (0005).
"""

from django.db import migrations

TABLES = [
    ("directory_gynecologist", "directory_gynecologist_fts"),
    ("directory_maternitypackage", "directory_maternitypackage_fts"),
]


def forward_sql(table, fts):
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def backward_sql(table, fts):
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def run(build):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for table, fts in TABLES:
            for statement in build(table, fts):
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_postgres_search_indexes")]

    operations = [migrations.RunPython(run(forward_sql), run(backward_sql), elidable=False)]
