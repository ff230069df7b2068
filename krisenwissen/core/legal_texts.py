"""Starting texts of the legal pages. Editors replace the placeholders in the CMS."""

LEGAL_PAGES = [
    (
        "impressum",
        "Impressum",
        "Angaben gemäß § 5 DDG und § 18 MStV.",
        "<p>Diese Installation ist eine Demo. Tragen Sie hier Betreiber, Anschrift, Vertretung und Kontakt ein.</p>",
    ),
    (
        "datenschutz",
        "Datenschutzerklärung",
        "Wie Krisenwissen mit personenbezogenen Daten umgeht.",
        "<p>Die Plattform setzt nur technisch notwendige Cookies und lädt keine Inhalte von Dritten.</p>",
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Stand der Vereinbarkeit mit der BITV 2.0 und WCAG 2.1 AA.",
        "<p>Wir wollen die Plattform für alle Menschen barrierefrei zugänglich machen.</p>",
    ),
]
