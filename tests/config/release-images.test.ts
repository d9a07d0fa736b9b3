import { migrationImageOf, readReleaseRecord, releaseRecord, requestedImageServices, sameServiceImages, targetImages, unappliedImages } from "../../src/config/release-images.js";

const images = { api: "ghcr.io/acme/api:v2", web: "ghcr.io/acme/web:v2" };

describe("release images", () => {
  it("GIVEN no migrationImage THEN the migration runs the api image", () => {
    expect(migrationImageOf({ images })).toBe(images.api);
    expect(releaseRecord({ images })).toEqual({ services: images, migration: images.api, rotation: {} });
  });

  it("GIVEN a migrationImage THEN the migration runs it while the services keep asc:images", () => {
    expect(releaseRecord({ images, migrationImage: "ghcr.io/acme/api:v3" })).toEqual({ services: images, migration: "ghcr.io/acme/api:v3", rotation: {} });
    expect(releaseRecord({ images, secrets: { rotation: { databasePassword: 2 } } })).toEqual({ services: images, migration: images.api, rotation: { databasePassword: 2 } });
  });

  it.each([
    [{ services: images, migration: "m" }, { services: images, migration: "m", rotation: {} }],
    [{ services: { ...images, extra: 1 }, migration: "m", other: true }, { services: images, migration: "m", rotation: {} }],
    [{ services: images, migration: "m", rotation: { databasePassword: 3, secretKey: -1, redisAuthToken: "x" } }, { services: images, migration: "m", rotation: { databasePassword: 3 } }],
    [{ services: { api: "a" }, migration: "m" }, undefined],
    [{ services: images }, undefined],
    [{ services: { api: "", web: "w" }, migration: "m" }, undefined],
    ["[secret]", undefined],
    [undefined, undefined],
  ])("GIVEN the stack output %j THEN the release record is %j", (value, expected) => {
    expect(readReleaseRecord(value)).toEqual(expected);
  });

  it("GIVEN two image pairs THEN they are the same only when both images match", () => {
    expect([sameServiceImages(images, { ...images }), sameServiceImages(images, { ...images, web: "x" })]).toEqual([true, false]);
  });
});

describe("the images a run deploys", () => {
  const profile = { api: "api:3", web: "web:3" };
  const released = { api: "api:2", web: "web:2" };
  it.each([
    ["nothing released yet: the profile's", [], undefined, profile],
    ["a release and nothing requested: the release's", [], released, released],
    ["only --image api requested: api from the profile, web from the release", ["api"], released, { api: "api:3", web: "web:2" }],
    ["both requested", ["api", "web"], released, profile],
  ] as const)("GIVEN %s", (_label, requested, rel, expected) => {
    expect(targetImages(profile, requested, rel)).toEqual(expected);
  });

  it("GIVEN a profile that differs from the release THEN the services not requested are not applied", () => {
    expect(unappliedImages(profile, ["web"], released)).toEqual([{ service: "api", profile: "api:3", released: "api:2" }]);
    expect(unappliedImages(profile, [], undefined)).toEqual([]);
  });

  it("GIVEN provenance THEN --image, --set and ASC_IMAGES__* count as requested, the file does not", () => {
    expect(requestedImageServices(new Map([["images.api", "flag --image api"], ["images.web", "stacks/Pulumi.p.yaml"]]))).toEqual(["api"]);
    expect(requestedImageServices(new Map([["images.web", "env ASC_IMAGES__WEB"]]))).toEqual(["web"]);
    expect(requestedImageServices(new Map([["images", "stacks/Pulumi.p.yaml"]]))).toEqual([]);
  });
});

describe("update messages", () => {
  it("GIVEN a release with rotation epochs THEN the message parses back to the same record; other messages parse to nothing", async () => {
    const { formatUpdateMessage, parseUpdateMessage } = await import("../../src/config/release-images.js");
    const record = { runId: "20261206T101500Z-3fa9c1", phase: "release", held: false, release: { services: { api: "ghcr.io/acme/api@sha256:" + "a".repeat(64), web: "ghcr.io/acme/web:v2" }, migration: "ghcr.io/acme/api:v3", rotation: { databasePassword: 2, redisPassword: 0 } } };
    const message = formatUpdateMessage(record);
    expect(message).toBe(`asc 20261206T101500Z-3fa9c1 release: services api=${record.release.services.api} web=ghcr.io/acme/web:v2; migration ghcr.io/acme/api:v3; rotation databasePassword=2 redisPassword=0`);
    expect(parseUpdateMessage(message)).toEqual(record);
    expect(parseUpdateMessage(formatUpdateMessage({ ...record, held: true, release: { ...record.release, rotation: {} } }))).toEqual({ ...record, held: true, release: { ...record.release, rotation: {} } });
    expect(parseUpdateMessage("Fix the bucket policy")).toBeUndefined();
  });
});
