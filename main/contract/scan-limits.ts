/**
 * How long a scan may be, stated once: the card's bound, the readers' bound derived from it,
 * and why each exists. Core, bridge, CLI, screens and the loopback host read these.
 */

/**
 * The longest text a QR code holds (version 40, level L, alphanumeric mode; qr-format.md stage 1).
 * Longer is never a card: answered PAYLOAD_TOO_LARGE without being decoded.
 */
export const MAX_QR_CHARS = 4296;

/**
 * The most of one scan a reader keeps (serial framer, wedge decoder, the desk's manual field,
 * one `verify` stdin line) and the `window.kiosk` contract accepts. Twice a card, so a card
 * with whatever prefix, suffix or noise a scanner adds is never cut, and anything cut here
 * (marked `overlong`) is surely too large: it is answered PAYLOAD_TOO_LARGE, never verified.
 * A bound at all so two scans run together, or a stuck key, are not buffered without end.
 */
export const MAX_SCAN_TEXT = 2 * MAX_QR_CHARS;

/**
 * The largest request body the loopback host reads: a scan of MAX_SCAN_TEXT UTF-16 units,
 * each at worst six bytes once JSON-escaped (`\u0000`), plus room for the call's other fields.
 */
export const MAX_CALL_BODY_BYTES = MAX_SCAN_TEXT * 6 + 4096;
