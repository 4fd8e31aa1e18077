import assert from 'node:assert/strict';
import {
  ARGON2ID_PARAMETERS,
  ARGON2ID_PHC_PREFIX,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '@switchboard/host/dist/auth/index.js';

describe('password hashing (argon2id)', () => {
  it('states the OWASP floor parameters and hashes with them, in PHC format', async () => {
    assert.deepEqual({ ...ARGON2ID_PARAMETERS }, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });
    assert.equal(ARGON2ID_PHC_PREFIX, '$argon2id$v=19$m=19456,t=2,p=1$');
    const hash = await hashPassword('violet tractor sings loudly');
    assert.ok(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'), hash);
    // A 16-byte salt and a 32-byte output, both unpadded base64.
    const [salt, output] = hash.slice(ARGON2ID_PHC_PREFIX.length).split('$');
    assert.equal(Buffer.from(salt!, 'base64').length, 16);
    assert.equal(Buffer.from(output!, 'base64').length, 32);
  });

  it('verifies the right password and refuses a wrong one, exactly as typed', async () => {
    const hash = await hashPassword('Violet tractor sings loudly');
    assert.equal(await verifyPassword(hash, 'Violet tractor sings loudly'), true);
    assert.equal(await verifyPassword(hash, 'violet tractor sings loudly'), false, 'no case folding');
    assert.equal(await verifyPassword(hash, 'Violet tractor sings loudly '), false, 'no trimming');
    assert.equal(await verifyPassword(hash, 'Violet tractor sings loudl'), false);
  });

  it('salts every hash afresh', async () => {
    const [a, b] = await Promise.all([hashPassword('same password twice'), hashPassword('same password twice')]);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword(b, 'same password twice'), true);
  });

  it('normalises Unicode (NFKC), so composed and decomposed accents are the same password', async () => {
    const composed = 'caf\u00e9 au lait le matin';
    const decomposed = 'cafe\u0301 au lait le matin';
    assert.notEqual(composed, decomposed);
    assert.equal(await verifyPassword(await hashPassword(composed), decomposed), true);
    // Full-width letters from an East Asian input method are their ASCII selves after NFKC.
    assert.equal(await verifyPassword(await hashPassword('ｐａｓｓｐｈｒａｓｅ ｏｎｅ'), 'passphrase one'), true);
  });

  it('asks for a rehash when a stored hash is weaker than the current parameters', async () => {
    assert.equal(needsRehash(await hashPassword('some long passphrase')), false);
    const weaker = await hashPassword('some long passphrase', { ...ARGON2ID_PARAMETERS, memoryCost: 4096, timeCost: 3 });
    assert.ok(weaker.startsWith('$argon2id$v=19$m=4096,t=3,p=1$'));
    assert.equal(needsRehash(weaker), true);
    const fewerPasses = await hashPassword('some long passphrase', { ...ARGON2ID_PARAMETERS, timeCost: 1 });
    assert.equal(needsRehash(fewerPasses), true);
    const stronger = await hashPassword('some long passphrase', { ...ARGON2ID_PARAMETERS, memoryCost: 47104 });
    assert.equal(needsRehash(stronger), false, 'a stronger hash is kept');
    assert.equal(needsRehash('$2b$10$abcdefghijklmnopqrstuv'), true, 'not argon2 at all');
  });
});
