// Passkeys at the desk (WebAuthn), as progressive enhancement: the forms carry the server's
// challenge in data attributes; this script asks the browser's authenticator and puts its
// answer, base64url, into the form's hidden fields, then sends the form. Without it (or without
// WebAuthn) the passkey buttons stay hidden and the code from the authenticator app is used.
'use strict';
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  const enc = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const dec = (text) => Uint8Array.from(
    atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const fail = (form) => {
    const out = form.querySelector('.passkey-error');
    if (out) out.textContent = out.dataset.message;
  };

  const register = document.getElementById('passkey-register');
  if (register) {
    register.querySelector('button').hidden = false;
    register.querySelector('.passkey-needs-script')?.remove();
    register.addEventListener('submit', async (event) => {
      if (register.elements.attestation.value) return;
      event.preventDefault();
      const o = register.dataset;
      try {
        const made = await navigator.credentials.create({ publicKey: {
          challenge: dec(o.challenge),
          rp: { id: o.rpId, name: o.rpName },
          user: { id: dec(o.userId), name: o.userName, displayName: o.userName },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
          attestation: 'none',
          timeout: 300000,
        } });
        register.elements.client_data.value = enc(made.response.clientDataJSON);
        register.elements.attestation.value = enc(made.response.attestationObject);
        register.submit();
      } catch (e) {
        fail(register);
      }
    });
  }

  const button = document.getElementById('passkey-sign-in');
  if (button) {
    const form = button.form;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        const got = await navigator.credentials.get({ publicKey: {
          challenge: dec(form.dataset.challenge),
          rpId: form.dataset.rpId,
          userVerification: 'required',
          timeout: 300000,
        } });
        form.elements.credential_id.value = enc(got.rawId);
        form.elements.client_data.value = enc(got.response.clientDataJSON);
        form.elements.authenticator_data.value = enc(got.response.authenticatorData);
        form.elements.signature.value = enc(got.response.signature);
        form.submit();
      } catch (e) {
        fail(form);
      }
    });
  }
})();
