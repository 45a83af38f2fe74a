import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../lib/pii-cipher.ts';

/**
 * Every column holding a PII envelope. A new `*_enc` column must be added here, or rotation leaves it
 * under the old key (the rotation test greps the data directory, which would catch a missed one only
 * if its test data covers it).
 */
export const ENCRYPTED_COLUMNS = [
  { table: 'debtors', column: 'nik_enc' },
  { table: 'debtors', column: 'birth_date_enc' },
  { table: 'debtor_contacts', column: 'value_enc' },
  { table: 'debtor_addresses', column: 'address_enc' },
  { table: 'users', column: 'mfa_secret_enc' },
] as const satisfies readonly { table: keyof Database; column: string }[];

export interface ReencryptResult {
  readonly reencrypted: number;
  /** `table.column` → rows rewritten. */
  readonly byColumn: Record<string, number>;
}

/**
 * Rewrites every envelope not under the cipher's active key, in primary-key order, one batch per transaction.
 * Resumable: rows already under the active key are skipped by the query itself, so a rerun after a crash
 * only does what is left. Each update is conditional on the old envelope, so a row changed by the
 * application in the meantime (already under the new key) is left alone. Blind indexes are untouched.
 */
export async function reencryptAll(db: Kysely<Database>, cipher: PiiCipher, opts: { batchSize?: number } = {}): Promise<ReencryptResult> {
  const batchSize = opts.batchSize ?? 500;
  const byColumn: Record<string, number> = {};
  let total = 0;
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const afterClause: RawBuilder<unknown> = after === null ? sql`true` : sql`id > ${after}`;
      const page: QueryResult<{ id: string; value: string }> = await sql<{ id: string; value: string }>`
        select id::text as id, ${sql.ref(column)} as value from ${sql.table(table)}
        where ${afterClause} and ${sql.ref(column)} is not null and split_part(${sql.ref(column)}, '.', 2) <> ${cipher.activeKeyId}
        order by id limit ${batchSize}`.execute(db);
      if (page.rows.length === 0) break;
      done += await db.transaction().execute(async (trx) => {
        let n = 0;
        for (const row of page.rows) {
          const fresh = cipher.encrypt(cipher.decrypt(row.value));
          const r = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${fresh} where id = ${row.id}::uuid and ${sql.ref(column)} = ${row.value}`.execute(trx);
          n += Number(r.numAffectedRows ?? 0n);
        }
        return n;
      });
      after = page.rows[page.rows.length - 1]!.id;
    }
    byColumn[`${table}.${column}`] = done;
    total += done;
  }
  return { reencrypted: total, byColumn };
}
