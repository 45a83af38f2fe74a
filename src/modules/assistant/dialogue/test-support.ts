import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { AppDeps } from '../../../app-deps.ts';
import { importAccounts } from '../../imports/service.ts';

const GOOD_CSV = readFileSync(new URL('../../../../test/fixtures/imports/good.csv', import.meta.url));

/**
 * The shared import fixture: Budi Santoso (KTA-0001, +6281234567890, born 1990-05-15, NIK …0001, VA 8808001234567890,
 * Rp1.250.000 outstanding, instalment Rp450.000), Siti Rahmawati (two accounts) and Yohanes Wenda (no NIK or
 * birth date, so not verifiable by chat).
 */
export async function seedFixturePortfolio(deps: AppDeps): Promise<void> {
  await importAccounts(deps, Readable.from([GOOD_CSV]), { allowPartial: false, fileName: 'good.csv', actor: { id: null, label: 'test' } });
}

export const BUDI = { phone: '+6281234567890', identity: '15-05-1990 0001', wrongIdentity: '15-05-1990 9999', accountNo: 'KTA-0001' } as const;
export const YOHANES = { phone: '+6282144556677', accountNo: 'PL-0004' } as const;
