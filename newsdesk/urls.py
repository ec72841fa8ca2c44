from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "新闻编辑后台"
admin.site.site_title = "新闻编辑后台"
admin.site.index_title = "编辑部"

from articles import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    # Sitemaps and robots.txt sit outside the editions: each sitemap lists every edition's URLs.
    path("", include((sitemaps.urlpatterns, "sitemaps"))),
]

# Reader pages: the canonical simplified edition has no prefix; other editions get /<language>/.
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("sections.urls")),
    path("", include("workflow.urls")),
    path("", include("search.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
