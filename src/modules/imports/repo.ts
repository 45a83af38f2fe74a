import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RowError } from './account-row.ts';

/** A staged import row: normalised values, PII already encrypted, in the order of STAGING_COLUMNS. */
export interface StagedRow {
  row_no: number;
  account_no: string;
  debtor_ref: string;
  debtor_name: string;
  creditor_code: string;
  phone_enc: string;
  phone_hash: string;
  email_enc: string | null;
  email_hash: string | null;
  address_enc: string | null;
  address_hash: string | null;
  city: string | null;
  postal_code: string | null;
  province_code: string;
  timezone: string;
  nik_enc: string | null;
  nik_hash: string | null;
  birth_date_enc: string | null;
  product: string;
  outstanding_idr: string;
  principal_idr: string | null;
  installment_idr: string | null;
  tenor_months: number | null;
  due_date: string;
  va_number: string | null;
  dpd: number;
  bucket: string;
  kol: number;
  as_of: string;
  account_hash: string;
  debtor_hash: string;
}

const STAGING_COLUMNS: Record<keyof StagedRow, string> = {
  row_no: 'int',
  account_no: 'text',
  debtor_ref: 'text',
  debtor_name: 'text',
  creditor_code: 'text',
  phone_enc: 'text',
  phone_hash: 'text',
  email_enc: 'text',
  email_hash: 'text',
  address_enc: 'text',
  address_hash: 'text',
  city: 'text',
  postal_code: 'text',
  province_code: 'text',
  timezone: 'text',
  nik_enc: 'text',
  nik_hash: 'text',
  birth_date_enc: 'text',
  product: 'text',
  outstanding_idr: 'bigint',
  principal_idr: 'bigint',
  installment_idr: 'bigint',
  tenor_months: 'int',
  due_date: 'date',
  va_number: 'text',
  dpd: 'int',
  bucket: 'text',
  kol: 'smallint',
  as_of: 'date',
  account_hash: 'text',
  debtor_hash: 'text',
};
const COLUMN_NAMES = Object.keys(STAGING_COLUMNS) as (keyof StagedRow)[];

/** A per-transaction staging table: rows land here first, so a rejected file leaves no trace when the transaction rolls back. */
export async function createStaging(trx: Kysely<Database>): Promise<void> {
  // The merge sorts and hashes whole files (distinct on, joins to debtors); with the 4 MB default
  // those spill to disk. `set local` ends with the transaction, so other sessions are unaffected.
  await sql`set local work_mem = '256MB'`.execute(trx);
  const cols = COLUMN_NAMES.map((c) => `${c} ${STAGING_COLUMNS[c]}`).join(', ');
  await sql.raw(`create temp table import_staging (${cols}) on commit drop`).execute(trx);
}

/**
 * Bulk-inserts rows with one `unnest` of column arrays: the same statement on PGlite and PostgreSQL,
 * close to COPY speed without COPY's driver differences.
 */
