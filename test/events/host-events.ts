/**
 * The host's event-bus module, as the tests load it: types from the source path (through the
 * project reference), code from host/dist, since test/dist sits one folder deeper than test/.
 * Once `@switchboard/host` exports the buses, import that.
 */
import type * as Events from '../../host/src/events/index.js';

export type * from '../../host/src/events/index.js';

const events = (await import(new URL('../../../host/dist/events/index.js', import.meta.url).href)) as typeof Events;

export const {
  createInProcessBus,
  connectNatsBus,
  liveSubjectPrefix,
  scopedBus,
  matchesSubject,
  assertValidSubject,
  assertValidPattern,
  consoleBusLogger,
  DEFAULT_ACK_WAIT_MS,
} = events;
