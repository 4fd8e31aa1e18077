import assert from 'node:assert/strict';
import { orderByRequirements, RequirementError } from '@switchboard/host';

const p = (id: string, ...requires: string[]) => ({ id, requires });

describe('ordering plugins by their requirements', () => {
  it('puts every plugin after the plugins it requires', () => {
    const order = orderByRequirements([p('reports', 'traffic', 'billing'), p('billing', 'traffic'), p('traffic'), p('contact')]).map((x) => x.id);
    assert.ok(order.indexOf('traffic') < order.indexOf('billing'));
    assert.ok(order.indexOf('billing') < order.indexOf('reports'));
    assert.equal(order.length, 4);
  });

  it('names a missing requirement and who needs it', () => {
    assert.throws(() => orderByRequirements([p('toll-free', 'traffic')]), (error: unknown) => {
      assert.ok(error instanceof RequirementError);
      assert.equal(error.message, 'Plugin toll-free requires "traffic", which is not loaded');
      assert.deepEqual(error.affected, ['toll-free']);
      return true;
    });
  });

  it('names every plugin of a cycle, in order', () => {
    assert.throws(() => orderByRequirements([p('a', 'b'), p('b', 'c'), p('c', 'a'), p('d')]), (error: unknown) => {
      assert.ok(error instanceof RequirementError);
      assert.equal(error.message, 'Plugins require each other in a cycle: a -> b -> c -> a');
      assert.deepEqual(error.affected, ['a', 'b', 'c']);
      return true;
    });
  });
});
