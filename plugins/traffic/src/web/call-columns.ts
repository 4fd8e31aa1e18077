import { html, type Column } from '@switchboard/sdk/web';
import { dispositionLabel, formatDuration, formatNumber, groupLabel } from './call-display.js';
import type { MonitorCall } from './traffic-answers.js';

const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The latest-calls table (cells are drawn in the table's shadow root, where the page's classes do not reach, so they are plain text): when each call ended, who called from where, what they dialed, where it went, how it ended. */
export const latestCallColumns: Column<MonitorCall>[] = [
  { key: 'endedAt', label: 'Ended', value: (call) => new Date(call.endedAt), render: (call) => clockTime.format(new Date(call.endedAt)), nowrap: true },
  {
    key: 'callingNumber',
    label: 'Calling number',
    value: (call) => call.callingNumber ?? '',
    render: (call) => call.origin?.state ? `${formatNumber(call.callingNumber)} (${call.origin.state})` : formatNumber(call.callingNumber),
    nowrap: true,
  },
  { key: 'dialedNumber', label: 'Dialed number', render: (call) => formatNumber(call.dialedNumber), nowrap: true },
  {
    key: 'destination',
    label: 'Destination',
    value: (call) => [call.destination, call.callCenter].filter(Boolean).join(' '),
    // The call center under the destination, unless it is the same name (a destination that is a call center).
    render: (call) =>
      html`${groupLabel('destination', call.destination ?? '')}${call.callCenter && call.callCenter !== call.destination ? html`<br />${call.callCenter}` : ''}`,
  },
  { key: 'disposition', label: 'Outcome', value: (call) => dispositionLabel(call.disposition) },
  { key: 'durationSeconds', label: 'Duration', align: 'end', render: (call) => formatDuration(call.durationSeconds), nowrap: true },
];
