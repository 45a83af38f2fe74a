/**
 * Statements module: the I/O side of statement parsing (bytes → text). The parsing itself is pure and
 * lives in `src/domain/statements/`; HTTP upload routes will be added here as a Fastify plugin.
 */
export { decodeStatementBytes } from './decode-statement-bytes.ts';
