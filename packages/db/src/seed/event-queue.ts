// A small binary min-heap of dated events: a family's fills and reversals happen in date order, which is what
// makes each claim's cost share see the accumulators of every earlier claim.

interface Queued<T> {
  date: string;
  seq: number;
  value: T;
}

export class EventQueue<T> {
  private readonly heap: Queued<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(date: string, value: T): void {
    this.heap.push({ date, seq: this.seq++, value });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest event (first pushed wins a tie), or undefined when empty. */
  pop(): { date: string; value: T } | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (!top || !last) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.heap.length && this.before(left, smallest)) smallest = left;
        if (right < this.heap.length && this.before(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return { date: top.date, value: top.value };
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a] as Queued<T>;
    const y = this.heap[b] as Queued<T>;
    return x.date < y.date || (x.date === y.date && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const tmp = this.heap[a] as Queued<T>;
    this.heap[a] = this.heap[b] as Queued<T>;
    this.heap[b] = tmp;
  }
}
