// Every view of the page: its name in the URL (#view=NAME), its title for the
// navigation, and how to load its module. A view module exports
// `mount(root, ctx)` and returns an unmount function (or nothing).
//   ctx.wasm      the wasm-bindgen exports (Mlp, simdEnabled, ...)
//   ctx.params    a reader over the hash parameters (see state/hash.js)
//   ctx.setParams(obj)  merges obj into the hash (view and embed are kept)
//   ctx.embed     true inside an iframe embed (#embed=1): show only the essentials
//   ctx.note(text)      shows a short notice above the view

export const VIEWS = [
  { name: 'xor-train', title: 'XOR, learned', group: 'Lecture', load: () => import('./xor-train.js') },
  { name: 'digits', title: 'Draw a digit', group: 'MNIST', load: () => import('./digits.js') },
];

export const DEFAULT_VIEW = 'xor-train';

export const findView = (name) => VIEWS.find((v) => v.name === name);
