import { containerAppRegistries, pullsFrom, registryHostOf, type RegistryAccess } from "../../../src/components/azure/image-pull.js";

const GHCR: RegistryAccess = { kind: "password", server: "ghcr.io", username: "acme-bot" };
const ACR: RegistryAccess = { kind: "identity", server: "acmeprod.azurecr.io", registryId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acmeprod" };
const PASSWORD = { secretName: "registry-password", keyVaultUrl: "https://kv.vault.azure.net/secrets/registry-password/0123" };

describe("registryHostOf", () => {
  it.each([
    ["ghcr.io/acme/api@sha256:abc", "ghcr.io"],
    ["GHCR.IO/acme/api:1", "ghcr.io"],
    ["acmeprod.azurecr.io/api:sha-1", "acmeprod.azurecr.io"],
    ["registry.example.com:5000/api:1", "registry.example.com:5000"],
    ["localhost/api:1", "localhost"],
    ["acme/api:1", "docker.io"],
    ["nginx", "docker.io"],
  ])("GIVEN %s THEN the registry host is %s", (image, host) => {
    expect(registryHostOf(image)).toBe(host);
  });
});

describe("pullsFrom", () => {
  it("GIVEN credentials for ghcr.io THEN only images on ghcr.io pull with them", () => {
    expect(pullsFrom("ghcr.io/acme/api:1", GHCR)).toBe(true);
    expect(pullsFrom("docker.io/acme/api:1", GHCR)).toBe(false);
    expect(pullsFrom("ghcr.io/acme/api:1", undefined)).toBe(false);
  });
});

describe("containerAppRegistries", () => {
  it("GIVEN a registry user THEN registries names the user and the password's app secret, a Key Vault reference read with the workload's identity", () => {
    expect(containerAppRegistries({ access: GHCR, password: PASSWORD }, "/identities/web")).toEqual({
      registries: [{ server: "ghcr.io", username: "acme-bot", passwordSecretRef: "registry-password" }],
      secrets: [{ name: "registry-password", keyVaultUrl: "https://kv.vault.azure.net/secrets/registry-password/0123", identity: "/identities/web" }],
    });
  });

  it("GIVEN an ACR THEN registries pulls with the workload's identity and no secret exists", () => {
    expect(containerAppRegistries({ access: ACR }, "/identities/api")).toEqual({ registries: [{ server: "acmeprod.azurecr.io", identity: "/identities/api" }], secrets: [] });
  });

  it("GIVEN no pull THEN nothing is added", () => {
    expect(containerAppRegistries(undefined, "/identities/api")).toEqual({ registries: [], secrets: [] });
  });

  it("GIVEN a registry user without a password reference THEN it throws the exact message", () => {
    expect(() => containerAppRegistries({ access: GHCR }, "/identities/api")).toThrow("registry ghcr.io: user acme-bot has no password reference; pass the Key Vault secret of asc:registryPassword.");
  });
});
