/**
 * Verdict tones with Web Audio, distinct by pitch and rhythm so an officer knows the
 * verdict without looking: valid rises (two bright notes), warning repeats (three
 * middle beeps), invalid buzzes low and long; a code that could not be read gives two soft
 * equal notes (scan again), nothing like the invalid buzz.
 */
import type { ShownStatus } from '../../main/contract/verdict.ts';

interface Note {
  hz: number;
  ms: number;
  gapMs: number;
  wave: OscillatorType;
}

const TONES: Record<ShownStatus, Note[]> = {
  valid: [
    { hz: 784, ms: 110, gapMs: 20, wave: 'sine' },
    { hz: 1175, ms: 220, gapMs: 0, wave: 'sine' },
  ],
  warning: [0, 1, 2].map(() => ({ hz: 587, ms: 110, gapMs: 90, wave: 'triangle' as const })),
  invalid: [
    { hz: 196, ms: 380, gapMs: 90, wave: 'square' },
    { hz: 147, ms: 520, gapMs: 0, wave: 'square' },
  ],
  unreadable: [
    { hz: 523, ms: 120, gapMs: 80, wave: 'sine' },
    { hz: 523, ms: 120, gapMs: 0, wave: 'sine' },
  ],
};

let ctx: AudioContext | null = null;

/** Chromium starts audio suspended until a gesture (kiosk launches allow it without one). */
export function unlockAudio(): void {
  ctx ??= new AudioContext();
  // A context that will not resume only means no tone: the verdict is on the screen regardless.
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
}

/** Plays the status's tone; returns the notes played, for the screen to record. */
export function playTone(status: ShownStatus): number {
  try {
    unlockAudio();
  } catch {
    return 0; // no audio device: the colour and words still say it
  }
  const ac = ctx!;
  let t = ac.currentTime + 0.01;
  for (const n of TONES[status]) {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = n.wave;
    osc.frequency.value = n.hz;
    const peak = n.wave === 'square' ? 0.18 : 0.35;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(peak, t + 0.01);
    gain.gain.setValueAtTime(peak, t + n.ms / 1000 - 0.02);
    gain.gain.linearRampToValueAtTime(0, t + n.ms / 1000);
    osc.connect(gain).connect(ac.destination);
    osc.start(t);
    osc.stop(t + n.ms / 1000);
    t += (n.ms + n.gapMs) / 1000;
  }
  return TONES[status].length;
}
