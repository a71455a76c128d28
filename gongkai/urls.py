from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.annual_report.views import public as annual_report_public
from gongkai.foi.views import public as foi_public
from gongkai.powers.views import public as powers_public
from gongkai.service_catalog.views import public as service_public
from gongkai.supervision.views import public as supervision_public

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("yisqgk/", include(foi_public.urlpatterns)),
    path("gongkai/", include(annual_report_public.urlpatterns)),
    path("zwfw/", include(service_public.urlpatterns + powers_public.urlpatterns + supervision_public.urlpatterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include("gongkai.publishing.urls")), path("", include(wagtail_urls))]
