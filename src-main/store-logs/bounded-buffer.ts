/** Keeps the last `limit` items: what a tail or a bundle may hold, never more. */
export class BoundedBuffer<T> {
  private items: T[] = [];
  private dropped = 0;

  constructor(readonly limit: number) {}

  push(...items: T[]): void {
    this.items.push(...items);
    const over = this.items.length - this.limit;
    if (over > 0) {
      this.items.splice(0, over);
      this.dropped += over;
    }
  }

  /** how many items fell off the front since the buffer was made */
  get droppedCount(): number {
    return this.dropped;
  }

  values(): T[] {
    return [...this.items];
  }

  /** Takes everything held, leaving the buffer empty. */
  drain(): T[] {
    return this.items.splice(0);
  }
}
