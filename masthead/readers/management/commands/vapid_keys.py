"""Make the key pair web push signs with (VAPID, RFC 8292)."""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from masthead.readers.app import push


class Command(BaseCommand):
    help = (
        "Make a VAPID key pair for breaking-news push: written to var/vapid.json "
        "(read when MASTHEAD_VAPID_* are not set), and printed as environment "
        "lines for production. A new pair ends every browser's subscription."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Replace an existing key file."
        )

    def handle(self, *args, **options):
        path = push.key_file()
        if path.exists() and not options["force"]:
            raise CommandError(
                f"{path} exists; --force replaces it (subscribed browsers must "
                "then subscribe again)."
            )
        keys = push.generate_keys()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Owner-only from the first byte: it holds a private key.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            json.dump(keys, out)
        self.stdout.write(f"Wrote {path}")
        self.stdout.write(f"MASTHEAD_VAPID_PRIVATE_KEY={keys['private_key']}")
        self.stdout.write(f"MASTHEAD_VAPID_PUBLIC_KEY={keys['public_key']}")
