// Types of cli-bundle.mjs (plain JS: the bin runs it before any TypeScript can load).
export const BUILT_CLI_CURRENT: URL;
export const BUILD_NAME: RegExp;
export function builtCliEntry(current?: URL, root?: URL): string | null;
export function freshBuiltCli(): string | null;
