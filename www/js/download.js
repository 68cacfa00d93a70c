// Offers bytes made in the page (an exported network) as a file download.

/** Offers `bytes` (Uint8Array or string) as a download called `name` of MIME type `type`. */
export function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
