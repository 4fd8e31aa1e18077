import type { FieldError } from '@switchboard/sdk';
import type { CallRecord, Service } from '../../cdr/call-record.js';
import { inferService } from '../../cdr/infer-service.js';
import { formatInstant } from '../../cdr/instants.js';
import { validateCallRecord } from '../../cdr/validate-call-record.js';
import { inEquipmentTerms, presentedNumber } from '../equipment-fields.js';
import { CdrDocument } from './cdr-document.js';
import { freeswitchOutcome } from './outcome.js';

export interface FreeswitchCdrOptions {
  /** The switch the record comes from; the ingest names it after the network element that posted it. */
  source: string;
  /** The service, for a switch that carries only one; otherwise inferred from direction and dialed number. */
  service?: Service;
}

/** The canonical record, the problems, or why the document is not counted as a call of its own. */
export type FreeswitchCdrResult = { record: CallRecord } | { errors: FieldError[] } | { ignored: string };

/**
 * One FreeSWITCH `mod_json_cdr` document (one call leg) as a canonical record.
 *
 * Read from the channel variables: `uuid`; `direction` (else `channel_data.direction`); the
 * calling number from `caller_id_number`, else the caller profile the call arrived with, else
 * `sip_from_user` ("anonymous" and the like mean withheld); the dialed number from `destination_number`, else
 * that caller profile (the number dialed, before any transfer), else `sip_req_user`;
 * `start/answer/end` from `*_uepoch` (else `*_epoch`; an answer of 0 means never answered);
 * `duration` and `billsec`; the outcome from `hangup_cause` and `hangup_cause_q850`
 * (see outcome.ts).
 *
 * What Switchboard's routing chose is not FreeSWITCH's to know; a dialplan that asked the routing
 * API keeps the answer in channel variables, which come back here: `switchboard_destination`,
 * `switchboard_routing_plan_id`, `switchboard_routing_plan_version`, `switchboard_call_center`,
 * `switchboard_service`, `switchboard_trunk` (else the `sip_gateway_name` the call used).
 *
 * B-legs are ignored: mod_json_cdr posts one per bridged call unless `log-b-leg` is off, and the
 * A-leg already records the call and how its bridge ended, so counting both would count it twice.
 */
export function parseFreeswitchCdr(document: unknown, options: FreeswitchCdrOptions): FreeswitchCdrResult {
  const cdr = CdrDocument.open(document);
  if (!(cdr instanceof CdrDocument)) return { errors: [cdr] };
  if (cdr.isBLeg) return { ignored: 'a B-leg (placed by FreeSWITCH onward); its A-leg records the call' };

  // Where each canonical field was read, to name errors in FreeSWITCH's terms.
  const places: Record<string, string> = {
    sourceId: 'variables.uuid',
    direction: 'variables.direction',
    durationSeconds: 'variables.duration',
    billableSeconds: 'variables.billsec',
    disposition: 'variables.hangup_cause',
    releaseCause: 'variables.hangup_cause_q850',
    service: 'variables.switchboard_service',
    destination: 'variables.switchboard_destination',
    routingPlanId: 'variables.switchboard_routing_plan_id',
    routingPlanVersion: 'variables.switchboard_routing_plan_version',
    callCenter: 'variables.switchboard_call_center',
  };
  const calling = cdr.first('variables.caller_id_number', 'callflow.caller_id_number', 'variables.sip_from_user');
  const dialed = cdr.first('variables.destination_number', 'callflow.destination_number', 'variables.sip_req_user');
  const trunk = cdr.first('variables.switchboard_trunk', 'variables.sip_gateway_name');
  places.callingNumber = calling?.field ?? 'variables.caller_id_number';
  places.dialedNumber = dialed?.field ?? 'variables.destination_number';
  places.trunk = trunk?.field ?? 'variables.switchboard_trunk';

  const start = cdr.epoch('start');
  const answer = cdr.epoch('answer');
  const end = cdr.epoch('end');
  places.startedAt = start.field;
  places.answeredAt = answer.field;
  places.endedAt = end.field;
  const direction = cdr.variable('direction') ?? cdr.channelDirection;
  const outcome = freeswitchOutcome(cdr, typeof answer.ms === 'number');
  const version = cdr.integer('switchboard_routing_plan_version');

  const input = {
    source: options.source,
    sourceId: cdr.variable('uuid') ?? cdr.first('callflow.uuid')?.value,
    service: cdr.variable('switchboard_service') ?? options.service ?? inferService(dialed?.value ?? '', direction === 'outbound' ? 'outbound' : 'inbound'),
    direction,
    callingNumber: presentedNumber(calling?.value),
    dialedNumber: dialed?.value,
    startedAt: typeof start.ms === 'number' ? formatInstant(start.ms) : undefined,
    answeredAt: typeof answer.ms === 'number' ? formatInstant(answer.ms) : null,
    endedAt: typeof end.ms === 'number' ? formatInstant(end.ms) : undefined,
    durationSeconds: cdr.integer('duration'),
    billableSeconds: cdr.integer('billsec'),
    disposition: outcome.disposition,
    releaseCause: outcome.releaseCause,
    destination: cdr.variable('switchboard_destination') ?? null,
    routingPlanId: cdr.variable('switchboard_routing_plan_id') ?? null,
    routingPlanVersion: version,
    callCenter: cdr.variable('switchboard_call_center') ?? null,
    trunk: trunk?.value ?? null,
  };

  const result = validateCallRecord(input);
  const readErrors = cdr.errors;
  if ('record' in result && !readErrors.length) return result;
  // Problems reading a variable come first; the validator's complaint about the same field would only repeat them.
  const validatorErrors = 'errors' in result ? inEquipmentTerms(result.errors, places) : [];
  const seen = new Set(readErrors.map((error) => error.field));
  return { errors: [...readErrors, ...validatorErrors.filter((error) => !seen.has(error.field))] };
}
