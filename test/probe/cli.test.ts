// `mdmsim probe` bad input: exit 2 with one line naming the option or file, no stack, nothing contacted.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, runCli, expectBadInput } from "../helpers/cli.js";
import { LAB_SCENARIO } from "../helpers/labScenario.js";
import { silentServer, type TestServer } from "./helpers/servers.js";

let dir: string;
let file: string;
let listener: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-probe-cli-"));
  file = join(dir, "lab.json");
  writeFileSync(file, LAB_SCENARIO);
  writeFileSync(join(dir, "empty.pem"), "no certificate here\n");
  writeFileSync(
    join(dir, "broken.pem"),
    "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
  );
  listener = await silentServer();
});

afterAll(async () => {
  await listener.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("probe: bad input is exit 2, one line, and nothing is contacted", () => {
  const resolve = () => ["--resolve", `cm01.lab.example.com=127.0.0.1:${listener.port}`];

  it.each([
    [["--resolve", "cm01.lab.example.com"], "--resolve cm01.lab.example.com: expected NAME=IP"],
    [["--resolve", "cm01.lab.example.com=10.1"], '"10.1" is not an IPv4 address'],
    [["--resolve", "cm01.lab.example.com=10.0.0.1:99999"], "expected a port 1-65535"],
    [
      ["--resolve", "typo.lab.example.com=10.0.0.1"],
      '"typo.lab.example.com" is not a server of the scenario',
    ],
    [["--timeout", "soon"], '--timeout: expected a duration > 0 like "5s"'],
    [["--timeout", "0s"], "--timeout: expected a duration > 0"],
  ])("%j", async (args, message) => {
    expectBadInput(await runCli(["probe", file, ...args]), message);
  });

  it("names a --ca file that cannot be read, holds no PEM certificate, or holds a broken one", async () => {
    const missing = join(dir, "missing.pem");
    expectBadInput(
      await runCli(["probe", file, ...resolve(), "--ca", missing]),
      `--ca ${missing}: cannot read the file: it does not exist`,
    );
    expectBadInput(
      await runCli(["probe", file, ...resolve(), "--ca", join(dir, "empty.pem")]),
      "empty.pem: no PEM certificate in the file",
    );
    expectBadInput(
      await runCli(["probe", file, ...resolve(), "--ca", join(dir, "broken.pem")]),
      "broken.pem: certificate 1 of the file is not a valid X.509 certificate",
    );
    expectBadInput(await runCli(["probe", file, ...resolve(), "--ca", dir]), "it is a directory");
    expect(listener.requests).toEqual([]);
  });

  it("reports an unreadable scenario like every command", async () => {
    expectBadInput(
      await runCli(["probe", join(dir, "nope.json")]),
      "cannot read the file: it does not exist",
    );
  });

  it("has no option that turns TLS verification off", async () => {
    const help = await runCli(["probe", "--help"]);
    expect(help.code).toBe(0);
    for (const option of ["--resolve", "--ca", "--timeout", "--format"])
      expect(help.stdout).toContain(option);
    expect(help.stdout).not.toMatch(/insecure|no-verify|reject-unauthorized|--k\b/i);
    for (const flag of ["--insecure", "-k", "--no-verify", "--rejectUnauthorized=false"]) {
      const outcome = await runCli(["probe", file, flag]);
      expect(outcome.code, flag).toBe(2);
      expect(outcome.stderr).toContain(`probe: unknown option ${flag.replace(/=.*/, "")}`);
    }
    expect(listener.requests).toEqual([]);
  });

  it("through bin/mdmsim: exit 2, one line, no stack", () => {
    expectBadInput(runBin(["probe", file, "--resolve", "cm01.lab.example.com=not-an-ip"]), "--resolve");
  });
});
