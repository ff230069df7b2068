"""Starting texts of the legal pages (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit).

``ensure_site_pages()`` creates each page once from these texts; after that the page belongs to the
editors and is changed in the CMS only. The texts describe what the software actually does
(cookies, logs, no third-party requests). Everything only the operator can know is marked
``[PLATZHALTER: …]`` so it is easy to find and impossible to overlook on the published page.
The bodies are Wagtail rich text (``<b>``, not ``<strong>``, is its bold).
"""

PLACEHOLDER = "PLATZHALTER"

IMPRESSUM = """
<p><b>[PLATZHALTER: Diese Angaben muss der Betreiber vor der Veröffentlichung ergänzen. Solange hier Platzhalter
stehen, ist diese Installation eine Demo.]</b></p>
<h2>Anbieter</h2>
<p>[PLATZHALTER: Name der Behörde, Körperschaft oder Organisation]<br/>
[PLATZHALTER: Straße und Hausnummer]<br/>
[PLATZHALTER: Postleitzahl und Ort]</p>
<h2>Vertreten durch</h2>
<p>[PLATZHALTER: vertretungsberechtigte Person mit Funktion, z. B. Bürgermeisterin, Geschäftsführer,
Präsidentin]</p>
<h2>Kontakt</h2>
<p>Telefon: [PLATZHALTER: Telefonnummer]<br/>
E-Mail: [PLATZHALTER: E-Mail-Adresse der Redaktion]</p>
<h2>Rechtsform, Register und Aufsicht</h2>
<p>[PLATZHALTER: Rechtsform; bei Körperschaften des öffentlichen Rechts die zuständige Aufsichtsbehörde; bei
eingetragenen Vereinen oder Gesellschaften Registergericht und Registernummer]</p>
<p>Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz: [PLATZHALTER: USt-IdNr., falls vorhanden;
sonst diesen Absatz löschen]</p>
<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>
<p>[PLATZHALTER: Name und Anschrift der verantwortlichen Person]</p>
<h2>Inhalte und Lizenz</h2>
<p>Die Texte und Praxisbeispiele dieser Plattform stehen, soweit nicht anders angegeben, unter der im Fußbereich
genannten Lizenz. Bilder und angehängte Dokumente können eigene Rechte haben; sie sind dann am jeweiligen
Element angegeben. Quellen und Lizenzen der Gemeindedaten stehen auf der Seite „Über die Daten“.</p>
<p>Praxisbeispiele mit der Kennzeichnung „Demo“ sind fiktive Beispieldaten. Sie beschreiben nicht, was die
genannten Kommunen tatsächlich getan haben.</p>
<h2>Haftung für Inhalte und Links</h2>
<p>Die Inhalte dieser Plattform werden mit Sorgfalt erstellt und redaktionell geprüft. Für Richtigkeit,
Vollständigkeit und Aktualität kann dennoch keine Gewähr übernommen werden. Praxisbeispiele geben die
Erfahrungen der jeweiligen Kommune wieder; sie sind Anregungen, keine Rechts- oder Einsatzberatung.</p>
<p>Für die Inhalte verlinkter fremder Seiten sind ausschließlich deren Anbieter verantwortlich. Zum Zeitpunkt der
Verlinkung waren keine Rechtsverstöße erkennbar; werden uns solche bekannt, entfernen wir den Link.</p>
"""

