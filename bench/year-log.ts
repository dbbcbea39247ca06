/**
 * `fillYearLog`: a year of verification records (3 airports' worth) made inside SQLite with a
 * recursive CTE, so a benchmark's set-up stays short: the same columns and indexes as real
 * appends, with random ids and hashes (reports and start-up do not read the chain).
 */
import type { Store } from '../main/core/store/store.ts';

const DESTS = ['SA', 'AE', 'KW', 'QA', 'OM', 'MY', 'SG', 'BH', 'JO', 'LB'];
const DEST_SQL = `CASE d ${DESTS.map((x, k) => `WHEN ${k} THEN '${x}'`).join(' ')} END`;

/** Appends `rows` records spread evenly over the `days` before `nowMs`; leaves synchronous=FULL on. */
export function fillYearLog(store: Store, rows: number, nowMs: number, days = 365): void {
  const startMs = nowMs - days * 86_400_000;
  const stepMs = (days * 86_400_000) / rows;
  store.db.pragma('synchronous = OFF');
  store.db
    .prepare(
      `
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?),
      r AS (SELECT i, CAST(? + (i - 1) * ? AS INTEGER) AS ms, (i * 2654435761) % 100 AS p, (i * 40503) % 10 AS d FROM n)
      INSERT INTO verifications (seq, id, scanned_at, scanned_ms, local_date, local_hour, officer_id, kiosk_id, status, reasons,
        rule_texts, clearance_id, passport, name, destination, visa_type, kid, qr_sha256, prev_hash, hash)
      SELECT i, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', ms / 1000.0, 'unixepoch'), ms,
        date((ms + 21600000) / 1000, 'unixepoch'), CAST(strftime('%H', (ms + 21600000) / 1000, 'unixepoch') AS INTEGER),
        'OF-' || (1000 + i % 45), 'DAC-T1-D0' || (i % 3),
        CASE WHEN p < 88 THEN 'valid' WHEN p < 95 THEN 'warning' ELSE 'invalid' END,
        CASE WHEN p < 88 THEN '[]' WHEN p < 95 THEN '[{"code":"RULE_FAILED","rule":"KW-PASSPORT-6M"}]' ELSE '[{"code":"CLEARANCE_EXPIRED"}]' END,
        NULL, printf('BMET-2026-%08d', i), printf('A%08d', i), 'WORKER NUMBER ' || i,
        ${DEST_SQL}, 'EMP', 'AbCdEfGhIjK',
        lower(hex(randomblob(32))), lower(hex(randomblob(32))), lower(hex(randomblob(32)))
      FROM r`,
    )
    .run(rows, startMs, stepMs);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('synchronous = FULL');
  store.db.exec('ANALYZE');
}
