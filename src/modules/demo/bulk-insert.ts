import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export type PgArrayType = 'uuid' | 'text' | 'bigint' | 'int' | 'smallint' | 'date' | 'timestamptz' | 'boolean';
export type CellValue = string | number | bigint | boolean | Date | null;

/**
 * Rows collected column by column and written with one `insert … select * from unnest(…)`
 * per flush: one parameter per column however many rows, so it neither hits the 65 535
 * bind-parameter limit nor differs between PGlite and PostgreSQL (the import uses the same trick).
 */
export class ColumnBatch {
  private readonly columns: string[][] = [];
  private rows = 0;

  constructor(
    private readonly table: keyof Database & string,
    private readonly spec: readonly (readonly [string, PgArrayType])[],
  ) {
    for (let i = 0; i < spec.length; i++) this.columns.push([]);
  }

  get size(): number {
    return this.rows;
  }

  push(values: readonly CellValue[]): void {
    if (values.length !== this.spec.length) throw new RangeError(`${this.table}: expected ${this.spec.length} values, got ${values.length}`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // Drivers disagree on bigint/Date inside arrays; text is what both send unchanged.
      (this.columns[i] as (string | null)[]).push(v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));
    }
    this.rows++;
  }

  async flush(trx: Kysely<Database>): Promise<number> {
    if (this.rows === 0) return 0;
    const names = this.spec.map(([name]) => name).join(', ');
    const arrays = this.spec.map(([, type], i) => sql`${this.columns[i]}::${sql.raw(type)}[]`);
    await sql`insert into ${sql.raw(this.table)} (${sql.raw(names)}) select * from unnest(${sql.join(arrays)})`.execute(trx);
    const written = this.rows;
    for (const c of this.columns) c.length = 0;
    this.rows = 0;
    return written;
  }
}