DATENSCHUTZ = """
<p><b>[PLATZHALTER: Der Betreiber prüft diese Erklärung vor der Veröffentlichung, ergänzt die markierten Angaben
und passt sie an seinen Betrieb (Hosting, Protokolle, Aufbewahrungsfristen) an.]</b></p>
<h2>1. Verantwortliche Stelle</h2>
<p>Verantwortlich im Sinne von Art. 4 Nr. 7 der Datenschutz-Grundverordnung (DSGVO) ist:<br/>
[PLATZHALTER: Name und Anschrift des Betreibers, wie im Impressum]<br/>
E-Mail: [PLATZHALTER: E-Mail-Adresse]</p>
<h2>2. Datenschutzbeauftragte Person</h2>
<p>[PLATZHALTER: Name oder Funktion und Kontakt der oder des Datenschutzbeauftragten, z. B.
datenschutz@example.org]</p>
<h2>3. Das Wichtigste in Kürze</h2>
<ul>
<li>Zum Lesen der Plattform brauchen Sie kein Konto, und es werden keine Cookies gesetzt.</li>
<li>Es gibt keine Reichweitenmessung, kein Tracking, keine Werbung und keine Profilbildung.</li>
<li>Die Plattform lädt nichts von fremden Servern: Schriften, Stylesheets, Skripte und Bilder kommen
ausschließlich von diesem Server. Es werden keine Social-Media-Plugins, Karten- oder Videodienste Dritter
eingebunden.</li>
<li>Verarbeitet werden nur die Daten, die für den sicheren Betrieb technisch nötig sind, und die Daten von
Personen, die ein Redaktions- oder Kommunenkonto haben.</li>
</ul>
<h2>4. Server-Protokolle</h2>
<p>Bei jedem Aufruf verarbeitet der Server technisch bedingt: die IP-Adresse des anfragenden Geräts, Datum und
Uhrzeit, die aufgerufene Adresse, den Statuscode der Antwort, die übertragene Datenmenge, die zuvor besuchte Seite
(Referrer, soweit Ihr Browser sie sendet) und die Kennung des Browsers (User-Agent).</p>
<p>Zweck ist die Auslieferung der Seiten, die Sicherheit des Systems (Erkennen und Abwehren von Angriffen) und die
Fehleranalyse. Rechtsgrundlage ist Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit [PLATZHALTER: einschlägige Norm
des Landes- oder Bundesdatenschutzgesetzes] bzw. für nicht-öffentliche Betreiber Art. 6 Abs. 1 lit. f DSGVO. Die
Protokolle werden nach [PLATZHALTER: z. B. 7] Tagen gelöscht, sofern sie nicht zur Aufklärung eines konkreten
Sicherheitsvorfalls länger benötigt werden.</p>
<h2>5. Cookies</h2>
<p>Beim Lesen der öffentlichen Seiten setzt die Plattform <b>keine</b> Cookies. Sie verwendet ausschließlich zwei
technisch notwendige Cookies, und nur in diesen Fällen:</p>
<ul>
<li><b>CSRF-Cookie</b> („csrftoken“, im Produktivbetrieb „__Host-csrftoken“): wird gesetzt, wenn Sie ein Formular
aufrufen, das Daten an den Server sendet, etwa die Anmeldung. Es schützt vor dem Unterschieben fremder Anfragen
(Cross-Site Request Forgery), enthält eine Zufallszahl und ist bis zu einem Jahr gültig.</li>
<li><b>Sitzungs-Cookie</b> („sessionid“, im Produktivbetrieb „__Host-sessionid“): nur für angemeldete Personen
(Redaktion, Kommunenkonten). Es hält die Anmeldung aufrecht, enthält eine zufällige Kennung und endet mit der
Abmeldung, spätestens nach zwei Wochen.</li>
</ul>
<p>Beide Cookies sind für den von Ihnen gewünschten Dienst unbedingt erforderlich (§ 25 Abs. 2 Nr. 2 TDDDG); eine
Einwilligung ist dafür nicht nötig. Sie werden nicht für andere Zwecke ausgewertet und nicht an Dritte
übermittelt.</p>
<h2>6. Redaktions- und Kommunenkonten</h2>
<p>Für ein Konto verarbeiten wir Name, E-Mail-Adresse, Benutzername, ein verschlüsselt gespeichertes Passwort, die
Rollen und Berechtigungen sowie die Bearbeitungsgeschichte (wer hat wann welchen Inhalt geändert). Zweck ist die
redaktionelle Arbeit und die Nachvollziehbarkeit von Änderungen; Rechtsgrundlage ist [PLATZHALTER: Art. 6 Abs. 1
lit. b, c oder e DSGVO, je nach Verhältnis zum Betreiber]. Die Daten werden gelöscht, wenn das Konto aufgelöst
wird; Einträge in der Bearbeitungsgeschichte werden dabei anonymisiert, soweit keine Aufbewahrungspflicht
entgegensteht.</p>
<p>Inhalte, die eine Kommune im geschützten Reflexionsraum anlegt, sehen nur die berechtigten Konten dieser
Kommune und die für den technischen Betrieb zuständigen Personen.</p>
<h2>7. Kontaktdaten in Praxisbeispielen</h2>
<p>Ein Praxisbeispiel nennt eine Ansprechperson nur, wenn diese Person der Veröffentlichung ausdrücklich
zugestimmt hat (Art. 6 Abs. 1 lit. a DSGVO). Die Einwilligung kann jederzeit mit Wirkung für die Zukunft
widerrufen werden; die Kontaktdaten werden dann entfernt.</p>
<h2>8. Kontakt per E-Mail</h2>
<p>Wenn Sie uns schreiben, verarbeiten wir Ihre Angaben, um Ihre Anfrage zu beantworten (Art. 6 Abs. 1 lit. e
bzw. f DSGVO), und löschen sie, wenn sie dafür nicht mehr benötigt werden und keine Aufbewahrungspflicht
besteht.</p>
<h2>9. Empfänger und Hosting</h2>
<p>[PLATZHALTER: Rechenzentrum oder Hosting-Dienstleister mit Sitz; Hinweis auf den Vertrag zur
Auftragsverarbeitung nach Art. 28 DSGVO. Eine Übermittlung in Länder außerhalb der EU findet nicht statt.]</p>
<h2>10. Ihre Rechte</h2>
<p>Sie haben gegenüber der verantwortlichen Stelle folgende Rechte hinsichtlich der Sie betreffenden
personenbezogenen Daten:</p>
<ul>
<li>Recht auf Auskunft (Art. 15 DSGVO),</li>
<li>Recht auf Berichtigung (Art. 16 DSGVO),</li>
<li>Recht auf Löschung (Art. 17 DSGVO),</li>
<li>Recht auf Einschränkung der Verarbeitung (Art. 18 DSGVO),</li>
<li>Recht auf Mitteilung im Zusammenhang mit Berichtigung, Löschung oder Einschränkung (Art. 19 DSGVO),</li>
<li>Recht auf Datenübertragbarkeit (Art. 20 DSGVO),</li>
<li>Recht auf Widerspruch gegen eine Verarbeitung, die auf Art. 6 Abs. 1 lit. e oder f DSGVO beruht
(Art. 21 DSGVO),</li>
<li>Recht, eine Einwilligung jederzeit mit Wirkung für die Zukunft zu widerrufen (Art. 7 Abs. 3 DSGVO).</li>
</ul>
<p>Wenden Sie sich dafür an die oben genannte verantwortliche Stelle oder die datenschutzbeauftragte Person.</p>
<h2>11. Beschwerderecht bei der Aufsichtsbehörde</h2>
<p>Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO). Zuständig für
uns ist:<br/>
[PLATZHALTER: Name und Anschrift der zuständigen Aufsichtsbehörde, z. B. die oder der Landesbeauftragte für den
Datenschutz des Sitzlandes oder die oder der Bundesbeauftragte für den Datenschutz und die
Informationsfreiheit]</p>
<h2>12. Stand</h2>
<p>[PLATZHALTER: Datum der letzten Änderung dieser Erklärung]</p>
"""

