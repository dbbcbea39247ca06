// Test page for the technician's audit card: renderAudit on window.__audit, with the screens' styles.
import '@fontsource/noto-sans-bengali/400.css';
import '../../../../renderer/styles.css';
import '../../../../renderer/technician/technician.css';
import type { AuditLine } from '../../../../main/contract/technician.ts';
import { renderAudit } from '../../../../renderer/technician/audit-card.ts';
import { emptyState } from '../../../../renderer/technician/common.ts';

Object.assign(window, {
  __audit: {
    render(lines: AuditLine[]) {
      renderAudit(document.getElementById('box')!, { ...emptyState(), audit: lines }, true);
    },
  },
});
