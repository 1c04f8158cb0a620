from django.core.management.base import BaseCommand, CommandError

from masthead.wire.channels.push import create_push_token
from masthead.wire.models import PushToken


class Command(BaseCommand):
    help = (
        "Create a push token for a provider (POST /wire/push/<provider>/ with "
        "'Authorization: Bearer <token>'). The token is printed once; only its "
        "hash is kept. --revoke deactivates the provider's existing tokens first."
    )

    def add_arguments(self, parser):
        parser.add_argument("provider", help="The provider's slug, as in the URL.")
        parser.add_argument(
            "--revoke",
            action="store_true",
            help="Deactivate the provider's existing tokens before creating one.",
        )

    def handle(self, *args, provider, revoke, **options):
        if revoke:
            count = PushToken.objects.filter(provider=provider, active=True).update(
                active=False
            )
            self.stderr.write(f"revoked {count} token(s) for {provider}")
        try:
            token = create_push_token(provider)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"push token for {provider} (shown once): "
            f"POST /wire/push/{provider}/ with 'Authorization: Bearer <token>'"
        )
        self.stdout.write(token)
