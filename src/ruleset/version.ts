/** Content hashes: the rule set's version, and request bodies for idempotency. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of any JSON content in canonical form (keys sorted): equal content, equal hash. */
export function contentHash(content: unknown): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonical(content))))}`;
}

/**
 * The rule set's version. Validated rule data comes out of the zod schemas with its keys in schema order, so its
 * plain JSON is already canonical, and hashing it skips the costly key sort at start-up.
 */
export function ruleSetVersion(data: unknown): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(JSON.stringify(data))))}`;
}
