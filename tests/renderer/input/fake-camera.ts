/**
 * Video files for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`,
 * played in a loop): `frameOf` centres an image on a white 640×480 frame, `y4m` writes
 * frames as uncompressed YUV 4:2:0 (grey: the chroma planes are flat), `fakeCameraArgs`
 * the switches that make Chromium use the file and grant the camera without a prompt.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Img } from '../../native-bridge/image/degrade.ts';

export const W = 640,
  H = 480;

/** One 640x480 grey frame (the Y plane) with `img` centred on white; null: white only. */
export function frameOf(img: Img | null): Uint8Array {
  const y = new Uint8Array(W * H).fill(255);
  if (!img) return y;
  const ox = (W - img.width) >> 1,
    oy = (H - img.height) >> 1;
  for (let r = 0; r < img.height; r++)
    for (let c = 0; c < img.width; c++) {
      const X = ox + c,
        Y = oy + r;
      if (X >= 0 && Y >= 0 && X < W && Y < H) y[Y * W + X] = img.data[(r * img.width + c) * 4]!;
    }
  return y;
}

/** A Y4M video: each frame shown `repeat` times at 10 frames a second. */
export function y4m(frames: Uint8Array[], repeat: number): Buffer {
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
  for (const f of frames)
    for (let i = 0; i < repeat; i++) parts.push(Buffer.from('FRAME\n'), Buffer.from(f), chroma);
  return Buffer.concat(parts);
}

/** Writes the video to a temp file and returns Chromium's switches for a camera that plays it. */
export function fakeCameraArgs(video: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmet-cam-')), 'camera.y4m');
  fs.writeFileSync(file, video);
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${file}`,
  ];
}

/**
 * Runs in the page before its scripts (`page.addInitScript`): keeps every stream
 * getUserMedia gives, so a test can see whether each track was stopped.
 */
export function recordStreams(): void {
  const streams: MediaStream[] = [];
  const md = navigator.mediaDevices;
  const open = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    const s = await open(c);
    streams.push(s);
    return s;
  };
  Object.assign(window, { __streams: streams });
}

/** In the page: each track given so far, as `kind:readyState` ('live' or 'ended'). */
export function trackStates(): string[] {
  const streams = (window as unknown as { __streams: MediaStream[] }).__streams;
  return streams.flatMap((s) => s.getTracks().map((t) => `${t.kind}:${t.readyState}`));
}
