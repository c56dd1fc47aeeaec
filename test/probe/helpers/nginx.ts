// Debian's nginx as a stand-in site system for probe tests: found on PATH (or /usr/sbin), started as a
// non-daemon child on a loopback port with a configuration the test writes, stopped by the test.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { delimiter, join } from "node:path";

/** The nginx executable on PATH (or Debian's /usr/sbin, often missing from a user's PATH), or null. */
export function findNginx(): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/sbin"];
  for (const d of dirs) {
    if (d === "") continue;
    try {
      accessSync(join(d, "nginx"), constants.X_OK);
      return join(d, "nginx");
    } catch {
      // not here
    }
  }
  return null;
}

/** The top of an nginx configuration that keeps every file under `dir`; `servers` goes inside `http`. */
export function nginxConfig(dir: string, servers: string): string {
  return `
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  types { text/xml xml; text/plain txt; }
  default_type application/octet-stream;
${servers}
}
`;
}

/** The error log's text, for a failure message. */
export function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "(no error log)";
  }
}

/** Resolves once something accepts TCP connections on the port (bounded number of tries). */
export async function waitForPort(port: number, child: ChildProcess, errorLog: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${readLog(errorLog)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => {
        resolve(false);
      });
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port}:\n${readLog(errorLog)}`);
}

/**
 * Writes `config` to `dir/nginx.conf` (with the `www` and `tmp` folders it uses), starts nginx and waits
 * until it listens on `port`.
 */
export async function startNginx(
  executable: string,
  dir: string,
  config: string,
  port: number,
): Promise<ChildProcess> {
  for (const sub of ["www", "tmp"]) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, "nginx.conf"), config);
  const errorLog = join(dir, "error.log");
  const child = spawn(executable, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", errorLog], {
    stdio: "ignore",
  });
  await waitForPort(port, child, errorLog);
  return child;
}

/** Stops nginx (SIGTERM) and waits for it to exit. */
export async function stopNginx(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
