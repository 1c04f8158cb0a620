from django.urls import path

from masthead.readers.app import views

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="readers_app_manifest"),
    path("sw.js", views.service_worker, name="readers_service_worker"),
    path("offline/", views.offline, name="readers_offline"),
    path("app/", views.app_page, name="readers_app"),
    path("app/push/", views.push_subscribe, name="readers_push_subscribe"),
    path("app/push/remove/", views.push_unsubscribe, name="readers_push_unsubscribe"),
]
