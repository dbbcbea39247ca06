/** Browser downloads of what main answered (the day's CSV, its PDF): a temporary object URL and a hidden link. */
import { h } from '../dom.ts';

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy by now; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadBase64(base64: string, type: string, filename: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  download(new Blob([bytes], { type }), filename);
}
