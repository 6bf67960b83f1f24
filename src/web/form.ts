// A submitted HTML form: the urlencoded or multipart pairs in order, read by exact field name.
import type { UploadedFile } from '../http/form-tree.js';

export class WebForm {
  constructor(
    readonly pairs: readonly [string, string][],
    readonly files: readonly UploadedFile[] = [],
  ) {}

  /** The first value of a field, or undefined. */
  get(name: string): string | undefined {
    return this.pairs.find(([k]) => k === name)?.[1];
  }

  /** A field's value trimmed, '' when missing. */
  text(name: string): string {
    return (this.get(name) ?? '').trim();
  }

  /** Every value of a field (checkbox groups, repeated names). */
  all(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.pairs.some(([k]) => k === name);
  }

  file(name: string): UploadedFile | undefined {
    return this.files.find((f) => f.field === name);
  }

  /**
   * Rows of an indexed group, in submitted order: `lines[0][price]`, `lines[3][price]` → two rows
   * of {price}. Index gaps (a removed row) are fine.
   */
  rows(prefix: string): Record<string, string>[] {
    const byIndex = new Map<string, Record<string, string>>();
    const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d+)\\]\\[([\\w-]+)\\]$`);
    for (const [k, v] of this.pairs) {
      const m = re.exec(k);
      if (!m) continue;
      let row = byIndex.get(m[1]!);
      if (!row) byIndex.set(m[1]!, (row = {}));
      if (!(m[2]! in row)) row[m[2]!] = v;
    }
    return [...byIndex.values()];
  }
}
