"""The self-assessment questionnaire: three indicators for each of the seven levers (Stellschrauben).

Each indicator is scored on a maturity scale from 0 to 5 whose levels are described in words, so
that two people in the same administration reach the same score for the same situation. The
levels follow one logic throughout: 0 nothing, 1 individual initiative, 2 partly arranged,
3 arranged and known, 4 practised and used, 5 reviewed and improved regularly.

This module is plain data: the data migration ``0002_questionnaire`` and
:func:`krisenwissen.assessment.services.ensure_questionnaire` both read it.
"""

#: ``(lever number, code, title, question, (level 0, …, level 5))``
INDICATORS = [
    # 1 Strategische Verankerung
    (
        1,
        "1.1",
        "Zuständigkeit und Auftrag",
        "Ist Krisenmanagement als Daueraufgabe mit klarer Zuständigkeit und Auftrag der Verwaltungsspitze verankert?",
        (
            "Es gibt keine Zuständigkeit für Krisenmanagement außerhalb des Ernstfalls.",
            "Einzelne Personen kümmern sich aus eigenem Antrieb, ohne Auftrag.",
            "Eine Stelle ist benannt, der Auftrag ist aber nicht schriftlich festgehalten.",
            "Zuständigkeit und Auftrag sind schriftlich geregelt und in der Verwaltung bekannt.",
            "Die zuständige Stelle berichtet regelmäßig an die Verwaltungsspitze und wird gehört.",
            "Auftrag und Zuständigkeit werden nach jeder Krise und mindestens alle zwei Jahre überprüft und angepasst.",
        ),
    ),
    (
        1,
        "1.2",
        "Ressourcen im Haushalt",
        "Stehen für Krisenvorsorge dauerhaft Personal und Mittel im Haushalt zur Verfügung?",
        (
            "Für Krisenvorsorge sind keine Mittel und keine Arbeitszeit vorgesehen.",
            "Mittel werden nur im Ernstfall oder auf Zuruf bereitgestellt.",
            "Es gibt einzelne Haushaltsposten, aber keine planbare Ausstattung.",
            "Krisenvorsorge hat einen eigenen, jährlich geplanten Haushaltsansatz und Stellenanteile.",
            "Die Ausstattung richtet sich nach einer Risikoanalyse und wird tatsächlich genutzt.",
            "Ausstattung und Wirkung werden jährlich ausgewertet und der Ansatz entsprechend angepasst.",
        ),
    ),
    (
        1,
        "1.3",
        "Risikoanalyse und Pläne",
        "Gibt es eine aktuelle Risikoanalyse und darauf aufbauende Krisen- und Notfallpläne?",
        (
            "Es gibt weder eine Risikoanalyse noch Krisenpläne.",
            "Einzelne Ämter haben eigene, nicht abgestimmte Notfallunterlagen.",
            "Eine Risikoanalyse liegt vor, ist aber veraltet oder ohne Folgen für die Planung.",
            "Eine aktuelle Risikoanalyse und abgestimmte Pläne für die wichtigsten Gefahren liegen vor.",
            "Die Pläne werden geübt und sind den Beteiligten vertraut.",
            "Analyse und Pläne werden regelmäßig und nach jeder Krise fortgeschrieben.",
        ),
    ),
    # 2 Krisenkompetenz und Wissen
    (
        2,
        "2.1",
        "Aus- und Fortbildung",
        "Werden Beschäftigte für ihre Rolle in der Krise aus- und fortgebildet?",
        (
            "Es gibt keine Schulungen zum Krisenfall.",
            "Einzelne Beschäftigte bilden sich auf eigene Initiative fort.",
            "Mitglieder des Krisenstabs werden geschult, andere Beschäftigte nicht.",
            "Ein Fortbildungsplan deckt Krisenstab und Schlüsselfunktionen regelmäßig ab.",
            "Auch neue Beschäftigte und Vertretungen werden systematisch eingewiesen.",
            "Die Wirkung der Fortbildungen wird ausgewertet und das Angebot weiterentwickelt.",
        ),
    ),
    (
        2,
        "2.2",
        "Übungen",
        "Übt die Verwaltung Krisenlagen gemeinsam, auch ämterübergreifend?",
        (
            "Es finden keine Übungen statt.",
            "Geübt wird nur in einzelnen Bereichen, etwa bei der Feuerwehr.",
            "Gelegentlich gibt es Stabsübungen ohne feste Planung.",
            "Ämterübergreifende Übungen finden nach einem festen Plan statt.",
            "Übungen schließen Partner von außen ein und spielen unterschiedliche Gefahren durch.",
            "Jede Übung wird ausgewertet, und die Erkenntnisse fließen nachweislich in Pläne ein.",
        ),
    ),
    (
        2,
        "2.3",
        "Wissensmanagement",
        "Ist Erfahrungswissen aus früheren Krisen dokumentiert und für andere auffindbar?",
        (
            "Erfahrungswissen steckt nur in den Köpfen einzelner Personen.",
            "Einzelne Berichte oder Notizen liegen verstreut vor.",
            "Erfahrungen werden gesammelt, sind aber schwer auffindbar.",
            "Erfahrungen sind an einem bekannten Ort geordnet abgelegt.",
            "Beschäftigte nutzen das Wissen bei Planung und Einarbeitung tatsächlich.",
            "Das Wissen wird gepflegt, ergänzt und bei Personalwechseln aktiv übergeben.",
        ),
    ),
    # 3 Personalreserven
    (
        3,
        "3.1",
        "Personalpool für den Krisenfall",
        "Weiß die Verwaltung vorab, wer im Krisenfall wo aushelfen kann?",
        (
            "Personal wird im Ernstfall spontan zusammengesucht.",
            "Einzelne Ämter haben eigene Listen von Freiwilligen.",
            "Ein verwaltungsweiter Pool ist angelegt, aber unvollständig oder veraltet.",
            "Ein aktueller Pool mit Qualifikationen und Erreichbarkeiten liegt vor.",
            "Die Beschäftigten im Pool sind auf ihre Einsatzbereiche vorbereitet.",
            "Der Pool wird regelmäßig aktualisiert und nach Einsätzen ausgewertet.",
        ),
    ),
    (
        3,
        "3.2",
        "Priorisierung von Aufgaben",
        "Ist festgelegt, welche Aufgaben in der Krise weiterlaufen müssen und welche ruhen dürfen?",
        (
            "Es gibt keine Festlegung; im Ernstfall wird improvisiert.",
            "Einzelne Führungskräfte haben für ihren Bereich Vorstellungen.",
            "Kritische Aufgaben sind teilweise benannt.",
            "Für alle Bereiche ist schriftlich festgelegt, was weiterläuft und was ruhen darf.",
            "Die Festlegungen sind bekannt und wurden in einer Krise oder Übung angewandt.",
            "Die Priorisierung wird regelmäßig überprüft und an neue Aufgaben angepasst.",
        ),
    ),
    (
        3,
        "3.3",
        "Delegation und Vertretung",
        "Sind Vertretungen und Befugnisse für Schlüsselfunktionen im Krisenfall geregelt?",
        (
            "Vertretungen sind für den Krisenfall nicht geregelt.",
            "Vertretungen ergeben sich zufällig aus dem Alltag.",
            "Für einige Schlüsselfunktionen sind Vertretungen benannt.",
            "Für alle Schlüsselfunktionen gibt es benannte Vertretungen mit klaren Befugnissen.",
            "Vertretungen sind eingearbeitet und haben ihre Rolle geübt.",
            "Die Regelungen werden bei Personalwechseln sofort angepasst und regelmäßig geprüft.",
        ),
    ),
    # 4 Unterstützung der Beschäftigten
    (
        4,
        "4.1",
        "Psychosoziale Unterstützung",
        "Erhalten Beschäftigte in und nach belastenden Einsätzen psychosoziale Unterstützung?",
        (
            "Es gibt kein Unterstützungsangebot.",
            "Unterstützung hängt von einzelnen engagierten Führungskräften ab.",
            "Ein Angebot existiert, ist aber wenig bekannt.",
            "Ein bekanntes Angebot (z. B. kollegiale Beratung, externe Fachstelle) steht allen offen.",
            "Das Angebot wird in Krisen aktiv angeboten und genutzt.",
            "Nutzung und Bedarf werden ausgewertet und das Angebot angepasst.",
        ),
    ),
    (
        4,
        "4.2",
        "Arbeitsorganisation und Entlastung",
        "Sorgen Schichtpläne, Pausen und Entlastungsregeln dafür, dass Beschäftigte lange handlungsfähig bleiben?",
        (
            "Es gibt keine Regeln; Überlastung wird hingenommen.",
            "Entlastung wird im Einzelfall spontan organisiert.",
            "Für den Krisenstab gibt es Schicht- und Pausenregeln.",
            "Für alle Einsatzbereiche gibt es verbindliche Regeln zu Schichten, Pausen und Ausgleich.",
            "Die Regeln werden in Krisen eingehalten und von Führungskräften durchgesetzt.",
            "Belastung wird gemessen, und die Regeln werden daraufhin verbessert.",
        ),
    ),
    (
        4,
        "4.3",
        "Wertschätzung und Anerkennung",
        "Wird der Einsatz der Beschäftigten in der Krise sichtbar anerkannt?",
        (
            "Der Einsatz wird nicht anerkannt.",
            "Anerkennung kommt vereinzelt und informell.",
            "Die Verwaltungsspitze dankt öffentlich, ohne weitere Folgen.",
            "Es gibt feste Formen der Anerkennung (Dank, Ausgleich, Berücksichtigung in Beurteilungen).",
            "Beschäftigte erleben die Anerkennung als glaubwürdig und angemessen.",
            "Die Kultur der Wertschätzung wird bei Befragungen überprüft und weiterentwickelt.",
        ),
    ),
    # 5 Vertrauensnetzwerke
    (
        5,
        "5.1",
        "Interne Vernetzung",
        "Kennen sich die Ämter, die in der Krise zusammenarbeiten müssen, schon vorher?",
        (
            "Die Ämter arbeiten nebeneinander und kennen sich kaum.",
            "Einzelne persönliche Kontakte tragen die Zusammenarbeit.",
            "Es gibt gelegentliche ämterübergreifende Treffen.",
            "Regelmäßige Formate (Runden, Projekte) verbinden die beteiligten Ämter.",
            "Die Zusammenarbeit ist in Übungen und Krisen erprobt und verlässlich.",
            "Die Vernetzung wird gepflegt, ausgewertet und auf neue Ämter ausgedehnt.",
        ),
    ),
    (
        5,
        "5.2",
        "Externe Partner",
        "Bestehen vertrauensvolle Kontakte zu Hilfsorganisationen, Wirtschaft, Wissenschaft und Nachbarkommunen?",
        (
            "Kontakte zu Partnern bestehen nicht.",
            "Kontakte werden erst in der Krise gesucht.",
            "Eine Kontaktliste liegt vor, wird aber kaum gepflegt.",
            "Mit wichtigen Partnern gibt es Absprachen und aktuelle Kontakte.",
            "Partner sind in Übungen und gemeinsame Projekte eingebunden.",
            "Die Partnerschaften werden regelmäßig ausgewertet und vertieft.",
        ),
    ),
    (
        5,
        "5.3",
        "Zivilgesellschaft und Ehrenamt",
        "Kann die Kommune in der Krise auf organisiertes Ehrenamt und Zivilgesellschaft zugehen?",
        (
            "Zivilgesellschaftliche Hilfe wird nicht berücksichtigt.",
            "Spontanhelfende werden in der Krise improvisiert eingebunden.",
            "Einzelne Vereine und Initiativen sind als Ansprechpartner bekannt.",
            "Es gibt Absprachen und eine Koordinierungsstelle für Ehrenamt in der Krise.",
            "Die Einbindung wurde erprobt und funktioniert verlässlich.",
            "Die Zusammenarbeit wird gemeinsam ausgewertet und weiterentwickelt.",
        ),
    ),
    # 6 Vulnerable Gruppen einbinden
    (
        6,
        "6.1",
        "Erfassung vulnerabler Gruppen",
        "Weiß die Verwaltung, welche Menschen in der Kommune in einer Krise besonders gefährdet sind "
        "und wie sie sie erreicht?",
        (
            "Vulnerable Gruppen sind nicht erfasst.",
            "Einzelne Fachämter kennen ihre Zielgruppen, ohne Gesamtbild.",
            "Eine Übersicht vulnerabler Gruppen liegt teilweise vor.",
            "Eine abgestimmte Übersicht mit Zugangswegen liegt datenschutzkonform vor.",
            "Die Übersicht wird im Lagebild des Krisenstabs genutzt.",
            "Die Übersicht wird regelmäßig mit den Interessenvertretungen aktualisiert.",
        ),
    ),
    (
        6,
        "6.2",
        "Einbindung der Interessenvertretungen",
        "Sind Interessenvertretungen (z. B. Seniorenbeirat, Behindertenbeauftragte, Migrationsbeirat) "
        "in die Krisenstabsarbeit eingebunden?",
        (
            "Interessenvertretungen sind nicht eingebunden.",
            "Sie werden vereinzelt informiert.",
            "Sie werden in der Krise angehört, aber ohne feste Rolle.",
            "Sie haben eine feste Rolle (Verbindungsperson, Sitz im Stab oder feste Abstimmung).",
            "Ihre Hinweise verändern nachweislich Entscheidungen und Maßnahmen.",
            "Die Einbindung wird mit ihnen gemeinsam ausgewertet und verbessert.",
        ),
    ),
    (
        6,
        "6.3",
        "Barrierefreie und mehrsprachige Information",
        "Erreichen Warnungen und Informationen auch Menschen mit Behinderungen und geringen Deutschkenntnissen?",
        (
            "Informationen gibt es nur in Standardsprache und auf einem Kanal.",
            "Übersetzungen oder Leichte Sprache entstehen gelegentlich auf Initiative Einzelner.",
            "Für einzelne Lagen gibt es mehrsprachige oder barrierefreie Informationen.",
            "Vorlagen in mehreren Sprachen, Leichter Sprache und barrierefreien Formaten liegen bereit.",
            "Die Informationen erreichen die Gruppen nachweislich über passende Kanäle und Mittler.",
            "Reichweite und Verständlichkeit werden mit den Gruppen überprüft und verbessert.",
        ),
    ),
    # 7 Nachbereitung und Lernen
    (
        7,
        "7.1",
        "Systematische Nachbereitung",
        "Wird jede Krise systematisch nachbereitet?",
        (
            "Krisen werden nicht nachbereitet.",
            "Es gibt informelle Gespräche über die Krise.",
            "Einzelne Bereiche werten ihre Erfahrungen aus.",
            "Eine verwaltungsweite Nachbereitung mit festem Ablauf findet nach jeder Krise statt.",
            "Die Nachbereitung bezieht Beschäftigte aller Ebenen und Partner ein.",
            "Der Ablauf der Nachbereitung selbst wird überprüft und verbessert.",
        ),
    ),
    (
        7,
        "7.2",
        "Umsetzung von Erkenntnissen",
        "Werden Erkenntnisse in Maßnahmen mit Verantwortlichen und Fristen übersetzt?",
        (
            "Erkenntnisse bleiben folgenlos.",
            "Einzelne Verbesserungen werden ohne Plan umgesetzt.",
            "Ein Maßnahmenplan entsteht, wird aber nicht nachverfolgt.",
            "Maßnahmen haben Verantwortliche und Fristen und werden nachverfolgt.",
            "Der Stand der Umsetzung wird der Verwaltungsspitze regelmäßig berichtet.",
            "Die Wirkung umgesetzter Maßnahmen wird überprüft.",
        ),
    ),
    (
        7,
        "7.3",
        "Lernen mit anderen",
        "Teilt die Kommune ihre Erfahrungen mit anderen und lernt von deren Erfahrungen?",
        (
            "Es gibt keinen Austausch mit anderen Kommunen.",
            "Austausch ergibt sich zufällig bei Treffen.",
            "Die Kommune informiert sich gelegentlich über Praxisbeispiele anderer.",
            "Die Kommune nimmt regelmäßig an Austauschformaten teil und teilt eigene Erfahrungen.",
            "Erkenntnisse anderer Kommunen fließen nachweislich in die eigene Vorsorge ein.",
            "Die Kommune bringt ihre Erfahrungen aktiv in Netzwerke ein und wertet den Austausch aus.",
        ),
    ),
]

#: The short names of the scale, shown next to the numbers.
SCALE = (
    "nicht vorhanden",
    "Einzelinitiative",
    "teilweise geregelt",
    "geregelt",
    "gelebt und geübt",
    "systematisch verbessert",
)
