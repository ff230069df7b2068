"""A small arithmetic question instead of a CAPTCHA service: no third party, no JavaScript,
readable by screen readers (the question is plain text in the field's label).

The expected answer travels with the form as a signed, time-stamped value, so no server state is
needed; a stale or tampered value fails like a wrong answer. It keeps casual bots out, not a
determined attacker; the rate limit and the e-mail confirmation do the rest.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.utils.translation import gettext as _

SALT = "krisenwissen.contributions.challenge"
MAX_AGE_SECONDS = 2 * 60 * 60
NUMBER_WORDS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"]


def new_challenge() -> tuple[str, str]:
    """A fresh (question, signed token) pair."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    question = _("Wie viel ist %(a)s plus %(b)s? Bitte als Zahl eingeben.") % {
        "a": NUMBER_WORDS[a],
        "b": NUMBER_WORDS[b],
    }
    token = signing.dumps({"q": question, "a": a + b, "n": secrets.token_hex(4)}, salt=SALT)
    return question, token


def question_of(token: str) -> str | None:
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)["q"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def is_correct(token: str, answer: str) -> bool:
    try:
        expected = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)["a"]
    except (signing.BadSignature, KeyError, TypeError):
        return False
    answer = (answer or "").strip()
    if answer.isdigit():
        return int(answer) == expected
    words = {word: n for n, word in enumerate(NUMBER_WORDS)} | {"elf": 11, "zwölf": 12, "dreizehn": 13}
    words |= {"vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18}
    return words.get(answer.casefold()) == expected
