// Loader messages through the command line: every problem at once, did-you-mean, comments, encodings.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BASELINE_TEXT, runBin, runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-messages-"));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("scenario messages at the command line", () => {
  it("lists every problem of a file, one a line, naming the file once", async () => {
    const data = JSON.parse(BASELINE_TEXT) as Record<string, unknown> & {
      devices: Record<string, unknown>[];
    };
    data.seed = -1;
    data.devices[0]!.count = 0;
    data.devices[0]!.jiter = "1s";
    const path = file("three.json", JSON.stringify(data));
    const out = await runCli(["check", path]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `mdmsim: ${path}: seed: expected an integer >= 0, got -1\n` +
        "  devices[0].count: expected an integer >= 1, got 0\n" +
        '  devices[0]: unknown field "jiter" (did you mean "jitter"?)\n',
    );
  });

  it("lists cross-field problems in the same pass as field problems, in file order, exit 2", async () => {
    const data = JSON.parse(BASELINE_TEXT) as Record<string, unknown> & {
      site: { boundaryGroups: { servers: string[] }[] };
      devices: Record<string, unknown>[];
    };
    data.seed = -1;
    data.site.boundaryGroups[0]!.servers = ["CM01.corp.contoso.com", "nowhere.corp.contoso.com"];
    data.devices[0]!.count = 0;
    data.devices.push({ ...data.devices[0], count: 5 });
    const path = file("crossField.json", JSON.stringify(data, null, 2));
    const out = await runCli(["check", path]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `mdmsim: ${path}: seed: expected an integer >= 0, got -1\n` +
        '  site.boundaryGroups[0].servers[1]: expected the name of a server, got "nowhere.corp.contoso.com"\n' +
        "  devices[0].count: expected an integer >= 1, got 0\n" +
        '  devices[1].name: duplicate device group name "hq-windows"\n',
    );
  });

  it("runs a .json file with trailing commas and a server named in another case", () => {
    const text = BASELINE_TEXT.replace(
      '"servers": ["cm01.corp.contoso.com"] }',
      '"servers": ["CM01.Corp.Contoso.com",], },',
    )
      .replace('"devices.neverConnected == 0",', '"devices.neverConnected == 0",\n')
      .replace('"failedAttemptsBeforeSuccess.max <= 2"]', '"failedAttemptsBeforeSuccess.max <= 2",],');
    expect(text).toContain('"CM01.Corp.Contoso.com",]');
    const path = file("trailing.json", text);
    const out = runBin(["run", path, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe("");
  });

  it("runs a .json file with comments through the real program", () => {
    const path = file("commented.json", `// the bundled baseline\n${BASELINE_TEXT}`);
    const out = runBin(["run", path, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
  });

  it("names a UTF-16 file's encoding", () => {
    const path = file(
      "utf16.json",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASELINE_TEXT, "utf16le")]),
    );
    const out = runBin(["check", path]);
    expect(out).toEqual({
      code: 2,
      stdout: "",
      stderr: `mdmsim: ${path}: the file is UTF-16: save it as UTF-8\n`,
    });
  });

  it("refuses a repeated key with its line", async () => {
    const path = file("twice.json", '{\n  "name": "a",\n  "name": "b"\n}\n');
    const out = await runCli(["check", path]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `mdmsim: ${path}: not valid JSON at line 3, column 3: the key "name" appears twice in one object\n`,
    );
  });

  it("reaches a group named constructor with --set", async () => {
    const data = JSON.parse(BASELINE_TEXT) as { devices: { name: string }[] };
    data.devices[0]!.name = "constructor";
    const path = file("constructor.json", JSON.stringify(data));
    const out = await runCli(["run", path, "--set", "devices.constructor.count=5", "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    expect((JSON.parse(out.stdout) as { devices: { total: number } }).devices.total).toBe(5);
  });
});
