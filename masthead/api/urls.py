"""Distribution endpoints, mounted at the site root before Wagtail's page routes."""

urlpatterns = []
