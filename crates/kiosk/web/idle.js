// The kiosk's idle timeout (WCAG 2.2.1, timing adjustable): twenty seconds before the end a
// warning says so, and any touch or key gives the whole time again; at the end the screen
// goes to /timeout, which ends the session. The server ends a stale session on its own too.
(() => {
  const idle = Number(document.body.dataset.idle || 0);
  if (!idle) return;
  const warning = document.getElementById('idle-warning');
  let last = Date.now();
  const touched = () => {
    last = Date.now();
    if (warning) warning.hidden = true;
  };
  for (const e of ['pointerdown', 'keydown', 'touchstart']) {
    document.addEventListener(e, touched, { passive: true });
  }
  setInterval(() => {
    const left = idle - (Date.now() - last) / 1000;
    if (left <= 0) location.assign('/timeout');
    else if (left <= 20 && warning) warning.hidden = false;
  }, 500);
})();
