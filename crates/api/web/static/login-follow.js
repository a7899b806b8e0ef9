// The log-in page follows the authentication app, as the Digital Agency's app does: once the
// card has answered (or the log-in has ended), the page shows what comes next by itself.
// Progressive enhancement: without JavaScript the resident chooses Continue, which does the
// same (docs/design/oidc.md).
'use strict';

const section = document.querySelector('[data-follow]');
if (section) {
  const url = section.dataset.follow;
  // Every two seconds while the page is open; the log-in ends after ten minutes anyway.
  const every = 2000;
  const poll = async () => {
    try {
      const r = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
      const status = r.ok ? (await r.json()).status : 'gone';
      if (status !== 'waiting') {
        window.location.reload();
        return;
      }
    } catch {
      // The network failed for a moment: ask again.
    }
    setTimeout(poll, every);
  };
  setTimeout(poll, every);
}
