import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /**
   * Kills it with SIGKILL (a crash of the process, not of the machine) and starts it again on
   * the same port and data directory, where the AOF (asCompose) has kept the data.
   */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The persistence flags of the `redis` service in docker-compose.yml (`--appendonly yes
 * --appendfsync everysec --maxmemory-policy noeviction`), read from the file itself so the
 * fault tests run Redis exactly as a deployment does.
 */
export function composeRedisArgs(): string[] {
  const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
  const line = /^\s*command:\s*(\["redis-server".*\])\s*$/m.exec(compose);
  if (!line) throw new Error('docker-compose.yml: no redis-server command found');
  return (JSON.parse(line[1]!) as string[]).slice(1);
}

/**
 * A private redis-server for tests, the demo and benchmarks: its own port and directory,
 * so nothing ever touches (or flushes) a Redis it did not start. `asCompose` runs it with
 * docker-compose.yml's flags (AOF, fsync every second); otherwise it keeps nothing on disk.
 */
export async function startRedis(opts: { asCompose?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'giaoban-redis-'));
  // Compose leaves RDB snapshots at Redis's defaults; otherwise nothing is written to disk.
  const persistence = opts.asCompose ? composeRedisArgs() : ['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  let proc: ChildProcess;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...persistence],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      proc.once('error', (err) =>
        reject(new Error(`could not start redis-server (${err.message}); install it (Debian: apt-get install redis-server)`)),
      );
      proc.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
    });
  await launch();
  const stopProc = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await stopProc();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopProc();
      await launch();
    },
  };
}
