from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from network.urls import account_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *account_urlpatterns,
    path("accounts/", include("allauth.urls")),
    path("", include("network.urls")),
    path("skills/", include("skills.urls")),
    path("recherche/", include("search.urls")),
    path("badges/", include("skills.badge_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the site's pages (home, guides) for every other path.
urlpatterns.append(path("", include(wagtail_urls)))
