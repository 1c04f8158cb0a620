from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "masthead.readers"
    label = "readers"
    verbose_name = "Readers"

    def ready(self):
        # Deferred: the receivers' modules import models, which are only
        # ready once the app registry is.
        from masthead.readers.comments import signals as comment_signals

        comment_signals.connect()
        # Deferred as well: registers the periodic jobs of the newsletter and
        # of feedback (mail to the desks), whose modules import models.
        from masthead.readers.feedback import mail as feedback_mail  # noqa: F401
        from masthead.readers.newsletter import jobs  # noqa: F401
