/** Bounds of a trust bundle file that every reader shares (spec/trust-bundle.md). */

/**
 * The largest `.bmettrust` file read: 64 MiB (spec/trust-bundle.md, raised from 16 MiB so a
 * million `BMET-2026-00012345`-shaped revoked clearances, ~28 MiB of base64url, fit). The
 * core reader and the USB stick scanner use this one constant, so a stick never offers a
 * file the kiosk would refuse for its size, nor hides one it would accept.
 */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/**
 * The most signature entries a bundle may carry. Each entry naming a pinned root costs one
 * Ed25519 verification over the whole payload (~0.4 s at 32 MiB), so the count is bounded;
 * BMET signs with a few roots, and 32 leaves ample room for a threshold and key rotation.
 * A bundle with more is `BUNDLE_MALFORMED`.
 */
export const MAX_BUNDLE_SIGNATURES = 32;
