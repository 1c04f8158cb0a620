import json
import secrets
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from masthead.core.pagecache import purge_all
from masthead.demo import content, video
from masthead.demo.content import DATA_DIR
from masthead.demo.images import PALETTES, draw_illustration, draw_portrait
from masthead.demo.sitetree import build_site_tree
from masthead.demo.users import create_demo_users
from masthead.newsroom.factories import (
    ArticleFactory,
    PersonFactory,
    SourceFactory,
    SpecialReportFactory,
    paragraphs_to_body,
)
from masthead.newsroom.media.tasks import drop_queued_renditions, make_renditions_now
from masthead.newsroom.models import (
    ArticlePage,
    NewsImage,
    PeopleIndexPage,
    PersonPage,
    RegionPage,
    SectionPage,
    SpecialReportPage,
)
from masthead.wire.models import Channel, WireItem
from masthead.wire.services import ingest_bytes

# Agency files of our own writing, one per format.
DEMO_WIRE_DIR = DATA_DIR / "wire"


class Command(BaseCommand):
    help = "Create the demo newsroom: the seed's sections and regions, people, sources and articles."

    def handle(self, *args, **options):
        self.show_progress = options["verbosity"] > 0
        self._step("Sections, regions, pages and desk roles")
        home = build_site_tree()
        call_command("setup_roles", verbosity=0)
        articles = content.load_articles()
        created = self._load_content(home, articles)
        self._attach_video_clips(articles)
        self._make_renditions()
        wire = self._fill_wire_basket()
        logins = self._ensure_users()
        # Index now, so search works before the worker has run its queue.
        self._step("Search index")
        call_command("update_index", verbosity=0)
        purge_all()
        total = ArticlePage.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready: {total} articles ({created} new), "
                f"{wire} demo wire stories in the basket."
            )
        )
        self.stdout.write(f"Logins (kept in {settings.VAR_DIR / 'demo-logins.json'}):")
        for role, (username, password) in logins.items():
            self.stdout.write(f"  {role:<14} {username} / {password}")

    # Content ---------------------------------------------------------------
    @transaction.atomic
    def _load_content(self, home, articles: list[dict]) -> int:
        sources = {s["slug"]: SourceFactory(**s) for s in content.load_sources()}
        people_index = PeopleIndexPage.objects.child_of(home).get()
        people = {}
        for p in content.load_people():
            person = PersonPage.objects.filter(slug=p["slug"]).first()
            if person is None:
                person = PersonFactory(
                    parent=people_index,
                    title=p["name"],
                    slug=p["slug"],
                    role=p["role"],
                    job_title=p.get("job_title", ""),
                    bio=f"<p>{p.get('bio', '')}</p>",
                    photo=self._portrait(p),
                )
                person.save_revision().publish()
            people[p["slug"]] = person
        reports_section = SectionPage.objects.get(slug="special-reports")
        reports = {}
        for r in content.load_special_reports():
            report = SpecialReportPage.objects.filter(slug=r["slug"]).first()
            if report is None:
                report = SpecialReportFactory(
                    parent=reports_section,
                    title=r["title"],
                    slug=r["slug"],
                    intro=r["intro"],
                )
                report.save_revision().publish()
            reports[r["slug"]] = report
        regions = {r.slug: r for r in RegionPage.objects.all()}
        sections = {self._section_key(s): s for s in SectionPage.objects.all()}

        created = 0
        now = timezone.now()
        for item in self._progress(articles, "Articles", "article"):
            if ArticlePage.objects.filter(slug=item["slug"]).exists():
                continue
            published = now - timedelta(
                hours=item["hours_ago"], minutes=len(item["slug"])
            )
            article = ArticleFactory(
                parent=sections[item["section"]],
                title=item["title"],
                slug=item["slug"],
                kicker=item.get("kicker", ""),
                lead=item["lead"],
                body=paragraphs_to_body(item["paragraphs"]),
                source=sources[item["source"]],
                original_byline=item.get("original_byline", ""),
                dateline=item.get("dateline", ""),
                desk_editor=people.get(item.get("desk_editor") or ""),
                opinion_kind=item.get("opinion_kind", ""),
                main_image=self._image(item),
                published_at=published,
                regions=[regions[s] for s in item.get("regions", [])],
                special_reports=(
                    [reports[item["special_report"]]]
                    if item.get("special_report")
                    else []
                ),
                authors=[people[item["author"]]] if item.get("author") else [],
            )
            created += 1 if article.pk else 0
        return created

    # Progress ---------------------------------------------------------------
    def _step(self, label: str) -> None:
        if self.show_progress:
            self.stdout.write(f"{label}…")

    def _progress(self, items, label: str, unit: str):
        """A tqdm bar on stderr (the summary and logins stay on stdout)."""
        return tqdm(
            items,
            desc=f"{label:<16}",
            unit=f" {unit}s",
            disable=not self.show_progress,
            leave=True,
        )

    # Video -------------------------------------------------------------------
    def _attach_video_clips(self, articles: list[dict]) -> None:
        """A captioned clip for each Video article that has none (posters become
        images, so this runs before the renditions)."""
        if not video.ffmpeg_available():
            self.stdout.write(
                "ffmpeg not found: the demo's Video articles get no clips."
            )
            return
        items = [item for item in articles if item["section"] == "video"]
        for item in self._progress(items, "Video clips", "clip"):
            article = ArticlePage.objects.filter(slug=item["slug"]).first()
            if article is not None and article.video_id is None:
                palette = (item.get("image") or {}).get("palette", "slate")
                video.attach_clip(article, palette)

    # Renditions --------------------------------------------------------------
    def _make_renditions(self) -> None:
        """Every image's renditions now, so the first pages a reader opens are
        light, instead of ~300 jobs for the worker while pages serve originals."""
        images = list(NewsImage.objects.order_by("pk"))
        done = make_renditions_now(
            images,
            progress=lambda items: self._progress(items, "Image renditions", "image"),
        )
        # Saving each image queued a job; the renditions exist now.
        drop_queued_renditions(done)

    # Wire basket -------------------------------------------------------------
    def _fill_wire_basket(self) -> int:
        """Agency copy of our own writing, one file per format, through the real
        ingest service, so a wire editor has stories to try. Identical bytes are
        a no-op on a second run."""
        files = sorted(p for p in DEMO_WIRE_DIR.iterdir() if p.is_file())
        for path in self._progress(files, "Wire stories", "file"):
            result = ingest_bytes(
                path.read_bytes(),
                channel=Channel.FILE,
                origin=f"demo/wire/{path.name}",
            )
            if result.status == "rejected":
                raise CommandError(f"Demo wire file {path.name}: {result.reason}")
        return WireItem.objects.filter(
            raw__origin__startswith="demo/wire/", status=WireItem.Status.OK
        ).count()

    @staticmethod
    def _section_key(section: SectionPage) -> str:
        parts = section.url_path.strip("/").split("/")[1:]  # drop the home slug
        return "/".join(parts)

    def _image(self, item):
        spec = item.get("image")
        if not spec:
            return None
        data = draw_illustration(spec["motif"], spec["palette"], item["slug"])
        image = NewsImage(
            title=item["title"][:255],
            alt_text=spec["alt"],
            caption=spec.get("caption", ""),
            credit=spec.get("credit", ""),
        )
        image.file = ImageFile(BytesIO(data), name=f"{item['slug']}.jpg")
        image.save()
        return image

    def _portrait(self, person: dict):
        """A drawn portrait for a columnist: a column shows its author's photo."""
        if person["role"] != "columnist":
            return None
        palettes = sorted(PALETTES)
        palette = palettes[sum(map(ord, person["slug"])) % len(palettes)]
        image = NewsImage(
            title=person["name"],
            alt_text=f"Drawn portrait of {person['name']}",
            credit="Illustration: Masthead Daily",
        )
        data = draw_portrait(palette, person["slug"])
        image.file = ImageFile(BytesIO(data), name=f"{person['slug']}-portrait.jpg")
        image.save()
        return image

    # Users -------------------------------------------------------------------
    def _ensure_users(self) -> dict[str, tuple[str, str]]:
        path = settings.VAR_DIR / "demo-logins.json"
        saved = json.loads(path.read_text()) if path.exists() else {}
        User = get_user_model()
        logins = {}
        for role, username in (("superuser", "admin"),):
            password = saved.get(role, {}).get("password") or secrets.token_urlsafe(12)
            user, made = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@masthead.example"}
            )
            if made or not user.check_password(password):
                user.set_password(password)
                user.is_staff = user.is_superuser = True
                user.save()
            logins[role] = (username, password)
        saved_passwords = {role: value.get("password") for role, value in saved.items()}
        for role, login in create_demo_users(passwords=saved_passwords).items():
            logins[role] = login
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {r: {"username": u, "password": p} for r, (u, p) in logins.items()},
                indent=2,
            )
        )
        path.chmod(0o600)
        return logins
