import { existsSync } from "node:fs";
import path from "node:path";
import { ENV_CATALOG } from "../../src/contract/catalog.js";
import { CAPABILITIES, CLOUD_COUNTERPARTS } from "../../src/contract/parity.js";
import { REPO_ROOT } from "../helpers/cli.js";

const cloudSpecific = (cloud: "aws" | "azure") => ENV_CATALOG.filter((v) => v.clouds.length === 1 && v.clouds[0] === cloud);
const listed = (cloud: "aws" | "azure") => CLOUD_COUNTERPARTS.flatMap((g) => ("none" in g[cloud] ? [] : [...(g[cloud] as readonly string[])]));

describe("AWS/Azure parity", () => {
  it("GIVEN a variable both clouds share THEN it has a source on each", () => {
    for (const v of ENV_CATALOG.filter((x) => x.clouds.length === 2)) expect(v.clouds).toEqual(["aws", "azure"]);
  });

  it.each(["aws", "azure"] as const)("GIVEN every %s-only variable THEN it belongs to a purpose the other cloud also serves (or explains why not)", (cloud) => {
    const other = cloud === "aws" ? "azure" : "aws";
    const inGroups = listed(cloud);
    for (const v of cloudSpecific(cloud)) {
      expect({ variable: v.name, grouped: inGroups.includes(v.name) }).toEqual({ variable: v.name, grouped: true });
      const group = CLOUD_COUNTERPARTS.find((g) => !("none" in g[cloud]) && (g[cloud] as readonly string[]).includes(v.name))!;
      const counterpart = group[other];
      if ("none" in counterpart) expect(counterpart.none.length).toBeGreaterThan(20);
      else for (const name of counterpart) expect(ENV_CATALOG.some((x) => x.name === name && x.clouds.includes(other))).toBe(true);
    }
  });

  it("GIVEN the counterpart table THEN it names only catalog variables of the right cloud", () => {
    for (const cloud of ["aws", "azure"] as const) for (const name of listed(cloud)) expect(cloudSpecific(cloud).map((v) => v.name)).toContain(name);
  });

  it("GIVEN every capability THEN the files that implement it exist on both clouds", () => {
    for (const c of CAPABILITIES) for (const file of [...c.files.aws, ...c.files.azure]) expect({ capability: c.name, file, exists: existsSync(path.join(REPO_ROOT, file)) }).toEqual({ capability: c.name, file, exists: true });
  });
});
