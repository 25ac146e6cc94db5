// Live segment counter for the free SMS form: progressive enhancement only (the server checks
// and counts again). Same tables and rules as src/modules/sms/sms.segments.ts.
(() => {
  const BASIC =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const EXTENSION = '\f^{}\\[~]|€';
  const basic = new Set([...BASIC]);
  const extension = new Set([...EXTENSION]);

  function countSegments(text) {
    let gsm = true;
    let septets = 0;
    for (const ch of text) {
      if (basic.has(ch)) septets += 1;
      else if (extension.has(ch)) septets += 2;
      else {
        gsm = false;
        break;
      }
    }
    if (gsm) {
      const perSegment = septets <= 160 ? 160 : 153;
      return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : Math.ceil(septets / perSegment), perSegment };
    }
    const units = text.length;
    const perSegment = units <= 70 ? 70 : 67;
    return { encoding: 'UCS-2', units, segments: Math.ceil(units / perSegment), perSegment };
  }

  if (typeof document === 'undefined') {
    // Loaded outside a browser (the test compares it with the server's counter).
    globalThis.smsCountSegments = countSegments;
    return;
  }
  const field = document.getElementById('f-text');
  const out = document.getElementById('sms-counter');
  if (!field || !out) return;
  const template = out.dataset.template || '{units} / {segments}';
  const max = Number(out.dataset.max || '3');
  const update = () => {
    const c = countSegments(field.value);
    out.textContent = template.replace('{units}', String(c.units)).replace('{segments}', String(c.segments)).replace('{encoding}', c.encoding).replace('{max}', String(max));
    out.classList.toggle('sms-counter--over', c.segments > max);
  };
  field.addEventListener('input', update);
  update();
})();
