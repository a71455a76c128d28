from django.apps import AppConfig


class ServiceCatalogConfig(AppConfig):
    name = "gongkai.service_catalog"
    label = "service_catalog"
    verbose_name = "政务服务事项"
