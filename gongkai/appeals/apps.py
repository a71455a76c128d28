from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = "行政复议与行政诉讼"

    def ready(self) -> None:
        # Register the 复议/诉讼台账 with foi's ledger kinds (detect_kind, import, export).
        from gongkai.appeals import ledger_format
        from gongkai.appeals.operations import import_table
        from gongkai.foi.ledger import register_importer

        register_importer(ledger_format.KIND, import_table)
