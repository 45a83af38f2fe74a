/**
 * Turns statement file bytes into text. Banks hand out UTF-8 (often with a BOM from Excel), UTF-16
 * from some Windows exports, and Latin-1 from older core systems (`Café`, `Müller` in :86:). UTF-8 is
 * tried strictly first; when the bytes are not valid UTF-8 they are read as Latin-1, which cannot fail.
 */
export function decodeStatementBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // TextDecoder('latin1') is windows-1252 per WHATWG; map bytes one to one for true ISO-8859-1.
    let text = '';
    for (let i = 0; i < body.length; i += 8192) text += String.fromCharCode(...body.subarray(i, i + 8192));
    return { text, encoding: 'latin1' };
  }
}
