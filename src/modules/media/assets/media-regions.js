// Drag-to-select on a picture's staff page: a rectangle dragged over the picture fills the next
// empty region of the "make unrecognisable" form, in percent. Only an enhancement: the fields
// work on their own, by keyboard, without this script.
(() => {
  const figure = document.querySelector('[data-media-regions]');
  const img = figure?.querySelector('img');
  if (!figure || !img) return;
  figure.style.position = 'relative';
  figure.style.display = 'inline-block';
  img.style.touchAction = 'none';
  img.draggable = false;
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  Object.assign(box.style, {
    position: 'absolute',
    border: '2px dashed #c00',
    background: 'rgba(200,0,0,0.15)',
    display: 'none',
    pointerEvents: 'none',
  });
  figure.appendChild(box);
  let start = null;
  const clamp = (v) => Math.min(100, Math.max(0, v));
  const at = (e) => {
    const r = img.getBoundingClientRect();
    return { x: clamp(((e.clientX - r.left) / r.width) * 100), y: clamp(((e.clientY - r.top) / r.height) * 100), r };
  };
  const field = (n, k) => document.getElementById(`f-r${n}${k}`);
  const emptySlot = () => {
    for (let n = 1; n <= 3; n++) if (['x', 'y', 'w', 'h'].every((k) => field(n, k) && field(n, k).value === '')) return n;
    return 3;
  };
  img.addEventListener('pointerdown', (e) => {
    start = at(e);
    img.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  img.addEventListener('pointermove', (e) => {
    if (!start) return;
    const p = at(e);
    const left = Math.min(start.x, p.x);
    const top = Math.min(start.y, p.y);
    Object.assign(box.style, {
      display: 'block',
      left: `${(left / 100) * p.r.width}px`,
      top: `${(top / 100) * p.r.height}px`,
      width: `${(Math.abs(p.x - start.x) / 100) * p.r.width}px`,
      height: `${(Math.abs(p.y - start.y) / 100) * p.r.height}px`,
    });
  });
  img.addEventListener('pointerup', (e) => {
    if (!start) return;
    const p = at(e);
    const round = (v) => String(Math.round(v * 10) / 10);
    const w = Math.abs(p.x - start.x);
    const h = Math.abs(p.y - start.y);
    if (w >= 1 && h >= 1) {
      const n = emptySlot();
      field(n, 'x').value = round(Math.min(start.x, p.x));
      field(n, 'y').value = round(Math.min(start.y, p.y));
      field(n, 'w').value = round(Math.min(w, 100 - Math.min(start.x, p.x)));
      field(n, 'h').value = round(Math.min(h, 100 - Math.min(start.y, p.y)));
      field(n, 'x').dispatchEvent(new Event('change', { bubbles: true }));
    }
    start = null;
  });
})();
