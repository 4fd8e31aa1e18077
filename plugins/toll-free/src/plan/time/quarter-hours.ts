// Times of day as the registry keeps them: quarter-hour indexes, 0 = 00:00 ... 95 = 23:45, and 96
// = 24:00, which may only end a range (domain spec 1.3, TIM node).

export const QUARTERS_PER_DAY = 96;

const CLOCK = /^(\d\d):(\d\d)$/;

/** '08:15' -> 33, '24:00' -> 96; a reason in words when it is not a whole quarter hour of the day. */
export function parseQuarterHour(text: string): number | { reason: string } {
  const match = CLOCK.exec(text);
  if (!match) return { reason: `"${text}" is not a time as HH:MM` };
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) return { reason: `"${text}" is not a time of day` };
  if (minutes % 15 !== 0) return { reason: `"${text}" is not on a quarter hour (:00, :15, :30 or :45)` };
  return hours * 4 + minutes / 15;
}
