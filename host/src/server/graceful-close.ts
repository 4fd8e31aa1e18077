import type { Server } from 'node:http';

/**
 * Stops accepting connections, lets requests in flight finish (up to `graceMs`), then closes what is left.
 * Idle keep-alive connections are closed at once so they do not hold the process open.
 */
export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleTimer = setInterval(() => server.closeIdleConnections(), 100);
  const forceTimer = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleTimer);
    clearTimeout(forceTimer);
  }
}
