"""Response shapes of the public read API (they double as its OpenAPI documentation)."""

import datetime

from ninja import Field, Schema


class MunicipalityOut(Schema):
    name: str = Field(description="Name im Gemeinderegister")
    label: str = Field(description="Anzeigename der Kommune (kann vom Register abweichen, z. B. ein Stadtbezirk)")
    ags: str = Field(description="Amtlicher Gemeindeschlüssel; leer außerhalb Deutschlands")
    state: str = Field(description="Bundesland bzw. Region")
    country: str = Field(description="ISO-3166-1-Alpha-2-Code")
    size_class: str = Field(description="Größenklasse")
    url: str = Field(description="Absolute Adresse der Seite der Kommune")


class PracticeOut(Schema):
    external_id: str | None = Field(description="Stabiler Schlüssel, z. B. PX-A-001 (fehlt bei manchen)")
    slug: str
    title: str
    summary: str
    language: str = Field(description="Sprache der Texte: de oder en")
    municipality: MunicipalityOut
    themes: list[str]
    crisis_types: list[str]
    phases: list[str]
    innovation_type: str
    origin: str
    maturity: str
    actors: list[str]
    target_groups: list[str]
    stellschrauben: list[int] = Field(description="Nummern der Stellschrauben (1–7)")
    start_year: int
    end_year: int | None = Field(description="Leer, solange die Praxis läuft")
    is_demo: bool = Field(description="Fiktive Demo-Daten; muss bei der Anzeige gekennzeichnet werden")
    url: str = Field(description="Absolute Adresse der Detailseite")


class PracticeListOut(Schema):
    count: int = Field(description="Anzahl aller Treffer")
    limit: int
    offset: int
    results: list[PracticeOut]
    facets: dict[str, dict[str, int]] = Field(
        description=(
            "Je Filterfeld die Trefferzahl jedes Werts unter der aktuellen Auswahl: gezählt werden die Treffer "
            "aller übrigen Filter, die diesen Wert haben."
        )
    )


class ImageOut(Schema):
    url: str
    alt_text: str
    caption: str
    credit: str


class AttachmentOut(Schema):
    title: str
    url: str
    file_type: str
    file_size: int | None


class LinkOut(Schema):
    title: str
    url: str
    accessed: datetime.date | None


class ContactOut(Schema):
    name: str
    role: str
    organisation: str
    email: str
    phone: str


class RelatedOut(Schema):
    external_id: str | None
    slug: str
    title: str
    url: str


class PracticeDetailOut(PracticeOut):
    description: str
    lessons_learned: str
    keywords: list[str]
    images: list[ImageOut]
    attachments: list[AttachmentOut]
    links: list[LinkOut]
    contact: ContactOut | None = Field(description="Nur mit Einwilligung der Person veröffentlicht")
    last_reviewed: datetime.date | None
    related: list[RelatedOut]


class ErrorOut(Schema):
    detail: str | list[dict]
