// Saving text as a file the person names nothing for: a Blob URL clicked through a detached link.
// Rule: the URL is revoked once the click has been handed to the browser, so nothing leaks.

/** Saves `text` as `file` (a download), with the MIME type `type`. */
export function downloadText(text: string, file: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
