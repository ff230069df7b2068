"""Small bibliographies in every format, built in code (the real corpus is tested separately)."""

BIBTEX = r"""
@string{bbk = "Bundesamt f{\"u}r Bev{\"o}lkerungsschutz"}

@techreport{mueller2021,
  title = {Krisenst{\"a}be in {Kommunen} \& Landkreisen},
  author = {M{\"u}ller, Hans and {Ministerie van Algemene Zaken} and Jane Doe},
  institution = bbk,
  year = {2021},
  month = mar,
  doi = {https://doi.org/10.1000/ABC.123},
  url = {https://example.org/a},
  abstract = {Erste Zeile.
@ Zeile, die mit einem At-Zeichen beginnt.&nbsp;Ende},
  langid = {german}
}

@book{buch2019,
  title = {Resilienz planen},
  editor = {Schmidt, Erika},
  publisher = {Verlag},
  address = {Bonn},
  year = 2019,
  isbn = {3-16-148410-0}
}
"""

RIS = """TY  - RPRT
TI  - Krisenstäbe in Kommunen &amp; Landkreisen
AU  - Müller, Hans
AU  - Ministerie van Algemene Zaken
PY  - 2021
DA  - 2021/03/01/
DO  - 10.1000/abc.123
UR  - https://example.org/a
LA  - de
KW  - Krisenstab
KW  - Kommune
ER  -

TY  - JOUR
TI  - Hitzeschutz in Städten
AU  - Weber, Anna
T2  - Zeitschrift für Katastrophenschutz
VL  - 12
IS  - 3
SP  - 10
EP  - 19
PY  - 2020
ER  -
""".replace("ER  -\n", "ER  - \n")

CSL_JSON = """[
  {"id": "a", "type": "report", "title": "Krisenstäbe in Kommunen &amp; Landkreisen",
   "author": [{"family": "Müller", "given": "Hans"}, {"literal": "Ministerie van Algemene Zaken"}],
   "issued": {"date-parts": [["2021", 3]]}, "DOI": "10.1000/abc.123", "URL": "https://example.org/a"},
  {"id": "b", "type": "webpage", "title": "Warnung der Bevölkerung",
   "author": [{"literal": "Stadt Köln"}], "accessed": {"date-parts": [[2022, 5, 3]]}}
]"""

ZOTERO_CSV = (
    '"Key","Item Type","Publication Year","Author","Title","Publication Title","ISBN","DOI","Url",'
    '"Abstract Note","Date","Access Date","Language","Manual Tags","Editor"\r\n'
    '"K1","report","2021","Müller, Hans; Ministerie van Algemene Zaken","Krisenstäbe in Kommunen",'
    '"","","10.1000/abc.123","https://example.org/a","Ein Bericht.","2021-03-01","","de","Krisenstab; Kommune",""\r\n'
    '"K2","journalArticle","2020","Weber, Anna","Hitzeschutz in Städten","Zeitschrift","","","","",'
    '"2020","2021-01-02 10:00:00","en","",""\r\n'
)

CITAVI_CSV = (
    "Autor, Herausgeber oder Institution;Titel;Jahr;Dokumententyp;Verlag;Ort;ISBN;Schlagwörter\n"
    "Schmidt, Erika;Resilienz planen;2019;Buch (Monographie);Verlag;Bonn;978-3-16-148410-0;Resilienz; Planung\n"
    "Bundesamt für Bevölkerungsschutz;Leitfaden Krisenstab;2018;Graue Literatur / Bericht / Report;BBK;Bonn;;\n"
)
