"""An index on Wagtail's ``url_path``: the portal's lean read path finds a page and all its
ancestors in one query by the URL's prefixes (services.resolve). Wagtail maintains the column
but does not index it; without the index that query scans the page table (a million rows
under one portal: 0.25 s)."""

from django.db import migrations

SQL = "CREATE INDEX IF NOT EXISTS publishing_page_url_path ON wagtailcore_page (url_path)"


class Migration(migrations.Migration):

    dependencies = [
        ("publishing", "0005_searchdoc_column_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunSQL(SQL, reverse_sql="DROP INDEX IF EXISTS publishing_page_url_path")]
