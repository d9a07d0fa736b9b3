/**
 * STRIPE_PRODUCT_PRICE_MAP as the app reads it (apps/api-service/src/app/core/settings/database.py at 50548aa,
 * `_parse_price_map`, `_parse_price_map_csv`, `_validate_price_map`): text that decodes as JSON must be an object;
 * any other text is comma-separated `plan=price` (or `plan:price`) entries, empty entries skipped; every plan code
 * and price id must be non-empty after trimming. asc also refuses what the app would accept but is surely wrong:
 * a map without entries, a plan code given twice (the app keeps the last), and JSON prices that are not strings.
 * Pure.
 */
export type PriceMapResult = { ok: true; plans: Readonly<Record<string, string>> } | { ok: false; reason: string };

export function parseProductPriceMap(text: string): PriceMapResult {
  const trimmed = text.trim();
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(trimmed);
  } catch {
    isJson = false;
  }
  const plans: Record<string, string> = {};
  if (isJson) {
    if (json === null || typeof json !== "object" || Array.isArray(json)) return { ok: false, reason: "is JSON but not an object of plan codes to price ids" };
    for (const [plan, price] of Object.entries(json)) {
      if (typeof price !== "string") return { ok: false, reason: `gives plan "${plan}" a ${price === null ? "null" : typeof price} instead of a price id string` };
      const problem = entryProblem(plan, price, plans);
      if (problem) return { ok: false, reason: problem };
      plans[plan.trim()] = price.trim();
    }
  } else {
    for (const [i, raw] of trimmed.split(",").entries()) {
      const entry = raw.trim();
      if (!entry) continue;
      // The app splits at the first "=", and only without one at the first ":".
      const sep = entry.includes("=") ? entry.indexOf("=") : entry.indexOf(":");
      if (sep < 0) return { ok: false, reason: `has entry ${i + 1} without "=" (expected plan=price)` };
      const plan = entry.slice(0, sep);
      const price = entry.slice(sep + 1);
      const problem = entryProblem(plan, price, plans);
      if (problem) return { ok: false, reason: problem };
      plans[plan.trim()] = price.trim();
    }
  }
  if (Object.keys(plans).length === 0) return { ok: false, reason: "has no plan=price entry" };
  return { ok: true, plans };
}

function entryProblem(plan: string, price: string, seen: Record<string, string>): string | undefined {
  if (!plan.trim()) return "has an entry without a plan code";
  if (!price.trim()) return `has no price id for plan "${plan.trim()}"`;
  if (plan.trim() in seen) return `names plan "${plan.trim()}" twice`;
  return undefined;
}
