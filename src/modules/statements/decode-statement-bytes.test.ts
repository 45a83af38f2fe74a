import { describe, expect, it } from 'vitest';
import { decodeStatementBytes } from './decode-statement-bytes.ts';

describe('decodeStatementBytes', () => {
  it('strips a UTF-8 BOM and keeps UTF-8 text', () => {
    expect(decodeStatementBytes(Buffer.from('\uFEFFMüller', 'utf8'))).toEqual({ text: 'Müller', encoding: 'utf-8' });
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', () => {
    expect(decodeStatementBytes(Buffer.from('Müller €', 'latin1'))).toEqual({ text: 'Müller ¬', encoding: 'latin1' });
    expect(decodeStatementBytes(Uint8Array.from([0x4d, 0xfc, 0x80]))).toEqual({ text: 'Mü\u0080', encoding: 'latin1' });
  });

  it('reads UTF-16 with a byte order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(':20:Müller', 'utf16le')]);
    expect(decodeStatementBytes(le)).toEqual({ text: ':20:Müller', encoding: 'utf-16le' });
  });
});
