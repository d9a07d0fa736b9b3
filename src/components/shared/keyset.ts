/**
 * The app's initial signing keyset. The api only reads the keyset secret (`AUTH_KEY_SECRET_NAME`) and signs tokens
 * with its active Ed25519 key; only the operator console (`starter-console auth keys rotate`) writes it. An empty
 * secret loads as an empty keyset and every login fails ("Active Ed25519 key is unavailable"), so asc seeds the
 * first version once.
 *
 * Format checked in the app's source at 50548aa: `packages/starter_contracts/src/starter_contracts/keys.py`
 * (`generate_ed25519_keypair`, `KeyMaterial.to_dict`, `KeySet.to_dict`): kid `ed25519-<12 hex>`, an unencrypted
 * PKCS#8 PEM private key, a JWK with the raw public key base64url-encoded without padding, Python `isoformat()`
 * timestamps in UTC (`+00:00`), `schema_version: 1` and `next: null`. Pure apart from the key generation.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";

export const KEYSET_SCHEMA_VERSION = 1;

export interface Ed25519Jwk {
  readonly kty: "OKP";
  readonly crv: "Ed25519";
  readonly kid: string;
  readonly x: string;
  readonly use: "sig";
  readonly alg: "EdDSA";
}

export interface KeyMaterial {
  readonly kid: string;
  readonly private_key: string;
  readonly public_jwk: Ed25519Jwk;
  readonly created_at: string;
  readonly not_before: string;
  readonly not_after: null;
}

export interface Keyset {
  readonly schema_version: typeof KEYSET_SCHEMA_VERSION;
  readonly active: KeyMaterial;
  readonly next: null;
}

export interface KeysetOptions {
  /** An existing PKCS#8 PEM Ed25519 private key. @default - a new key */
  readonly privateKeyPem?: string;
  /** @default - a random `ed25519-<12 hex>` */
  readonly kid?: string;
  /** @default - now */
  readonly now?: Date;
}

/** Python's `datetime.isoformat()` for an aware UTC datetime: microseconds, `+00:00`. */
export function pythonIsoFormat(date: Date): string {
  const iso = date.toISOString(); // 2026-12-05T16:00:00.123Z
  return `${iso.slice(0, 23)}000+00:00`;
}

/** Builds a keyset document in the app's format with one active Ed25519 key. */
export function buildEd25519Keyset(options: KeysetOptions = {}): Keyset {
  const privateKeyPem =
    options.privateKeyPem ?? generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`The keyset needs an Ed25519 key; got ${privateKey.asymmetricKeyType ?? "an unknown key type"}.`);
  }
  const kid = options.kid ?? `ed25519-${randomBytes(6).toString("hex")}`;
  const x = createPublicKey(privateKey).export({ format: "jwk" }).x as string;
  const created = pythonIsoFormat(options.now ?? new Date());
  return {
    schema_version: KEYSET_SCHEMA_VERSION,
    active: {
      kid,
      private_key: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
      public_jwk: { kty: "OKP", crv: "Ed25519", kid, x, use: "sig", alg: "EdDSA" },
      created_at: created,
      not_before: created,
      not_after: null,
    },
    next: null,
  };
}

/** The keyset as the secret's string value (the app parses it with `json.loads`). */
export function serializeKeyset(keyset: Keyset): string {
  return JSON.stringify(keyset);
}
