"""`{% contact_form %}`: the contact form, for the Contact page's template.

The website's templates load this library; its Python never imports readers."""

from django import template

from masthead.readers.feedback.forms import ContactForm

register = template.Library()


@register.inclusion_tag("readers/feedback/contact_form.html")
def contact_form():
    return {"form": ContactForm()}
