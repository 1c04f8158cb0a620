from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", {}, status=404)


def server_error(request):
    # No context processors: the database may be the thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
