// The desk's forms that hand back a card file are sent once (progressive enhancement; every
// form works without it). A second click while the first request is on its way would make
// the browser show the second answer and drop the first, and the first answer's card file is
// then the only copy that opens: the card would be lost. Without JavaScript the server still
// refuses the second request while the first holds the card (docs/design/card.md).
'use strict';

for (const form of document.querySelectorAll('form[data-once]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = 'yes';
    for (const button of form.querySelectorAll('button[type="submit"]')) {
      button.setAttribute('aria-disabled', 'true');
    }
    // A request stopped (Esc, the stop button) leaves the page as it was: after a while the
    // form may be sent again (the server refuses it while the first still holds the card).
    setTimeout(() => release(form), 15000);
  });
}

function release(form) {
  delete form.dataset.sent;
  for (const button of form.querySelectorAll('button[type="submit"]')) {
    button.removeAttribute('aria-disabled');
  }
}

// A page brought back from the browser's history may be sent again.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) {
    return;
  }
  for (const form of document.querySelectorAll('form[data-once]')) {
    release(form);
  }
});
