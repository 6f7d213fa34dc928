// Saving text or bytes as a file the person names nothing for: a Blob URL clicked through a
// detached link.
// Rule: the URL is revoked once the click has been handed to the browser, so nothing leaks.

/** Saves `content` (text, or bytes as they are) as `file` (a download), with the MIME type `type`. */
function save(content: string | Uint8Array<ArrayBuffer>, file: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves `text` as `file` (a download), with the MIME type `type`. */
export function downloadText(text: string, file: string, type: string): void {
  save(text, file, type);
}

/** Saves `bytes` unchanged as `file` (a download), with the MIME type `type`. */
export function downloadBytes(bytes: Uint8Array, file: string, type: string): void {
  // A copy in a fresh ArrayBuffer: a view into a larger or shared buffer would save its neighbours.
  save(new Uint8Array(bytes), file, type);
}
