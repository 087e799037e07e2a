import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '#root/config.js';

const script = fileURLToPath(new URL('./app-process.ts', import.meta.url));

/** Starts the app in a child process (through tsx) and resolves once it is running. */
export async function spawnRole(config: Config, role: 'worker' | 'bot' | 'all', extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...extraEnv, ROLE: role };
  for (const [k, v] of Object.entries(config)) if (v !== undefined) env[k] = Array.isArray(v) ? v.join(',') : String(v);
  env.ROLE = role;
  const child = fork(script, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${role} process exited early (${code})`)));
  });
  return child;
}

export async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
