// Live segment counter for the free SMS form: progressive enhancement only (the server checks
// and counts again, with the same module).
import { countSegments } from './sms-segments.mjs';

const field = document.getElementById('f-text');
const out = document.getElementById('sms-counter');
if (field instanceof HTMLTextAreaElement && out) {
  const template = out.dataset.template || '{units} / {segments}';
  const max = Number(out.dataset.max || '3');
  const update = () => {
    const c = countSegments(field.value);
    out.textContent = template
      .replace('{units}', String(c.units))
      .replace('{segments}', String(c.segments))
      .replace('{encoding}', c.encoding)
      .replace('{max}', String(max));
    out.classList.toggle('sms-counter--over', c.segments > max);
  };
  field.addEventListener('input', update);
  update();
}
