import type { ShellNotification } from '@switchboard/sdk/web';

/** A notification with the plugin it came from. */
export interface FeedEntry extends ShellNotification {
  plugin: string;
}

/** How many the list shows, newest first, of all plugins together. */
export const FEED_LENGTH = 30;

/** ISO 8601 in any offset, as a number that orders in time; an unreadable time counts as long ago. */
const timeOf = (at: string) => Date.parse(at) || 0;

/**
 * The shell's notification list, merged from every plugin's source, and what of it is unread: what
 * happened after the user last opened the list (`seenAt`, kept by the browser per user).
 */
export class NotificationFeed {
  private readonly lists = new Map<string, readonly ShellNotification[]>();

  constructor(private seenAt: string | null = null) {}

  /**
   * Takes a plugin's current list and answers what in it is new: notifications it did not have
   * before and that are unread, for the shell to announce. The first list a plugin gives is what
   * was there already, so nothing in it is announced.
   */
  update(plugin: string, notifications: readonly ShellNotification[]): FeedEntry[] {
    const before = this.lists.get(plugin);
    this.lists.set(plugin, notifications);
    if (!before) return [];
    const known = new Set(before.map((n) => n.id));
    return notifications.filter((n) => !known.has(n.id) && this.isUnread(n)).map((n) => ({ ...n, plugin }));
  }

  /** Every plugin's notifications, newest first, at most FEED_LENGTH. */
  get entries(): FeedEntry[] {
    const all: FeedEntry[] = [];
    for (const [plugin, list] of this.lists) for (const n of list) all.push({ ...n, plugin });
    return all.sort((a, b) => timeOf(b.at) - timeOf(a.at)).slice(0, FEED_LENGTH);
  }

  get unread(): number {
    return this.entries.filter((n) => this.isUnread(n)).length;
  }

  isUnread(notification: Pick<ShellNotification, 'at'>): boolean {
    return this.seenAt === null || timeOf(notification.at) > timeOf(this.seenAt);
  }

  /** The user opened the list: everything in it is read. Returns the mark to keep, or null when there is nothing. */
  markSeen(): string | null {
    const newest = this.entries[0]?.at;
    if (newest && (this.seenAt === null || timeOf(newest) > timeOf(this.seenAt))) this.seenAt = newest;
    return this.seenAt;
  }
}
