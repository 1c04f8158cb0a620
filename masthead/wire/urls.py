from django.urls import path

from masthead.wire.channels import push

app_name = "wire"

urlpatterns = [
    path("push/<slug:provider>/", push.push, name="push"),
]
