export { createInProcessBus, type InProcessBusOptions } from './in-process.js';
export { connectNatsBus, liveSubjectPrefix, type NatsBusOptions } from './nats.js';
export { scopedBus } from './scoped-bus.js';
export { matchesSubject, assertValidSubject, assertValidPattern } from './subjects.js';
export { consoleBusLogger, type BusLogger } from './bus-logger.js';
export { DEFAULT_ACK_WAIT_MS } from './consume-options.js';
