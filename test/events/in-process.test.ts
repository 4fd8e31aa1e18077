import assert from 'node:assert/strict';
import { busContract, capturingLogger } from './bus-contract.js';
import { createInProcessBus } from '@switchboard/host/dist/events/index.js';
import { until } from './wait.js';

describe('in-process event bus', () => {
  busContract(async ({ logger }) => createInProcessBus({ logger }));

  describe('retention', () => {
    it('keeps only the most recent events for consumers that start later', async () => {
      const bus = createInProcessBus({ retention: 3, logger: capturingLogger() });
      try {
        for (const n of [1, 2, 3, 4, 5]) await bus.publish('traffic.call', { n });
        const got: number[] = [];
        await bus.consume<{ n: number }>('late', 'traffic.>', async (event) => {
          got.push(event.data.n);
          await event.ack();
        });
        await until('the retained events', () => got.length === 3);
        assert.deepEqual(got, [3, 4, 5]);
      } finally {
        await bus.close();
      }
    });

    it('refuses to publish once closed', async () => {
      const bus = createInProcessBus();
      await bus.close();
      await assert.rejects(bus.publish('traffic.call', {}), /closed/);
    });
  });
});
