/**
 * Turns off zod's compiled fast path in the screens. zod probes for it with `new Function('')`,
 * which the screens' CSP (no 'unsafe-eval', rightly) refuses, and Chromium logs the refusal as a
 * console error on every load. Imported first by main.ts, before any schema parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
