/**
 * Where a call came in the live stream, as the page can tell it: the call's stored id (the event's
 * id), or, for a call the stream sent without one, the greatest id sent before it, its own being
 * below that. The stream sends a call without its id when it committed after a call with a greater
 * id had been sent (concurrent ingests on PostgreSQL, or a publication that came late), so that
 * the stream's Last-Event-ID never goes back.
 */
export type StreamPosition = { id: number } | { below: number };

/**
 * Whether a summary that includes the calls up to `throughCallId` (GET /summary reads it in the
 * same snapshot as its sums, with no ingest under way) leaves this call out, so that it is to be
 * counted on top of the summary. A call sent with its id is left out when the id is greater. One
 * sent without an id, below an id the summary includes, is in it; one below a greater id came after
 * a call the summary left out had been sent, so it committed after the summary was read (unless its
 * publication was held up past another batch's commit, as when the bus was down and the outbox
 * relay sends it later: such a call is counted twice).
 */
export function isAfterSummary(position: StreamPosition, throughCallId: number): boolean {
  return 'id' in position ? position.id > throughCallId : position.below > throughCallId;
}
