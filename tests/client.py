"""The test client, posting forms as browsers do: urlencoded, unless the form carries a file."""

from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT

FORM = "application/x-www-form-urlencoded"


def _has_file(data) -> bool:
    values = data.values() if isinstance(data, dict) else ()
    return any(
        hasattr(v, "read") or (isinstance(v, list | tuple) and _has_file(dict(enumerate(v)))) for v in values
    )


class FormClient(Client):
    def post(self, path, data=None, content_type=MULTIPART_CONTENT, *args, **kwargs):
        if content_type == MULTIPART_CONTENT and isinstance(data, dict) and not _has_file(data):
            return super().post(path, urlencode(data, doseq=True), FORM, *args, **kwargs)
        return super().post(path, data, content_type, *args, **kwargs)
