/** What the technician screen's cards share: the state main last answered, and small view helpers. */
import type { ApiError, ApiErrorCode, KioskStatus } from '../../main/contract/api.ts';
import type {
  AuditLine,
  DiagnosticsReport,
  StickInfo,
  TrustDetails,
  TrustInstallResult,
  TrustPreview,
} from '../../main/contract/technician.ts';
import type { Words } from '../../main/contract/words.ts';
import { bi, h } from '../dom.ts';

export interface TechState {
  status: KioskStatus | null;
  trust: TrustDetails | null;
  trustError: ApiErrorCode | null;
  sticks: StickInfo[];
  diag: DiagnosticsReport | null;
  audit: AuditLine[] | null;
  auditError: ApiErrorCode | null;
  /** The last install answer, per file (mountPoint + relative). */
  result: { key: string; r: TrustInstallResult } | { key: string; error: ApiError } | null;
  /** The file whose install waits for the technician's confirmation, with main's preview of it. */
  confirming: { key: string; preview: TrustPreview | null; error: ApiError | null } | null;
  resumeError: ApiError | null;
}

export const emptyState = (): TechState => ({
  status: null,
  trust: null,
  trustError: null,
  sticks: [],
  diag: null,
  audit: null,
  auditError: null,
  result: null,
  confirming: null,
  resumeError: null,
});

/** A code or path shown as itself in both languages. */
export const words = (text: string): Words => ({ bn: text, en: text });
export const fileKey = (mountPoint: string, relative: string) => `${mountPoint}\u0000${relative}`;

/** Words shown once when both languages say the same (a version, a path), else in both. */
export const once = (w: Words): Node | string => (w.bn === w.en ? w.en : bi(w));

/** A definition-list row: the label in both languages (once when they are the same), then the value. */
export function row(label: Words, value: Node | string, testid?: string): HTMLElement[] {
  return [h('dt', {}, once(label)), h('dd', testid ? { 'data-testid': testid } : {}, value)];
}
