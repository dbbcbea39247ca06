/**
 * `makeQrSet(dir, seed)`: a seeded set of QR images for comparing decoders, written as PNG
 * files: each code made by an independent encoder (Debian's `qrencode`), then degraded by
 * one class of damage (./degrade.ts) with parameters drawn from the seed. `zbarRead(file)`
 * asks an independent decoder (Debian's `zbarimg`) for the same image.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  fromPng,
  gaussian,
  invert,
  jpeg,
  noise,
  perspective,
  rng,
  rotate,
  scale,
  toPng,
  type Img,
} from './degrade.ts';

export interface QrSample {
  /** The degradation class. */
  cls: string;
  /** What was done, with its drawn parameters (for a failure message). */
  what: string;
  file: string;
  text: string;
}

const LEVELS = ['L', 'M', 'Q', 'H'] as const;

/** Classes of damage; each draws its own strength from `r`; `px` is the code's pixels a module. */
export const CLASSES: [string, (img: Img, px: number, r: () => number) => [Img, string]][] = [
  ['clean', (i) => [i, 'as made']],
  [
    'rotation',
    (i, px, r) => {
      const deg = Math.round(r() * 360);
      const to = +(2.5 + r() * 2).toFixed(2); // small in the frame: rotation then costs edge pixels
      return [rotate(scale(i, to / px), deg), `${to}px a module, rotated ${deg}°`];
    },
  ],
  [
    'blur',
    (i, px, r) => {
      // blur relative to the module: at σ ≈ half a module edges are gone for any reader
      const sigma = +(px * (0.3 + r() * 0.3)).toFixed(2);
      return [gaussian(i, sigma), `gaussian σ=${sigma}px`];
    },
  ],
  [
    'noise',
    (i, _px, r) => {
      const sigma = Math.round(30 + r() * 50);
      return [noise(i, sigma, r), `noise σ=${sigma}`];
    },
  ],
  [
    'perspective',
    (i, _px, r) => {
      const amount = +(0.06 + r() * 0.16).toFixed(3);
      return [perspective(i, amount, r), `perspective ${amount}`];
    },
  ],
  [
    'jpeg',
    (i, px, r) => {
      const q = Math.round(3 + r() * 12);
      const sigma = +(px * 0.25).toFixed(2);
      // a camera's JPEG of a code is rarely sharp: some blur first, as a lens gives
      return [jpeg(gaussian(i, sigma), q), `gaussian σ=${sigma}px + jpeg q=${q}`];
    },
  ],
  [
    'scale-down',
    (i, px, r) => {
      const to = +(1.4 + r() * 1.4).toFixed(2); // pixels a module after scaling
      return [scale(i, to / px), `scaled to ${to}px a module`];
    },
  ],
  ['inverted', (i) => [invert(i), 'light on dark']],
];

function randomText(r: () => number, cards: string[]): string {
  const pick = r();
  if (pick < 0.5) return cards[Math.floor(r() * cards.length)]!; // real card texts: alphanumeric, long
  const len = 10 + Math.floor(r() * 300);
  const alphabet =
    pick < 0.75
      ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:' // base45's own alphabet (QR alphanumeric mode)
      : 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~/?=&#';
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s.trim() || 'BMET';
}

/** Writes `perClass` images of every class (or of those in `only`) into `dir`, all drawn from `seed`. */
export function makeQrSet(
  dir: string,
  seed: number,
  perClass: number,
  cards: string[],
  only?: string[],
): QrSample[] {
  const r = rng(seed);
  const out: QrSample[] = [];
  for (const [cls, damage] of CLASSES) {
    if (only && !only.includes(cls)) continue;
    for (let n = 0; n < perClass; n++) {
      const text = randomText(r, cards);
      const level = LEVELS[Math.floor(r() * LEVELS.length)]!;
      const px = 3 + Math.floor(r() * 6); // 3–8 px a module
      const clean = path.join(dir, `${cls}-${n}-clean.png`);
      execFileSync('qrencode', ['-o', clean, '-s', String(px), '-m', '4', '-l', level], { input: text });
      const [img, what] = damage(fromPng(fs.readFileSync(clean)), px, r);
      const file = path.join(dir, `${cls}-${n}.png`);
      fs.writeFileSync(file, toPng(img));
      out.push({ cls, what: `${level}, ${px}px a module, ${what}`, file, text });
    }
  }
  return out;
}

/** What zbarimg reads in `file` (QR only), or null when it reads nothing. */
export function zbarRead(file: string): string | null {
  const r = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8' });
  if (r.status !== 0) return null; // 4: no symbol found
  return r.stdout.replace(/\n$/, '');
}

/** Whether the independent encoder and decoder are on this machine. */
export function haveTools(): boolean {
  return ['qrencode', 'zbarimg'].every((t) => spawnSync(t, ['--version']).error === undefined);
}
