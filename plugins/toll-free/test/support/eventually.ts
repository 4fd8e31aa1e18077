/**
 * Waits until `condition` holds, asking again every 20 ms: for what another process (or the bus)
 * does when it does. Fails naming `what` when it never holds; the deadline is generous so a slow
 * machine stays green, while a broken path still fails.
 */
export async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
