"""Create the pages and accounts a fresh installation needs. Every function is idempotent."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page, Site

from .legal_texts import LEGAL_PAGES
from .models import HomePage, StandardPage

DEMO_EDITOR_USERNAME = "redaktion"
DEMO_EDITOR_PASSWORD = "krisenwissen-demo"  # noqa: S105 - printed for local development only

HOME_INTRO = (
    "Krisenwissen sammelt, was Kommunen in Pandemie, Hochwasser, Hitze, Stromausfall und Energiemangellage "
    "gelernt haben: Praxisbeispiele, Forschung und Empfehlungen entlang der sieben Stellschrauben kommunaler "
    "Resilienz – und einen geschützten Reflexionsraum, in dem eine Kommune ihre eigene Krise nachbereitet."
)


@transaction.atomic
def ensure_site_pages() -> HomePage:
    """Make sure the home page exists, is the default site's root and has the legal pages below it."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration puts a placeholder "Welcome" page at /; replace it.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.slug == "home":
                placeholder.slug = "home-placeholder"
                placeholder.save()
        home = HomePage(title="Krisenwissen", slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Krisenwissen"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Krisenwissen"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    for slug, title, intro, body in LEGAL_PAGES:
        if not StandardPage.objects.filter(slug=slug).exists():
            page = StandardPage(title=title, slug=slug, intro=intro, body=body)
            home.add_child(instance=page)
            page.save_revision().publish()
    return home


def ensure_demo_editor() -> tuple[str, str, bool]:
    """The demo editor account for local development; returns (username, password, created)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_EDITOR_USERNAME,
        defaults={"email": "redaktion@localhost", "first_name": "Demo", "last_name": "Redaktion"},
    )
    if created:
        user.set_password(DEMO_EDITOR_PASSWORD)
        user.is_staff = True
        user.save()
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        user.groups.add(editors)
    return DEMO_EDITOR_USERNAME, DEMO_EDITOR_PASSWORD, created
