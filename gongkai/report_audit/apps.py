from django.apps import AppConfig


class ReportAuditConfig(AppConfig):
    name = "gongkai.report_audit"
    verbose_name = "年报体检"
    default_auto_field = "django.db.models.BigAutoField"
