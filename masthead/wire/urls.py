from django.urls import path

app_name = "wire"

urlpatterns: list = [
    # path("push/<slug:provider>/", ...) is added by the push channel
]
