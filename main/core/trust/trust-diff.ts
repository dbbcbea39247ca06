/** `diffTrust`: what putting `next` in force instead of `current` changes (keys, revocations, rules), for the technician's preview. */
import type { TrustPreview } from '../../contract/technician.ts';
import type { BundlePayload, Rule } from './bundle-types.ts';
import type { PreparedTrust } from './prepared-trust.ts';

import { RevocationSet } from './revocation-set.ts';

export type TrustChanges = Pick<
  TrustPreview,
  'keys' | 'revocationsAdded' | 'revocationsRemoved' | 'revokedKidsAdded' | 'revokedKidsRemoved' | 'rules'
>;

/** A rule's content without its id, keys in a fixed order: equal text means the same rule. */
function ruleText(r: Rule): string {
  const sorted = (o: Record<string, unknown>): unknown =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => {
          const v = o[k];
          return [
            k,
            v && typeof v === 'object' && !Array.isArray(v) ? sorted(v as Record<string, unknown>) : v,
          ];
        }),
    );
  return JSON.stringify(sorted(r as unknown as Record<string, unknown>));
}

export function diffTrust(current: PreparedTrust | null, next: BundlePayload): TrustChanges {
  const before = current?.keys ?? new Map();
  const revokedNow = new Set(next.revoked.kids);
  const statusOf = (k: BundlePayload['keys'][number]) => (revokedNow.has(k.kid) ? 'revoked' : k.status);
  const keys: TrustChanges['keys'] = { added: [], removed: [], retired: [], revoked: [], reinstated: [] };
  const nextKids = new Set<string>();
  for (const k of next.keys) {
    nextKids.add(k.kid);
    const old = before.get(k.kid);
    const status = statusOf(k);
    if (!old) keys.added.push(k.kid);
    // A key newly retired or revoked, whether it was known before or arrives so.
    if (status === 'retired' && old?.status !== 'retired') keys.retired.push(k.kid);
    if (status === 'revoked' && old?.status !== 'revoked') keys.revoked.push(k.kid);
    // Taken back into use: the change a technician must not miss.
    if (status === 'active' && old && old.status !== 'active') keys.reinstated.push(k.kid);
  }
  for (const kid of before.keys()) if (!nextKids.has(kid)) keys.removed.push(kid);

  // The revocation list can hold a million ids, some listed twice: counted as distinct ids, in the
  // compact index (not a Set of strings), each looked up once in the indexed set in force.
  const nextClearances = new RevocationSet(next.revoked.clearances);
  const shared = current ? nextClearances.countShared(current.revokedClearances) : 0;
  const revocationsAdded = nextClearances.size - shared;
  const revocationsRemoved = (current?.revokedClearances.size ?? 0) - shared;
  const revokedKidsAdded = next.revoked.kids.filter((kid) => !current?.revokedKids.has(kid));
  const revokedKidsRemoved = [...(current?.revokedKids ?? [])].filter((kid) => !revokedNow.has(kid));

  const oldRules = new Map((current?.rules ?? []).map((r) => [r.id, ruleText(r)]));
  const rules: TrustChanges['rules'] = { added: [], removed: [], changed: [] };
  const nextIds = new Set<string>();
  for (const r of next.rules) {
    nextIds.add(r.id);
    const was = oldRules.get(r.id);
    if (was === undefined) rules.added.push(r.id);
    else if (was !== ruleText(r)) rules.changed.push(r.id);
  }
  for (const id of oldRules.keys()) if (!nextIds.has(id)) rules.removed.push(id);
  return { keys, revocationsAdded, revocationsRemoved, revokedKidsAdded, revokedKidsRemoved, rules };
}
