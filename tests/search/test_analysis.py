from krisenwissen.search.analysis import content_tokens, fold, query_stems, stem, tokens
from krisenwissen.search.compounds import Splitter
from krisenwissen.search.query import MAX_QUERY_CHARS, parse


def test_plural_with_umlaut_stems_like_singular():
    assert stem("krisenstäbe", "de") == stem("krisenstab", "de")


def test_umlaut_transliterations_meet():
    assert stem("gebäude", "de") == stem("gebaeude", "de") == stem("gebaude", "de")
    assert fold("Straße") == "strasse"


def test_english_words_get_english_stems():
    assert "refuge" in query_stems("refugees")
    assert stem("stations", "en") == stem("station", "en")


def test_stop_words_are_dropped_and_hyphens_split():
    assert content_tokens("Schutz vor der Hitze in der Corona-Pandemie") == ["schutz", "hitze", "corona", "pandemie"]


def test_null_bytes_and_control_characters_are_separators():
    assert tokens("Hoch\x00wasser\x07") == ["hoch", "wasser"]


def test_compound_is_split_into_known_words():
    known = {"hitze", "aktion", "plan", "aktionsplan", "krise", "krisen", "stab"}
    splitter = Splitter(known.__contains__)
    assert set(splitter.parts("hitzeaktionsplan")) >= {"hitze", "aktionsplan"}
    assert set(splitter.parts("krisenstab")) >= {"krisen", "stab"}
    assert splitter.parts("hitze") == ()


def test_unknown_parts_do_not_split():
    splitter = Splitter({"hitze"}.__contains__)
    assert splitter.parts("hitzeqwertz") == ()


def test_query_parsing_phrases_and_exclusions():
    query = parse('Hochwasser "Schutz vor Hitze" -Übung')
    assert query.phrases == [["schutz", "hitze"]]
    assert query.excluded == ["übung"]
    assert "übung" not in query.words and "hochwasser" in query.words


def test_query_with_operators_and_unbalanced_quotes_is_plain_words():
    query = parse('Hitze AND ( Senioren NEAR * "Telefon')
    assert query.words == ["hitze", "senioren", "telefon"]


def test_long_query_is_truncated_with_flag():
    query = parse("Hochwasser " * 2000)
    assert query.truncated
    assert len(query.raw) <= MAX_QUERY_CHARS
