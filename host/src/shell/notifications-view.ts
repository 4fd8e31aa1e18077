import { html, nothing } from 'lit';
import { hrefFor } from './router.js';
import type { FeedEntry } from './notification-feed.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface NotificationsState {
  entries: FeedEntry[];
  unread: number;
  open: boolean;
  /** Ids (plugin and id) unread when the list was opened: marked as new while it stays open. */
  fresh: ReadonlySet<string>;
  toggle: () => void;
  close: () => void;
  /** Opens a notification's page; afresh when it is the page already open. */
  follow: (event: Event, path: string) => void;
}

export const entryKey = (entry: Pick<FeedEntry, 'plugin' | 'id'>) => `${entry.plugin}/${entry.id}`;

/**
 * The header's notification button (with the unread count) and the list it opens: a disclosure,
 * so the list is in the page's reading order right after the button, and Escape closes it.
 */
export function notificationsView(state: NotificationsState) {
  const label = state.unread ? `Notifications, ${state.unread} unread` : 'Notifications';
  return html`<div class="notifications" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && state.open && state.close()}>
    <button class="bell" type="button" aria-expanded=${state.open ? 'true' : 'false'} aria-controls="notification-list" aria-label=${label} @click=${state.toggle}>
      <span aria-hidden="true">Notifications</span>${state.unread ? html`<span class="badge" aria-hidden="true">${state.unread > 99 ? '99+' : state.unread}</span>` : nothing}
    </button>
    <section id="notification-list" class="notification-list" aria-label="Notifications" ?hidden=${!state.open}>
      ${state.entries.length
        ? html`<ul>
            ${state.entries.map((entry) => {
              const isNew = state.fresh.has(entryKey(entry));
              const body = html`${isNew ? html`<span class="new">New<span class="visually-hidden">:</span></span> ` : nothing}<strong>${entry.title}</strong>
                ${entry.detail ? html`<span class="detail">${entry.detail}</span>` : nothing}
                <time datetime=${entry.at}>${when.format(new Date(entry.at))}</time>`;
              return html`<li class=${isNew ? 'unread' : ''}>${entry.path ? html`<a href=${hrefFor(entry.path)} @click=${(event: Event) => state.follow(event, entry.path!)}>${body}</a>` : html`<div>${body}</div>`}</li>`;
            })}
          </ul>`
        : html`<p class="none">Nothing to tell you yet.</p>`}
    </section>
  </div>`;
}
