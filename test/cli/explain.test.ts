import { describe, expect, it } from "vitest";
import { runBin, runCli } from "../helpers/cli.js";

describe("mdmsim explain", () => {
  it("explains a scenario path", async () => {
    const out = await runCli(["explain", "site.replicas.syncInterval"]);
    expect(out).toEqual({
      code: 0,
      stderr: "",
      stdout: expect.stringContaining(
        'site.replicas.syncInterval\n  type      duration > 0\n  default   "5m"\n',
      ) as string,
    });
  });

  it("lists the poll profiles under devices.polling, each with its phases and source", async () => {
    const out = await runCli(["explain", "devices.polling"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(
      /\n {2}values\n {4}"configmgr-assumed"\n {6}Polls every 3m until 15m, then every 1h\. An assumption, not Windows' own default/,
    );
    expect(out.stdout).toMatch(
      /\n {4}"intune-estimate"\n {6}Polls every 3m until 15m, every 15m until 2h15m, then/,
    );
    expect(out.stdout).toMatch(/\n {4}"dmclient-default"\n {6}Polls every 15m until 2h30m, then every 1h\./);
    expect(out.stdout).toMatch(/\n {4}"configmgr-client"\n {6}Polls every 1h\./);
    expect(out.stdout.match(/Source: /g)).toHaveLength(4);
  });

  it("explains a capacity's service time at the command line", async () => {
    const out = await runCli(["explain", "site.servers.0.roles.managementPoint.capacity.serviceTime"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    expect(out.stdout).toContain(
      "site.servers.roles.managementPoint.capacity.serviceTime\n  type      duration > 0 or { mean, distribution }\n",
    );
  });

  it("lists the top-level fields without a path", async () => {
    const out = await runCli(["explain"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("The top-level fields of a scenario file");
  });

  it("explains a result path with --result", async () => {
    const out = await runCli(["explain", "--result", "attempts.failedByReason.device-not-in-replica"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("docs      docs/results.md#");
  });

  it("exits 2 with the nearest paths for a path that names nothing", async () => {
    const out = await runCli(["explain", "devices.enrolment.pattern"]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe(
      'mdmsim: explain devices.enrolment.pattern: "devices.enrolment" names nothing in a scenario; did you mean devices.enrollment.pattern?\n',
    );
  });

  it("works through the real bin/mdmsim", () => {
    const out = runBin(["explain", "devices.platform"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('allowed   "windows", "macos"');
  });

  // Issue 27: prototype members were explained as fields of type "any".
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "devices.constructor"])(
    "exits 2 for the prototype key %s, which names no field",
    async (path) => {
      const out = await runCli(["explain", path]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toMatch(/names nothing in a scenario; did you mean /);
    },
  );

  it("exits 2 for a prototype key of the result", async () => {
    const out = await runCli(["explain", "--result", "attempts.__proto__"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('"attempts.__proto__" names nothing in the result');
  });

  it("refuses __proto__ through bin/mdmsim", () => {
    const out = runBin(["explain", "__proto__"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('"__proto__" names nothing in a scenario; did you mean');
  });
});
