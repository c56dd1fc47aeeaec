// The MPLIST reader: real answers' shape, tolerance, invalid documents, decoding; never throws.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { advertisedFqdns, decodeBody, parseMpList } from "../../src/probe/mplist.js";

// The shape a management point answers with (attributes as seen on current-branch sites).
const REAL =
  '<MPList><MP Name="CM01" FQDN="cm01.corp.contoso.com" SiteCode="PS1"><Version>9128</Version>' +
  '<Capabilities SchemaVersion="1.0"><Property Name="SSLState" Value="63"/></Capabilities></MP>' +
  '<MP Name="CM02" FQDN="cm02.corp.contoso.com" SiteCode="PS1"><Version>9128</Version>' +
  '<Capabilities SchemaVersion="1.0"/></MP></MPList>';

function fqdns(text: string): string[] {
  const result = parseMpList(text);
  if (!result.ok) throw new Error(result.error);
  return advertisedFqdns(result.managementPoints);
}

describe("parseMpList", () => {
  it("reads every MP entry's attributes and version", () => {
    const result = parseMpList(REAL);
    expect(result).toEqual({
      ok: true,
      managementPoints: [
        { name: "CM01", fqdn: "cm01.corp.contoso.com", siteCode: "PS1", version: "9128" },
        { name: "CM02", fqdn: "cm02.corp.contoso.com", siteCode: "PS1", version: "9128" },
      ],
    });
  });

  it("tolerates a declaration, comments, whitespace, single quotes, other cases and a DOCTYPE", () => {
    const text = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE MPList [ <!ENTITY x "y"> ]>
<!-- answered by IIS -->
<mplist>
  <mp name='CM01' fqdn='cm01.corp.contoso.com' sitecode="PS1" />
  <Other><MP FQDN="nested.example.com"/></Other>
</mplist>
`;
    expect(fqdns(text.replace("\uFEFF", ""))).toEqual(["cm01.corp.contoso.com"]);
  });

  it("decodes the predefined and numeric entities in attributes, and never expands others", () => {
    expect(fqdns('<MPList><MP FQDN="a&amp;b&#46;example&#x2E;com"/><MP FQDN="&x;"/></MPList>')).toEqual([
      "a&b.example.com",
      "&x;",
    ]);
  });

  it("uses the Name when an MP has no FQDN, and lists each FQDN once (case-insensitively)", () => {
    expect(
      fqdns('<MPList><MP Name="mp.lab"/><MP FQDN="A.example.com"/><MP FQDN="a.example.com"/></MPList>'),
    ).toEqual(["mp.lab", "A.example.com"]);
  });

  it("reads an empty list", () => {
    expect(fqdns("<MPList></MPList>")).toEqual([]);
    expect(fqdns("<MPList/>")).toEqual([]);
  });

  it.each([
    ["", "no element"],
    ["<html><body>IIS</body></html>", "the root element is <html>"],
    ["Service unavailable", "text before the first element"],
    ["<MPList><MP FQDN='a'></MPList>", "closes <mp>"],
    ["<MPList><MP FQDN='a'>", "is not closed"],
    ["<MPList></MPList><MPList></MPList>", "more than one root element"],
    ["<MPList><!-- open", "unterminated comment"],
    ['<MPList><MP FQDN="a></MPList>', "unterminated tag"],
  ])("rejects %j (%s)", (text, message) => {
    const result = parseMpList(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  test.prop([fc.string({ maxLength: 300 })])("never throws, whatever the answer", (text) => {
    const result = parseMpList(text);
    expect(typeof result.ok).toBe("boolean");
  });

  const fqdn = fc
    .array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { minLength: 2, maxLength: 4 })
    .map((labels) => labels.join("."));

  test.prop([
    fc.uniqueArray(fqdn, { maxLength: 6, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  ])("lists exactly the FQDNs of a generated MPLIST, in order", (names) => {
    const xml = `<MPList>${names.map((n) => `<MP Name="X" FQDN="${n}" SiteCode="PS1"><Version>1</Version></MP>`).join("")}</MPList>`;
    expect(fqdns(xml)).toEqual(names);
  });
});

describe("decodeBody", () => {
  const bytes = (text: string, encoding: BufferEncoding) => new Uint8Array(Buffer.from(text, encoding));

  it("follows a byte order mark (UTF-16 LE, as some IIS answers are)", () => {
    const withBom = new Uint8Array([0xff, 0xfe, ...bytes("<MPList/>", "utf16le")]);
    expect(decodeBody(withBom, "text/xml")).toBe("<MPList/>");
    const utf8Bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("<MPList/>", "utf8")]);
    expect(decodeBody(utf8Bom, null)).toBe("<MPList/>");
  });

  it("follows the content type's charset, and falls back to UTF-8 for an unknown one", () => {
    expect(decodeBody(bytes("<MPList/>", "utf16le"), "text/xml; charset=utf-16")).toBe("<MPList/>");
    expect(decodeBody(bytes("<MPList/>", "utf8"), 'text/xml; charset="no-such-charset"')).toBe("<MPList/>");
    expect(decodeBody(bytes("é", "latin1"), "text/xml; charset=iso-8859-1")).toBe("é");
  });
});
