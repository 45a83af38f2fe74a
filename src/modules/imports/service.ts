import type { Readable } from 'node:stream';
import type { AppDeps } from '../../app-deps.ts';
import { localDateOf } from '../../domain/dates.ts';
import { audit, type Actor } from '../audit/index.ts';
import { validateAccountRow, checkHeader, type AccountRow, type RowError } from './account-row.ts';
import { readCsvRecords, CsvFileError } from './csv-records.ts';
import { analyzeStaging, countStagedRows, createStaging, deleteStagedRows, findDuplicateRows, findVaConflicts, mergeStaging, stageRows, type StagedRow } from './repo.ts';
import { createImportJob, finishImportJob } from './job-repo.ts';
import { redactPiiErrors } from './redact-errors.ts';
import { stagingPipeline } from './staging-pipeline.ts';

/** Errors kept in detail; past this only the count grows, so memory stays bounded on a hostile file. */
export const MAX_REPORTED_ERRORS = 10_000;
const BATCH_SIZE = 2_000;

export interface ImportOptions {
  readonly allowPartial: boolean;
  readonly fileName: string;
  readonly actor: Actor;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly jobId: string;
  readonly rowsRead: number;
  readonly rejected: number;
}

export interface ImportResult {
  readonly jobId: string;
  /** True when the rows were written; false when the file was rejected and nothing was written. */
  readonly committed: boolean;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly errors: RowError[];
  readonly warnings: string[];
}

class Rejected extends Error {}

function toStaged(deps: AppDeps, r: AccountRow, asOf: string): StagedRow {
  const { cipher } = deps;
  return {
    row_no: r.row,
    account_no: r.accountNo,
    debtor_ref: r.debtorRef,
    debtor_name: r.debtorName,
    creditor_code: r.creditorCode,
    phone_enc: cipher.encrypt(r.phoneE164),
    phone_hash: cipher.blindIndex(r.phoneE164),
    email_enc: r.email === null ? null : cipher.encrypt(r.email),
    email_hash: r.email === null ? null : cipher.blindIndex(r.email),
    address_enc: r.address === null ? null : cipher.encrypt(r.address),
    address_hash: r.address === null ? null : cipher.blindIndex(r.address.toLowerCase()),
    city: r.city,
    postal_code: r.postalCode,
    province_code: r.provinceCode,
    timezone: r.timezone,
    nik_enc: r.nik === null ? null : cipher.encrypt(r.nik),
    nik_hash: r.nik === null ? null : cipher.blindIndex(r.nik),
    birth_date_enc: r.birthDate === null ? null : cipher.encrypt(r.birthDate),
    product: r.product,
    outstanding_idr: r.outstanding.toString(),
    principal_idr: r.principal?.toString() ?? null,
    installment_idr: r.installment?.toString() ?? null,
    tenor_months: r.tenorMonths,
    due_date: r.dueDate,
    va_number: r.vaNumber,
    dpd: r.dpd,
    bucket: r.bucket,
    kol: r.kol,
    as_of: asOf,
    account_hash: r.accountHash,
    debtor_hash: r.debtorHash,
  };
}

/**
 * Imports an accounts CSV (shared/CONTRACTS.md) in one transaction: stream → validate → stage → merge.
 * All-or-nothing unless `allowPartial`; re-importing the same file changes nothing.
 * Memory is bounded by the batch size and MAX_REPORTED_ERRORS, not by the file.
 */
export async function importAccounts(deps: AppDeps, input: Readable, opts: ImportOptions): Promise<ImportResult> {
  const now = deps.now();
  const jobId = await createImportJob(deps.db.kysely, { kind: 'accounts', fileName: opts.fileName, allowPartial: opts.allowPartial, createdBy: opts.actor.id });
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const badRows = new Set<number>();
  let rejected = 0;
  let rowsRead = 0;
  const reject = (e: RowError) => {
    if (!badRows.has(e.row)) {
      badRows.add(e.row);
      rejected++;
    }
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const asOfCache = new Map<string, string>();
  const asOf = (zone: string) => {
    let d = asOfCache.get(zone);
    if (!d) asOfCache.set(zone, (d = localDateOf(now, zone)));
    return d;
  };

  let counts = { inserted: 0, updated: 0 };
  let committed = false;
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      await createStaging(trx);
      const staging = stagingPipeline<StagedRow>((rows) => stageRows(trx, rows));
      let batch: StagedRow[] = [];
      const records = readCsvRecords(input, (header) => {
        const h = checkHeader(header);
        if (h.missing.length > 0) throw new CsvFileError(1, h.missing[0]!, `missing required column${h.missing.length > 1 ? 's' : ''}: ${h.missing.join(', ')}`);
        if (h.duplicated.length > 0) throw new CsvFileError(1, h.duplicated[0]!, `column '${h.duplicated[0]}' appears twice in the header`);
        if (h.unknown.length > 0) warnings.push(`ignored unknown column${h.unknown.length > 1 ? 's' : ''}: ${h.unknown.join(', ')}`);
      });
      try {
        for await (const rec of records) {
          rowsRead++;
          if (rec.fieldCountError) {
            reject({ row: rec.row, field: 'row', message: rec.fieldCountError });
            continue;
          }
          const v = validateAccountRow(rec.values, rec.row, asOf);
          if (!v.ok) {
            v.errors.forEach(reject);
            continue;
          }
          if (rejected > 0 && !opts.allowPartial) continue; // the file is already rejected; keep validating, stop staging
          batch.push(toStaged(deps, v.value, asOf(v.value.timezone)));
          if (batch.length >= BATCH_SIZE) {
            await staging.push(batch);
            batch = [];
            opts.onProgress?.({ jobId, rowsRead, rejected });
          }
        }
        await staging.push(batch);
        await staging.drain();
      } finally {
        // A CSV error can end the loop with an insert still in flight; let it finish before the rollback.
        await staging.settle();
      }
      await analyzeStaging(trx);

      const duplicates = [...(await findDuplicateRows(trx, MAX_REPORTED_ERRORS)), ...(await findVaConflicts(trx, MAX_REPORTED_ERRORS))];
      duplicates.forEach(reject);
      if (rejected > 0 && !opts.allowPartial) throw new Rejected();
      await deleteStagedRows(trx, duplicates.map((d) => d.row));
      if ((await countStagedRows(trx)) > 0) counts = await mergeStaging(trx);
      await audit(trx, {
        actor: opts.actor,
        action: 'portfolio.import',
        entityType: 'import_job',
        entityId: jobId,
        details: { file: opts.fileName, rows: rowsRead, ...counts, rejected, allow_partial: opts.allowPartial },
        at: now,
      });
      committed = true;
    });
  } catch (e) {
    if (e instanceof CsvFileError) {
      reject({ row: e.row, field: e.field, message: e.message });
    } else if (!(e instanceof Rejected)) {
      await finishImportJob(deps.db.kysely, jobId, { status: 'failed', rowsRead, inserted: 0, updated: 0, rejected, errors: redactPiiErrors(errors) });
      throw e;
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const result: ImportResult = { jobId, committed, rowsRead, ...(committed ? counts : { inserted: 0, updated: 0 }), rejected, errors, warnings };
  await finishImportJob(deps.db.kysely, jobId, { status: committed ? 'succeeded' : 'rejected', ...result, errors: redactPiiErrors(result.errors) });
  return result;
}
