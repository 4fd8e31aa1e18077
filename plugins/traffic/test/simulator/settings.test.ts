import assert from 'node:assert/strict';
import { simulatorSettingProblems } from '../../src/simulator/check-settings.js';
import { customer, destination } from './simulation.js';

describe('simulator: settings the schema cannot check', () => {
  it('accepts the demo shape: customers with their own numbers and destinations', () => {
    const customers = [
      customer('acme', { numbers: ['+18005550100', '+18005550101'], destinations: [destination('dallas'), destination('tampa')] }),
      customer('globex', { timeZone: 'America/Phoenix', numbers: ['+18885550123'], destinations: [destination('phoenix')] }),
    ];
    assert.deepEqual(simulatorSettingProblems({ enabled: true, tickMilliseconds: 1000, customers }), []);
  });

  it('names each problem by its setting: a customer twice, a shared number, a destination id used twice, an unknown zone', () => {
    const customers = [
      customer('acme', { numbers: ['+18005550100'], destinations: [destination('dallas'), destination('dallas')] }),
      customer('globex', { timeZone: 'Mars/Olympus_Mons', numbers: ['+18005550100'], destinations: [destination('dallas')] }),
      customer('acme', { numbers: ['+18005550199'], destinations: [destination('austin')] }),
    ];
    assert.deepEqual(simulatorSettingProblems({ enabled: true, tickMilliseconds: 1000, customers }), [
      'plugins.settings.traffic.simulator.customers[0].destinations[1].id: dallas is already a destination of customers[0]; destination ids are unique across customers',
      'plugins.settings.traffic.simulator.customers[1].timeZone: Mars/Olympus_Mons is not an IANA time zone (such as America/Chicago)',
      'plugins.settings.traffic.simulator.customers[1].numbers: +18005550100 is already a number of customers[0]; a number has one owner',
      'plugins.settings.traffic.simulator.customers[1].destinations[0].id: dallas is already a destination of customers[0]; destination ids are unique across customers',
      'plugins.settings.traffic.simulator.customers[2].tenantId: acme is already customers[0]; give each customer once',
    ]);
  });
});
