from django.urls import path

from search import views

app_name = "search"

#: Under the language prefix (/en/search/ …).
page_urlpatterns = [path("search/", views.search_page, name="page")]

#: Language given by ?lang= (default English).
api_urlpatterns = [
    path("api/search/", views.api_search, name="api"),
    path("api/search/suggest/", views.api_suggest, name="suggest"),
]
