// Usage analysis (C09, C10): runs only with consent, never under Do-Not-Track or Global Privacy
// Control, and never without JavaScript. It sends the page and the page before it in this tab –
// no cookie, no identifier, nothing that recognises a visitor again.
(() => {
  'use strict';
  const KEY = 'stadtwerk.analytics';
  const en = document.documentElement.lang === 'en';
  const text = en
    ? {
        region: 'Consent to usage analysis',
        question: 'May we count anonymously which pages are visited in which order? No cookie, no IP address, nothing that recognises you.',
        yes: 'Yes, count anonymously',
        no: 'No',
        more: 'Details and objection',
        optout: '/en/privacy/usage-analysis',
        granted: 'allowed',
        denied: 'objected',
        unset: 'not decided',
        blocked: 'your browser asks not to be tracked – nothing is counted',
      }
    : {
        region: 'Einwilligung zur Nutzungsanalyse',
        question:
          'Dürfen wir anonym zählen, welche Seiten in welcher Reihenfolge aufgerufen werden? Kein Cookie, keine IP-Adresse, nichts, das Sie wiedererkennt.',
        yes: 'Ja, anonym zählen',
        no: 'Nein',
        more: 'Einzelheiten und Widerspruch',
        optout: '/datenschutz/nutzungsanalyse',
        granted: 'erlaubt',
        denied: 'widersprochen',
        unset: 'noch nicht entschieden',
        blocked: 'Ihr Browser bittet darum, nicht verfolgt zu werden – es wird nichts gezählt',
      };

  const doNotTrack = navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true;
  const read = () => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return 'denied';
    }
  };
  const write = (value) => {
    try {
      localStorage.setItem(KEY, value);
      if (value !== 'granted') sessionStorage.removeItem(`${KEY}.previous`);
    } catch {
      // storage refused: nothing is remembered, so nothing is counted
    }
  };

  const count = () => {
    const path = location.pathname;
    let previous = null;
    try {
      previous = sessionStorage.getItem(`${KEY}.previous`);
      sessionStorage.setItem(`${KEY}.previous`, path);
    } catch {
      return;
    }
    fetch('/api/analytics/schritt', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path, previous }),
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {});
  };

  const banner = () => {
    const box = document.createElement('section');
    box.className = 'consent';
    box.setAttribute('aria-label', text.region);
    const p = document.createElement('p');
    p.textContent = text.question;
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = 'button';
    yes.textContent = text.yes;
    const no = document.createElement('button');
    no.type = 'button';
    no.className = 'button button--secondary';
    no.textContent = text.no;
    const more = document.createElement('a');
    more.href = text.optout;
    more.textContent = text.more;
    const close = (value) => {
      write(value);
      box.remove();
      if (value === 'granted') count();
    };
    yes.addEventListener('click', () => close('granted'));
    no.addEventListener('click', () => close('denied'));
    box.append(p, yes, ' ', no, ' ', more);
    // In the flow, never over the content: nothing on the page is hidden behind it. Below the
    // page's heading, so on a phone the visitor first sees where they are, not the question.
    const main = document.getElementById('main');
    const heading = main?.querySelector('h1');
    if (heading) heading.after(box);
    else if (main?.parentNode) main.parentNode.insertBefore(box, main);
    else document.body.append(box);
  };

  // The objection page: buttons to object or allow, and the current state.
  const controls = document.querySelector('[data-analytics-controls]');
  if (controls) {
    const state = controls.querySelector('[data-analytics-state]');
    const show = () => {
      if (!state) return;
      state.textContent = doNotTrack ? text.blocked : { granted: text.granted, denied: text.denied }[read()] || text.unset;
    };
    for (const button of controls.querySelectorAll('button[data-analytics]')) {
      button.hidden = false;
      button.addEventListener('click', () => {
        write(button.getAttribute('data-analytics'));
        show();
      });
    }
    controls.hidden = false;
    show();
    return;
  }

  if (doNotTrack) return;
  const decision = read();
  if (decision === 'granted') count();
  else if (decision === null) banner();
})();
