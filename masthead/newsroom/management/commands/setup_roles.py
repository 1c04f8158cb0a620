"""`masthead setup-roles`: desk groups, permissions and review workflows.

Idempotent: run it after the site tree exists (`masthead demo` does) and again
whenever desks change; it brings the groups back to the policy in
`masthead.newsroom.roles` and gives each desk its "<Desk> review" workflow.
"""

from django.core.management.base import BaseCommand

from masthead.newsroom.roles import setup_roles
from masthead.newsroom.workflows import setup_workflows


class Command(BaseCommand):
    help = "Create or update the desk groups, their permissions and workflows."

    def handle(self, *args, **options):
        groups = setup_roles()
        workflows = setup_workflows()
        if options["verbosity"]:
            self.stdout.write(
                f"{len(groups)} groups, {len(workflows)} desk workflows set up."
            )
            for name in sorted(groups):
                self.stdout.write(f"  {name}")
