"""Structured (JSON) log lines without personal data.

One JSON object per line, ready for journald/Loki/ELK. Personal data stays out by construction:
the formatter writes only the fields listed here plus ``extra`` values whose names are allowed,
and masks e-mail addresses and IP addresses that slipped into a message.
"""

import json
import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
ALLOWED_EXTRA = {"status_code", "path", "method", "duration_ms", "event", "workspace", "task", "count"}


def scrub(text: str) -> str:
    return IPV4.sub("[ip]", EMAIL.sub("[email]", text))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in ALLOWED_EXTRA:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
