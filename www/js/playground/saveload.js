// Saving the network (safetensors or JSON, the architecture travels inside the
// file) and loading one back from a file picker or by drag and drop. A wrong file
// throws a readable Error and leaves the current network alone.

export { download } from '../download.js';

/** Builds an Mlp from a file's bytes: JSON when it starts with "{", safetensors otherwise. */
export async function readNetworkFile(wasm, file) {
  if (file.size > 50_000_000) throw new Error(`"${file.name}" is ${Math.round(file.size / 1e6)} MB; a playground network file is a few kilobytes.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let first = 0;
  while (first < bytes.length && [9, 10, 13, 32].includes(bytes[first])) first++;
  try {
    if (bytes[first] === 0x7b) return wasm.Mlp.fromJson(new TextDecoder().decode(bytes));
    return wasm.Mlp.fromSafetensors(bytes);
  } catch (error) {
    throw new Error(`"${file.name}" is not a network this page can load: ${error.message}`);
  }
}
