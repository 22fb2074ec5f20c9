/**
 * Multi-phrase matcher (Aho-Corasick): finds every occurrence of every lexicon phrase in one pass over the text.
 * Hand-written because a regex alternation of hundreds of phrases re-scans at each position, and the edge budget
 * is tens of microseconds per demand. Transitions are keyed by UTF-16 code unit, so offsets are JavaScript's.
 *
 * Layout, for speed: nodes are numbers; the root's transitions are one typed array over all code units (most
 * characters of a text start no phrase), deeper transitions one Map per node; outputs are flat arrays.
 */
export interface PhraseHit<T> {
  start: number;
  end: number;
  tag: T;
  /** A slot for the caller (the clause the hit lies in), so hits need not be copied to be placed: -1 here. */
  clause: number;
}

const ROOT = 0;
/** Hits are sorted by a numeric key: start, then longer first. Phrases are shorter than this. */
const MAX_PHRASE = 256;
/** Room for the discovery index in the sort key (a 20,000-character text yields far fewer hits). */
const DISCOVERY = 1 << 20;

export class PhraseMatcher<T> {
  private readonly rootNext = new Int32Array(65536).fill(-1);
  private readonly rootChildren: number[] = [];
  private readonly next: Array<Map<number, number>> = [new Map()];
  private fail: Int32Array = new Int32Array(0);
  /** Per node: indexes into lengths/payloads of the phrases ending there (own and via the fail chain). */
  private outputs: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly payloads: T[] = [];

  constructor(entries: Iterable<{ phrase: string; payload: T }>) {
    for (const { phrase, payload } of entries) this.add(phrase, payload);
    this.link();
  }

  private child(node: number, code: number): number {
    if (node === ROOT) return this.rootNext[code]!;
    return this.next[node]!.get(code) ?? -1;
  }

  private add(phrase: string, payload: T): void {
    if (phrase.length === 0 || phrase.length >= MAX_PHRASE) throw new RangeError(`phrase length out of range: "${phrase}"`);
    let node = ROOT;
    for (let i = 0; i < phrase.length; i++) {
      const code = phrase.charCodeAt(i);
      let child = this.child(node, code);
      if (child < 0) {
        child = this.next.length;
        this.next.push(new Map());
        this.outputs.push([]);
        if (node === ROOT) {
          this.rootNext[code] = child;
          this.rootChildren.push(child);
        } else this.next[node]!.set(code, child);
      }
      node = child;
    }
    this.outputs[node]!.push(this.lengths.length);
    this.lengths.push(phrase.length);
    this.payloads.push(payload);
  }

  private link(): void {
    this.fail = new Int32Array(this.next.length);
    const queue: number[] = [];
    for (const child of this.rootChildren) {
      this.fail[child] = ROOT;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [code, child] of this.next[node]!) {
        let fail = this.fail[node]!;
        let target = this.child(fail, code);
        while (target < 0 && fail !== ROOT) {
          fail = this.fail[fail]!;
          target = this.child(fail, code);
        }
        const failTo = target < 0 ? ROOT : target;
        this.fail[child] = failTo;
        if (this.outputs[failTo]!.length > 0) this.outputs[child] = this.outputs[child]!.concat(this.outputs[failTo]!);
        queue.push(child);
      }
    }
  }

  /** All hits, ordered by start then by longer first. */
  findAll(text: string): PhraseHit<T>[] {
    const { rootNext, next, fail, outputs, lengths, payloads } = this;
    const keys: number[] = [];
    const found: number[] = []; // output index of each hit, in discovery order
    let node = ROOT;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let target = node === ROOT ? rootNext[code]! : (next[node]!.get(code) ?? -1);
      while (target < 0 && node !== ROOT) {
        node = fail[node]!;
        target = node === ROOT ? rootNext[code]! : (next[node]!.get(code) ?? -1);
      }
      node = target < 0 ? ROOT : target;
      const out = outputs[node]!;
      for (let k = 0; k < out.length; k++) {
        const output = out[k]!;
        const start = i + 1 - lengths[output]!;
        // start ascending, then longer first, then discovery order: one number, sorted without a comparator call.
        keys.push((start * MAX_PHRASE + (MAX_PHRASE - 1 - lengths[output]!)) * DISCOVERY + found.length);
        found.push(output);
      }
    }
    const order = Float64Array.from(keys).sort();
    const hits: PhraseHit<T>[] = new Array(order.length);
    for (let j = 0; j < order.length; j++) {
      const key = order[j]!;
      const output = found[key % DISCOVERY]!;
      const start = Math.floor(key / DISCOVERY / MAX_PHRASE);
      hits[j] = { start, end: start + lengths[output]!, tag: payloads[output]!, clause: -1 };
    }
    return hits;
  }
}
