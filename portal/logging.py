"""Structured logging: one JSON object per line on stdout, ready for any log shipper.

Patients' contact details never reach the logs: whatever a message, an extra field or a traceback
carries, phone numbers and email addresses are masked, and the row quotations PostgreSQL puts in its
error details ("DETAIL: Failing row contains (...)", names included) are dropped, before the line is
written.
"""

import json
import logging
import re
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed in `extra=` and is worth keeping.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# Indian mobile numbers as people type them (+91 98765-43210, 098765 43210, 9876543210), and emails.
_PHONE = re.compile(r"(?<![\d+])(?:\+?91[\s-]?|0)?[6-9](?:[\s-]?\d){9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# PostgreSQL's error details quote the failing row, names included: drop them whole.
_DB_DETAIL = re.compile(r"(DETAIL|Failing row contains)[^\n]*")
# A patient's private link (/my-enquiry/<token>/) opens her enquiry: the token never reaches a log.
_PRIVATE_LINK = re.compile(r"(/my-enquiry/)[^/\s\"'?]+")


def redact(text: str) -> str:
    """Mask phone numbers, email addresses and private-link tokens in `text`."""
    if not isinstance(text, str):
        return text
    text = _DB_DETAIL.sub(r"\1: [redacted]", text)
    text = _PRIVATE_LINK.sub(r"\1[token]", text)
    text = _EMAIL.sub("[email]", text)
    return _PHONE.sub("[phone]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key != "request":
                plain = isinstance(value, (str, int, float, bool, type(None)))
                entry[key] = redact(value if plain else repr(value))
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
