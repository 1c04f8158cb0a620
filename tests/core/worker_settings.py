"""The test settings with the database task queue, for worker processes that
run tasks a test has queued (the test settings themselves run tasks at once)."""

from masthead.settings.test import *  # noqa: F403

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "wire", "media"],
    }
}
