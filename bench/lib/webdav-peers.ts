// The peers the HTTP benchmarks compare against: nginx (Debian nginx-extras,
// dav + dav_ext) and `rclone serve webdav`, each over a fresh directory on the
// same disk as the product's data. They have no authentication and keep plain files.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exitCode } from "../../scripts/lib/console-process";
import { freePort } from "../../scripts/lib/test-database";
import { waitForHttp } from "./http-client";

/** A started peer: the URL of its WebDAV root (ends in "/"). */
export type Peer = { name: string; url: string; stop: () => Promise<void> };

export async function startNginxWebdav(): Promise<Peer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-nginx-"));
  const port = await freePort();
  for (const dir of ["www", "tmp", "logs"]) fs.mkdirSync(path.join(root, dir));
  fs.writeFileSync(
    path.join(root, "nginx.conf"),
    `load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;
daemon off; worker_processes 2; user root; pid ${root}/nginx.pid; error_log ${root}/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off; client_body_temp_path ${root}/tmp; client_max_body_size 0; sendfile on;
  server { listen 127.0.0.1:${port}; root ${root}/www;
    location / { dav_methods PUT DELETE MKCOL COPY MOVE; dav_ext_methods PROPFIND OPTIONS; create_full_put_path on; } }
}
`,
  );
  const nginx = spawn("nginx", ["-p", root, "-c", `${root}/nginx.conf`], { stdio: "inherit" });
  return started("nginx", nginx, `http://127.0.0.1:${port}/`, root, "apt-get install nginx-extras");
}

export async function startRcloneWebdav(): Promise<Peer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-bench-rclone-"));
  const port = await freePort();
  fs.mkdirSync(path.join(root, "www"));
  fs.writeFileSync(path.join(root, "rclone.conf"), "");
  const rclone = spawn("rclone", ["serve", "webdav", path.join(root, "www"), "--addr", `127.0.0.1:${port}`, "--config", path.join(root, "rclone.conf")], { stdio: "ignore" });
  return started("rclone serve webdav", rclone, `http://127.0.0.1:${port}/`, root, "apt-get install rclone");
}

/** Waits for a spawned peer to answer; says what to install when it is missing. Stopping it removes its directory. */
async function started(name: string, child: ChildProcess, url: string, root: string, install: string): Promise<Peer> {
  const failed = new Promise<never>((_, reject) => child.once("error", () => reject(new Error(`${name} is not installed: ${install}`))));
  await Promise.race([failed, waitForHttp(url)]);
  return {
    name,
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await exitCode(child);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
