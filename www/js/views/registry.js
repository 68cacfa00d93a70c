// Every view of the page: its name in the URL (#view=NAME), its title for the
// navigation, and how to load its module. A view module exports
// `mount(root, ctx)` and returns an unmount function (or nothing).
//   ctx.wasm      the wasm-bindgen exports (Mlp, simdEnabled, ...)
//   ctx.params    a reader over the hash parameters (see state/hash.js)
//   ctx.setParams(obj)  merges obj into the hash (view and embed are kept)
//   ctx.embed     true inside an iframe embed (#embed=1): show only the essentials
//   ctx.embedViews      the parts named by #embed=a,b (e.g. boundary,network), or null
//   ctx.note(text)      shows a short notice above the view

export const VIEWS = [
  // Explore first, then the lecture's sections in the order it teaches them.
  { name: 'playground', title: 'Playground', group: 'Explore', load: () => import('./playground.js') },
  { name: 'digits', title: 'Draw a digit', group: 'MNIST', load: () => import('./digits.js') },
  { name: 'neuron', title: 'One neuron', group: 'Lecture', load: () => import('./neuron.js') },
  { name: 'activations', title: 'Activations', group: 'Lecture', load: () => import('./activations.js') },
  { name: 'relu-vs-tanh', title: 'ReLU vs tanh', group: 'Lecture', load: () => import('./relu-vs-tanh.js') },
  { name: 'sizes', title: 'Network sizes', group: 'Lecture', load: () => import('./sizes.js') },
  { name: 'xor-by-hand', title: 'XOR by hand', group: 'Lecture', load: () => import('./xor-by-hand.js') },
  { name: 'xor-train', title: 'XOR, learned', group: 'Lecture', load: () => import('./xor-train.js') },
  { name: 'features', title: 'Feature learning', group: 'Lecture', load: () => import('./features.js') },
  { name: 'backprop', title: 'Backpropagation', group: 'Lecture', load: () => import('./backprop.js') },
];

export const DEFAULT_VIEW = 'playground';

export const findView = (name) => VIEWS.find((v) => v.name === name);
