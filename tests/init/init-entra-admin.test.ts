/**
 * `asc init` for an Azure production profile asks for the Postgres Entra administrator (config refuses such a profile
 * without one), checks the Object ID as it is typed, and the answers then validate as a profile; other tiers are not
 * asked. The question flow runs in-process with a scripted terminal.
 */
import { validateAnswers } from "../../src/init/answers.js";
import { askInitAnswers } from "../../src/init/interactive.js";
import { isAscUserError } from "../../src/errors.js";
import { DIGEST_IMAGES } from "../helpers/azure-config.js";

const NOW = new Date("2026-11-21T12:00:00Z");
const OBJECT_ID = "3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f";

/** A terminal that answers each question by the first pattern it matches, in order for repeated questions. */
function scriptedTerminal(script: Array<[RegExp, string[]]>) {
  const asked: string[] = [];
  const written: string[] = [];
  const queues = script.map(([pattern, answers]) => ({ pattern, answers: [...answers] }));
  const prompt = async (question: string) => {
    asked.push(question);
    const text = question.replace(/^\[\d+\/\d+\] /, "");
    return queues.find((q) => q.pattern.test(text))?.answers.shift() ?? "";
  };
  return { asked, written, io: { prompt, write: (t: string) => void written.push(t), env: {} } };
}

const BASE: Array<[RegExp, string[]]> = [
  [/^Cloud/, ["azure"]],
  [/^Region/, ["westeurope"]],
  [/^api image/, [DIGEST_IMAGES.api]],
  [/^web image/, [DIGEST_IMAGES.web]],
];

describe("asc init and the Postgres Entra administrator", () => {
  it("GIVEN Azure production WHEN answered THEN it asks for the admin, re-asks a bad Object ID, defaults the type to Group, and the answers validate", async () => {
    const t = scriptedTerminal([
      ...BASE,
      [/^Tier/, ["production"]],
      [/^Postgres Entra administrator: Object ID/, ["db-admins", OBJECT_ID]],
      [/^Postgres Entra administrator: the group's display name/, ["asc-prod-db-admins"]],
      [/^Postgres Entra administrator: principal type/, [""]],
    ]);
    const { answers } = await askInitAnswers(t.io);
    expect(t.asked.filter((q) => q.includes("Object ID"))).toHaveLength(2);
    expect(t.asked.find((q) => q.includes("Object ID"))).toMatch(/^\[\d+\/\d+\] Postgres Entra administrator: Object ID of the Entra group that administers the database \(az ad group show --group <name> --query id -o tsv\) — required: $/);
    expect(t.asked.find((q) => q.includes("principal type"))).toMatch(/ \(Group\/User\/ServicePrincipal\) — required \[Group\]: $/);
    expect(t.written).toContain("  must be a GUID such as 3f2b8c1e-5d4a-4e6f-9b7c-1a2b3c4d5e6f (the principal's Object ID in Entra)\n");
    expect(answers.values.azure).toEqual({ postgresEntraAdmin: { objectId: OBJECT_ID, principalName: "asc-prod-db-admins", principalType: "Group" } });
    const validated = validateAnswers(answers, {}, NOW);
    expect(validated.resolved.config.azure.postgresEntraAdmin).toEqual({ objectId: OBJECT_ID, principalName: "asc-prod-db-admins", principalType: "Group" });
  });

  it.each(["dev", "staging"])("GIVEN Azure %s WHEN answered THEN the admin is not asked (it stays optional)", async (tier) => {
    const t = scriptedTerminal([...BASE, [/^Tier/, [tier]]]);
    const { answers } = await askInitAnswers(t.io);
    expect(t.asked.some((q) => q.includes("Entra"))).toBe(false);
    expect(answers.values.azure).toBeUndefined();
  });

  it("GIVEN AWS production WHEN answered THEN the admin is not asked", async () => {
    const t = scriptedTerminal([[/^Cloud/, ["aws"]], [/^Tier/, ["production"]], [/^api image/, [DIGEST_IMAGES.api]], [/^web image/, [DIGEST_IMAGES.web]]]);
    await askInitAnswers(t.io);
    expect(t.asked.some((q) => q.includes("Entra"))).toBe(false);
  });

  it("GIVEN Azure production answers without the admin THEN init refuses them with the config's problem and fix", () => {
    const values = { cloud: "azure", tier: "production", region: "westeurope", images: DIGEST_IMAGES };
    let problems: readonly unknown[] = [];
    try {
      validateAnswers({ profile: "azure-production", values, source: "answers.yaml" }, {}, NOW);
    } catch (e) {
      if (!isAscUserError(e)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([expect.objectContaining({
      path: "asc:azure.postgresEntraAdmin",
      message: "production turns on Microsoft Entra authentication for Postgres, which needs an Entra administrator",
      fix: expect.stringContaining("set asc:azure.postgresEntraAdmin to the group that administers the database"),
    })]);
  });
});
