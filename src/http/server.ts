import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => unknown;

/** The process's HTTP face: health and readiness, metrics, the queue dashboard, and the webhook. */
export async function startHttp(host: string, port: number, routes: Record<string, Route>): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // Exact `METHOD /path` routes first, then `* /prefix` routes (the dashboard's pages and assets).
    const prefixed = Object.keys(routes).find((k) => k.startsWith('* ') && (path === k.slice(2) || path.startsWith(`${k.slice(2)}/`)));
    const route = routes[`${req.method} ${path}`] ?? (prefixed ? routes[prefixed] : undefined);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(route(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}
