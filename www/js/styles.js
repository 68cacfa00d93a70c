// Loads a view's own stylesheet (www/css/views/NAME.css, copied into dist by
// Trunk) once, so each view keeps its CSS next to it instead of in main.css.

/** Adds <link rel="stylesheet" href="css/views/NAME.css"> once; resolves when it has loaded. */
export function useStyles(name) {
  const href = `css/views/${name}.css`;
  const existing = document.querySelector(`link[data-view-styles="${name}"]`);
  if (existing) return Promise.resolve();
  return new Promise((resolve) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    link.dataset.viewStyles = name;
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true }); // unstyled beats broken
    document.head.append(link);
  });
}
