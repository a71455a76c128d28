from django.db import migrations

from gongkai.core.append_only import install_append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("powers", "0001_initial")]
    operations = [install_append_only_trigger("powers_powerrevision")]
