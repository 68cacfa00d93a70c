// The page's entry: waits for the wasm bindings, then shows the view named in
// the URL (#view=NAME, see views/registry.js) and switches views when the hash
// changes. `embed=1` hides the site header and footer for iframes in course pages.
// Nothing thrown by a view escapes: errors land in a message on the page.

import { readHash, reader, writeHash } from './state/hash.js';
import { DEFAULT_VIEW, VIEWS, findView } from './views/registry.js';
import { LOAD_EVENT, describeLoad, loadBindings } from './wasm.js';

const viewRoot = document.getElementById('view');
const noteBox = document.getElementById('url-note');
const app = { ready: false, view: null, error: null, notes: [] };
window.__app = app;

let wasm = null;
let current = { name: null, unmount: null };

function showNotes(notes) {
  app.notes = notes;
  noteBox.hidden = notes.length === 0;
  noteBox.replaceChildren(...notes.map((n) => Object.assign(document.createElement('p'), { textContent: n })));
}

function showFatal(error, context) {
  const text = error instanceof Error ? error.message : String(error);
  app.error = text;
  const box = document.createElement('div');
  box.id = 'message';
  box.className = 'message';
  box.setAttribute('role', 'alert');
  const strong = document.createElement('strong');
  strong.textContent = `${context}: `;
  box.append(strong, text);
  viewRoot.replaceChildren(box);
}

function renderNav(active) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(
    ...VIEWS.map((v) => {
      const li = document.createElement('li');
      const a = Object.assign(document.createElement('a'), { href: `#view=${v.name}`, textContent: v.title });
      if (v.name === active) a.setAttribute('aria-current', 'page');
      li.append(a);
      return li;
    }),
  );
  // On phones the links scroll sideways in one row: bring the current one into view.
  const scroller = nav.closest('.site-nav');
  const current = nav.querySelector('[aria-current="page"]');
  if (scroller && current && scroller.scrollWidth > scroller.clientWidth) {
    scroller.scrollLeft = current.offsetLeft - (scroller.clientWidth - current.offsetWidth) / 2;
  }
}

async function route() {
  const params = readHash();
  const notes = [];
  const read = reader(params, notes);
  // `embed=1` hides the site chrome; `embed=boundary,network` also names the parts a view shows.
  const rawEmbed = params.get('embed');
  const FLAG_WORDS = ['', '0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'];
  const embedViews = rawEmbed !== undefined && !FLAG_WORDS.includes(rawEmbed) && /^[a-z][a-z,-]{0,100}$/.test(rawEmbed)
    ? rawEmbed.split(',').filter(Boolean)
    : null;
  const embed = embedViews ? true : read.flag('embed', false);
  document.body.classList.toggle('embed', embed);
  let name = params.get('view') || DEFAULT_VIEW;
  if (!findView(name)) {
    notes.push(`There is no view called "${name.slice(0, 40)}"; showing "${findView(DEFAULT_VIEW).title}" instead.`);
    name = DEFAULT_VIEW;
  }
  renderNav(name);
  showNotes(notes);
  if (name === current.name) return; // same view: it reads its own parameters
  if (current.unmount) {
    try {
      current.unmount();
    } catch (error) {
      console.warn('unmount failed', error);
    }
  }
  const mine = { name, unmount: null };
  current = mine;
  app.view = name;
  const entry = findView(name);
  document.title = `${entry.title} · MLP playground`;
  const ctx = {
    wasm,
    params: read,
    embed,
    embedViews,
    note: (text) => showNotes([...app.notes, text]),
    /** False once the reader has moved on: a view that awaits something checks it, then stops. */
    isCurrent: () => current === mine,
    setParams(obj) {
      const next = readHash();
      for (const [k, v] of Object.entries(obj)) {
        if (v === undefined || v === null) next.delete(k);
        else next.set(k, String(v));
      }
      next.set('view', name);
      writeHash(next);
    },
  };
  try {
    const module = await entry.load();
    // The reader may have moved on while the module loaded or the view started (the digits view
    // fetches its model): a view that is no longer current must not draw, and must be stopped.
    if (current !== mine) return;
    viewRoot.replaceChildren();
    const unmount = (await module.mount(viewRoot, ctx)) || null;
    if (current === mine) mine.unmount = unmount;
    else if (unmount) unmount();
  } catch (error) {
    if (current === mine) showFatal(error, `The view "${entry.title}" could not start`);
  }
  // Readers used inside mount() add notes after the first render: show those too, once each.
  const seen = new Set();
  showNotes([...app.notes, ...notes].filter((n) => !seen.has(n) && seen.add(n)));
}

window.addEventListener(LOAD_EVENT, (event) => {
  const status = document.getElementById('boot-status');
  if (status && event.detail.phase === 'loading') status.textContent = describeLoad(event.detail);
});
// Last line of defence: views catch their own errors, but anything that slips
// through is shown as a notice instead of failing silently.
const slipped = (reason) => showNotes([...app.notes, `Something went wrong: ${reason instanceof Error ? reason.message : reason}`]);
window.addEventListener('error', (event) => slipped(event.error || event.message));
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  slipped(event.reason);
});

loadBindings()
  .then(async (bindings) => {
    wasm = bindings;
    // listen first: the reader may pick another view while the first one is still starting
    window.addEventListener('hashchange', () => route());
    await route();
    app.ready = true;
  })
  .catch((error) => showFatal(error, 'The playground could not start'));
