from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "gongkai.annual_report"
    label = "annual_report"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        # The report's page in the 主动公开 portal: the end of its review publishes the
        # report, a rejection returns it (publishing calls these, never imports this app).
        from gongkai.annual_report.publication import register_review_hooks

        register_review_hooks()
