import { postgresHighAvailability } from "../../../../src/policies/azure/postgres/high-availability.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantServer, POSTGRES_SERVER_TYPE } from "./fixtures.js";

const MUST = 'it must be "ZoneRedundant" or "SameZone"';

describeRule(postgresHighAvailability, {
  type: POSTGRES_SERVER_TYPE,
  compliant: compliantServer,
  passes: [{ title: "same-zone HA", props: withInput(compliantServer, "highAvailability.mode", "SameZone") }],
  violations: [
    { title: "HA disabled", props: withInput(compliantServer, "highAvailability.mode", "Disabled"), expected: [`highAvailability.mode is "Disabled"; ${MUST}`] },
    { title: "no HA block", props: { ...compliantServer, highAvailability: undefined }, expected: [`highAvailability.mode is not set (high availability is off by default); ${MUST}`] },
  ],
});
