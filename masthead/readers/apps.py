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
        # Deferred as well, as these import models: the periodic jobs of the
        # newsletter and of feedback (mail to the desks) register on import,
        # and "Send as alert" also pushes (app/push.py).
        from masthead.readers.app import push
        from masthead.readers.feedback import mail as feedback_mail  # noqa: F401
        from masthead.readers.newsletter import jobs  # noqa: F401
        from masthead.readers.newsletter.alerts import alert_sent

        alert_sent.connect(push.on_alert_sent, dispatch_uid="readers-push-alert")
