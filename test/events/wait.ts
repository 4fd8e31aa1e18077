/**
 * Waits until `condition` holds, checking often, and fails naming `what` if it never does.
 * Deliveries are asynchronous on every bus; a generous deadline keeps slow machines green
 * while a broken bus still fails, because the condition never holds.
 */
export async function until(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
