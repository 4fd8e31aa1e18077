import type { Disposition } from '../../cdr/call-record.js';

/** FreeSWITCH's names for the Q.850 causes (its `hangup_cause` values up to 127). */
export const FREESWITCH_Q850: Readonly<Record<string, number>> = {
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_TRANSIT_NET: 2,
  NO_ROUTE_DESTINATION: 3,
  CHANNEL_UNACCEPTABLE: 6,
  CALL_AWARDED_DELIVERED: 7,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  REDIRECTION_TO_NEW_DESTINATION: 23,
  EXCHANGE_ROUTING_ERROR: 25,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  FACILITY_REJECTED: 29,
  RESPONSE_TO_STATUS_ENQUIRY: 30,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
  ACCESS_INFO_DISCARDED: 43,
  REQUESTED_CHAN_UNAVAIL: 44,
  PRE_EMPTED: 45,
  FACILITY_NOT_SUBSCRIBED: 50,
  OUTGOING_CALL_BARRED: 52,
  INCOMING_CALL_BARRED: 54,
  BEARERCAPABILITY_NOTAUTH: 57,
  BEARERCAPABILITY_NOTAVAIL: 58,
  SERVICE_UNAVAILABLE: 63,
  BEARERCAPABILITY_NOTIMPL: 65,
  CHAN_NOT_IMPLEMENTED: 66,
  FACILITY_NOT_IMPLEMENTED: 69,
  SERVICE_NOT_IMPLEMENTED: 79,
  INVALID_CALL_REFERENCE: 81,
  INCOMPATIBLE_DESTINATION: 88,
  INVALID_MSG_UNSPECIFIED: 95,
  MANDATORY_IE_MISSING: 96,
  MESSAGE_TYPE_NONEXIST: 97,
  WRONG_MESSAGE: 98,
  IE_NONEXIST: 99,
  INVALID_IE_CONTENTS: 100,
  WRONG_CALL_STATE: 101,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  MANDATORY_IE_LENGTH_ERROR: 103,
  PROTOCOL_ERROR: 111,
  INTERWORKING: 127,
};

/**
 * FreeSWITCH's own causes (above 127) that say what happened to an unanswered call. FreeSWITCH
 * writes 16 into `hangup_cause_q850` for every cause of its own, which would read as "the caller
 * gave up" for a gateway that was down; so these carry their Q.850 equivalent where one exists
 * (null where none does) and their category. Any other cause of its own (GATEWAY_DOWN,
 * MEDIA_TIMEOUT, PROGRESS_TIMEOUT, SYSTEM_SHUTDOWN...) is a failure with no Q.850 cause.
 */
export const FREESWITCH_OWN: Readonly<Record<string, { cause: number | null; unanswered: Disposition }>> = {
  ORIGINATOR_CANCEL: { cause: 16, unanswered: 'no-answer' }, // the caller hung up first (SIP CANCEL)
  LOSE_RACE: { cause: null, unanswered: 'no-answer' }, // another leg of the ring group answered
  PICKED_OFF: { cause: null, unanswered: 'no-answer' }, // picked up from another phone
  NO_PICKUP: { cause: 19, unanswered: 'no-answer' },
  BUSY_EVERYWHERE: { cause: 17, unanswered: 'busy' }, // SIP 600
  DECLINE: { cause: 21, unanswered: 'failed' }, // SIP 603 from the far end: a terminal reject
  DOES_NOT_EXIST_ANYWHERE: { cause: 1, unanswered: 'failed' }, // SIP 604
};
