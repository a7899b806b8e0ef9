"""A relying party written with Authlib (PyPI), an independent OpenID Connect client, driven
against a running mynumber server by crates/cli/tests/oidc.rs. It plays the relying party and,
for the browser's part, a user agent that keeps the log-in's cookie.

  key OUT.json                      make a P-256 key; print its x and y
  start ISSUER CLIENT KEY REDIRECT STATE.json SCOPE
                                    discovery, the authorization request with PKCE, state and
                                    nonce; print the log-in page's URL
  finish STATE.json                 consent in the "browser", the code for tokens with
                                    private_key_jwt, the ID token verified with the JWKS,
                                    userinfo; print what came back as JSON
"""
import json
import sys
import warnings
from urllib.parse import urljoin, urlparse, parse_qs

import requests

warnings.simplefilter("ignore", DeprecationWarning)
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from joserfc.jwk import ECKey


def session(st):
    # Authlib signs with a joserfc key object; a dict would be read as RSA.
    key = ECKey.import_key(json.load(open(st["key"])))
    s = OAuth2Session(
        st["client"],
        key,
        scope=st["scope"],
        redirect_uri=st["redirect"],
        code_challenge_method="S256",
        token_endpoint_auth_method=PrivateKeyJWT(st["meta"]["token_endpoint"], alg="ES256"),
    )
    return s


def key(out):
    k = JsonWebKey.generate_key("EC", "P-256", is_private=True)
    private = k.as_dict(is_private=True)
    json.dump(private, open(out, "w"))
    print(json.dumps({"x": private["x"], "y": private["y"]}))


def start(issuer, client, key_file, redirect, state_file, scope):
    meta = requests.get(issuer + "/.well-known/openid-configuration", timeout=10).json()
    assert meta["issuer"] == issuer, meta
    st = {"issuer": issuer, "client": client, "key": key_file, "redirect": redirect,
          "scope": scope, "meta": meta}
    verifier = generate_token(48)
    nonce = generate_token(20)
    uri, state = session(st).create_authorization_url(
        meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce, ui_locales="en")
    r = requests.get(uri, allow_redirects=False, timeout=10)
    assert r.status_code == 303, (r.status_code, r.text)
    login = urljoin(uri, r.headers["Location"])
    cookie = r.headers["Set-Cookie"].split(";")[0]
    st.update({"verifier": verifier, "nonce": nonce, "state": state, "login": login,
               "cookie": cookie})
    json.dump(st, open(state_file, "w"))
    print(login)


def finish(state_file):
    st = json.load(open(state_file))
    meta = st["meta"]
    headers = {"Cookie": st["cookie"]}
    page = requests.get(st["login"], headers=headers, timeout=10)
    assert page.status_code == 200 and 'value="agree"' in page.text, page.text
    r = requests.post(st["login"], data={"decision": "agree"}, headers=headers,
                      allow_redirects=False, timeout=10)
    assert r.status_code == 303, (r.status_code, r.text)
    location = r.headers["Location"]
    query = parse_qs(urlparse(location).query)
    assert query["state"] == [st["state"]], location
    assert query["iss"] == [st["issuer"]], location
    s = session(st)
    token = s.fetch_token(meta["token_endpoint"], authorization_response=location,
                          code_verifier=st["verifier"])
    jwks = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"], timeout=10).json())
    claims = jwt.decode(token["id_token"], jwks, claims_options={
        "iss": {"essential": True, "value": st["issuer"]},
        "aud": {"essential": True, "value": st["client"]},
        "nonce": {"essential": True, "value": st["nonce"]},
        "sub": {"essential": True},
    })
    claims.validate()
    assert claims.header["alg"] == "ES256", claims.header
    userinfo = s.get(meta["userinfo_endpoint"]).json()
    assert userinfo["sub"] == claims["sub"], (userinfo, claims)
    # The same code a second time (OIDF Basic OP "code reuse"): refused, and the access token
    # of its first use ends with it.
    reuse = None
    try:
        session(st).fetch_token(meta["token_endpoint"], authorization_response=location,
                                code_verifier=st["verifier"])
    except Exception as e:  # authlib's OAuthError
        reuse = getattr(e, "error", str(e))
    after = s.get(meta["userinfo_endpoint"]).status_code
    print(json.dumps({"claims": dict(claims), "userinfo": userinfo, "reuse": reuse,
                      "userinfo_after_reuse": after, "scope": token.get("scope")}))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"key": key, "start": start, "finish": finish}[cmd](*args)
