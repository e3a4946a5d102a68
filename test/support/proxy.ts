import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import { freePort } from '../../local/emulators.js';

/** A TCP proxy in front of a service, to take it away and bring it back without losing its data. */
export interface Outage {
  endpoint: string;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<Outage> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new NetSocket();
        sockets.add(client);
        sockets.add(upstream);
        upstream.connect(targetPort, '127.0.0.1');
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return { endpoint: `http://127.0.0.1:${port}`, down: close, up: listen, stop: close };
}