export async function stageRows(trx: Kysely<Database>, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = COLUMN_NAMES.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(STAGING_COLUMNS[c])}[]`);
  await sql`insert into import_staging (${sql.raw(COLUMN_NAMES.join(', '))}) select * from unnest(${sql.join(arrays)})`.execute(trx);
}

/**
 * Autovacuum never analyzes temp tables, so without this the planner guesses the staging table's
 * size and picks nested loops over hundreds of thousands of rows in the duplicate checks and merge.
 */
export async function analyzeStaging(trx: Kysely<Database>): Promise<void> {
  await sql`analyze import_staging`.execute(trx);
}

/** Rows that repeat an account number or VA number already used earlier in the same file. */
export async function findDuplicateRows(trx: Kysely<Database>, limit: number): Promise<RowError[]> {
  const result = await sql<{ row_no: number; field: string; value: string; first_row: number }>`
    select row_no, field, value, first_row from (
      select row_no, 'account_no' as field, account_no as value,
             min(row_no) over (partition by account_no) as first_row
        from import_staging
      union all
      select row_no, 'va_number', va_number, min(row_no) over (partition by va_number)
        from import_staging where va_number is not null
    ) d
    where row_no <> first_row
    order by row_no
    limit ${limit}`.execute(trx);
  return result.rows.map((r) => ({ row: r.row_no, field: r.field, message: `duplicate ${r.field} '${r.value}' (first on row ${r.first_row})` }));
}

/** Rows whose VA number already belongs to another account in the database. */
export async function findVaConflicts(trx: Kysely<Database>, limit: number): Promise<RowError[]> {
  const result = await sql<{ row_no: number; va_number: string; account_no: string }>`
    select s.row_no, s.va_number, a.account_no
      from import_staging s join accounts a on a.va_number = s.va_number and a.account_no <> s.account_no
     order by s.row_no limit ${limit}`.execute(trx);
  return result.rows.map((r) => ({ row: r.row_no, field: 'va_number', message: `va_number '${r.va_number}' already belongs to account ${r.account_no}` }));
}

export async function deleteStagedRows(trx: Kysely<Database>, rowNos: readonly number[]): Promise<void> {
  if (rowNos.length === 0) return;
  await sql`delete from import_staging where row_no = any(${[...rowNos]}::int[])`.execute(trx);
}

export async function countStagedRows(trx: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from import_staging`.execute(trx);
  return r.rows[0]!.n;
}

/**
 * Moves the staged rows into creditors, debtors, contacts, addresses and accounts.
 * Upserts compare source hashes, so an unchanged row is neither rewritten nor counted as updated.
 */
