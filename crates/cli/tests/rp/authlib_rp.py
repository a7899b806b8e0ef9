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
  sign-start ISSUER CLIENT KEY REDIRECT STATE.json FORMAT DOCUMENT
                                    the organisation's token (client credentials with
                                    private_key_jwt), a sign-transaction for the document's
                                    SHA-256, and the authorization request with scope
                                    "openid sign"; print the log-in page's URL
  sign-finish STATE.json OUT_DIR    as finish, then the sign-transaction's result: the JWE
                                    decrypted with the relying party's key by joserfc, its
                                    signature, certificate and CMS written to OUT_DIR
  self-finish STATE.json ITEM...    the 自己情報取得API: consent in the "browser" with only the
                                    data sets ITEM... left ticked, the code for tokens, each
                                    data set asked for read with the access token, the refresh
                                    token used (Authlib's refresh), then again (a copy)
  verify ISSUER CLIENT KEY CMS DOCUMENT
                                    the verification service on a detached CMS signature

Tokens are checked again with joserfc (PyPI), Authlib's independent JOSE library.
"""
import base64
import hashlib
import os
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
from joserfc import jwe as jf_jwe
from joserfc import jwt as jf_jwt
from joserfc.jwk import ECKey, KeySet


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


def organisation_token(issuer, client, key_file):
    """The organisation's own token: client credentials with a signed assertion (RFC 7523)."""
    base = issuer.split("/api/realms/")[0]
    url = base + "/api/v1/oauth/token"
    key = ECKey.import_key(json.load(open(key_file)))
    s = OAuth2Session(client, key, token_endpoint_auth_method=PrivateKeyJWT(url, alg="ES256"))
    return base, s.fetch_token(url, grant_type="client_credentials")["access_token"]


def start(issuer, client, key_file, redirect, state_file, scope, extra=None):
    meta = requests.get(issuer + "/.well-known/openid-configuration", timeout=10).json()
    assert meta["issuer"] == issuer, meta
    st = {"issuer": issuer, "client": client, "key": key_file, "redirect": redirect,
          "scope": scope, "meta": meta}
    st.update(extra or {})
    verifier = generate_token(48)
    nonce = generate_token(20)
    more = {}
    if "sign_transaction_id" in st:
        more["sign_transaction_id"] = st["sign_transaction_id"]
    uri, state = session(st).create_authorization_url(
        meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce, ui_locales="en",
        **more)
    r = requests.get(uri, allow_redirects=False, timeout=10)
    assert r.status_code == 303, (r.status_code, r.text)
    login = urljoin(uri, r.headers["Location"])
    cookie = r.headers["Set-Cookie"].split(";")[0]
    st.update({"verifier": verifier, "nonce": nonce, "state": state, "login": login,
               "cookie": cookie})
    json.dump(st, open(state_file, "w"))
    print(login)


def finish(state_file, out_dir=None):
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
    # The same ID token again with joserfc, an independent JOSE library.
    keyset = KeySet.import_key_set(requests.get(meta["jwks_uri"], timeout=10).json())
    again = jf_jwt.decode(token["id_token"], keyset, algorithms=["ES256"])
    jf_jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": st["issuer"]},
        aud={"essential": True, "value": st["client"]},
        nonce={"essential": True, "value": st["nonce"]},
    ).validate(again.claims)
    assert again.claims["sub"] == claims["sub"], (again.claims, claims)
    userinfo = s.get(meta["userinfo_endpoint"]).json()
    assert userinfo["sub"] == claims["sub"], (userinfo, claims)
    # OIDF Basic OP "userinfo-post-header": the same with POST and the token in the header.
    posted = s.post(meta["userinfo_endpoint"])
    assert posted.status_code == 200 and posted.json() == userinfo, (posted.status_code, posted.text)
    result = sign_result(st, s, out_dir) if out_dir is not None else None
    # The same code a second time (OIDF Basic OP "code reuse"): refused, and the access token
    # of its first use ends with it.
    reuse = None
    try:
        session(st).fetch_token(meta["token_endpoint"], authorization_response=location,
                                code_verifier=st["verifier"])
    except Exception as e:  # authlib's OAuthError
        reuse = getattr(e, "error", str(e))
    after = s.get(meta["userinfo_endpoint"]).status_code
    out = {"claims": dict(claims), "userinfo": userinfo, "reuse": reuse,
           "userinfo_after_reuse": after, "scope": token.get("scope")}
    if result is not None:
        out["result"] = result
    print(json.dumps(out))


