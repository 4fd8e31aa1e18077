import assert from 'node:assert/strict';
import { decodeFreeswitchPost } from '../../src/parsers/freeswitch/decode-post.js';
import { parseFreeswitchCdr } from '../../src/parsers/freeswitch/json-cdr.js';
import { readSample } from '../support/index.js';

const ANSWERED = 'freeswitch/3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14.cdr.json';
const BUSY = 'freeswitch/c91a5d3e-07b2-4f6c-a8e1-2d9b4f7c5a30.cdr.json';

type Doc = { variables: Record<string, string>; callflow: { caller_profile: Record<string, unknown> }[] };
const load = async (name: string) => JSON.parse(await readSample(name)) as Doc;
const options = { source: 'tf-edge-1' };

describe('traffic: FreeSWITCH mod_json_cdr', () => {
  it('reads an answered toll-free call as mod_json_cdr writes it (values URL-encoded)', async () => {
    const result = parseFreeswitchCdr(await load(ANSWERED), options);
    assert.ok('record' in result, JSON.stringify(result));
    assert.deepEqual(result.record, {
      source: 'tf-edge-1',
      sourceId: '3f0c2b7e-9a41-4d5e-8c1b-6e2f7a9d0c14',
      tenantId: null,
      service: 'toll-free',
      direction: 'inbound',
      callingNumber: '+12015550143',
      dialedNumber: '+18005550199',
      origin: { npa: '201', state: 'NJ', country: 'US', timeZone: 'America/New_York' },
      startedAt: '2024-03-01T14:15:02.118Z',
      answeredAt: '2024-03-01T14:15:09.030Z',
      endedAt: '2024-03-01T14:17:40.523Z',
      durationSeconds: 158,
      billableSeconds: 151,
      disposition: 'answered',
      releaseCause: 16,
      destination: '+13125550100',
      routingPlanId: 'acme-main',
      routingPlanVersion: 7,
      callCenter: 'chicago',
      trunk: 'carrier-east',
    });
  });

  it('reads a busy call: no answer time, no billable seconds, Q.850 17', async () => {
    const result = parseFreeswitchCdr(await load(BUSY), options);
    assert.ok('record' in result, JSON.stringify(result));
    const { answeredAt, billableSeconds, durationSeconds, disposition, releaseCause, callingNumber, origin } = result.record;
    assert.deepEqual(
      { answeredAt, billableSeconds, durationSeconds, disposition, releaseCause, callingNumber, origin },
      {
        answeredAt: null,
        billableSeconds: 0,
        durationSeconds: 4,
        disposition: 'busy',
        releaseCause: 17,
        callingNumber: '+14165550178',
        origin: { npa: '416', state: 'ON', country: 'CA', timeZone: 'America/Toronto' },
      },
    );
  });

  it('decodes the body in each encoding mod_json_cdr can post it', async () => {
    const text = await readSample(ANSWERED);
    const expected = JSON.parse(text);
    assert.deepEqual(decodeFreeswitchPost(text, 'application/json'), { document: expected });
    assert.deepEqual(decodeFreeswitchPost(`cdr=${encodeURIComponent(text)}`, 'application/x-www-form-urlencoded'), { document: expected });
    const base64 = `cdr=${Buffer.from(text).toString('base64')}`;
    assert.deepEqual(decodeFreeswitchPost(base64, 'application/x-www-form-base64-encoded'), { document: expected });
    assert.match((decodeFreeswitchPost('cdr=%E0%A4%A', 'application/x-www-form-urlencoded') as { problem: string }).problem, /not valid URL encoding/);
    assert.match((decodeFreeswitchPost('<cdr/>', 'text/xml') as { problem: string }).problem, /^is not a JSON CDR/);
  });

  it('maps hangup causes to dispositions per the domain spec', async () => {
    const unanswered = async (variables: Record<string, string>) => {
      const doc = await load(BUSY);
      delete doc.variables.hangup_cause_q850;
      Object.assign(doc.variables, variables);
      const result = parseFreeswitchCdr(doc, options);
      assert.ok('record' in result, JSON.stringify(result));
      return [result.record.disposition, result.record.releaseCause];
    };
    assert.deepEqual(await unanswered({ hangup_cause: 'NO_ANSWER' }), ['no-answer', 19]);
    assert.deepEqual(await unanswered({ hangup_cause: 'NO_USER_RESPONSE' }), ['no-answer', 18]);
    assert.deepEqual(await unanswered({ hangup_cause: 'ORIGINATOR_CANCEL', hangup_cause_q850: '16', sip_hangup_disposition: 'recv_cancel' }), ['no-answer', 16]);
    assert.deepEqual(await unanswered({ hangup_cause: 'NORMAL_CIRCUIT_CONGESTION', sip_term_status: '503' }), ['failed', 34]);
    assert.deepEqual(await unanswered({ hangup_cause: 'UNALLOCATED_NUMBER', sip_term_status: '404' }), ['failed', 1]);
    assert.deepEqual(await unanswered({ hangup_cause: 'CALL_REJECTED', sip_term_status: '603', sip_hangup_disposition: 'send_refuse' }), ['blocked', 21]);
    assert.deepEqual(await unanswered({ hangup_cause: 'CALL_REJECTED', sip_term_status: '603', sip_hangup_disposition: 'recv_refuse' }), ['failed', 21]);
    assert.deepEqual(await unanswered({ hangup_cause: 'OUTGOING_CALL_BARRED', sip_hangup_disposition: 'send_refuse' }), ['blocked', 52]);
    // FreeSWITCH writes 16 into hangup_cause_q850 for causes of its own; that must not read as a caller who gave up.
    assert.deepEqual(await unanswered({ hangup_cause: 'GATEWAY_DOWN', hangup_cause_q850: '16' }), ['failed', null]);
    assert.deepEqual(await unanswered({ hangup_cause: 'BUSY_EVERYWHERE', hangup_cause_q850: '16' }), ['busy', 17]);
    assert.deepEqual(await unanswered({ hangup_cause: 'LOSE_RACE', hangup_cause_q850: '16' }), ['no-answer', null]);
  });

  it('falls back from channel variables to the caller profile and the SIP headers, and takes "anonymous" as withheld', async () => {
    const doc = await load(ANSWERED);
    delete doc.variables.sip_gateway_name;
    doc.callflow[0]!.caller_profile.caller_id_number = 'anonymous';
    doc.callflow[0]!.caller_profile.destination_number = '';
    const result = parseFreeswitchCdr(doc, options);
    assert.ok('record' in result, JSON.stringify(result));
    assert.equal(result.record.callingNumber, null);
    assert.equal(result.record.origin, null);
    assert.equal(result.record.dialedNumber, '+18005550199', 'from sip_req_user');
    assert.equal(result.record.trunk, null);
  });

  it('ignores B-legs, whose A-leg already records the call', async () => {
    const doc = await load(ANSWERED);
    doc.callflow[0]!.caller_profile.originator = { originator_caller_profiles: [{ uuid: 'a-leg' }] };
    assert.deepEqual(parseFreeswitchCdr(doc, options), { ignored: 'a B-leg (placed by FreeSWITCH onward); its A-leg records the call' });
  });

  it('names bad fields by their place in the FreeSWITCH document', async () => {
    const doc = await load(ANSWERED);
    doc.variables.end_uepoch = 'soon';
    delete doc.variables.uuid;
    delete doc.callflow[0]!.caller_profile.uuid;
    doc.callflow[0]!.caller_profile.destination_number = 'conference-7';
    const result = parseFreeswitchCdr(doc, options);
    assert.ok('errors' in result);
    assert.deepEqual(result.errors, [
      { field: 'variables.end_uepoch', message: 'is not a whole number' },
      { field: 'variables.uuid', message: 'is required' },
      { field: 'callflow[0].caller_profile.destination_number', message: 'is not a telephone number: use E.164 (+18005550100) or a North American form (800-555-0100)' },
    ]);
    assert.deepEqual(parseFreeswitchCdr({ channel_data: {} }, options), {
      errors: [{ field: 'variables', message: 'is required: mod_json_cdr writes the channel variables there' }],
    });
  });

  it('reads the answer time from whole-second epochs when the microsecond ones are missing', async () => {
    const doc = await load(ANSWERED);
    for (const name of ['start_uepoch', 'answer_uepoch', 'end_uepoch']) delete doc.variables[name];
    const result = parseFreeswitchCdr(doc, options);
    assert.ok('record' in result, JSON.stringify(result));
    assert.equal(result.record.startedAt, '2024-03-01T14:15:02.000Z');
    assert.equal(result.record.answeredAt, '2024-03-01T14:15:09.000Z');
    assert.equal(result.record.endedAt, '2024-03-01T14:17:40.000Z');
  });
});
