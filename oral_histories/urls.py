from django.urls import path

from . import views

app_name = "oral_histories"

urlpatterns = [
    path("recordings/<int:pk>/media", views.media, name="media"),
    path("recordings/<int:pk>/captions/<slug:language>.vtt", views.captions, name="captions"),
    path("recordings/<int:pk>/transcript/<slug:language>.srt", views.subtitles_srt, name="srt"),
    path("recordings/<int:pk>/transcript/part", views.transcript_part, name="transcript_part"),
    path("recordings/<int:pk>/ohms.xml", views.ohms_export, name="ohms"),
    path("recordings/<int:pk>/chapters/<slug:language>.vtt", views.chapters, name="chapters"),
    path("recordings/<int:pk>/index/<slug:language>.csv", views.index_spreadsheet, name="index_csv"),
]