export async function mergeStaging(trx: Kysely<Database>): Promise<{ inserted: number; updated: number }> {
  await sql`insert into creditors (code, name) select distinct creditor_code, creditor_code from import_staging on conflict (code) do nothing`.execute(trx);

  // One debtor may span several rows (one per account): each field takes its value from the last row that has one,
  // and on update a blank optional field keeps what is known rather than erasing it.
  await sql`
    insert into debtors (creditor_id, debtor_ref, full_name, nik_enc, nik_hash, birth_date_enc, province_code, timezone, source_hash)
    select c.id, s.debtor_ref,
           (array_agg(s.debtor_name order by s.row_no desc))[1],
           (array_agg(s.nik_enc order by s.row_no desc) filter (where s.nik_enc is not null))[1],
           (array_agg(s.nik_hash order by s.row_no desc) filter (where s.nik_hash is not null))[1],
           (array_agg(s.birth_date_enc order by s.row_no desc) filter (where s.birth_date_enc is not null))[1],
           (array_agg(s.province_code order by s.row_no desc))[1],
           (array_agg(s.timezone order by s.row_no desc))[1],
           md5(string_agg(s.debtor_hash, ',' order by s.row_no))
      from import_staging s join creditors c on c.code = s.creditor_code
     group by c.id, s.debtor_ref
    on conflict (creditor_id, debtor_ref) do update
       set full_name = excluded.full_name,
           nik_enc = coalesce(excluded.nik_enc, debtors.nik_enc), nik_hash = coalesce(excluded.nik_hash, debtors.nik_hash),
           birth_date_enc = coalesce(excluded.birth_date_enc, debtors.birth_date_enc),
           province_code = excluded.province_code, timezone = excluded.timezone,
           source_hash = excluded.source_hash, updated_at = now()
     where debtors.source_hash is distinct from excluded.source_hash`.execute(trx);

  // The staged rows joined to their debtor; used by the statements below.
  const staged = sql`
    (select s.*, d.id as debtor_id, c.id as creditor_id
       from import_staging s
       join creditors c on c.code = s.creditor_code
       join debtors d on d.creditor_id = c.id and d.debtor_ref = s.debtor_ref)`;

  await sql`
    insert into debtor_contacts (debtor_id, type, value_enc, value_hash, is_primary, source)
    select distinct on (x.debtor_id, x.phone_hash) x.debtor_id, 'phone', x.phone_enc, x.phone_hash, true, 'import'
      from ${staged} x order by x.debtor_id, x.phone_hash, x.row_no desc
    on conflict (debtor_id, type, value_hash) do nothing`.execute(trx);
  // The phone on the debtor's latest row is the primary one; an older imported phone stays as a secondary contact.
  await sql`
    update debtor_contacts dc set is_primary = (dc.value_hash = latest.phone_hash)
      from (select distinct on (x.debtor_id) x.debtor_id, x.phone_hash from ${staged} x order by x.debtor_id, x.row_no desc) latest
     where dc.debtor_id = latest.debtor_id and dc.type = 'phone' and not dc.is_emergency
       and dc.is_primary <> (dc.value_hash = latest.phone_hash)`.execute(trx);
  await sql`
    insert into debtor_contacts (debtor_id, type, value_enc, value_hash, is_primary, source)
    select distinct on (x.debtor_id, x.email_hash) x.debtor_id, 'email', x.email_enc, x.email_hash, true, 'import'
      from ${staged} x where x.email_hash is not null order by x.debtor_id, x.email_hash, x.row_no desc
    on conflict (debtor_id, type, value_hash) do nothing`.execute(trx);
  await sql`
    insert into debtor_addresses (debtor_id, kind, address_enc, address_hash, city, postal_code, province_code, timezone)
    select distinct on (x.debtor_id, x.address_hash) x.debtor_id, 'billing', x.address_enc, x.address_hash, x.city, x.postal_code, x.province_code, x.timezone
      from ${staged} x where x.address_hash is not null order by x.debtor_id, x.address_hash, x.row_no desc
    on conflict (debtor_id, kind, address_hash) do nothing`.execute(trx);

  const counts = await sql<{ inserted: number; updated: number }>`
    with up as (
      insert into accounts (creditor_id, debtor_id, account_no, product, principal_idr, outstanding_idr, installment_idr,
                            tenor_months, oldest_unpaid_due_date, dpd, bucket, kol, delinquency_as_of, va_number, source_hash)
      select x.creditor_id, x.debtor_id, x.account_no, x.product, x.principal_idr, x.outstanding_idr, x.installment_idr,
             x.tenor_months, x.due_date, x.dpd, x.bucket, x.kol, x.as_of, x.va_number, x.account_hash
        from ${staged} x
      on conflict (account_no) do update
         set creditor_id = excluded.creditor_id, debtor_id = excluded.debtor_id, product = excluded.product,
             principal_idr = excluded.principal_idr, outstanding_idr = excluded.outstanding_idr,
             installment_idr = excluded.installment_idr, tenor_months = excluded.tenor_months,
             oldest_unpaid_due_date = excluded.oldest_unpaid_due_date, dpd = excluded.dpd, bucket = excluded.bucket,
             kol = excluded.kol, delinquency_as_of = excluded.delinquency_as_of, va_number = excluded.va_number,
             source_hash = excluded.source_hash, updated_at = now()
       where accounts.source_hash is distinct from excluded.source_hash
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from up`.execute(trx);

  // Delinquency history: close the open entry where the bucket or Kol changed, open one where none is open.
  await sql`
    update delinquency_history h set lifted_on = s.as_of
      from import_staging s join accounts a on a.account_no = s.account_no
     where h.account_id = a.id and h.lifted_on is null and (h.bucket <> a.bucket or h.kol <> a.kol)`.execute(trx);
  await sql`
    insert into delinquency_history (account_id, bucket, kol, added_on)
    select a.id, a.bucket, a.kol, s.as_of
      from import_staging s join accounts a on a.account_no = s.account_no
     where not exists (select 1 from delinquency_history h where h.account_id = a.id and h.lifted_on is null)`.execute(trx);

  return counts.rows[0]!;
}
