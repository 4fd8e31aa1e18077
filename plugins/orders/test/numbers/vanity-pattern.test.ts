import assert from 'node:assert/strict';
import { readTollFreeNumber } from '../../src/numbers/toll-free-number.js';
import { vanityPattern } from '../../src/numbers/vanity-pattern.js';

const like = (text: string) => {
  const read = vanityPattern(text);
  assert.ok('like' in read, `${text}: ${'problem' in read ? read.problem : ''}`);
  return read.like;
};
const problem = (text: string) => {
  const read = vanityPattern(text);
  assert.ok('problem' in read, `${text} is refused`);
  return read.problem;
};

describe('orders: vanity search patterns and toll-free numbers', () => {
  it('maps letters to their keypad digits and ? to any one digit', () => {
    assert.equal(like('800-FLOWERS'), '+18003569377');
    assert.equal(like('1-800-flowers'), '+18003569377');
    assert.equal(like('8??-555-01??'), '+18__55501__');
    assert.equal(like('(888) PQRS TUV'), '+18887777888');
    assert.equal(like('8XX 555 0100'), '+18995550100', 'X is a letter on the 9 key, not a wildcard');
  });

  it('lets * stand for any run of digits, so a word can sit anywhere', () => {
    assert.equal(like('*FLOWERS'), '+1%3569377');
    assert.equal(like('800*CALL'), '+1800%2255');
    assert.equal(like('8?? * 2255'), '+18__%2255');
  });

  it('says what is wrong with a pattern that cannot match a number', () => {
    assert.match(problem('800-FLOWER'), /all 10 digits .*stands for 9\)/);
    assert.match(problem('800-FLOWERS-NOW'), /all 10 digits .*stands for 13\)/);
    assert.match(problem('800_555%'), /only digits, letters, \?/);
    assert.match(problem('**'), /at least one digit/);
    assert.match(problem('8'.repeat(30)), /at most 24 characters/);
  });

  it('reads toll-free numbers as people write them, in E.164, and says why others are not', () => {
    assert.deepEqual(readTollFreeNumber('1-800-555-0100'), { number: '+18005550100' });
    assert.deepEqual(readTollFreeNumber('(833) 555 0100'), { number: '+18335550100' });
    assert.deepEqual(readTollFreeNumber('+18885550100'), { number: '+18885550100' });
    assert.match((readTollFreeNumber('312-555-0100') as { problem: string }).problem, /toll-free code \(800, 833/);
    assert.match((readTollFreeNumber('822-555-0100') as { problem: string }).problem, /toll-free code/, '822 holds no numbers yet');
    assert.match((readTollFreeNumber('800-155-0100') as { problem: string }).problem, /exchange .* 2 to 9/);
    assert.match((readTollFreeNumber('800-555-010') as { problem: string }).problem, /10 digits/);
    assert.match((readTollFreeNumber('800-FLOWERS') as { problem: string }).problem, /digits/);
  });
});
