// Named rows of numbers over the router's languages (topic -> row, region -> row), kept in
// first-seen order. A new row starts at `init` for every language.

import type { RowList } from './types';

export class RowTable {
  readonly rows = new Map<string, Float64Array>();

  constructor(readonly width: number, readonly init = 0) {}

  get(name: string): Float64Array {
    let row = this.rows.get(name);
    if (!row) {
      row = new Float64Array(this.width).fill(this.init);
      this.rows.set(name, row);
    }
    return row;
  }

  peek(name: string): Float64Array | undefined {
    return this.rows.get(name);
  }

  toList(): RowList {
    return [...this.rows].map(([k, v]) => [k, Array.from(v)]);
  }

  load(list: RowList | undefined, what: string): void {
    this.rows.clear();
    for (const [name, values] of list ?? []) {
      if (typeof name !== 'string' || !Array.isArray(values) || values.length !== this.width) {
        throw new Error(`router state: ${what} row '${String(name)}' must hold ${this.width} numbers`);
      }
      this.rows.set(name, Float64Array.from(values));
    }
  }
}
