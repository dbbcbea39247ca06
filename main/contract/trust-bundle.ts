/** Bounds of a trust bundle file that every reader shares (spec/trust-bundle.md). */

/**
 * The largest `.bmettrust` file read: 64 MiB (spec/trust-bundle.md, raised from 16 MiB so a
 * million `BMET-2026-00012345`-shaped revoked clearances, ~28 MiB of base64url, fit). The
 * core reader and the USB stick scanner use this one constant, so a stick never offers a
 * file the kiosk would refuse for its size, nor hides one it would accept.
 */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
