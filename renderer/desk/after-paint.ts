/**
 * `afterPaint(fn)`: runs `fn` once the next frame has been drawn. Work that can wait (the
 * recent list's refresh after a verdict) goes here, so it never delays the verdict's paint.
 */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
