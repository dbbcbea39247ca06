/**
 * A result arrives twice — by the scan's reply and by the core's event — and is shown once. This
 * remembers the last `limit` ids, no more: an older one cannot arrive again, and a desk that runs
 * for months must not keep every id it has shown.
 */
export interface SeenOnce {
  /** True the first time `id` comes (within the last `limit` ids). */
  first(id: string): boolean;
  readonly size: number;
}

export function seenOnce(limit: number): SeenOnce {
  const ids = new Set<string>(); // in the order they came: a Set iterates in insertion order
  return {
    first(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > limit) ids.delete(ids.values().next().value!);
      return true;
    },
    get size() {
      return ids.size;
    },
  };
}
