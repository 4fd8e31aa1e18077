import type { JSONSchemaType } from '@switchboard/sdk';
import { DAYS_OF_WEEK } from './model.js';
import { MAX_BRANCHES_PER_NODE, MAX_ID_LENGTH, MAX_LABEL_LENGTH, MAX_VALUES_PER_NODE } from './limits.js';

// The JSON schema of a routing plan, for ajv (the API checks bodies with it). It holds the shape
// only: node types, their fields and sizes. What a network manager gets wrong in a plan that has
// the right shape (a malformed area code, a missing `other`, percentages adding up to 90) is for
// validatePlan to say in the tree's words, and such a plan may still be saved as a draft, so the
// schema lets it through. It carries an $id, so it can be embedded in a route's body schema and
// its internal references still resolve.

const id = { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH } as const;
const label = { type: 'string', maxLength: MAX_LABEL_LENGTH } as const;
/** Values are checked by validatePlan, which names each bad one; here only their size is bounded. */
const shortText = { type: 'string', maxLength: 32 } as const;
const values = (items: JSONSchemaType) => ({ type: 'array', maxItems: MAX_VALUES_PER_NODE, items });

function choice(next: JSONSchemaType, type: string, branchValues: Record<string, JSONSchemaType>, extra: Record<string, JSONSchemaType> = {}): JSONSchemaType {
  const valueKeys = Object.keys(branchValues);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'branches', ...Object.keys(extra)],
    properties: {
      id,
      type: { const: type },
      label,
      ...extra,
      branches: {
        type: 'array',
        maxItems: MAX_BRANCHES_PER_NODE,
        items: {
          type: 'object',
          additionalProperties: false,
          required: [...valueKeys, 'next'],
          properties: { label, ...branchValues, next },
        },
      },
      ...(type === 'percent' ? {} : { other: next }),
    },
  };
}

const zone = { timeZone: { type: 'string', minLength: 1, maxLength: 64 } };

const action = (type: string, required: string[], properties: Record<string, JSONSchemaType>): JSONSchemaType => ({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'type', ...required],
  properties: { id, type: { const: type }, label, ...properties },
});

/**
 * One of several object shapes told apart by their `type`: if/then per type rather than oneOf, so
 * that ajv (without its discriminator option) reports only what is wrong with the shape the
 * object says it is, not why it is none of the others.
 */
function byType(shapes: JSONSchemaType[]): JSONSchemaType {
  const types = shapes.map((shape) => (shape.properties as { type: { const: string } }).type.const);
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types } },
    allOf: shapes.map((shape, i) => ({ if: { properties: { type: { const: types[i] } } }, then: shape })),
  };
}

/** A route's destination: a number, a SIP URI or one of the customer's call centers. */
export const DESTINATION_SCHEMA = byType([
  { type: 'object', additionalProperties: false, required: ['type', 'number'], properties: { type: { const: 'number' }, number: { type: 'string', maxLength: 40 } } },
  { type: 'object', additionalProperties: false, required: ['type', 'uri'], properties: { type: { const: 'sip' }, uri: { type: 'string', maxLength: 256 } } },
  { type: 'object', additionalProperties: false, required: ['type', 'callCenterId'], properties: { type: { const: 'call-center' }, callCenterId: id } },
]);

/** The decision nodes' shapes, their branches leading to `next`. */
const decisionShapes = (next: JSONSchemaType): JSONSchemaType[] => [
  choice(next, 'npa', { npas: values(shortText) }),
  choice(next, 'npa-nxx', { prefixes: values(shortText) }),
  choice(next, 'lata', { latas: values(shortText) }),
  choice(next, 'state', { states: values(shortText) }),
  choice(next, 'country', { countries: values(shortText) }),
  choice(next, 'time-of-day', {
    ranges: values({ type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: shortText, to: shortText } }),
  }, zone),
  choice(next, 'day-of-week', { days: values({ enum: [...DAYS_OF_WEEK] }) }, zone),
  choice(next, 'date', {
    dates: values({ type: 'object', additionalProperties: false, required: ['from'], properties: { from: shortText, to: shortText } }),
  }, zone),
  choice(next, 'percent', { percent: { type: 'number', minimum: 0, maximum: 100 } }),
];

const ACTION_SHAPES: JSONSchemaType[] = [
  action('route', ['destination'], { destination: DESTINATION_SCHEMA }),
  action('announce', ['announcementId'], { announcementId: id }),
  action('block', [], {}),
];

export const ROUTING_PLAN_SCHEMA: JSONSchemaType = {
  $id: 'urn:switchboard:toll-free:routing-plan',
  type: 'object',
  additionalProperties: false,
  required: ['root'],
  properties: { root: { $ref: '#/$defs/node' } },
  $defs: {
    node: byType([...decisionShapes({ $ref: '#/$defs/node' }), ...ACTION_SHAPES]),
  },
};

/**
 * The same shape, nested at most `decisions` decisions deep: past that only an action may stand.
 * What the API checks bodies with, so that a body nested thousands deep is refused where the
 * schema stops rather than walked to its end (ajv checks a recursive schema by recursion). Give
 * it a few levels more than MAX_PLAN_DEPTH, so that a draft a little too deep is still saved and
 * validatePlan names its depth_limit on the node. The caller puts `$defs` at the root of its body
 * schema and `plan` where the plan goes. Each level has its own `$id`, so the host compiles the
 * levels once for every route that takes a plan (shared definitions, host/src/validation/ajv.ts);
 * they are about all of such a route's compile time.
 */
export function nestedPlanSchema(decisions: number): { plan: JSONSchemaType; $defs: Record<string, JSONSchemaType> } {
  const level = (depth: number) => `urn:switchboard:toll-free:plan-level-${decisions}-${depth}`;
  const $defs: Record<string, JSONSchemaType> = {};
  for (let depth = 0; depth < decisions; depth++) $defs[`planLevel${depth}`] = { $id: level(depth), ...byType([...decisionShapes({ $ref: level(depth + 1) }), ...ACTION_SHAPES]) };
  $defs[`planLevel${decisions}`] = { $id: level(decisions), ...byType(ACTION_SHAPES) };
  return { plan: { type: 'object', additionalProperties: false, required: ['root'], properties: { root: { $ref: level(0) } } }, $defs };
}
