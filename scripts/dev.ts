/**
 * `npm run dev`: the API (restarted by tsx watch on server changes) and Vite with HMR, which proxies /api to it.
 */
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'scripts/start.ts'], { stdio: 'inherit' }),
  spawn('npx', ['vite'], { stdio: 'inherit' }),
];
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
for (const c of children)
  c.on('exit', (code) => {
    if (code) {
      stopAll();
      process.exitCode = code;
    }
  });
