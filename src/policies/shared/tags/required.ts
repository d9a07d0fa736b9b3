/**
 * Every taggable resource carries the asc tags, so cost, ownership and cleanup work per profile.
 * @severity low
 */
import { asRecord, lookup, show } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { TAGGABLE_TYPES } from "./taggable-types.js";

export const ASC_TAG_KEYS = ["project", "profile", "tier", "managed-by"] as const;

export const tagsRequired = defineRule({
  name: "asc-tags-required",
  cloud: "any",
  description: `Every resource whose provider type takes tags carries the asc tags: ${ASC_TAG_KEYS.join(", ")}.`,
  severity: "low",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation: "Pass the blueprint's tags (args.tags) to the resource's tags input; components merge in a Name where useful.",
  resourceTypes: TAGGABLE_TYPES,
  check: (_type, props) => {
    const tags = lookup(props, "tags");
    if (tags.state === "opaque") return [];
    if (tags.state === "missing") return [`tags is not set; it must carry ${ASC_TAG_KEYS.join(", ")}`];
    const map = asRecord(tags.value);
    if (!map) return [`tags is ${show(tags.value)}; it must be a map carrying ${ASC_TAG_KEYS.join(", ")}`];
    const missing = ASC_TAG_KEYS.filter((key) => map[key] === undefined || map[key] === null || map[key] === "");
    return missing.length === 0 ? [] : [`tags lack ${missing.join(", ")}; every asc resource must carry ${ASC_TAG_KEYS.join(", ")}`];
  },
});
