// Progressive enhancement of the ballot: the remaining votes update as one types (a polite live
// region). Without JavaScript the page states them after each save; nothing depends on this file.
const counter = document.getElementById('votes-left');
const form = counter ? document.querySelector('form[action*="/stimmzettel/"], form[action*="/ballot/"]') : null;
if (counter && form) {
  const allowed = Number(counter.dataset.allowed);
  const template = counter.dataset.template ?? '';
  const inputs = [...form.querySelectorAll('input[type="number"]')];
  let timer;
  const update = () => {
    const used = inputs.reduce((sum, input) => sum + (/^\d+$/.test(input.value) ? Number(input.value) : 0), 0);
    const left = Math.max(0, allowed - used);
    // Announced once typing pauses, not on every key.
    clearTimeout(timer);
    timer = setTimeout(() => {
      counter.textContent = template.replace('{left}', String(left)).replace('{allowed}', String(allowed));
    }, 400);
  };
  for (const input of inputs) input.addEventListener('input', update);
}
