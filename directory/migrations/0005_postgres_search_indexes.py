"""PostgreSQL only: trigram indexes for the directory's text filters and full-text indexes for site
search. Each expression is exactly the one the queries use, so the planner can match it:
- `?q=` on /gynecologists/ and /maternity-packages/: UPPER(search_text) LIKE UPPER('%word%') (icontains);
- /search/: the weighted SearchVector of portal/search.py.
SQLite has neither; there the searches filter on indexed columns first (see 0004).
"""

from django.db import migrations

DOCTOR_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(name, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(search_text, '') || ' ' || "
    "COALESCE(qualifications, '')), 'B'))"
)
PACKAGE_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(name, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(search_text, '')), 'B'))"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS doctor_search_trgm ON directory_gynecologist "
    "USING gin ((UPPER(search_text::text)) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS package_search_trgm ON directory_maternitypackage "
    "USING gin ((UPPER(search_text::text)) gin_trgm_ops)",
    f"CREATE INDEX IF NOT EXISTS doctor_fulltext ON directory_gynecologist USING gin ({DOCTOR_VECTOR})",
    f"CREATE INDEX IF NOT EXISTS package_fulltext ON directory_maternitypackage USING gin ({PACKAGE_VECTOR})",
]
BACKWARD = [
    "DROP INDEX IF EXISTS doctor_search_trgm",
    "DROP INDEX IF EXISTS package_search_trgm",
    "DROP INDEX IF EXISTS doctor_fulltext",
    "DROP INDEX IF EXISTS package_fulltext",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_covering_search_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
