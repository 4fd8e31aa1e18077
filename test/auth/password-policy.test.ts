import assert from 'node:assert/strict';
import { checkPassword, COMMON_PASSWORD_COUNT, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@switchboard/host/dist/auth/index.js';

const messages = (password: string, context = {}) => checkPassword(password, context).map((error) => error.message);
const TOO_COMMON = 'This password is too common and among the first an attacker tries. Choose something less predictable, such as a few unrelated words.';

describe('password policy', () => {
  it('accepts a good passphrase, spaces and any characters included, with no composition rules', () => {
    assert.deepEqual(checkPassword('violet tractor sings loudly', { login: 'jane.doe@acme.example', name: 'Jane Doe' }), []);
    assert.deepEqual(checkPassword('correct staple börse 電話'), []);
    assert.deepEqual(checkPassword('alllowercaseletters'), [], 'no upper case, digit or symbol required');
  });

  it('refuses a short password, saying how long it must be and how long it is', () => {
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.deepEqual(checkPassword('tractor9'), [
      { field: 'password', message: 'Use at least 12 characters (this one has 8). A few unrelated words make a long password that is easy to remember.' },
    ]);
    assert.deepEqual(messages(''), ['Enter a password.']);
  });

  it('counts characters as a person does (code points after NFKC), not UTF-16 units', () => {
    // Eleven emoji are eleven characters though JavaScript counts 22 units.
    assert.match(messages('🐙🦑🐳🐬🦈🐡🐠🐟🦀🦞🦐')[0]!, /this one has 11\)/);
    assert.deepEqual(messages('🐙🦑🐳🐬🦈🐡🐠🐟🦀🦞🦐🦪'), []);
  });

  it('refuses more than the maximum, which stays above the 64 ASVS asks to allow', () => {
    assert.equal(PASSWORD_MAX_LENGTH, 128);
    assert.deepEqual(messages('x'.repeat(27) + ' long enough words '.repeat(5) + 'y'.repeat(6)), []);
    assert.deepEqual(messages('a quiet word '.repeat(10)), ['Use at most 128 characters (this one has 130).']);
  });

  it('refuses common passwords, also with case changed, digits and symbols around them, or repeated', () => {
    assert.ok(COMMON_PASSWORD_COUNT >= 300, `${COMMON_PASSWORD_COUNT} entries`);
    for (const password of ['qwertyuiopasdfghjkl', '1qaz2wsx3edc', 'Password2024!', 'P@ssw0rd12345', '!!Welcome123456', 'monkeymonkeymonkey', 'correct horse battery staple', '123456789012', 'aaaaaaaaaaaaaa', 'abcabcabcabc']) {
      assert.deepEqual(messages(password), [TOO_COMMON], password);
    }
  });

  it('refuses a password that contains the login, its local part, or the user’s name', () => {
    const context = { login: 'jane.doe@acme.example', name: 'Jane Doe' };
    assert.deepEqual(messages('jane.doe@acme.example', context), ['Do not use your login name in your password.', 'Do not use your name in your password.']);
    assert.deepEqual(messages('my secret is JANE.DOE forever', context), ['Do not use your login name in your password.', 'Do not use your name in your password.']);
    assert.deepEqual(messages('Janedoe rides the morning bus', context), ['Do not use your login name in your password.', 'Do not use your name in your password.']);
    assert.deepEqual(messages('ndk3-rtq9-operator', { login: 'ndk3rtq9', name: 'Pat Smith' }), []);
    assert.deepEqual(messages('the ndk3rtq9 hidden kingdom', { login: 'ndk3rtq9', name: 'Pat Smith' }), ['Do not use your login name in your password.']);
    assert.deepEqual(messages('smithereens of blue glass', { login: 'pat', name: 'Pat Smith' }), ['Do not use your name in your password.']);
    // Name parts under four characters are not held against a passphrase ("pat" is inside "patio").
    assert.deepEqual(messages('patio furniture in winter', { login: 'p.li', name: 'Pat Li' }), []);
  });

  it('reports every problem at once, all for the password field', () => {
    const errors = checkPassword('janedoe1', { login: 'janedoe', name: 'Jane Doe' });
    assert.equal(errors.length, 3);
    assert.ok(errors.every((error) => error.field === 'password'));
  });
});
