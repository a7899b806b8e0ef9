"""schemathesis hooks for scripts/fuzz-api (loaded through SCHEMATHESIS_HOOKS).

A kiosk terminal's doors take a compact JWS (`application/jose`), which schemathesis has no
serializer for: the generated value is sent as its text (bytes as they are), so that every
such door is still called with arbitrary bodies and must refuse them (401) without a server
error.
"""

import json

import schemathesis


@schemathesis.serializer("application/jose")
def jose(ctx, value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    return json.dumps(value).encode()
