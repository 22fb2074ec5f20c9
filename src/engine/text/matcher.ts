/**
 * Multi-phrase matcher (Aho-Corasick): finds every occurrence of every lexicon phrase in one pass over the text.
 * Hand-written because a regex alternation of hundreds of phrases re-scans at each position, and the edge budget
 * is tens of microseconds per demand.
 */
export interface PhraseHit<T> {
  start: number;
  end: number;
  payload: T;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  fail: Node<T> | null;
  /** Payloads of phrases that end here, with their lengths (own and via the fail chain). */
  outputs: Array<{ length: number; payload: T }>;
}

function newNode<T>(): Node<T> {
  return { next: new Map(), fail: null, outputs: [] };
}

export class PhraseMatcher<T> {
  private readonly root: Node<T> = newNode<T>();

  constructor(entries: Iterable<{ phrase: string; payload: T }>) {
    for (const { phrase, payload } of entries) this.add(phrase, payload);
    this.link();
  }

  private add(phrase: string, payload: T): void {
    let node = this.root;
    for (let i = 0; i < phrase.length; i++) {
      const ch = phrase[i]!;
      let child = node.next.get(ch);
      if (!child) {
        child = newNode<T>();
        node.next.set(ch, child);
      }
      node = child;
    }
    node.outputs.push({ length: phrase.length, payload });
  }

  private link(): void {
    const queue: Node<T>[] = [];
    for (const child of this.root.next.values()) {
      child.fail = this.root;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [ch, child] of node.next) {
        let fail = node.fail;
        while (fail && !fail.next.has(ch)) fail = fail.fail;
        child.fail = fail ? fail.next.get(ch)! : this.root;
        child.outputs = child.outputs.concat(child.fail.outputs);
        queue.push(child);
      }
    }
  }

  /** All hits, ordered by start then by longer first. */
  findAll(text: string): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let node = this.root;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      while (node !== this.root && !node.next.has(ch)) node = node.fail!;
      node = node.next.get(ch) ?? this.root;
      for (const out of node.outputs) {
        hits.push({ start: i + 1 - out.length, end: i + 1, payload: out.payload });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    return hits;
  }
}
