"""The wire desk in the Wagtail admin: the "Wire" menu item and its basket views."""

from wagtail import hooks

from masthead.wire.admin_views import WireViewSet


@hooks.register("register_admin_viewset")
def register_wire_viewset():
    return WireViewSet()