BARRIEREFREIHEIT = """
<p><b>[PLATZHALTER: Der Betreiber ergänzt die markierten Angaben und aktualisiert den Stand nach jeder
Prüfung.]</b></p>
<p>[PLATZHALTER: Name des Betreibers] ist bemüht, diese Website im Einklang mit den Vorschriften zur
Barrierefreiheit zugänglich zu machen: dem Behindertengleichstellungsgesetz (BGG) und der
Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) bzw. [PLATZHALTER: einschlägiges Landesgesetz], die die
Richtlinie (EU) 2016/2102 umsetzen. Maßstab ist die europäische Norm EN 301 549, für Webinhalte also die
Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA.</p>
<p>Diese Erklärung gilt für die Website [PLATZHALTER: Adresse der Website].</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Diese Website ist mit den Anforderungen der BITV 2.0 <b>teilweise vereinbar</b>. Die öffentlichen Seiten
sind auf WCAG 2.1 AA ausgelegt:</p>
<ul>
<li>Alle Seiten werden auf dem Server erzeugt und funktionieren ohne JavaScript.</li>
<li>Überschriften, Orientierungsbereiche (Kopf, Navigation, Hauptinhalt, Fuß), Listen und Tabellen sind
semantisch ausgezeichnet; alle Formularfelder haben eine sichtbare oder vorlesbare Beschriftung.</li>
<li>Alles ist mit der Tastatur bedienbar; der Fokus ist deutlich sichtbar; ein Link „Zum Inhalt springen“
führt an der Navigation vorbei.</li>
<li>Texte und Bedienelemente erreichen ein Kontrastverhältnis von mindestens 4,5 : 1; Informationen werden nie
allein durch Farbe vermittelt (Demo-Inhalte zum Beispiel tragen immer die Kennzeichnung „Demo“).</li>
<li>Die Darstellung passt sich an kleine Bildschirme und eine Vergrößerung auf 400 % an; Animationen entfallen,
wenn das Betriebssystem reduzierte Bewegung anfordert.</li>
<li>Jeder Seitentyp wird bei jeder Änderung der Software automatisch mit dem Prüfwerkzeug axe-core gegen die
WCAG-2.1-Kriterien der Stufen A und AA geprüft.</li>
</ul>
<h2>Nicht barrierefreie Inhalte</h2>
<p>Die folgenden Inhalte sind noch nicht oder nicht vollständig barrierefrei:</p>
<ul>
<li>Erläuterungen zu den wesentlichen Inhalten in Deutscher Gebärdensprache und in Leichter Sprache (§ 4 BITV 2.0)
fehlen noch. [PLATZHALTER: geplanter Termin]</li>
<li>Dokumente (z. B. PDF), die an Praxisbeispielen hängen, stammen aus den Kommunen und sind nicht in jedem Fall
barrierefrei. Auf Anfrage stellen wir die Inhalte in einer zugänglichen Form bereit.</li>
<li>Praxisbeispiele aus anderen Ländern liegen teilweise nur in ihrer Originalsprache vor.</li>
<li>Der Redaktionsbereich (CMS) beruht auf der Software Wagtail und ist nicht Gegenstand dieser Erklärung.</li>
</ul>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am [PLATZHALTER: Datum] erstellt. Grundlage ist eine Selbstbewertung durch den
Betreiber sowie die automatisierten Prüfungen mit axe-core. [PLATZHALTER: Falls durchgeführt: BITV-Test durch
eine unabhängige Prüfstelle am Datum, Ergebnis.] Die Erklärung wurde zuletzt am [PLATZHALTER: Datum]
überprüft.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieser Website aufgefallen, oder benötigen Sie einen
Inhalt in einer für Sie zugänglichen Form? Dann wenden Sie sich bitte an uns:</p>
<p>E-Mail: [PLATZHALTER: E-Mail-Adresse für Barrierefreiheit]<br/>
Telefon: [PLATZHALTER: Telefonnummer]<br/>
Post: [PLATZHALTER: Anschrift]</p>
<p>Wir beantworten Ihre Anfrage innerhalb von [PLATZHALTER: z. B. zwei Wochen] und teilen Ihnen mit, wie wir den
Mangel beheben oder Ihnen den Inhalt anders zugänglich machen.</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine oder keine zufriedenstellende Antwort erhalten haben, können Sie einen
Antrag auf ein Schlichtungsverfahren bei der Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes
(BGG) stellen. Die Schlichtungsstelle BGG hat die Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen
Menschen mit Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche Streitbeilegung zu
unterstützen. Das Schlichtungsverfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.</p>
<p>Schlichtungsstelle nach dem Behindertengleichstellungsgesetz<br/>
bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen<br/>
Mauerstraße 53, 10117 Berlin<br/>
Telefon: 030 18 527-2805<br/>
E-Mail: info@schlichtungsstelle-bgg.de<br/>
Internet: <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a></p>
<p>[PLATZHALTER: Ist der Betreiber eine öffentliche Stelle eines Landes oder einer Kommune, tritt an die Stelle
der Schlichtungsstelle BGG die Durchsetzungs- oder Schlichtungsstelle des jeweiligen Landes.]</p>
"""

#: (slug, title, intro, body) of every legal page, in the order they are created below the home page.
LEGAL_PAGES = [
    ("impressum", "Impressum", "Angaben gemäß § 5 DDG und § 18 MStV.", IMPRESSUM.strip()),
    (
        "datenschutz",
        "Datenschutzerklärung",
        "Welche personenbezogenen Daten Krisenwissen verarbeitet, wozu und welche Rechte Sie haben.",
        DATENSCHUTZ.strip(),
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Stand der Vereinbarkeit mit der BITV 2.0 und den WCAG 2.1 AA, Feedback und Schlichtungsverfahren.",
        BARRIEREFREIHEIT.strip(),
    ),
]
