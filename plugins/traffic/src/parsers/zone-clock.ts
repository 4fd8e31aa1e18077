const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Wall-clock times of one IANA time zone to instants, for equipment that writes local times
 * (Asterisk's Master.csv). A wall time names no instant, one, or two: none in the hour skipped
 * when clocks go forward, two in the hour repeated when they go back. All are returned, earliest
 * first, and the caller chooses with what else it knows (a call's duration).
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  /** Offsets in force around a wall-clock hour; clocks change on whole hours in every zone NANP uses. */
  private readonly offsetsByHour = new Map<number, number[]>();

  /** Throws RangeError for a zone this Node.js does not know. */
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

  /** Instants (epoch ms) at which the zone's clocks read this wall time, earliest first. */
  instantsAt(year: number, month: number, day: number, hour: number, minute: number, second: number): number[] {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    const instants: number[] = [];
    for (const offset of this.offsetsAround(wall)) {
      const instant = wall - offset;
      if (this.wallTime(instant) === wall && !instants.includes(instant)) instants.push(instant);
    }
    return instants.sort((a, b) => a - b);
  }

  private offsetsAround(wall: number): number[] {
    const hour = Math.floor(wall / HOUR_MS);
    let offsets = this.offsetsByHour.get(hour);
    if (!offsets) {
      offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((instant) => this.wallTime(instant) - instant))];
      if (this.offsetsByHour.size > 10_000) this.offsetsByHour.clear();
      this.offsetsByHour.set(hour, offsets);
    }
    return offsets;
  }

  /** The zone's wall clock at an instant (whole seconds), expressed as if it were UTC. */
  private wallTime(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  }
}
