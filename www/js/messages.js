// The page's two text areas: a polite status line and a message area for
// errors (role="alert"). Every error the page catches ends up here.

const status = () => document.getElementById('status');
const message = () => document.getElementById('message');

export function setStatus(text) {
  const el = status();
  if (el && el.textContent !== text) el.textContent = text;
}

/** Shows an error (an Error, a thrown value or a string) in the message area. */
export function showError(error, context = '') {
  const el = message();
  const text = error instanceof Error ? error.message : String(error);
  if (!el) return;
  el.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = context ? `${context}: ` : 'Error: ';
  el.append(strong, text);
  el.hidden = false;
}

export function clearError() {
  const el = message();
  if (el) {
    el.hidden = true;
    el.replaceChildren();
  }
}
