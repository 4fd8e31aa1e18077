export * from './calls.js';
export * from './samples.js';
export { seededRandom } from './switchboard.js';
