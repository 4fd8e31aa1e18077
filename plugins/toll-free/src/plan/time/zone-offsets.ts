// UTC offsets of IANA time zones, fast enough to ask per routing decision. Intl formats a date in
// a zone in about a microsecond, too slow for a million decisions a second; but offsets change
// only a few times a year. So each zone's offsets are worked out once per block of time (about a
// year) with Intl, as segments of constant offset, and a decision finds its segment, usually the
// one the previous decision used.

const MINUTE_MS = 60_000;
/** 2^35 ms, about 398 days: offsets are worked out a block at a time. */
const BLOCK_MS = 2 ** 35;
/** Clocks change at most a few times a year, never twice within 12 hours: sampling that often cannot step over two changes. */
const SAMPLE_MS = 12 * 3_600_000;

interface Segment {
  start: number;
  end: number;
  offset: number;
}

/** Whether Node.js (ICU) knows the zone: an IANA name such as 'America/New_York', or 'UTC'. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly blocks = new Map<number, Segment[]>();
  private last: Segment = { start: 0, end: 0, offset: 0 };

  /** Throws RangeError for a zone Node.js does not know (see isKnownTimeZone). */
  constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Milliseconds to add to an instant (epoch ms) to read the zone's wall clock as if it were UTC. */
  offsetAt(instant: number): number {
    const last = this.last;
    if (instant >= last.start && instant < last.end) return last.offset;
    const block = Math.floor(instant / BLOCK_MS);
    let segments = this.blocks.get(block);
    if (!segments) this.blocks.set(block, (segments = this.segmentsOf(block)));
    for (const segment of segments) {
      if (instant < segment.end) {
        this.last = segment;
        return segment.offset;
      }
    }
    throw new Error(`no offset segment holds ${instant} in ${this.zone}`); // the segments cover their block
  }

  private segmentsOf(block: number): Segment[] {
    const blockStart = block * BLOCK_MS;
    const blockEnd = blockStart + BLOCK_MS;
    const segments: Segment[] = [];
    let start = blockStart;
    let offset = this.measure(blockStart);
    let previous = blockStart;
    for (let sample = blockStart + SAMPLE_MS; previous < blockEnd - 1; sample += SAMPLE_MS) {
      const at = Math.min(sample, blockEnd - 1);
      const found = this.measure(at);
      if (found !== offset) {
        const change = this.changeBetween(previous, at, offset);
        segments.push({ start, end: change, offset });
        start = change;
        offset = found;
      }
      previous = at;
    }
    segments.push({ start, end: blockEnd, offset });
    return segments;
  }

  /** The first whole minute after `before` (still on `offset`) at which the zone is on another offset; clocks change on whole minutes. */
  private changeBetween(before: number, after: number, offset: number): number {
    let low = Math.floor(before / MINUTE_MS);
    let high = Math.ceil(after / MINUTE_MS);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.measure(middle * MINUTE_MS) === offset) low = middle;
      else high = middle;
    }
    return high * MINUTE_MS;
  }

  private measure(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return wall - (instant - (((instant % 1000) + 1000) % 1000));
  }
}

const shared = new Map<string, ZoneOffsets>();

/** One ZoneOffsets per zone for the whole process: every plan in a zone shares its segments. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = shared.get(zone);
  if (!offsets) shared.set(zone, (offsets = new ZoneOffsets(zone)));
  return offsets;
}
