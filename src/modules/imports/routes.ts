import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { findImportJob } from './job-repo.ts';
import { ImportProgressBoard } from './progress.ts';
import { importAccounts } from './service.ts';
import type { RowError } from './account-row.ts';

const rowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
const importJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'succeeded', 'rejected', 'failed']),
  file_name: z.string(),
  allow_partial: z.boolean(),
  rows_read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(rowError),
  warnings: z.array(z.string()),
});

export const importRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const board = new ImportProgressBoard();

  app.post(
    '/imports/accounts',
    {
      config: { access: { action: 'portfolio:import' } },
      schema: {
        tags: ['imports'],
        summary: 'Upload an accounts CSV (multipart field "file"); all-or-nothing unless allow_partial=true',
        description: 'Same rules as `npx tagih import accounts`. The file streams into the import; poll GET /imports/{id} from another tab for progress.',
        consumes: ['multipart/form-data'],
        querystring: z.object({ allow_partial: z.enum(['true', 'false']).default('false') }),
        response: { 200: importJob, 422: importJob, ...errorResponses },
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file) throw new AppError('TAGIH_VALIDATION', 'expected a multipart upload with a "file" field', [{ path: '/file', message: 'missing' }]);
      const principal = req.principal!;
      let jobId: string | undefined;
      const result = await importAccounts(deps, file.file, {
        allowPartial: req.query.allow_partial === 'true',
        fileName: file.filename || 'upload.csv',
        actor: { id: principal.userId, label: principal.username },
        onProgress: (p) => {
          jobId = p.jobId;
          board.update(p);
        },
      }).finally(() => jobId && board.finish(jobId));
      if (file.file.truncated) throw new AppError('TAGIH_PAYLOAD_TOO_LARGE', 'the file is larger than the upload limit');
      const body = {
        id: result.jobId,
        status: result.committed ? ('succeeded' as const) : ('rejected' as const),
        file_name: file.filename,
        allow_partial: req.query.allow_partial === 'true',
        rows_read: result.rowsRead,
        inserted: result.inserted,
        updated: result.updated,
        rejected: result.rejected,
        errors: result.errors,
        warnings: result.warnings,
      };
      return reply.status(result.committed ? 200 : 422).send(body);
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: { action: 'portfolio:import' } },
      schema: { tags: ['imports'], summary: 'Status and result of an import (live while it runs)', params: z.object({ id: z.string().uuid() }), response: { 200: importJob, ...errorResponses } },
    },
    async (req) => {
      const job = await findImportJob(deps.db.kysely, req.params.id);
      if (!job) throw new AppError('TAGIH_NOT_FOUND', `import ${req.params.id} not found`);
      const live = board.get(job.id);
      return {
        id: job.id,
        status: job.status,
        file_name: job.file_name,
        allow_partial: job.allow_partial,
        rows_read: live?.rowsRead ?? job.rows_read,
        inserted: job.inserted,
        updated: job.updated,
        rejected: live?.rejected ?? job.rejected,
        errors: (job.errors ?? []) as RowError[],
        warnings: [],
      };
    },
  );

  app.get(
    '/imports/:id/errors.csv',
    {
      config: { access: { action: 'portfolio:import' } },
      schema: { tags: ['imports'], summary: 'The rejected rows of an import as a CSV report (row, field, message)', params: z.object({ id: z.string().uuid() }) },
    },
    async (req, reply) => {
      const job = await findImportJob(deps.db.kysely, req.params.id);
      if (!job) throw new AppError('TAGIH_NOT_FOUND', `import ${req.params.id} not found`);
      const errors = (job.errors ?? []) as RowError[];
      const csv = stringify([['row', 'field', 'message'], ...errors.map((e) => [e.row, e.field, e.message])]);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${job.id}-errors.csv"`)
        .send(csv);
    },
  );
};
