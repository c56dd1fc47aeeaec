// Loopback servers for probe tests: HTTPS stand-ins for site systems, a TCP server that never answers,
// and a port with nothing listening. Every server records what it was asked and is closed by the test.
import { createServer as createHttpsServer } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { KeyPair } from "./pki.js";

/** A running loopback server. */
export interface TestServer {
  readonly port: number;
  /** Request targets (`/path?query`) in arrival order; TCP connections for a plain TCP server. */
  readonly requests: string[];
  /** Stops listening and cuts every open connection. */
  readonly close: () => Promise<void>;
}

/** A request handler of a stand-in server. */
export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** An MPLIST document listing these FQDNs, shaped like a real management point's answer. */
export function mpListXml(fqdns: readonly string[], siteCode = "PS1"): string {
  const mps = fqdns
    .map(
      (fqdn) =>
        `<MP Name="${fqdn.split(".")[0]?.toUpperCase() ?? ""}" FQDN="${fqdn}" SiteCode="${siteCode}">` +
        `<Version>9128</Version><Capabilities SchemaVersion="1.0"><Property Name="SSLState" Value="63"/></Capabilities></MP>`,
    )
    .join("");
  return `<MPList>${mps}</MPList>`;
}

/**
 * A site system as IIS would answer: MPLIST and MPCERT on the management point, the discovery service of
 * the enrollment proxy point, 403 for `/` (no directory browsing), 404 otherwise.
 */
export function siteHandler(mplist: string): Handler {
  return (request, response) => {
    const target = request.url ?? "/";
    if (target === "/SMS_MP/.sms_aut?MPLIST") {
      response.writeHead(200, { "content-type": "text/xml" }).end(mplist);
    } else if (target === "/SMS_MP/.sms_aut?MPCERT") {
      response.writeHead(200, { "content-type": "text/plain" }).end("308201A2300D06092A864886F70D");
    } else if (target === "/EnrollmentServer/Discovery.svc") {
      response.writeHead(200, { "content-type": "text/html" }).end("<html>Discovery service</html>");
    } else if (target === "/") {
      response.writeHead(403, { "content-type": "text/html" }).end("403 - Forbidden: Access is denied.");
    } else {
      response.writeHead(404).end();
    }
  };
}

function listen(server: NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no TCP address"));
      else resolve(address.port);
    });
  });
}

function closer(server: NetServer, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => {
        resolve();
      });
    });
}

/** An HTTPS server on 127.0.0.1 presenting `pair`'s certificate. */
export async function httpsServer(pair: KeyPair, handler: Handler): Promise<TestServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpsServer({ key: pair.key, cert: pair.cert }, (request, response) => {
    requests.push(request.url ?? "");
    handler(request, response);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A client that rejects the certificate aborts the handshake: expected here, not a test failure.
  server.on("tlsClientError", () => undefined);
  const port = await listen(server);
  return { port, requests, close: closer(server, sockets) };
}

/** A TCP server that accepts connections and never sends a byte (nor completes a TLS handshake). */
export async function silentServer(): Promise<TestServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    requests.push("connection");
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  const port = await listen(server);
  return { port, requests, close: closer(server, sockets) };
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}
