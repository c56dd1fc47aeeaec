// Certificates made at test time with the openssl command line: a test root CA, an untrusted root, and
// leaf certificates that are good, wrongly named, expired, not yet valid, issued by the untrusted root,
// or self-signed. EC P-256 keys keep generation fast.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A PEM key pair on disk and in memory. */
export interface KeyPair {
  readonly keyFile: string;
  readonly certFile: string;
  readonly key: string;
  readonly cert: string;
}

/** What `makeLeaf` can vary. */
export interface LeafOptions {
  /** Subject alternative names (DNS). */
  readonly names: readonly string[];
  /** OpenSSL dates (`YYYYMMDDHHMMSSZ`); the default is valid from now for 30 days. */
  readonly startDate?: string;
  readonly endDate?: string;
  /** The leaf's key: EC P-256 unless an RSA size is given. */
  readonly rsaBits?: number;
}

function openssl(args: readonly string[], cwd: string): void {
  const run = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (run.error) throw new Error(`openssl could not be started (is it installed?): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${run.stderr}`);
}

const CONFIG = `
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./issued
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
[ policy_any ]
commonName = supplied
`;

/** A certificate authority under `dir`, able to issue leaf certificates. */
export class TestCa {
  readonly pair: KeyPair;
  private count = 0;

  private constructor(
    private readonly dir: string,
    readonly name: string,
  ) {
    this.pair = readPair(dir, "ca");
  }

  /** Makes a root CA (self-signed, valid 30 days) in a folder of its own under `parent`. */
  static create(parent: string, folder: string, commonName: string): TestCa {
    const dir = join(parent, folder);
    mkdirSync(join(dir, "issued"), { recursive: true });
    writeFileSync(join(dir, "openssl.cnf"), CONFIG);
    writeFileSync(join(dir, "index.txt"), "");
    writeFileSync(join(dir, "serial"), "1000\n");
    // prettier-ignore
    openssl(
      [
        "req", "-config", "openssl.cnf", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", `/CN=${commonName}`,
        "-extensions", "ca_ext",
      ],
      dir,
    );
    return new TestCa(dir, commonName);
  }

  /** Issues a server certificate for `names`. */
  issue(options: LeafOptions): KeyPair {
    const base = `leaf${++this.count}`;
    const first = options.names[0] ?? "leaf";
    writeFileSync(
      join(this.dir, `${base}.ext`),
      `[ leaf ]\nbasicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\n` +
        `subjectAltName = ${options.names.map((n) => `DNS:${n}`).join(", ")}\n`,
    );
    // prettier-ignore
    openssl(
      [
        "req", "-config", "openssl.cnf", "-new",
        ...(options.rsaBits !== undefined ? ["-newkey", `rsa:${options.rsaBits}`] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]),
        "-nodes", "-keyout", `${base}.key`, "-out", `${base}.csr`, "-subj", `/CN=${first}`,
      ],
      this.dir,
    );
    // prettier-ignore
    openssl(
      [
        "ca", "-batch", "-config", "openssl.cnf", "-notext", "-keyfile", "ca.key", "-cert", "ca.pem",
        "-in", `${base}.csr`, "-out", `${base}.pem`, "-extfile", `${base}.ext`, "-extensions", "leaf",
        ...(options.startDate !== undefined ? ["-startdate", options.startDate] : []),
        ...(options.endDate !== undefined ? ["-enddate", options.endDate] : ["-days", "30"]),
      ],
      this.dir,
    );
    return readPair(this.dir, base);
  }
}

function readPair(dir: string, base: string): KeyPair {
  const keyFile = join(dir, `${base}.key`);
  const certFile = join(dir, `${base}.pem`);
  return { keyFile, certFile, key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
}

/** A self-signed server certificate (no CA at all) for `name`. */
export function selfSigned(dir: string, name: string): KeyPair {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "openssl.cnf"), CONFIG);
  // prettier-ignore
  openssl(
    [
      "req", "-config", "openssl.cnf", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-keyout", "self.key", "-out", "self.pem", "-days", "30", "-subj", `/CN=${name}`,
      "-addext", `subjectAltName=DNS:${name}`,
    ],
    dir,
  );
  return readPair(dir, "self");
}
