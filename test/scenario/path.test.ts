import { describe, expect, it } from "vitest";
import { walkPath } from "../../src/scenario/path.js";

const data = {
  site: {
    code: "PS1",
    servers: [
      { name: "cm01.corp.contoso.com", roles: { managementPoint: { https: true } } },
      { name: "cm02.corp.contoso.com", roles: {} },
    ],
  },
  devices: [
    { name: "hq-windows", count: 1000 },
    { name: "macs", count: 5 },
  ],
  list: [10, 20, 30],
};

describe("walkPath", () => {
  it("walks objects by key", () => {
    const walk = walkPath(data, "site.code");
    expect(walk).toEqual({
      ok: true,
      steps: [
        { container: data, key: "site" },
        { container: data.site, key: "code" },
      ],
      value: "PS1",
    });
  });

  it("walks arrays by index", () => {
    const walk = walkPath(data, "devices.1.count");
    expect(walk.ok && walk.value).toBe(5);
    expect(walk.ok && walk.steps.map((s) => s.key)).toEqual(["devices", 1, "count"]);
  });

  it("walks arrays by an element's name", () => {
    const walk = walkPath(data, "devices.macs.count");
    expect(walk.ok && walk.value).toBe(5);
    expect(walk.ok && walk.steps.map((s) => s.key)).toEqual(["devices", 1, "count"]);
  });

  it("takes a name that contains dots as one step", () => {
    const walk = walkPath(data, "site.servers.cm02.corp.contoso.com.roles");
    expect(walk.ok && walk.value).toEqual({});
    expect(walk.ok && walk.steps.map((s) => s.key)).toEqual(["site", "servers", 1, "roles"]);
  });

  it("reaches the value of an element named with dots", () => {
    const walk = walkPath(data, "site.servers.cm01.corp.contoso.com.roles.managementPoint.https");
    expect(walk.ok && walk.value).toBe(true);
  });

  it("prefers the longest name when one name is a prefix of another", () => {
    const root = {
      items: [
        { name: "a", v: 1 },
        { name: "a.b", v: 2, x: { v: 3 } },
      ],
    };
    const walk = walkPath(root, "items.a.b.v");
    expect(walk.ok && walk.value).toBe(2);
    expect(walkPath(root, "items.a.v")).toMatchObject({ ok: true, value: 1 });
  });

  it("returns the whole element when the path ends at it", () => {
    expect(walkPath(data, "devices.hq-windows")).toMatchObject({
      ok: true,
      value: { name: "hq-windows", count: 1000 },
    });
  });

  it("walks plain arrays of values by index", () => {
    expect(walkPath(data, "list.2")).toMatchObject({ ok: true, value: 30 });
  });

  it("reports the first segment that names nothing", () => {
    // Inside a list of named elements, also where it stopped and the names it could have meant.
    expect(walkPath(data, "devices.windows.count")).toEqual({
      ok: false,
      failedAt: "devices.windows",
      list: { at: "devices", rest: "windows.count", labels: ["hq-windows", "macs"] },
    });
    expect(walkPath(data, "site.nope.deeper")).toEqual({ ok: false, failedAt: "site.nope" });
    expect(walkPath(data, "nope")).toEqual({ ok: false, failedAt: "nope" });
  });

  it("rejects an index past the end of an array", () => {
    expect(walkPath(data, "devices.2.count")).toEqual({
      ok: false,
      failedAt: "devices.2",
      list: { at: "devices", rest: "2.count", labels: ["hq-windows", "macs"] },
    });
    expect(walkPath(data, "list.3")).toEqual({ ok: false, failedAt: "list.3" });
  });

  it("rejects indexes that are not plain non-negative integers", () => {
    for (const index of ["-1", "1.0", "01x", "+1", " 1"]) {
      expect(walkPath(data, `devices.${index}.count`)).toMatchObject({ ok: false });
    }
  });

  it("rejects a step into a scalar", () => {
    expect(walkPath(data, "site.code.length")).toEqual({ ok: false, failedAt: "site.code.length" });
    expect(walkPath(data, "devices.0.count.x")).toEqual({ ok: false, failedAt: "devices.0.count.x" });
  });

  it("does not walk into inherited properties", () => {
    expect(walkPath(data, "__proto__")).toMatchObject({ ok: false });
    expect(walkPath(data, "constructor.prototype")).toMatchObject({ ok: false });
    expect(walkPath(data, "site.toString")).toMatchObject({ ok: false });
    expect(walkPath(data, "devices.length")).toMatchObject({ ok: false });
  });

  it("allows a missing last key when asked, for setting absent fields", () => {
    const walk = walkPath(data, "site.type", { allowMissingLast: true });
    expect(walk).toEqual({
      ok: true,
      steps: [
        { container: data, key: "site" },
        { container: data.site, key: "type" },
      ],
      value: undefined,
    });
  });

  it("still rejects a missing key before the last one when missing last keys are allowed", () => {
    expect(walkPath(data, "site.nope.type", { allowMissingLast: true })).toEqual({
      ok: false,
      failedAt: "site.nope",
    });
  });

  it("does not allow a missing element of an array even when missing last keys are allowed", () => {
    expect(walkPath(data, "devices.5", { allowMissingLast: true })).toMatchObject({ ok: false });
  });

  it("rejects a missing last key by default", () => {
    expect(walkPath(data, "site.type")).toEqual({ ok: false, failedAt: "site.type" });
  });

  it("rejects the empty path and empty segments", () => {
    expect(walkPath(data, "")).toMatchObject({ ok: false });
    expect(walkPath(data, "site..code")).toMatchObject({ ok: false });
    expect(walkPath(data, "site.", { allowMissingLast: true })).toMatchObject({ ok: false });
  });

  it("prefers the longest own key when object keys contain dots", () => {
    const root = { "a.b": { c: 1 }, a: { b: { c: 2 } } };
    expect(walkPath(root, "a.b.c")).toMatchObject({ ok: true, value: 1 });
  });

  it("does not modify what it walks", () => {
    const copy = structuredClone(data);
    walkPath(data, "site.servers.cm01.corp.contoso.com.roles", { allowMissingLast: true });
    walkPath(data, "site.newField", { allowMissingLast: true });
    expect(data).toStrictEqual(copy);
  });

  it("finds a server by its DNS name in any case, other named elements by their exact name", () => {
    const walk = walkPath(data, "site.servers.CM02.Corp.Contoso.COM.roles");
    expect(walk.ok && walk.steps.map((s) => s.key)).toEqual(["site", "servers", 1, "roles"]);
    expect(walkPath(data, "devices.MACS.count")).toEqual({
      ok: false,
      failedAt: "devices.MACS",
      list: { at: "devices", rest: "MACS.count", labels: ["hq-windows", "macs"] },
    });
  });
});
