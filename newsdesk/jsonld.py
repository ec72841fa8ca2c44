"""JSON written inside an HTML <script> element (JSON-LD), so that no value can end the element."""

import json

from django.core.serializers.json import DjangoJSONEncoder

# As django.utils.html.json_script: inside <script>, "<", ">" and "&" must not appear literally, so a
# headline containing </script> stays a string. JSON parsers read \u003C back as "<".
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data):
    """The text of a <script type="application/ld+json"> element; the template tag and the traditional
    edition's converter both write it, so the escaping is the same in both editions."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
