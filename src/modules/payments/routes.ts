import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { errorResponses } from '../../lib/error-schema.ts';
import { actorOf, principalOf } from '../auth/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { decodeStatementBytes } from '../statements/index.ts';
import type { BookPaymentStep, BookPaymentsStep } from './booking-step.ts';
import { reconcileStatement } from './reconcile.ts';
import { confirmLine, listReviewQueue, rejectLine } from './review.ts';
import { confirmBody, lineParam, rejectBody, reviewDecision, reviewPage, reviewQuery, statementQuery, statementRejected, statementResult } from './schema.ts';

/** Statements are parsed whole (a malformed file is rejected whole), so an upload is read into memory up to this size. */
const STATEMENT_MAX_BYTES = 64 * 1024 * 1024;

const conflict = { 409: errorResponses[400] } as const;

/**
 * Statement upload (payments:write: the same reconciliation as `npx tagih reconcile`) and the reconciliation review
 * queue: list (payments:read), confirm or reject (payments:write, audited).
 */
export const paymentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; book: BookPaymentStep; bookMany: BookPaymentsStep }> = async (app, { deps, book, bookMany }) => {
  app.post(
    '/payments/statements',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Upload a bank statement (multipart field "file", MT940 or CSV) and reconcile it',
        description:
          'Same as `npx tagih reconcile`: the file is parsed whole (a malformed file is rejected with line and field, nothing imported), each credit is matched, unambiguous matches are booked, the rest wait in the review queue. Idempotent: lines already imported are reported with their stored outcome and never booked twice. `dry_run=true` matches and reports without storing or booking anything.',
        consumes: ['multipart/form-data'],
        querystring: statementQuery,
        response: { 200: statementResult, 422: statementRejected, ...errorResponses },
      },
    },
    async (req, reply) => {
      const file = await req.file();
      if (!file) throw new AppError('TAGIH_VALIDATION', 'expected a multipart upload with a "file" field', [{ path: '/file', message: 'missing' }]);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of file.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > STATEMENT_MAX_BYTES) throw new AppError('TAGIH_PAYLOAD_TOO_LARGE', `a statement upload may be at most ${STATEMENT_MAX_BYTES} bytes`);
        chunks.push(chunk);
      }
      if (file.file.truncated) throw new AppError('TAGIH_PAYLOAD_TOO_LARGE', 'the file is larger than the upload limit');
      const { text } = decodeStatementBytes(Buffer.concat(chunks));
      const result = await reconcileStatement(deps.db.kysely, {
        text,
        fileName: file.filename || 'statement',
        ...(req.query.format === undefined ? {} : { format: req.query.format }),
        ...(req.query.preset === undefined ? {} : { preset: req.query.preset }),
        actor: actorOf(principalOf(req)),
        receivedAt: deps.now(),
        book,
        bookMany,
        dryRun: req.query.dry_run === 'true',
      });
      if (!result.ok) {
        return reply.status(422).send({ error: { code: 'TAGIH_STATEMENT_REJECTED', message: `${result.error.message}; nothing was imported`, line: result.error.line, field: result.error.field } });
      }
      return reply.status(200).send({
        import_id: result.importId,
        dry_run: req.query.dry_run === 'true',
        lines_total: result.linesTotal,
        lines_new: result.newLines,
        credits: [...result.credits],
        summary: result.summary,
      });
    },
  );

  app.get(
    '/payments/review',
    {
      config: { access: { action: 'payments:read' } },
      schema: {
        tags: ['payments'],
        summary: 'Statement credits waiting for a person: suggested matches (ranked candidates) or unmatched',
        querystring: reviewQuery,
        response: { 200: reviewPage, ...errorResponses },
      },
    },
    async (req) => listReviewQueue(deps.db.kysely, req.query),
  );

  app.post(
    '/payments/review/:id/confirm',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Confirm the paying account: books the payment (once) and records who decided',
        params: lineParam,
        body: confirmBody,
        response: { 200: reviewDecision, ...errorResponses, ...conflict },
      },
    },
    async (req) => confirmLine(deps.db.kysely, req.params.id, req.body, actorOf(principalOf(req)), deps.now(), book),
  );

  app.post(
    '/payments/review/:id/reject',
    {
      config: { access: { action: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Reject a statement credit as not a debtor payment; nothing is booked',
        params: lineParam,
        body: rejectBody,
        response: { 200: reviewDecision, ...errorResponses, ...conflict },
      },
    },
    async (req) => rejectLine(deps.db.kysely, req.params.id, req.body.note, actorOf(principalOf(req)), deps.now()),
  );
};
