/** A line of a streamed body: its text, or why it cannot be read. Lines count from 1. */
export type StreamLine = { line: number; text: string } | { line: number; problem: string };

export interface ReadLinesOptions {
  /**
   * Longest line kept, in bytes. A longer one is reported and skipped up to its end, so a body
   * without line breaks cannot make the reader hold the whole of it. Default 1 MiB.
   */
  maxLineBytes?: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a stream of chunks into lines, holding at most one line at a time. Splitting on the
 * newline byte is safe in UTF-8 (no multi-byte character contains it), so a character cut across
 * chunks is whole again once its line is; each line is then decoded strictly. Accepts \n and
 * \r\n endings and a UTF-8 byte-order mark at the start. A last line without a newline counts.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array | string>,
  { maxLineBytes = 1 << 20 }: ReadLinesOptions = {},
): AsyncGenerator<StreamLine> {
  // A byte-order mark is dropped at the start of the body only; elsewhere it is content.
  const firstLine = new TextDecoder('utf-8', { fatal: true });
  const laterLines = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pieces: Uint8Array[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;

  const finish = (): StreamLine => {
    line += 1;
    if (tooLong) return { line, problem: `is longer than ${maxLineBytes} bytes` };
    let bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
    if (bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, bytes.length - 1);
    try {
      return { line, text: (line === 1 ? firstLine : laterLines).decode(bytes) };
    } catch {
      return { line, problem: 'is not valid UTF-8' };
    }
  };

  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    while (from <= bytes.length) {
      const newline = bytes.indexOf(NEWLINE, from);
      const end = newline < 0 ? bytes.length : newline;
      if (!tooLong && end > from) {
        if (size + (end - from) > maxLineBytes) {
          tooLong = true;
          pieces = [];
          size = 0;
        } else {
          pieces.push(bytes.subarray(from, end));
          size += end - from;
        }
      }
      if (newline < 0) break;
      yield finish();
      pieces = [];
      size = 0;
      tooLong = false;
      from = newline + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}
