import { createServer, type Server } from 'node:http';

/** Plain HTTP only ever says "go to HTTPS", to the same path. */
export function createRedirectServer(httpsPort: () => number, publicHost: string | null): Server {
  return createServer((req, res) => {
    const requested = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
    const target = publicHost ?? (httpsPort() === 443 ? requested : `${requested}:${httpsPort()}`);
    res.writeHead(308, { Location: `https://${target}${req.url ?? '/'}`, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Use HTTPS.\n');
  });
}
