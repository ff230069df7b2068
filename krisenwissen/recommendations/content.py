"""The editorial texts of the recommendations: the overview with the learning cycle and the seven levers.

Written for this platform by its editorial team; editors change them in the CMS afterwards. The
bootstrap creates the pages from these texts once (see :mod:`.demo_content`) and never
overwrites an existing page, so edits made in the CMS survive every later run.
"""

OVERVIEW = {
    "title": "Handlungsempfehlungen",
    "slug": "handlungsempfehlungen",
    "intro": (
        "Sieben Stellschrauben entscheiden darüber, wie gut eine Kommune durch eine Krise kommt – und wie viel "
        "sie danach daraus macht. Zu jeder Stellschraube finden Sie hier, worum es geht, warum es wichtig ist, "
        "konkrete Schritte für kleine und große Kommunen, typische Stolpersteine und Anzeichen für Fortschritt."
    ),
    "body": (
        "<p>Die Empfehlungen beruhen auf dem, was Kommunen in der Corona-Pandemie, bei Hochwasser und Starkregen, "
        "in Hitzesommern, bei der Aufnahme Geflüchteter und in der Energiemangellage erlebt haben. Sie sind kein "
        "Pflichtenheft: Nicht jede Kommune muss alles auf einmal tun. Wer anfängt, wählt am besten die "
        "Stellschraube, bei der der Leidensdruck aus der letzten Krise am größten war.</p>"
        "<p>Jede Empfehlung verweist auf Praxisbeispiele anderer Kommunen, auf Literatur und Forschungsprojekte "
        "und auf die Fragen des Selbstchecks im Reflexionsraum, mit denen eine Kommune ihren eigenen Stand "
        "einschätzen kann.</p>"
    ),
    "cycle_intro": (
        "Resilienz ist kein Zustand, den eine Verwaltung einmal erreicht und dann besitzt. Sie entsteht in einem "
        "Kreislauf: Eine Kommune bereitet sich vor, bewältigt eine Krise, wertet sie aus und passt Strukturen, "
        "Pläne und Gewohnheiten an – und geht mit diesem Wissen in die nächste Krise. Die sieben Stellschrauben "
        "greifen an unterschiedlichen Stellen dieses Kreislaufs."
    ),
    "cycle_steps": [
        (
            "Vorsorgen",
            "Zuständigkeiten klären, Krisenstab und Vertretungen festlegen, Personalreserven und Kontakte "
            "vorbereiten, gemeinsam üben – bevor etwas passiert.",
            "Vor allem Stellschrauben 1, 3 und 5",
        ),
        (
            "Erkennen",
            "Frühe Signale ernst nehmen, ein gemeinsames Lagebild aufbauen und wissen, wer besonders gefährdet ist "
            "und über wen man diese Menschen erreicht.",
            "Vor allem Stellschrauben 2 und 6",
        ),
        (
            "Bewältigen",
            "Entscheiden, kommunizieren, Aufgaben priorisieren und die Beschäftigten so entlasten, dass sie auch "
            "in der dritten Woche noch handlungsfähig sind.",
            "Vor allem Stellschrauben 3, 4 und 6",
        ),
        (
            "Auswerten",
            "Nach der Krise (und bei langen Lagen schon währenddessen) systematisch fragen, was funktioniert hat, "
            "was nicht und warum – ohne Schuldzuweisung.",
            "Vor allem Stellschraube 7",
        ),
        (
            "Anpassen",
            "Die Erkenntnisse in Pläne, Zuständigkeiten, Schulungen und Haushalt übersetzen und festhalten, damit "
            "sie nicht mit den Menschen verloren gehen, die sie gemacht haben.",
            "Vor allem Stellschrauben 1, 2 und 7",
        ),
    ],
}

