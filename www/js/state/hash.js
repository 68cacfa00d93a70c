// All page state lives in location.hash as URL-style parameters
// (#view=playground&seed=3&...), so a shared link reproduces what its author saw.
// Reading is forgiving: a bad or hostile value falls back to its default and
// leaves a note for the user; it never breaks the page.

/** The current hash as a Map of parameter name -> string. */
export function readHash(hash = location.hash) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new Map();
  // URLSearchParams never throws; cap the size so a huge hash cannot stall the page.
  for (const [k, v] of new URLSearchParams(text.slice(0, 100_000))) params.set(k, v);
  return params;
}

/** Writes `params` (a Map or object) to the hash without adding a history entry. */
export function writeHash(params) {
  const entries = params instanceof Map ? [...params] : Object.entries(params);
  const text = new URLSearchParams(entries.filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString();
  const url = `${location.pathname}${location.search}#${text}`;
  if (`#${text}` !== location.hash) history.replaceState(null, '', url);
}

/**
 * Readers that validate one parameter each. Every reader returns the default
 * and pushes a human-readable note to `notes` when the value is unusable.
 */
export function reader(params, notes) {
  const note = (key, value, why, fallback) => {
    notes.push(`URL parameter "${key}" = "${String(value).slice(0, 40)}" ${why}; using ${fallback}.`);
    return fallback;
  };
  return {
    has: (key) => params.has(key),
    number(key, fallback, { min = -Infinity, max = Infinity, integer = false } = {}) {
      if (!params.has(key)) return fallback;
      const raw = params.get(key);
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) return note(key, raw, 'is not a number', fallback);
      if (integer && !Number.isInteger(v)) return note(key, raw, 'is not a whole number', fallback);
      if (v < min || v > max) return note(key, raw, `is outside ${min}…${max}`, fallback);
      return v;
    },
    choice(key, fallback, allowed) {
      if (!params.has(key)) return fallback;
      const raw = params.get(key);
      return allowed.includes(raw) ? raw : note(key, raw, `is not one of ${allowed.join(', ')}`, fallback);
    },
    flag(key, fallback) {
      if (!params.has(key)) return fallback;
      const raw = params.get(key);
      if (['1', 'true', 'yes', 'on', ''].includes(raw)) return true;
      if (['0', 'false', 'no', 'off'].includes(raw)) return false;
      return note(key, raw, 'is not on/off', fallback);
    },
    string(key, fallback, { pattern = /^[\w.,:;+\-]*$/, maxLength = 2000 } = {}) {
      if (!params.has(key)) return fallback;
      const raw = params.get(key);
      if (raw.length > maxLength || !pattern.test(raw)) return note(key, raw, 'is not in the expected form', fallback);
      return raw;
    },
  };
}
