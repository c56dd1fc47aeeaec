import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIpv4, parseIpv4Range, rangeContains, rangeSize } from "../../src/scenario/ipv4.js";

/** An address from its four octets, as an unsigned 32-bit integer. */
function ip(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

const address = fc.integer({ min: 0, max: 0xffff_ffff });

describe("parseIpv4Range", () => {
  it("reads an inclusive range a-b", () => {
    expect(parseIpv4Range("10.1.0.1-10.1.255.254")).toEqual({
      first: ip(10, 1, 0, 1),
      last: ip(10, 1, 255, 254),
    });
  });

  it("reads a range of one address", () => {
    expect(parseIpv4Range("10.0.0.1-10.0.0.1")).toEqual({ first: ip(10, 0, 0, 1), last: ip(10, 0, 0, 1) });
  });

  it("reads the whole address space as a range", () => {
    expect(parseIpv4Range("0.0.0.0-255.255.255.255")).toEqual({ first: 0, last: 0xffff_ffff });
  });

  it("tolerates spaces around the dash and the ends", () => {
    expect(parseIpv4Range(" 10.0.0.1 - 10.0.0.2 ")).toEqual({
      first: ip(10, 0, 0, 1),
      last: ip(10, 0, 0, 2),
    });
  });

  it("reads a CIDR block as its network and broadcast addresses", () => {
    expect(parseIpv4Range("10.1.0.0/16")).toEqual({ first: ip(10, 1, 0, 0), last: ip(10, 1, 255, 255) });
    expect(parseIpv4Range("192.168.10.0/24")).toEqual({
      first: ip(192, 168, 10, 0),
      last: ip(192, 168, 10, 255),
    });
    expect(parseIpv4Range("172.16.0.0/12")).toEqual({
      first: ip(172, 16, 0, 0),
      last: ip(172, 31, 255, 255),
    });
  });

  it("reads /32 as a single address and /0 as every address", () => {
    expect(parseIpv4Range("10.0.0.1/32")).toEqual({ first: ip(10, 0, 0, 1), last: ip(10, 0, 0, 1) });
    expect(parseIpv4Range("0.0.0.0/0")).toEqual({ first: 0, last: 0xffff_ffff });
  });

  it("gives a CIDR block of 2^(32-bits) addresses starting on a multiple of its size", () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 32 }), (base, bits) => {
        const size = 2 ** (32 - bits);
        const network = Math.floor(base / size) * size;
        const range = parseIpv4Range(`${formatIpv4(network)}/${bits}`);
        expect(range).toEqual({ first: network, last: network + size - 1 });
        expect(rangeSize(range!)).toBe(size);
      }),
    );
  });

  it.each([
    ["10.0.0.2-10.0.0.1", "a reversed range"],
    ["10.1", "a short address"],
    ["10.0.0.1", "a single address without a dash or prefix"],
    ["256.0.0.0-256.0.0.1", "an octet above 255"],
    ["10.0.0.1-10.0.0.2-10.0.0.3", "three addresses"],
    ["010.0.0.1-010.0.0.2", "octets with leading zeros (octal in some parsers)"],
    ["0x0a.0.0.1-10.0.0.2", "a hexadecimal octet"],
    ["10.0.0.0/33", "a prefix longer than 32"],
    ["10.0.0.0/-1", "a negative prefix"],
    ["10.0.0.0/1.5", "a fractional prefix"],
    ["10.0.0.0/", "a missing prefix"],
    ["/8", "a missing address"],
    ["::1/128", "an IPv6 prefix"],
    ["fe80::1-fe80::2", "an IPv6 range"],
    ["", "the empty string"],
    ["-", "a lone dash"],
    ["10.0.0.1-", "a missing end"],
    ["HQ", "a word"],
  ])("rejects %j (%s)", (text) => {
    expect(parseIpv4Range(text)).toBeUndefined();
  });

  it("reads back any ordered pair of addresses written as a-b", () => {
    fc.assert(
      fc.property(address, address, (x, y) => {
        const [first, last] = x <= y ? [x, y] : [y, x];
        expect(parseIpv4Range(`${formatIpv4(first)}-${formatIpv4(last)}`)).toEqual({ first, last });
      }),
    );
  });

  it("never throws, whatever text it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\d./ -]{0,40}$/)), (text) => {
        const range = parseIpv4Range(text);
        if (range !== undefined) {
          expect(range.first).toBeGreaterThanOrEqual(0);
          expect(range.last).toBeLessThanOrEqual(0xffff_ffff);
          expect(range.first).toBeLessThanOrEqual(range.last);
        }
      }),
    );
  });
});

describe("formatIpv4", () => {
  it("writes dotted quads", () => {
    expect(formatIpv4(0)).toBe("0.0.0.0");
    expect(formatIpv4(0xffff_ffff)).toBe("255.255.255.255");
    expect(formatIpv4(ip(10, 1, 2, 3))).toBe("10.1.2.3");
    expect(formatIpv4(ip(192, 168, 0, 254))).toBe("192.168.0.254");
  });

  it("writes four decimal octets for every address", () => {
    fc.assert(
      fc.property(address, (a) => {
        const text = formatIpv4(a);
        expect(text).toMatch(/^(?:\d{1,3}\.){3}\d{1,3}$/);
        const octets = text.split(".").map(Number);
        expect(octets.every((o) => o >= 0 && o <= 255)).toBe(true);
        const [w, x, y, z] = octets as [number, number, number, number];
        expect(ip(w, x, y, z)).toBe(a);
      }),
    );
  });
});

describe("rangeContains", () => {
  const range = parseIpv4Range("10.1.2.1-10.1.5.254")!;

  it("includes both ends of the range", () => {
    expect(rangeContains(range, ip(10, 1, 2, 1))).toBe(true);
    expect(rangeContains(range, ip(10, 1, 5, 254))).toBe(true);
  });

  it("includes addresses strictly inside", () => {
    expect(rangeContains(range, ip(10, 1, 3, 0))).toBe(true);
    expect(rangeContains(range, ip(10, 1, 4, 255))).toBe(true);
  });

  it("excludes the neighbours just outside", () => {
    expect(rangeContains(range, ip(10, 1, 2, 0))).toBe(false);
    expect(rangeContains(range, ip(10, 1, 5, 255))).toBe(false);
  });

  it("includes the top of the address space in a /0", () => {
    const all = parseIpv4Range("0.0.0.0/0")!;
    expect(rangeContains(all, 0)).toBe(true);
    expect(rangeContains(all, 0xffff_ffff)).toBe(true);
  });

  it("agrees with first <= address <= last for any range and address", () => {
    fc.assert(
      fc.property(address, address, address, (x, y, a) => {
        const r = { first: Math.min(x, y), last: Math.max(x, y) };
        expect(rangeContains(r, a)).toBe(a >= r.first && a <= r.last);
      }),
    );
  });
});

describe("rangeSize", () => {
  it("counts both ends", () => {
    expect(rangeSize(parseIpv4Range("10.1.2.1-10.1.5.254")!)).toBe(1022);
    expect(rangeSize(parseIpv4Range("10.0.0.1-10.0.0.1")!)).toBe(1);
    expect(rangeSize(parseIpv4Range("10.1.0.0/16")!)).toBe(65_536);
    expect(rangeSize(parseIpv4Range("0.0.0.0/0")!)).toBe(2 ** 32);
  });
});
