import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { buildEd25519Keyset, pythonIsoFormat, serializeKeyset } from "../../../src/components/shared/keyset.js";

describe("buildEd25519Keyset", () => {
  it("GIVEN no key WHEN a keyset is built THEN it parses as the app's format with an Ed25519 key whose JWK x matches", () => {
    const keyset = JSON.parse(serializeKeyset(buildEd25519Keyset({ now: new Date("2026-12-05T16:00:00.123Z") })));

    expect(keyset.schema_version).toBe(1);
    expect(keyset.next).toBeNull();
    expect(keyset.active.kid).toMatch(/^ed25519-[0-9a-f]{12}$/);
    expect(keyset.active.public_jwk).toEqual({ kty: "OKP", crv: "Ed25519", kid: keyset.active.kid, x: expect.any(String), use: "sig", alg: "EdDSA" });
    expect(keyset.active.created_at).toBe("2026-12-05T16:00:00.123000+00:00");
    expect(keyset.active.not_before).toBe(keyset.active.created_at);
    expect(keyset.active.not_after).toBeNull();

    const privateKey = createPrivateKey(keyset.active.private_key);
    expect(privateKey.asymmetricKeyType).toBe("ed25519");
    expect(keyset.active.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
    expect(keyset.active.public_jwk.x).toBe(raw.toString("base64url"));
    expect(keyset.active.public_jwk.x).not.toMatch(/=/);

    const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: keyset.active.public_jwk.x }, format: "jwk" });
    const signature = sign(null, Buffer.from("token"), privateKey);
    expect(verify(null, Buffer.from("token"), publicKey, signature)).toBe(true);
  });

  it("GIVEN two builds THEN each has its own key and kid", () => {
    const a = buildEd25519Keyset();
    const b = buildEd25519Keyset();
    expect(a.active.kid).not.toBe(b.active.kid);
    expect(a.active.public_jwk.x).not.toBe(b.active.public_jwk.x);
  });

  it("GIVEN an RSA key THEN it is refused", () => {
    const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => buildEd25519Keyset({ privateKeyPem: pem })).toThrow("The keyset needs an Ed25519 key; got rsa.");
  });

  it.each([
    ["2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05.000000+00:00"],
    ["2026-12-31T23:59:59.999Z", "2026-12-31T23:59:59.999000+00:00"],
  ])("pythonIsoFormat(%s) is %s", (input, expected) => {
    expect(pythonIsoFormat(new Date(input))).toBe(expected);
  });
});
