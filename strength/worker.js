// Autan password-strength worker (ES module worker, CSP-safe: no eval, no
// inline code, no blob:). Loaded only by the password pages:
//   const w = new Worker(new URL('/strength/worker.js', location.href), { type: 'module' });
//   w.postMessage({ id, password, inputs: [nom, prénom, identifiant, ...] });
//   w.onmessage = ({ data }) => { data.id, data.percent, data.score, ... };
// Optional `slot` field (one per password field), echoed in the answer:
// messages that arrive before the data is loaded are queued, and only the
// latest one per slot is answered.
import init, { init_data, set_reference_year, estimate_json } from './autan_strength.js';

const pending = new Map();
let state = 'loading'; // 'ready' | error message

function answer(msg) {
  const inputs = Array.isArray(msg.inputs)
    ? msg.inputs.map((s) => String(s ?? '').replace(/\n/g, ' ')).join('\n')
    : '';
  try {
    const r = JSON.parse(estimate_json(String(msg.password ?? ''), inputs));
    self.postMessage({ id: msg.id, slot: msg.slot, ...r });
  } catch (e) {
    self.postMessage({ id: msg.id, slot: msg.slot, error: String(e) });
  }
}

const here = (name) => new URL(name, import.meta.url);

Promise.all([
  init({ module_or_path: here('autan_strength_bg.wasm') }),
  fetch(here('strength-data.txt')).then((r) => {
    if (!r.ok) throw new Error(`strength-data.txt: HTTP ${r.status}`);
    return r.arrayBuffer();
  }),
])
  .then(([, data]) => {
    init_data(new Uint8Array(data));
    set_reference_year(new Date().getFullYear());
    state = 'ready';
    for (const msg of pending.values()) answer(msg);
  })
  .catch((e) => {
    state = String(e);
    for (const msg of pending.values()) self.postMessage({ id: msg.id, slot: msg.slot, error: state });
  })
  .finally(() => pending.clear());

self.onmessage = ({ data }) => {
  const msg = data && typeof data === 'object' ? data : {};
  if (state === 'ready') answer(msg);
  else if (state === 'loading') pending.set(msg.slot ?? '', msg);
  else self.postMessage({ id: msg.id, slot: msg.slot, error: state });
};
