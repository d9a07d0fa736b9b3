import { postgresGeoRedundantBackup } from "../../../../src/policies/azure/postgres/geo-redundant-backup.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";
import { compliantServer, POSTGRES_SERVER_TYPE } from "./fixtures.js";

describeRule(postgresGeoRedundantBackup, {
  type: POSTGRES_SERVER_TYPE,
  compliant: compliantServer,
  violations: [
    { title: "geo backup off", props: withInput(compliantServer, "backup.geoRedundantBackup", "Disabled"), expected: ['backup.geoRedundantBackup is "Disabled"; it must be "Enabled"'] },
    { title: "no backup block", props: { ...compliantServer, backup: undefined }, expected: ['backup.geoRedundantBackup is not set (the Azure default is Disabled); it must be "Enabled"'] },
  ],
});
