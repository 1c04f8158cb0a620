"""SMTP down while mail is due (issue 8, drills): nothing lost, retried.

The mail the product sends today is Wagtail's workflow notifications and
Django's password reset. A real aiosmtpd server runs on a free 127.0.0.1
port and is stopped while a reporter submits an article for review; the
notification to the desk's editors waits in the task queue (the database),
the worker's first delivery fails and is queued again, and once the server
is back the retry delivers it.
"""

import signal
import socket

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection

from masthead.newsroom.factories import ArticleFactory

pytestmark = [pytest.mark.resilience, pytest.mark.integration]

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}


class Inbox:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"


class Smtp:
    """A real SMTP server that can be stopped and started on its port."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def refuses(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
        except ConnectionRefusedError:
            return True
        return False


@pytest.fixture
def smtp(settings):
    server = Smtp()
    settings.EMAIL_BACKEND = "masthead.core.outbox.QueuedEmailBackend"
    settings.MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def run_queued_tasks():
    """`masthead db_worker --batch`, in this process: the queue is in the test's
    database. The worker installs its own signal handlers; they are put back."""
    caught = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {sig: signal.getsignal(sig) for sig in caught}
    try:
        call_command(
            "db_worker",
            batch=True,
            queue_name="*",
            interval=0,
            startup_delay=False,
            reload=False,
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def mail_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="outbox.deliver_mail")


# On PostgreSQL, committed data: the task worker closes connections between
# tasks, which would end a test transaction there.
@pytest.mark.django_db(transaction=connection.vendor == "postgresql")
@override_settings(TASKS=DATABASE_TASKS)
def test_a_review_notification_waits_out_an_smtp_outage(
    smtp, section, django_user_model
):
    if not Collection.objects.exists():
        Collection.add_root(name="Root")  # a flush by an earlier test took it
    call_command("setup_roles", verbosity=0)
    reporter = django_user_model.objects.create_user(
        "w.rep", email="w.rep@masthead.example"
    )
    reporter.groups.add(Group.objects.get(name="World reporters"))
    editor = django_user_model.objects.create_user(
        "w.ed", email="w.ed@masthead.example"
    )
    editor.groups.add(Group.objects.get(name="World editors"))
    article = ArticleFactory(
        parent=section("world"), title="Tram line reopens", publish=False
    )
    article.save_revision(user=reporter)

    smtp.start()
    smtp.stop()  # down just as the mail is due
    assert smtp.refuses()
    article.get_workflow().start(article, reporter)

    # Queued, not sent and not dropped.
    assert mail_tasks().filter(status="READY").count() >= 1
    run_queued_tasks()
    assert smtp.inbox.received == []
    retries = mail_tasks().filter(status="READY")
    assert retries.count() >= 1, "the failed delivery was not queued again"
    assert all(r.run_after and r.run_after > timezone.now() for r in retries)
    assert all(r.args_kwargs["kwargs"]["attempt"] == 2 for r in retries)

    smtp.start()
    retries.update(run_after=timezone.now())  # their time comes (not waited for)
    run_queued_tasks()

    to_editor = [
        env for env in smtp.inbox.received if "w.ed@masthead.example" in env.rcpt_tos
    ]
    assert len(to_editor) == 1
    assert b"Tram line reopens" in to_editor[0].content
    assert not mail_tasks().filter(status="READY").exists()
