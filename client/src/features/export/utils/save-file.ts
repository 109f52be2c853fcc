/**
 * Hands a file to the browser's downloads: an object URL for the Blob and a temporary <a download>. The page's
 * Content-Security-Policy does not govern downloads (they are not fetches, images or frames), so no blob: source
 * needs allowing for this.
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download reads the Blob after click() returns; revoke only once it surely has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
