// Which Node runs the project's TypeScript as it is (types stripped, no flag): 22.18 and later on
// the 22 line, 23.6 and later. Plain JS, so the bin can ask before any TypeScript is loaded.

/** True when Node `version` ("22.18.0", process.versions.node) strips types by default. */
export function stripsTypes(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major === 22) return minor >= 18;
  if (major === 23) return minor >= 6;
  return major > 23;
}

/** What the project needs, as package.json's engines says it. */
export const NODE_NEEDED = '>= 22.18 (23.6 or later on the 23 line)';
