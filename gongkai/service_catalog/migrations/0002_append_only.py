from django.db import migrations

from gongkai.core.append_only import install_append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("service_catalog", "0001_initial")]
    operations = [install_append_only_trigger("service_catalog_caseevent")]
