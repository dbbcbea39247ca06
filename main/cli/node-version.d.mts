// Types of node-version.mjs (plain JS: the bin runs it before any TypeScript can load).
export function stripsTypes(version: string): boolean;
export const NODE_NEEDED: string;
