from django.http import HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse

PLAIN_500 = (
    "<!doctype html><title>Something went wrong</title>"
    "<h1>Something went wrong on our side</h1><p>Please try again in a minute.</p>"
)


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", {}, status=404)


def server_error(request):
    # No context processors: the database may be the thing that failed. And if
    # even the template fails (a missing static manifest), say so plainly.
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        body = PLAIN_500
    return HttpResponseServerError(body)
