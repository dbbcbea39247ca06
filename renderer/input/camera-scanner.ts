/**
 * `startCameraScanner`: the camera fallback for a desk with no working scanner. Reads
 * frames from getUserMedia a few times a second, decodes QR codes (qr-decode.ts) and hands
 * each card on once as a ScanEvent, however long it stays in view (`RepeatFilter`).
 */
import type { BridgeErrorEvent, ScanEvent } from '../../main/contract/bridge-events.ts';
import { decodeRgba, type BarcodeFormat, type RgbaImage } from '../../decode/barcode.ts';

/** Passes a text once, then again only after it has been out of view for `quietMs`. */
export class RepeatFilter {
  private lastText: string | null = null;
  private lastSeen = -Infinity;
  readonly quietMs: number;
  constructor(quietMs = 3000) {
    this.quietMs = quietMs;
  }
  /** `text` is what this frame shows (null: nothing readable); true when it is a new scan. */
  see(text: string | null, now: number): boolean {
    if (text === null) return false;
    const repeat = text === this.lastText && now - this.lastSeen < this.quietMs;
    this.lastText = text;
    this.lastSeen = now;
    return !repeat;
  }
}

/** Decodes one frame: the pure step a loop, or a test with ImageData-like input, calls. */
export function scanFrame(
  frame: RgbaImage,
  filter: RepeatFilter,
  now: number,
  formats: readonly BarcodeFormat[] = ['qr'],
): ScanEvent | null {
  // A camera loop cannot wait on every rescale: as it is, enlarged once, halved once.
  const text = decodeRgba(frame, { scales: [1.5, 0.5], formats })?.text ?? null;
  if (!filter.see(text, now) || text === null) return null;
  return { type: 'scan', scanner: 'camera', source: 'camera', text, at: Date.now() };
}

export interface CameraScannerOptions {
  /** Where the preview shows (the officer aims the card with it). */
  video: HTMLVideoElement;
  onScan: (e: ScanEvent) => void;
  onError?: (e: BridgeErrorEvent) => void;
  /** Time between decoded frames. */
  intervalMs?: number;
  quietMs?: number;
  /** Longest side a frame is decoded at (a 1080p frame is shrunk first). */
  maxSide?: number;
  constraints?: MediaTrackConstraints;
  /** What to read (QR, the card, unless told; a boarding pass is PDF417 or Aztec). */
  formats?: readonly BarcodeFormat[];
}

export interface CameraScanner {
  stop(): void;
}

/** Why the camera did not start: the person or the shell refused it, or there is none to use. */
export function cameraErrorCode(err: unknown): 'CAMERA_DENIED' | 'CAMERA_UNAVAILABLE' {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'CAMERA_DENIED' : 'CAMERA_UNAVAILABLE';
}

/** A camera that could not start, with the code its words are under. */
export class CameraStartError extends Error {
  readonly code: 'CAMERA_DENIED' | 'CAMERA_UNAVAILABLE';
  constructor(code: 'CAMERA_DENIED' | 'CAMERA_UNAVAILABLE', message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Opens the camera (video only: a QR needs no microphone, and the shell grants no audio)
 * and reads frames until `stop()`, which ends every track so the camera's light goes off.
 * Rejects with a `CameraStartError` (after `onError`) when there is no camera to use.
 */
export async function startCameraScanner(o: CameraScannerOptions): Promise<CameraScanner> {
  const fail = (code: 'CAMERA_DENIED' | 'CAMERA_UNAVAILABLE', message: string) => {
    o.onError?.({ type: 'error', scanner: 'camera', code, message, at: Date.now() });
    return new CameraStartError(code, message);
  };
  // No mediaDevices outside a secure context (or in a browser without cameras at all).
  if (!navigator.mediaDevices?.getUserMedia) throw fail('CAMERA_UNAVAILABLE', 'no camera API in this page');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: o.constraints ?? { facingMode: 'environment', width: { ideal: 1280 } },
      audio: false,
    });
  } catch (err) {
    throw fail(cameraErrorCode(err), (err as Error).message);
  }
  const stopTracks = () => {
    for (const t of stream.getTracks()) t.stop();
    o.video.srcObject = null;
  };
  o.video.srcObject = stream;
  o.video.muted = true;
  o.video.playsInline = true;
  try {
    await o.video.play();
  } catch (err) {
    stopTracks(); // a camera that was opened is never left running
    throw fail('CAMERA_UNAVAILABLE', (err as Error).message);
  }
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const filter = new RepeatFilter(o.quietMs);
  const maxSide = o.maxSide ?? 800;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    if (stopped) return;
    const { videoWidth: w, videoHeight: h } = o.video;
    if (w && h) {
      const f = Math.min(1, maxSide / Math.max(w, h));
      canvas.width = Math.round(w * f);
      canvas.height = Math.round(h * f);
      ctx.drawImage(o.video, 0, 0, canvas.width, canvas.height);
      const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const scan = scanFrame(frame, filter, performance.now(), o.formats);
      if (scan) o.onScan(scan);
    }
    // onScan may have stopped the scanner
    if (!stopped) timer = setTimeout(tick, o.intervalMs ?? 150);
  };
  for (const track of stream.getVideoTracks())
    track.addEventListener('ended', () => {
      if (!stopped) fail('CAMERA_UNAVAILABLE', 'the camera stopped');
    });
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      stopTracks();
    },
  };
}
