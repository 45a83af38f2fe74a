import type { ImportProgress } from './service.ts';

/**
 * Live progress of imports running in this process, for `GET /imports/:id` while the upload streams.
 * Finished jobs are read from `import_jobs`; entries are removed when the import ends.
 */
export class ImportProgressBoard {
  private readonly running = new Map<string, ImportProgress>();
  update(p: ImportProgress): void {
    this.running.set(p.jobId, p);
  }
  get(jobId: string): ImportProgress | undefined {
    return this.running.get(jobId);
  }
  finish(jobId: string): void {
    this.running.delete(jobId);
  }
}
