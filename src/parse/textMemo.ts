/**
 * A memo keyed by text (an instruction's, a script's, a comment's), for what parsing or testing that text gives.
 * Bounded by entries and by the characters of its keys; past either bound it starts over, which costs less than
 * tracking use, and what a run asks again soon (the next lint of the same document) is refilled at once. A key cut
 * from a document keeps that whole version of the document alive: pass a copy (flatCopy).
 */
export class TextMemo<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers value for key (a copy, not a slice of a document); a key longer than maxChars is kept, alone. */
  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries || this.chars + key.length > this.maxChars) {
      this.entries.clear();
      this.chars = 0;
    }
    this.entries.set(key, value);
    this.chars += key.length;
  }
}
