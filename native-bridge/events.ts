/** `Emitter<E>`: a small typed event stream (subscribe returns its own unsubscribe). */

export type Listener<E> = (event: E) => void;

export class Emitter<E> {
  private listeners = new Set<Listener<E>>();

  on(listener: Listener<E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        // A consumer's bug must not stop the scanner: it keeps reading, the bug is reported.
        process.emitWarning(`bridge listener threw: ${(err as Error)?.stack ?? String(err)}`);
      }
    }
  }
}
