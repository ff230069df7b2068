"""A demo workspace so the Reflexionsraum can be tried after ``make run``.

"Demo-Stadt Lüneburg (fiktiv)" hangs off the real municipality Lüneburg from the registry and is
flagged ``is_demo`` (every page of it says so). Four demo people, one per role, share a password
that is printed only with DEBUG on, like the demo editor. The reflection and assessment apps find
the workspace by :data:`DEMO_WORKSPACE_SLUG` and add their own demo content (they load later in
``INSTALLED_APPS`` order).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from krisenwissen.places.models import Place

from .models import Membership, Role, Workspace

DEMO_WORKSPACE_SLUG = "demo-lueneburg"
DEMO_WORKSPACE_NAME = "Demo-Stadt Lüneburg (fiktiv)"
DEMO_PLACE_KEY = "03355022"  # Lüneburg, Niedersachsen
DEMO_PASSWORD = "reflexionsraum-demo"  # noqa: S105 - printed for local development only
DEMO_USERS = [
    ("demo-admin@reflexionsraum.invalid", "Alex", "Admin (Demo)", Role.ADMIN, "Stabsstelle Krisenmanagement"),
    ("demo-moderation@reflexionsraum.invalid", "Mira", "Moderation (Demo)", Role.MODERATOR, "Ordnungsamt"),
    ("demo-mitglied@reflexionsraum.invalid", "Jonas", "Mitglied (Demo)", Role.MEMBER, "Gesundheitsamt"),
    ("demo-lesend@reflexionsraum.invalid", "Lea", "Lesend (Demo)", Role.READER, "Pressestelle"),
]


@transaction.atomic
def load() -> str:
    place = Place.objects.filter(key=DEMO_PLACE_KEY).first()
    if place is None:
        return "übersprungen (Lüneburg fehlt im Kommunenregister)"
    workspace, created = Workspace.objects.get_or_create(
        slug=DEMO_WORKSPACE_SLUG,
        defaults={"name": DEMO_WORKSPACE_NAME, "place": place, "is_demo": True, "peer_comparison_opt_in": True},
    )
    user_model = get_user_model()
    new_people = 0
    for email, first_name, last_name, role, department in DEMO_USERS:
        user, user_created = user_model.objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
        )
        if user_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            new_people += 1
        Membership.objects.get_or_create(
            workspace=workspace, user=user, defaults={"role": role, "department": department}
        )
    summary = (
        f"Demo-Arbeitsbereich „{workspace.name}“ ({'neu' if created else 'vorhanden'}), {new_people} neue Demo-Konten"
    )
    if settings.DEBUG:
        logins = ", ".join(f"{email} ({Role(role).label})" for email, _f, _l, role, _d in DEMO_USERS)
        summary += (
            f" – Anmeldung (nur Entwicklung) unter {settings.WAGTAILADMIN_BASE_URL}/konto/anmelden/ mit {logins}, "
            f"Passwort für alle: {DEMO_PASSWORD}"
        )
    return summary
