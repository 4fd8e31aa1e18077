import {
  ApiClientError,
  NOTIFICATIONS_CHANGED_EVENT,
  NOTIFICATIONS_LIVE_ROUTE,
  NOTIFICATIONS_ROUTE,
  type ApiClient,
  type ShellNotification,
} from '@switchboard/sdk/web';

/** How many of a plugin's notifications the shell reads each time. */
const LIMIT = 20;

/**
 * Follows one plugin's notifications for the signed-in user (the web contract's notification
 * routes): reads its list, then opens its live stream and reads the list again on each `changed`
 * event and each (re)connection, one read at a time. A plugin without the routes, or that the user
 * may not ask, answers 404 or 403 to the first read and is left alone. Returns the function that stops it.
 */
export function followNotifications(api: ApiClient, plugin: string, update: (notifications: readonly ShellNotification[]) => void): () => void {
  const base = `/api/${encodeURIComponent(plugin)}/`;
  let stopped = false;
  let live: EventSource | null = null;
  let reading: Promise<void> | null = null;
  let again = false;

  const read = async () => {
    const { items } = await api.get<{ items: ShellNotification[] }>(`${base}${NOTIFICATIONS_ROUTE}`, { query: { limit: LIMIT } });
    if (!stopped) update(items);
  };
  const refresh = () => {
    if (reading) {
      again = true; // changed during a read: one more read after it
      return;
    }
    reading = read()
      .catch(() => undefined) // the next event or reconnection reads again
      .finally(() => {
        reading = null;
        if (again && !stopped) {
          again = false;
          refresh();
        }
      });
  };

  read()
    .then(() => {
      if (stopped) return;
      live = new EventSource(`${base}${NOTIFICATIONS_LIVE_ROUTE}`);
      live.addEventListener('open', refresh);
      live.addEventListener(NOTIFICATIONS_CHANGED_EVENT, refresh);
    })
    .catch((error: unknown) => {
      // 404: the plugin tells nobody anything; 403: not this user. Anything else: not now, and
      // the next sign-in asks again.
      if (!(error instanceof ApiClientError)) console.error(`Reading the ${plugin} notifications failed`, error);
    });

  return () => {
    stopped = true;
    live?.close();
  };
}
