"""Search terms (what patients type and what it means, kept by editors) and the spelling vocabulary
(every word the site uses), with the index that finds words spelled nearly alike:

- SQLite: an FTS5 table with the trigram tokenizer over the words, kept in step by triggers (and put
  back after any later migration that rebuilds the table: directory.fulltext);
- PostgreSQL: a trigram GIN index (pg_trgm, installed by 0005) for `word % 'query'`.
"""

from django.db import migrations, models

TABLES = [("directory_searchword", "directory_searchword_fts")]


def forward_sql(table, fts):
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(word, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, word) VALUES (new.id, new.word); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, word) VALUES ('delete', old.id, old.word); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF word ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, word) VALUES ('delete', old.id, old.word); "
        f"INSERT INTO {fts}(rowid, word) VALUES (new.id, new.word); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def backward_sql(table, fts):
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS searchword_trgm ON directory_searchword USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS searchword_trgm"]


def run(build, postgres):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = postgres if vendor == "postgresql" else []
        if vendor == "sqlite":
            statements = [statement for table, fts in TABLES for statement in build(table, fts)]
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0010_pcpndt_validators'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=40, unique=True)),
                ('uses', models.PositiveIntegerField(default=1, help_text='In how many texts it appears (roughly).')),
            ],
            options={
                'verbose_name': 'search word',
                'ordering': ['word'],
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phrase', models.CharField(help_text='What people type, e.g. “acidity”, “c section”, “Bombay”, “पैर”. Capitals and punctuation do not matter: “C-Section” and “c section” are the same phrase.', max_length=80, unique=True)),
                ('means', models.CharField(blank=True, help_text='The words the site itself uses for it: “heartburn”, “caesarean”, “Mumbai”, “leg”. Leave empty for a word the search should ignore (“near”, “in”).', max_length=120, verbose_name='read as')),
                ('group', models.CharField(choices=[('spelling', 'Spelling or short form'), ('synonym', 'Everyday or Hinglish word'), ('hindi', 'Hindi'), ('place', 'Other name of a city'), ('filler', 'Filler word (ignored)')], default='synonym', max_length=10)),
                ('updated', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'search term',
                'ordering': ['phrase'],
                'constraints': [models.CheckConstraint(condition=models.Q(('group__in', ['spelling', 'synonym', 'hindi', 'place', 'filler'])), name='term_group_valid')],
            },
        ),
        migrations.RunPython(
            run(forward_sql, POSTGRES_FORWARD), run(backward_sql, POSTGRES_BACKWARD), elidable=False
        ),
    ]