def self_finish(state_file, *ticked):
    st = json.load(open(state_file))
    meta = st["meta"]
    headers = {"Cookie": st["cookie"]}
    page = requests.get(st["login"], headers=headers, timeout=10)
    asked = [s for s in st["scope"].split() if s.startswith("self:")]
    for scope in asked:
        assert f'name="item" value="{scope}"' in page.text, page.text
    form = [("decision", "agree"), ("items", "listed")] + [("item", "self:" + t) for t in ticked]
    r = requests.post(st["login"], data=form, headers=headers, allow_redirects=False, timeout=10)
    assert r.status_code == 303, (r.status_code, r.text)
    location = r.headers["Location"]
    s = session(st)
    token = s.fetch_token(meta["token_endpoint"], authorization_response=location,
                          code_verifier=st["verifier"])
    base = st["issuer"].split("/api/realms/")[0]

    def read(sess, item):
        r = sess.get(base + "/api/v1/self-information/" + item)
        body = r.json() if r.headers.get("content-type", "").startswith("application/") else None
        return {"status": r.status_code, "body": body,
                "www_authenticate": r.headers.get("WWW-Authenticate")}

    reads = {scope[5:]: read(s, scope[5:]) for scope in asked}
    first_refresh = token.get("refresh_token")
    renewed = s.refresh_token(meta["token_endpoint"], refresh_token=first_refresh)
    after_refresh = read(s, ticked[0]) if ticked else None
    # The first refresh token again: a copy, refused; and the new one ends with it.
    again = {}
    for name, rt in [("first", first_refresh), ("second", renewed.get("refresh_token"))]:
        try:
            session(st).refresh_token(meta["token_endpoint"], refresh_token=rt)
            again[name] = "accepted"
        except Exception as e:  # authlib's OAuthError
            again[name] = getattr(e, "error", str(e))
    print(json.dumps({"scope": token.get("scope"), "has_refresh": bool(first_refresh),
                      "reads": reads, "renewed_scope": renewed.get("scope"),
                      "renewed_differs": renewed.get("refresh_token") not in (None, first_refresh),
                      "after_refresh": after_refresh, "again": again}))


def sign_start(issuer, client, key_file, redirect, state_file, fmt, document):
    base, token = organisation_token(issuer, client, key_file)
    digest = hashlib.sha256(open(document, "rb").read()).digest()
    r = requests.post(base + "/api/sign-transactions",
                      json={"digest": base64.b64encode(digest).decode(), "format": fmt},
                      headers={"Authorization": "Bearer " + token}, timeout=10)
    assert r.status_code == 201, (r.status_code, r.text)
    start(issuer, client, key_file, redirect, state_file, "openid sign",
          {"sign_transaction_id": r.json()["sign_transaction_id"], "base": base})


def sign_result(st, s, out_dir):
    """The result, with the log-in's access token: a JWE only the relying party's key opens."""
    r = s.get(st["base"] + "/api/sign-transactions/" + st["sign_transaction_id"] + "/result")
    assert r.status_code == 200, (r.status_code, r.text)
    assert r.headers["Content-Type"] == "application/jose", r.headers
    key = ECKey.import_key(json.load(open(st["key"])))
    opened = jf_jwe.decrypt_compact(r.text, key, algorithms=["ECDH-ES", "A256GCM"])
    assert opened.protected["alg"] == "ECDH-ES" and opened.protected["enc"] == "A256GCM"
    result = json.loads(opened.plaintext)
    os.makedirs(out_dir, exist_ok=True)
    for name in ("signature", "certificate", "cms"):
        if name in result:
            open(os.path.join(out_dir, name + ".der"), "wb").write(
                base64.b64decode(result[name]))
    # Someone else's key cannot open it.
    stranger = ECKey.generate_key("P-256")
    try:
        jf_jwe.decrypt_compact(r.text, stranger, algorithms=["ECDH-ES", "A256GCM"])
        result["stranger_opened"] = True
    except Exception:
        result["stranger_opened"] = False
    return {k: v for k, v in result.items() if k not in ("signature", "certificate", "cms")}


def verify(issuer, client, key_file, cms, document):
    base, token = organisation_token(issuer, client, key_file)
    body = {"cms": base64.b64encode(open(cms, "rb").read()).decode(),
            "content": base64.b64encode(open(document, "rb").read()).decode()}
    r = requests.post(base + "/api/v1/signatures/verify", json=body,
                      headers={"Authorization": "Bearer " + token}, timeout=10)
    print(json.dumps({"status": r.status_code, "body": r.json()}))


def latest_four(issuer, client, key_file, certificate):
    """最新基本4情報提供: the latest four items of a signature certificate's holder."""
    base, token = organisation_token(issuer, client, key_file)
    body = {"certificate": base64.b64encode(open(certificate, "rb").read()).decode()}
    r = requests.post(base + "/api/v1/latest-four", json=body,
                      headers={"Authorization": "Bearer " + token}, timeout=10)
    print(json.dumps({"status": r.status_code, "body": r.json()}))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"key": key, "start": start, "finish": finish, "sign-start": sign_start,
     "sign-finish": finish, "self-finish": self_finish, "verify": verify, "latest-four": latest_four}[cmd](*args)
