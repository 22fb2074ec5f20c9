/**
 * Is every clause quote found verbatim in its source?
 *
 * - Item-9 clauses (9a–9g) quote the seed document: the quote must be a substring of it.
 * - List clauses (list-*) quote the national documents each list comes from (民发〔2015〕136号, 民发〔2020〕20号,
 *   the organic laws), which the project does not hold. They are checked against the texts the caller supplies:
 *   domain.md (the project's domain reference, which quotes those documents), and any text whose name appears in
 *   the clause's `source` (e.g. a text named "民发〔2015〕136号"). Found in any of them is enough. With no such text
 *   at hand the quote cannot be verified: a warning, not an error.
 *
 * "Verbatim" means the same characters in the same order. The only thing ignored is layout: a line break with the
 * indentation and markdown quote markers (">") around it, since domain.md wraps long quotes over several lines.
 * Punctuation is compared as written (the seed uses half-width commas; a quote with "，" does not match it).
 */
import { foldText } from '../../engine/text/fold.ts';

export const DOMAIN_REFERENCE = 'domain.md';

export interface QuoteSource {
  name: string;
  text: string;
}

export interface QuoteCheck {
  clause: string;
  /** Where the quote was found, or null. */
  foundIn: string | null;
  /** The texts it was looked for in (empty: none was available). */
  searched: string[];
  /** When not found: a hint (found only after folding punctuation, or the longest prefix found). */
  hint?: string;
}

/** Joins wrapped lines: a line break, its indentation and any markdown quote markers are removed. */
export function unwrap(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t>]*/g, '');
}

const looseForm = (s: string) => foldText(unwrap(s)).replace(/[，,]/g, ',').replace(/[。]/g, '.').replace(/[；]/g, ';').replace(/[：]/g, ':').replace(/\s+/g, '');

/** The texts a clause's quote must be found in. */
export function sourcesFor(
  clause: { id: string; source: string },
  seed: QuoteSource,
  sourceTexts: Readonly<Record<string, string>>,
): QuoteSource[] {
  if (/^9[a-g]$/.test(clause.id)) return [seed];
  return Object.entries(sourceTexts)
    .filter(([name]) => name === DOMAIN_REFERENCE || clause.source.includes(name))
    .map(([name, text]) => ({ name, text }));
}

export function checkQuote(clause: { id: string; quote: string }, sources: readonly QuoteSource[]): QuoteCheck {
  const quote = unwrap(clause.quote);
  const searched = sources.map((s) => s.name);
  for (const s of sources) if (unwrap(s.text).includes(quote)) return { clause: clause.id, foundIn: s.name, searched };
  if (sources.length === 0) return { clause: clause.id, foundIn: null, searched };
  const loose = looseForm(quote);
  const looseHit = sources.find((s) => looseForm(s.text).includes(loose));
  if (looseHit) {
    return { clause: clause.id, foundIn: null, searched, hint: `found in ${looseHit.name} only with different punctuation or width (，/, 。/.)` };
  }
  // The longest prefix found anywhere shows where the quote departs from its source.
  let best = 0;
  let bestSource = '';
  for (const s of sources) {
    const text = unwrap(s.text);
    let lo = 0;
    let hi = quote.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (text.includes(quote.slice(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    if (lo > best) {
      best = lo;
      bestSource = s.name;
    }
  }
  const hint = best >= 2
    ? `the first ${best} characters ("${quote.slice(0, best)}") are in ${bestSource}; it departs at "${quote.slice(best, best + 12)}"`
    : 'no part of it is in the source';
  return { clause: clause.id, foundIn: null, searched, hint };
}
