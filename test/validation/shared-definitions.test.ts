import assert from 'node:assert/strict';
import { compileSchema, describeErrors } from '@switchboard/host/dist/validation/ajv.js';

/** A definition with its own $id, as a plugin shares one among its routes' schemas. */
const level = (id: string, next: string | null) => ({
  $id: id,
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 5 }, ...(next ? { child: { $ref: next } } : {}) },
});

describe('shared schema definitions', () => {
  const outer = 'urn:switchboard:test:shared-outer';
  const inner = 'urn:switchboard:test:shared-inner';
  const defs = { outer: level(outer, inner), inner: level(inner, null) };
  const routeSchema = (extra: string) => ({ type: 'object', additionalProperties: false, required: ['tree'], properties: { [extra]: { type: 'string' }, tree: { $ref: outer } }, $defs: defs });

  it('validates through definitions shared by id, with the same field errors, in every schema that uses them', () => {
    const first = compileSchema(routeSchema('a'));
    const second = compileSchema(routeSchema('b'));
    for (const validate of [first, second]) {
      assert.equal(validate({ tree: { name: 'top', child: { name: 'leaf' } } }), true);
      assert.equal(validate({ tree: { name: 'top', child: { name: 'too long', child: { name: 'x' } } } }), false);
      assert.deepEqual(describeErrors(validate.errors), [
        { field: 'tree.child.child', message: 'is not an allowed field' },
        { field: 'tree.child.name', message: 'must NOT have more than 5 characters' },
      ]);
    }
    // The schemas' own properties stay their own.
    assert.equal(first({ tree: { name: 'x' }, b: 'no' }), false);
    assert.equal(second({ tree: { name: 'x' }, b: 'yes' }), true);
  });

  it('refuses a second, different schema under an id already in use', () => {
    const clash = { type: 'object', properties: { tree: { $ref: outer } }, $defs: { outer: { ...level(outer, null), maxProperties: 1 } } };
    assert.throws(() => compileSchema(clash), /two different schemas have the \$id urn:switchboard:test:shared-outer/);
  });
});
