// Test page for the technician's USB-sticks card: renderSticks on window.__sticks, with the screens' styles.
import '@fontsource/noto-sans-bengali/400.css';
import '../../../../renderer/styles.css';
import '../../../../renderer/technician/technician.css';
import type { StickInfo } from '../../../../main/contract/technician.ts';
import { emptyState } from '../../../../renderer/technician/common.ts';
import { renderSticks } from '../../../../renderer/technician/sticks-card.ts';

Object.assign(window, {
  __sticks: {
    render(sticks: StickInfo[]) {
      const none = () => undefined;
      renderSticks(
        document.getElementById('box')!,
        { ...emptyState(), sticks },
        { canInstall: () => true, preview: none, install: none, cancel: none },
      );
    },
  },
});
