// `npm run dev`: migrate, then rebuild the Remix app on change (remix watch) and restart the
// server when server/ changes (tsx watch). The server re-imports build/ after each rebuild.
import { spawn, spawnSync } from "node:child_process";

const env = { ...process.env, NODE_ENV: "development" };
const run = (cmd, args) => spawn(cmd, args, { stdio: "inherit", env, shell: false });

for (const step of [
  ["npx", ["remix", "build"]],
  ["npm", ["run", "db:migrate"]],
]) {
  const result = spawnSync(step[0], step[1], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const children = [run("npx", ["remix", "watch"]), run("npx", ["tsx", "watch", "--clear-screen=false", "--ignore", "build/**", "server/index.ts"])];
const stop = () => children.forEach((c) => c.kill("SIGTERM"));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
