import { postgresEntraAuth } from "../../../../src/policies/azure/postgres/entra-auth.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantServer, POSTGRES_SERVER_TYPE } from "./fixtures.js";

describeRule(postgresEntraAuth, {
  type: POSTGRES_SERVER_TYPE,
  compliant: compliantServer,
  passes: [
    { title: "Entra only (password auth off)", props: withInput(compliantServer, "authConfig.passwordAuth", "Disabled") },
    { title: "the enum in another casing", props: withInput(compliantServer, "authConfig.activeDirectoryAuth", "enabled") },
  ],
  violations: [
    { title: "Entra auth off", props: withInput(compliantServer, "authConfig.activeDirectoryAuth", "Disabled"), expected: ['authConfig.activeDirectoryAuth is "Disabled"; it must be "Enabled"'] },
    { title: "authConfig without the flag", props: withInput(compliantServer, "authConfig.activeDirectoryAuth", undefined), expected: ['authConfig.activeDirectoryAuth is not set (the Azure default is Disabled); it must be "Enabled"'] },
    { title: "no authConfig block", props: { ...compliantServer, authConfig: undefined }, expected: ['authConfig.activeDirectoryAuth is not set (the Azure default is Disabled); it must be "Enabled"'] },
  ],
});
