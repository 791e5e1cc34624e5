from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Commentariat editing"
admin.site.site_title = "Commentariat"
admin.site.index_title = "Articles, quotes and people"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
