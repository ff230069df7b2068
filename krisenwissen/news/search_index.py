"""News, events and training offers in the platform search (``type=news``, ``event``, ``training``)."""

from django.utils.translation import gettext_lazy as _

from krisenwissen.research.search_text import german_url, names, plain, taxonomy_text
from krisenwissen.search.registry import SearchAdapter, register

from .models import Event, NewsItem, TrainingOffer

register(
    NewsItem,
    SearchAdapter(
        kind="news",
        label=_("Meldung"),
        label_plural=_("Meldungen"),
        fields={
            "title": lambda n: n.title,
            "summary": lambda n: n.teaser,
            "body": lambda n: plain(n.body),
            "taxonomy": taxonomy_text,
        },
        public_queryset=lambda: NewsItem.objects.public(),
        is_public=lambda n: bool(n.live),
        url=german_url,
        title=lambda n: n.title,
        summary=lambda n: n.teaser,
        prefetch=("themes", "levers"),
    ),
)

register(
    Event,
    SearchAdapter(
        kind="event",
        label=_("Termin"),
        label_plural=_("Termine"),
        fields={
            "title": lambda e: e.title,
            "summary": lambda e: e.teaser,
            "body": lambda e: "\n\n".join(filter(None, [plain(e.description), e.target_group, e.organiser])),
            "keywords": lambda e: "\n".join(names(e, "audiences")),
            "taxonomy": taxonomy_text,
            "place": lambda e: e.place_label,
        },
        public_queryset=lambda: Event.objects.public(),
        is_public=lambda e: bool(e.live),
        url=german_url,
        title=lambda e: e.title,
        summary=lambda e: f"{e.start_date:%d.%m.%Y} – {e.teaser}",
        prefetch=("themes", "levers", "audiences"),
    ),
)

register(
    TrainingOffer,
    SearchAdapter(
        kind="training",
        label=_("Fortbildungsangebot"),
        label_plural=_("Fortbildungsangebote"),
        fields={
            "title": lambda t: t.title,
            "summary": lambda t: t.summary,
            "body": lambda t: "\n\n".join(
                filter(None, [plain(t.description), *(f"{m.title}\n{m.description}" for m in t.modules.all())])
            ),
            "keywords": lambda t: "\n".join([t.provider, *names(t, "audiences")]),
            "taxonomy": taxonomy_text,
        },
        public_queryset=lambda: TrainingOffer.objects.public(),
        is_public=lambda t: bool(t.live),
        url=german_url,
        title=lambda t: t.title,
        summary=lambda t: t.summary,
        prefetch=("themes", "levers", "audiences", "modules"),
    ),
)
