/**
 * `autoClear`: after a verdict has been on show for the desk's time (the kiosk's
 * deskClearSeconds, default 60), the desk goes back to "ready for the next card", so one
 * worker's green is never on screen when the next one steps up.
 */
import { DEFAULT_DESK_CLEAR_SECONDS } from '../../main/contract/desk.ts';

export interface AutoClear {
  /** (Re)starts the countdown from now. */
  arm(): void;
  cancel(): void;
}

export function autoClear(seconds: () => number | undefined, onClear: () => void): AutoClear {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(onClear, (seconds() ?? DEFAULT_DESK_CLEAR_SECONDS) * 1000);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
