import type { Clock } from '@switchboard/sdk';

const DAY_MS = 86_400_000;

/** A clock the test moves. */
export class TestClock implements Clock {
  constructor(private at = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  /** Moves the clock on by days (fractions allowed). */
  advanceDays(days: number): void {
    this.at = new Date(this.at.getTime() + days * DAY_MS);
  }
}
