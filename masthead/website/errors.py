from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse

PLAIN_500 = (
    "<!doctype html><title>Something went wrong</title>"
    "<h1>Something went wrong on our side</h1><p>Please try again in a minute.</p>"
)
PLAIN_400 = (
    "<!doctype html><title>Bad request</title>"
    "<h1>We could not read that request</h1>"
    '<p>The address may be damaged. Try the <a href="/">front page</a>.</p>'
)


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", {}, status=404)


def bad_request(request, exception=None):
    """Django's 400s (too many query fields, a refused Host, ...) as a page of
    the site. Rendered here, not lazily: a failing 400 handler becomes a 500."""
    if not isinstance(exception, DisallowedHost):
        try:
            body = loader.render_to_string("400.html", {}, request)
            return HttpResponseBadRequest(body)
        # An error page must not fail in turn: the plain page below says the same.
        except Exception:  # noqa: S110, BLE001
            pass
    # The site's chrome needs the request's host (which Site it is): for a
    # refused Host, or when the chrome itself fails, a page without it.
    try:
        body = loader.get_template("400_plain.html").render()
    except Exception:  # noqa: BLE001 - an error page must not fail in turn
        body = PLAIN_400
    return HttpResponseBadRequest(body)


def server_error(request):
    # No context processors: the database may be the thing that failed. And if
    # even the template fails (a missing static manifest), say so plainly.
    try:
        body = loader.get_template("500.html").render()
    except Exception:  # noqa: BLE001 - an error page must not fail in turn
        body = PLAIN_500
    return HttpResponseServerError(body)