# One entry per lever number: the page title, the summary and the rich-text sections (HTML).
LEVERS = {
    1: {
        "title": "Krisenmanagement als strategische Daueraufgabe verankern",
        "themes": ["krisenmanagement"],
        "summary": (
            "Krisenvorsorge gehört in die Strategie, die Geschäftsverteilung und den Haushalt einer Kommune – nicht "
            "in eine Schublade, die erst im Ernstfall geöffnet wird. Wer die Aufgabe dauerhaft verankert, muss in "
            "der Krise weniger improvisieren."
        ),
        "meaning": (
            "<p>Viele Kommunen haben in der Corona-Pandemie erlebt, dass ihr Krisenmanagement auf einzelne Personen "
            "zugeschnitten war: Wer sich auskannte, wurde unverzichtbar, und wenn diese Person ausfiel, fehlte das "
            "Wissen. Eine strategische Verankerung bedeutet, dass die Verwaltung Krisenvorsorge als eigene, "
            "dauerhafte Aufgabe behandelt – mit klarer Zuständigkeit, mit Zeit und Geld und mit einem Platz in den "
            "Zielen der Verwaltungsspitze.</p>"
            "<p>Dazu gehört, dass die Kommune weiß, welche Gefahren für sie realistisch sind, welche Aufgaben sie "
            "in einer Krise unbedingt weiterführen muss und wer in welcher Lage entscheidet. Die Gefahrenabwehr "
            "im engeren Sinn (Feuerwehr, Katastrophenschutz) ist dabei nur ein Teil: Auch Sozialamt, "
            "Gesundheitsamt, Ordnungsamt, IT, Personalverwaltung und Kommunikation tragen Verantwortung.</p>"
            "<p>Verankert ist das Krisenmanagement dann, wenn es einen Wechsel an der Verwaltungsspitze, eine "
            "Haushaltssperre und einen ruhigen Sommer übersteht.</p>"
        ),
        "rationale": (
            "<p>Krisen der letzten Jahre waren lang, überlagerten sich und betrafen fast alle Bereiche der "
            "Verwaltung gleichzeitig. Kommunen, die bereits vor der Pandemie einen arbeitsfähigen Verwaltungsstab, "
            "aktuelle Alarmierungslisten und geklärte Zuständigkeiten hatten, berichteten in Befragungen und "
            "Nachbereitungen übereinstimmend, dass sie schneller in einen geordneten Krisenmodus fanden.</p>"
            "<p>Umgekehrt zeigen Auswertungen von Hochwasser- und Starkregenereignissen, dass fehlende Vorbereitung "
            "nicht durch Einsatzbereitschaft in der Lage ausgeglichen werden kann: Wenn Warnwege, "
            "Entscheidungsbefugnisse und Ansprechpersonen erst in der Nacht des Ereignisses geklärt werden, geht "
            "wertvolle Zeit verloren.</p>"
            "<p>Strategische Verankerung ist außerdem die Voraussetzung für die übrigen Stellschrauben: Ohne "
            "Zuständigkeit und Budget gibt es keine Übungen, keine Personalreserve und keine Nachbereitung.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Eine Person in der Verwaltung ausdrücklich mit der Koordination der Krisenvorsorge beauftragen "
            "und dafür einen festen Anteil ihrer Arbeitszeit vorsehen.</li>"
            "<li>Mit dem Landkreis klären, welche Aufgaben der Kreis im Krisenfall übernimmt und welche bei der "
            "Gemeinde bleiben – und das schriftlich festhalten.</li>"
            "<li>Eine einfache Liste der wichtigsten Gefahren für die Gemeinde erstellen (z. B. Starkregen, "
            "Stromausfall, Hitze) und je Gefahr die drei wichtigsten Vorkehrungen benennen.</li>"
            "<li>Einen kurzen Krisenordner anlegen: Erreichbarkeiten, Vertretungen, Zugang zu Notstrom und "
            "Gemeinderäumen, Kontakte zu Feuerwehr und Vereinen.</li>"
            "<li>Einmal im Jahr im Gemeinderat über den Stand der Vorsorge berichten.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Eine Stabsstelle oder Koordinierungsstelle für Krisenmanagement einrichten, die direkt der "
            "Verwaltungsspitze zugeordnet ist.</li>"
            "<li>Den Verwaltungsstab mit Geschäftsordnung, Funktionen und Vertretungen festlegen und regelmäßig "
            "aktualisieren.</li>"
            "<li>Für alle Ämter Notfall- und Weiterführungspläne für kritische Dienstleistungen verlangen und "
            "deren Aktualität prüfen.</li>"
            "<li>Krisenvorsorge als Ziel in den Haushalt und in die Zielvereinbarungen der Amtsleitungen "
            "aufnehmen.</li>"
            "<li>Eine Risikoanalyse für das Stadtgebiet erstellen und mit der unteren Katastrophenschutzbehörde "
            "abstimmen.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Der Krisenplan existiert, aber niemand außer seiner Verfasserin kennt ihn.</li>"
            "<li>Zuständigkeit wird „nebenbei“ übertragen, ohne dass dafür andere Aufgaben wegfallen.</li>"
            "<li>Die Vorsorge konzentriert sich auf eine einzige Gefahr (etwa die letzte Krise) und übersieht "
            "andere.</li>"
            "<li>Nach der Krise wird die Stabsstruktur aufgelöst und das Wissen nicht gesichert.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Es gibt eine benannte Zuständigkeit mit Zeitbudget, und sie ist in der Verwaltung bekannt.</li>"
            "<li>Alarmierungs- und Erreichbarkeitslisten sind nicht älter als ein Jahr.</li>"
            "<li>Krisenvorsorge hat eine eigene Position im Haushalt.</li>"
            "<li>Die Verwaltungsspitze lässt sich mindestens jährlich über den Stand berichten.</li>"
            "</ul>"
        ),
    },
    2: {
        "title": "Krisenkompetenz stärken und Erfahrungswissen sichern",
        "themes": ["krisenmanagement", "krisenkommunikation"],
        "summary": (
            "Beschäftigte sollen wissen, was in einer Krise von ihnen erwartet wird, und die Erfahrungen aus "
            "früheren Krisen sollen nicht mit den Menschen verschwinden, die sie gemacht haben."
        ),
        "meaning": (
            "<p>Krisenkompetenz ist mehr als eine Stabsschulung für wenige Führungskräfte. Sie umfasst ein "
            "gemeinsames Verständnis davon, was eine Krise für die eigene Verwaltung bedeutet, welche Rolle die "
            "eigene Stelle darin spielt und wie Informationen fließen. Ein gemeinsames Krisenbewusstsein entsteht, "
            "wenn nicht nur der Stab, sondern auch Sachbearbeitung, Bürgerbüro und Hausmeisterei wissen, worauf es "
            "ankommt.</p>"
            "<p>Der zweite Teil der Stellschraube ist das Wissensmanagement. In jeder Krise entsteht wertvolles "
            "Erfahrungswissen: Wer hat geholfen, welche Vorlage hat funktioniert, welcher Weg zur Bevölkerung war "
            "der schnellste? Dieses Wissen steckt oft nur in Köpfen und E-Mail-Postfächern. Wissensmanagement "
            "heißt, es rechtzeitig aufzuschreiben, auffindbar abzulegen und weiterzugeben.</p>"
        ),
        "rationale": (
            "<p>Krisen sind selten, Personalwechsel dagegen häufig. Zwischen zwei großen Lagen liegen oft Jahre, "
            "in denen ein erheblicher Teil der Beschäftigten wechselt oder in den Ruhestand geht. Kommunen "
            "berichten, dass in der Energiemangellage 2022 vieles neu erarbeitet werden musste, was in der "
            "Pandemie bereits einmal gelöst worden war – weil die Unterlagen nicht auffindbar oder die Personen "
            "nicht mehr da waren.</p>"
            "<p>Wer geschult ist und die eigenen Abläufe einmal geübt hat, handelt in der Lage ruhiger und macht "
            "weniger Fehler. Das gilt besonders für die Krisenkommunikation, in der in den ersten Stunden "
            "entschieden wird, ob die Verwaltung als verlässliche Quelle wahrgenommen wird.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Einmal im Jahr eine kurze Einweisung für alle Beschäftigten: Wer macht was im Krisenfall, wo "
            "liegt der Krisenordner?</li>"
            "<li>Gemeinsame Fortbildungen mit Nachbargemeinden oder dem Landkreis nutzen, statt alles allein "
            "anzubieten.</li>"
            "<li>Nach jeder größeren Lage eine Seite „Was wir gelernt haben“ schreiben und im Krisenordner "
            "ablegen.</li>"
            "<li>Bewährte Vorlagen (Pressemitteilung, Aushang, Elternbrief) zentral sammeln.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Ein Schulungsprogramm mit Stufen anbieten: Grundwissen für alle, Stabsarbeit für Stabsmitglieder, "
            "Führen in Krisen für Leitungen.</li>"
            "<li>Stabsrahmenübungen mindestens jährlich durchführen und dabei wechselnde Ämter einbeziehen.</li>"
            "<li>Ein Wissensarchiv der Krisenlagen führen (Lagemeldungen, Entscheidungen, Vorlagen, Auswertung) "
            "mit klarer Ablagestruktur und Verantwortlichen.</li>"
            "<li>Übergaben bei Personalwechsel in Krisenfunktionen verbindlich regeln.</li>"
            "<li>Krisenkommunikation mit Sprecherinnen und Sprechern regelmäßig trainieren, einschließlich "
            "leichter Sprache und Mehrsprachigkeit.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Schulungen richten sich nur an Führungskräfte; die Menschen, die in der Krise die Arbeit tun, "
            "bleiben außen vor.</li>"
            "<li>Das Wissensarchiv wird angelegt, aber niemand pflegt es.</li>"
            "<li>Erfahrungen werden nur als Erfolgsgeschichten festgehalten; was nicht funktioniert hat, fehlt.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Neue Beschäftigte erhalten in den ersten Monaten eine Einweisung in das Krisenmanagement.</li>"
            "<li>Der Anteil der Stabsmitglieder mit aktueller Schulung steigt.</li>"
            "<li>Unterlagen aus der letzten Krise sind in wenigen Minuten auffindbar.</li>"
            "<li>Bei einer Übung greifen die Beteiligten auf Vorlagen aus früheren Lagen zurück.</li>"
            "</ul>"
        ),
    },
    3: {
        "title": "Personelle Krisenreserven aufbauen und Aufgaben priorisieren",
        "themes": ["krisenmanagement"],
        "summary": (
            "Die Verwaltung weiß vorab, wer in einer Krise wo aushelfen kann und welche Aufgaben warten dürfen. "
            "So wird Personal dort eingesetzt, wo es gebraucht wird, statt überall gleichzeitig zu fehlen."
        ),
        "meaning": (
            "<p>In lang andauernden Krisen wird Personal zur knappsten Ressource. Gesundheitsämter, Ordnungsämter "
            "und Sozialverwaltungen brauchen plötzlich ein Vielfaches an Arbeitskraft, während andere Aufgaben "
            "ruhen könnten – wenn jemand entscheidet, dass sie ruhen dürfen. Diese Stellschraube verbindet zwei "
            "Dinge: eine vorbereitete Reserve von Beschäftigten, die in anderen Bereichen aushelfen können, und "
            "eine vorab abgestimmte Priorisierung der Verwaltungsaufgaben.</p>"
            "<p>Priorisieren heißt festzulegen, welche Leistungen auch in der Krise unbedingt weiterlaufen müssen "
            "(etwa Auszahlung existenzsichernder Leistungen, Bestattungswesen, Kinderschutz), welche reduziert "
            "werden können und welche für eine begrenzte Zeit ausgesetzt werden. Delegieren heißt, dass "
            "Entscheidungen nicht alle über den Tisch der Verwaltungsspitze laufen müssen.</p>"
        ),
        "rationale": (
            "<p>In der Pandemie haben viele Verwaltungen Beschäftigte aus Bibliotheken, Bürgerbüros oder "
            "Bauämtern in die Kontaktnachverfolgung abgeordnet. Wo das vorbereitet war – mit Listen von "
            "Freiwilligen, geklärten dienstrechtlichen Fragen und kurzen Einarbeitungen –, ging es schnell und "
            "ohne großen Unmut. Wo es improvisiert werden musste, kostete die Abordnung Wochen.</p>"
            "<p>Ohne Priorisierung wächst die Arbeit in der Krise einfach obendrauf. Die Folge sind Überlastung, "
            "Krankheit und Rückstände, die noch Monate nach der Krise nachwirken. Eine vorab beschlossene "
            "Aufgabenkritik gibt Führungskräften Rückendeckung, wenn sie Aufgaben zurückstellen.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Eine Liste der Aufgaben erstellen, die auch im Krisenfall ohne Unterbrechung laufen müssen.</li>"
            "<li>Für jede Schlüsselfunktion eine Vertretung benennen und einarbeiten.</li>"
            "<li>Mit Nachbargemeinden vereinbaren, sich im Krisenfall gegenseitig mit Personal zu unterstützen.</li>"
            "<li>Ehemalige Beschäftigte und Ehrenamtliche fragen, ob sie im Krisenfall angesprochen werden "
            "dürfen.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Einen Personalpool für Krisen aufbauen: freiwillige Meldung, erfasste Qualifikationen, "
            "vorbereitete Einarbeitungsmodule.</li>"
            "<li>Mit Personalrat und Personalamt eine Dienstvereinbarung für Abordnungen im Krisenfall "
            "abschließen.</li>"
            "<li>Eine stadtweite Aufgabenpriorisierung in drei Stufen beschließen und jährlich überprüfen.</li>"
            "<li>Entscheidungsbefugnisse für den Krisenfall delegieren und schriftlich festhalten.</li>"
            "<li>Mobiles Arbeiten und Zugänge zu Fachverfahren so vorbereiten, dass Aushelfende schnell "
            "arbeitsfähig sind.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Der Personalpool besteht nur auf dem Papier; im Ernstfall sind die Gemeldeten unabkömmlich.</li>"
            "<li>Die Priorisierung wird nicht mit der Politik abgestimmt und in der Krise wieder infrage "
            "gestellt.</li>"
            "<li>Aushelfende werden ohne Einarbeitung eingesetzt und fühlen sich allein gelassen.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Es gibt eine beschlossene Liste kritischer Aufgaben mit Prioritätsstufen.</li>"
            "<li>Für alle Schlüsselfunktionen im Krisenstab sind Vertretungen benannt und geschult.</li>"
            "<li>Die Zeit von der Entscheidung bis zum Einsatz abgeordneter Beschäftigter ist bekannt und "
            "sinkt.</li>"
            "</ul>"
        ),
    },
    4: {
        "title": "Beschäftigte in der Krise unterstützen und wertschätzen",
        "themes": ["krisenmanagement"],
        "summary": (
            "Wer über Wochen im Krisenmodus arbeitet, braucht Entlastung, Begleitung und Anerkennung. Eine "
            "Verwaltung, die für ihre Beschäftigten sorgt, bleibt länger handlungsfähig."
        ),
        "meaning": (
            "<p>Krisen belasten die Menschen, die sie bewältigen: durch lange Arbeitszeiten, belastende Eindrücke, "
            "Anfeindungen von außen und die Sorge um die eigene Familie. Diese Stellschraube umfasst die "
            "psychologische Unterstützung (Ansprechpersonen, Nachsorge, kollegiale Beratung), die organisatorische "
            "Unterstützung (Schichtpläne, Pausen, Rotation) und die strukturelle Unterstützung (Ausstattung, "
            "klare Aufträge, Rückendeckung durch die Leitung).</p>"
            "<p>Eine Kultur der Wertschätzung zeigt sich nicht nur im Dank am Ende, sondern darin, dass Belastung "
            "während der Krise wahrgenommen und angesprochen wird und dass Überstunden tatsächlich ausgeglichen "
            "werden können.</p>"
        ),
        "rationale": (
            "<p>Nach der Pandemie berichteten viele Verwaltungen von Erschöpfung, erhöhtem Krankenstand und "
            "Kündigungen gerade in den Bereichen, die die Hauptlast getragen hatten. Das Wissen und die "
            "Erfahrung dieser Beschäftigten fehlen dann in der nächsten Krise.</p>"
            "<p>Beschäftigte in Bürgerbüros, Ordnungsämtern und an Telefonhotlines sind in Krisen häufig "
            "Beschimpfungen und Bedrohungen ausgesetzt. Wer weiß, dass die Leitung hinter ihm steht und dass es "
            "Hilfe gibt, kann solche Situationen besser verarbeiten.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Mit dem Landkreis oder einer Nachbarkommune eine Ansprechperson für psychosoziale Unterstützung "
            "vereinbaren.</li>"
            "<li>Auch in der Krise feste freie Tage einplanen und die Einhaltung durch die Leitung vorleben.</li>"
            "<li>Kurze tägliche Abstimmungen nutzen, um nach der Belastung zu fragen, nicht nur nach der Lage.</li>"
            "<li>Nach der Krise Anerkennung konkret machen: Zeitausgleich, ein gemeinsames Treffen, ein Dank im "
            "Gemeinderat.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Ein Konzept zur psychosozialen Notfallversorgung für Einsatzkräfte und Beschäftigte "
            "(PSNV-E) mit geschulten kollegialen Ansprechpersonen einrichten.</li>"
            "<li>Schichtmodelle und Rotation für Stab und Hotlines vorbereiten.</li>"
            "<li>Ein Verfahren für den Umgang mit Anfeindungen und Bedrohungen festlegen, einschließlich "
            "Strafanzeigen durch den Dienstherrn.</li>"
            "<li>Überstunden in Krisen gesondert erfassen und einen realistischen Ausgleich planen.</li>"
            "<li>Belastung in der Nachbereitung ausdrücklich auswerten, etwa mit einer kurzen Befragung.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Unterstützungsangebote bestehen, werden aber aus Scham oder Zeitmangel nicht genutzt.</li>"
            "<li>Führungskräfte achten auf ihre Teams, aber niemand achtet auf die Führungskräfte.</li>"
            "<li>Wertschätzung wird versprochen, aber der Zeitausgleich scheitert an Personalmangel.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Beschäftigte kennen die Ansprechpersonen für psychosoziale Unterstützung.</li>"
            "<li>Krisenbedingte Überstunden sind innerhalb eines vereinbarten Zeitraums ausgeglichen.</li>"
            "<li>Krankenstand und Fluktuation in den besonders belasteten Bereichen werden beobachtet.</li>"
            "</ul>"
        ),
    },
    5: {
        "title": "Vertrauensnetzwerke innerhalb und außerhalb der Verwaltung aufbauen",
        "themes": ["krisenmanagement", "vulnerable-gruppen"],
        "summary": (
            "Wer sich vor der Krise kennt und miteinander geübt hat, arbeitet in der Krise schneller und "
            "verlässlicher zusammen. Netzwerke entstehen durch gemeinsame Übungen und Projekte, nicht durch "
            "Adresslisten."
        ),
        "meaning": (
            "<p>Keine Kommune bewältigt eine Krise allein. Sie ist angewiesen auf Feuerwehr und Hilfsorganisationen, "
            "auf Polizei, Krankenhäuser und Pflegeeinrichtungen, auf Versorger, Wohnungsunternehmen, Kirchen, "
            "Vereine, Migrantenorganisationen und spontane Helferinnen und Helfer. Innerhalb der Verwaltung sind "
            "es die Ämter, die sich sonst selten begegnen.</p>"
            "<p>Vertrauensnetzwerke sind mehr als eine Kontaktliste: Die Beteiligten kennen sich persönlich, "
            "wissen, was die anderen leisten können, und haben erlebt, dass man sich aufeinander verlassen kann. "
            "Solche Netzwerke entstehen in gemeinsamen Übungen, in Projekten zwischen den Krisen und in "
            "regelmäßigen, unaufgeregten Treffen.</p>"
        ),
        "rationale": (
            "<p>Auswertungen großer Lagen betonen immer wieder, dass die Zusammenarbeit dort am besten "
            "funktionierte, wo die Beteiligten sich schon vorher kannten. Die Zusammenarbeit mit spontanen "
            "Helfenden etwa beim Hochwasser 2021 hat gezeigt, wie viel Hilfsbereitschaft da ist – und wie schwer "
            "es ist, sie ohne vorbereitete Strukturen zu koordinieren.</p>"
            "<p>Vertrauen verkürzt Wege: Wer die Leiterin des Pflegedienstes kennt, ruft an, statt ein Formular "
            "zu schicken. Wer mit der Moscheegemeinde schon ein Projekt gemacht hat, erreicht über sie Menschen, "
            "die die Pressemitteilung der Stadt nie lesen.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Einmal im Jahr einen „Runden Tisch Krisenvorsorge“ mit Feuerwehr, Vereinen, Kirchen, Pflege und "
            "örtlichen Betrieben einberufen.</li>"
            "<li>An Übungen des Landkreises teilnehmen und eigene Beschäftigte entsenden.</li>"
            "<li>Eine Anlaufstelle für spontane Helfende benennen und vorab festlegen, wie sie eingesetzt "
            "werden.</li>"
            "<li>Persönliche Kontakte zu den Verantwortlichen der wichtigsten Einrichtungen pflegen und "
            "dokumentieren.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Gemeinsame Übungen mit externen Partnern planen, auch zu Lagen jenseits des klassischen "
            "Katastrophenschutzes (Stromausfall, Cyberangriff, Hitze).</li>"
            "<li>Verbindungspersonen der wichtigsten Partner in die Stabsarbeit einbinden.</li>"
            "<li>Stadtteilbezogene Netzwerke (Quartiersmanagement, Nachbarschaftshilfe) in die Vorsorge "
            "einbeziehen.</li>"
            "<li>Eine Plattform oder ein Verfahren für die Koordination spontaner Helfender vorbereiten.</li>"
            "<li>Ämterübergreifende Projekte zwischen den Krisen nutzen, um Zusammenarbeit einzuüben.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Netzwerke hängen an einzelnen Personen und zerfallen bei deren Wechsel.</li>"
            "<li>Zivilgesellschaftliche Partner werden nur im Ernstfall angesprochen und fühlen sich benutzt.</li>"
            "<li>Übungen sind so geplant, dass nichts schiefgehen kann – und deshalb nichts gelernt wird.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Mindestens eine gemeinsame Übung oder ein Projekt mit externen Partnern pro Jahr.</li>"
            "<li>Die Kontaktliste der Partner wird aktiv genutzt und ist aktuell.</li>"
            "<li>Partner berichten, dass sie wissen, an wen sie sich in der Verwaltung wenden können.</li>"
            "</ul>"
        ),
    },
    6: {
        "title": "Vulnerable Gruppen über ihre Vertretungen einbinden",
        "themes": ["vulnerable-gruppen", "krisenkommunikation"],
        "summary": (
            "Die Bedarfe besonders gefährdeter Menschen fließen über ihre Interessenvertretungen direkt in "
            "Lagebild und Entscheidungen ein. Dafür muss die Kommune wissen, wer besonders gefährdet ist und "
            "wie diese Menschen erreicht werden."
        ),
        "meaning": (
            "<p>Krisen treffen nicht alle gleich. Ältere und pflegebedürftige Menschen, Menschen mit "
            "Behinderungen, wohnungslose Menschen, Geflüchtete, Menschen mit geringen Deutschkenntnissen, "
            "Alleinerziehende oder Menschen in Armut sind oft stärker betroffen und schlechter erreichbar. "
            "Diese Stellschraube bedeutet zweierlei: die Gruppen und ihre Lebenslagen in der Kommune zu kennen "
            "(erfassen) und ihre Vertretungen an der Krisenstabsarbeit zu beteiligen (einbinden).</p>"
            "<p>Interessenvertretungen sind etwa Seniorenbeiräte, Behindertenbeauftragte, Integrationsräte, "
            "Träger der Wohnungslosenhilfe, Pflegedienste und Selbsthilfeorganisationen. Sie wissen, was ihre "
            "Gruppen brauchen, und haben Zugänge, die die Verwaltung nicht hat.</p>"
        ),
        "rationale": (
            "<p>In Hitzewellen, bei Evakuierungen und in der Pandemie waren es immer wieder dieselben Gruppen, "
            "die durch allgemeine Maßnahmen nicht erreicht wurden: Warnungen nur auf Deutsch oder nur digital, "
            "Evakuierungspläne ohne Blick auf Menschen, die nicht selbstständig gehen können, "
            "Schließungen von Einrichtungen, auf die Wohnungslose angewiesen sind.</p>"
            "<p>Wenn Vertretungen früh beteiligt sind, fallen solche Lücken auf, bevor sie Schaden anrichten. "
            "Beteiligung ist dabei kein Selbstzweck: Sie verbessert die Qualität der Entscheidungen und erhöht "
            "das Vertrauen in die Maßnahmen der Verwaltung.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Gemeinsam mit Pflegediensten, Kirchengemeinden und Nachbarschaftshilfe eine Übersicht erstellen, "
            "wo besonders gefährdete Menschen leben (unter Beachtung des Datenschutzes).</li>"
            "<li>Ansprechpersonen von Seniorenbeirat, Behindertenvertretung und Integrationsarbeit in die "
            "Alarmierungsliste aufnehmen.</li>"
            "<li>Warnungen und Informationen auch analog verbreiten: Aushänge, Lautsprecherdurchsagen, Anrufe, "
            "Hausbesuche.</li>"
            "<li>Wichtige Informationen in leichter Sprache und in den häufigsten Sprachen vorbereiten.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Einen festen Sitz oder eine Verbindungsfunktion für Interessenvertretungen im Stab oder in "
            "einem beratenden Gremium einrichten.</li>"
            "<li>Eine Vulnerabilitätsanalyse für das Stadtgebiet erstellen und im Lagebild nutzen.</li>"
            "<li>Mit Trägern Vereinbarungen über die Weitergabe von Informationen und die Unterstützung im "
            "Krisenfall schließen.</li>"
            "<li>Einen Hitzeaktionsplan mit konkreten Maßnahmen für gefährdete Gruppen beschließen.</li>"
            "<li>Krisenkommunikation mehrsprachig, barrierefrei und über Multiplikatorinnen und Multiplikatoren "
            "planen.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Vertretungen werden erst informiert, wenn die Entscheidungen gefallen sind.</li>"
            "<li>Listen gefährdeter Menschen werden angelegt, ohne Datenschutz und Aktualisierung zu klären.</li>"
            "<li>„Vulnerable Gruppen“ werden als einheitliche Gruppe behandelt, obwohl ihre Bedarfe sehr "
            "unterschiedlich sind.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Interessenvertretungen sind in Übungen und in der Stabsarbeit beteiligt.</li>"
            "<li>Es gibt Informationsmaterial in leichter Sprache und in mehreren Sprachen, das schnell "
            "aktualisiert werden kann.</li>"
            "<li>Die Nachbereitung einer Krise fragt ausdrücklich, welche Gruppen schlecht erreicht wurden.</li>"
            "</ul>"
        ),
    },
    7: {
        "title": "Krisen systematisch nachbereiten und Lernschleifen etablieren",
        "themes": ["krisenmanagement", "krisenkommunikation", "vulnerable-gruppen"],
        "summary": (
            "Nach jeder Krise wird ausgewertet, was funktioniert hat und was nicht, und die Erkenntnisse "
            "verändern tatsächlich die Vorsorge. So schließt sich der Kreislauf aus Lernen und Anpassen."
        ),
        "meaning": (
            "<p>Eine systematische Nachbereitung ist mehr als ein Abschlussbericht. Sie sammelt die Erfahrungen "
            "aller Beteiligten – auch derer, die nicht im Stab saßen –, wertet sie ohne Schuldzuweisung aus und "
            "übersetzt sie in konkrete Veränderungen mit Verantwortlichen und Fristen. Bei langen Krisen lohnt "
            "sich eine Zwischenauswertung, solange die Erinnerung frisch ist.</p>"
            "<p>Eine Lernschleife ist geschlossen, wenn überprüft wird, ob die beschlossenen Veränderungen "
            "umgesetzt wurden und ob sie wirken – spätestens bei der nächsten Übung oder Krise. Der "
            "Reflexionsraum dieser Plattform unterstützt Kommunen dabei mit strukturierten Fragen und dem "
            "Selbstcheck entlang der sieben Stellschrauben.</p>"
        ),
        "rationale": (
            "<p>Viele Kommunen haben nach der Pandemie ihre Erfahrungen nicht systematisch ausgewertet – aus "
            "Erschöpfung, weil die nächste Krise schon begonnen hatte, oder aus Sorge, Fehler könnten öffentlich "
            "werden. Damit bleibt ungenutzt, was teuer erkauft wurde.</p>"
            "<p>Organisationen, die regelmäßig und offen auswerten, verbessern sich nachweislich schneller. "
            "Entscheidend ist eine Fehlerkultur, in der Beschäftigte offen berichten können, und eine Leitung, "
            "die die Umsetzung der Ergebnisse nachhält.</p>"
        ),
        "steps_small": (
            "<ul>"
            "<li>Nach jeder größeren Lage ein zweistündiges Auswertungsgespräch mit allen Beteiligten führen: "
            "Was lief gut? Was nicht? Was ändern wir?</li>"
            "<li>Die drei wichtigsten Änderungen mit Verantwortlichen und Termin festhalten.</li>"
            "<li>Nach sechs Monaten prüfen, was umgesetzt wurde.</li>"
            "<li>Den Selbstcheck im Reflexionsraum nutzen, um den Stand mit wenig Aufwand zu erheben.</li>"
            "</ul>"
        ),
        "steps_large": (
            "<ul>"
            "<li>Ein Verfahren zur Nachbereitung festlegen: Zwischenauswertung, Abschlussauswertung, "
            "Maßnahmenplan, Umsetzungskontrolle.</li>"
            "<li>Befragungen und Workshops in allen beteiligten Ämtern sowie mit externen Partnern "
            "durchführen.</li>"
            "<li>Die Auswertung von einer Stelle moderieren lassen, die nicht selbst die Verantwortung für die "
            "Lage trug.</li>"
            "<li>Die Ergebnisse dem Rat vorstellen und die Umsetzung jährlich berichten.</li>"
            "<li>Erkenntnisse mit anderen Kommunen teilen, etwa als Praxisbeispiel auf dieser Plattform.</li>"
            "</ul>"
        ),
        "pitfalls": (
            "<ul>"
            "<li>Die Auswertung wird zur Suche nach Schuldigen; danach berichtet niemand mehr offen.</li>"
            "<li>Es entstehen lange Berichte ohne konkrete Maßnahmen.</li>"
            "<li>Die Umsetzung wird nicht nachgehalten, und dieselben Probleme tauchen in der nächsten Krise "
            "wieder auf.</li>"
            "</ul>"
        ),
        "progress_indicators": (
            "<ul>"
            "<li>Für die letzte Krise gibt es eine dokumentierte Auswertung mit Maßnahmenplan.</li>"
            "<li>Ein messbarer Anteil der Maßnahmen ist nach einem Jahr umgesetzt.</li>"
            "<li>Übungen greifen gezielt die Schwachstellen der letzten Auswertung auf.</li>"
            "</ul>"
        ),
    },
}
