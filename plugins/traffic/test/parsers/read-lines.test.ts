import assert from 'node:assert/strict';
import { readLines } from '../../src/parsers/read-lines.js';
import { collect, inChunks } from '../support/samples.js';

describe('traffic: reading a stream line by line', () => {
  const text = '\uFEFFfirst line\r\nsecond: caf\u00e9 \u2013 \u{1F4DE}\n\nlast without newline';

  it('gives the same lines however the bytes are cut, also inside a multi-byte character', async () => {
    const bytes = Buffer.from(text, 'utf8');
    const expected = [
      { line: 1, text: 'first line' },
      { line: 2, text: 'second: caf\u00e9 \u2013 \u{1F4DE}' },
      { line: 3, text: '' },
      { line: 4, text: 'last without newline' },
    ];
    for (const sizes of [[bytes.length], [1], [2, 3], [7, 1, 13], [17]]) {
      assert.deepEqual(await collect(readLines(inChunks(bytes, sizes))), expected, `chunks of ${sizes.join(',')}`);
    }
  });

  it('reports a line longer than the limit and reads on after it, never holding more than the limit', async () => {
    const body = `short\n${'x'.repeat(5000)}\nafter\n`;
    const lines = await collect(readLines(inChunks(Buffer.from(body), [100]), { maxLineBytes: 1000 }));
    assert.deepEqual(lines, [
      { line: 1, text: 'short' },
      { line: 2, problem: 'is longer than 1000 bytes' },
      { line: 3, text: 'after' },
    ]);
  });

  it('reports a line that is not UTF-8 and reads on', async () => {
    const body = Buffer.concat([Buffer.from('good\n'), Buffer.from([0x62, 0xe9, 0x0a]), Buffer.from('fine')]);
    assert.deepEqual(await collect(readLines(inChunks(body, [3]))), [
      { line: 1, text: 'good' },
      { line: 2, problem: 'is not valid UTF-8' },
      { line: 3, text: 'fine' },
    ]);
  });

  it('accepts string chunks', async () => {
    async function* strings() {
      yield 'a\nb';
      yield 'c\n';
    }
    assert.deepEqual(await collect(readLines(strings())), [{ line: 1, text: 'a' }, { line: 2, text: 'bc' }]);
  });
});
