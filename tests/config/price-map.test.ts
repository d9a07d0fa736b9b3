/** STRIPE_PRODUCT_PRICE_MAP, parsed as the app's settings parse it (see src/config/price-map.ts for the source). */
import { parseProductPriceMap } from "../../src/config/price-map.js";

describe("parseProductPriceMap", () => {
  it.each([
    ["starter=price_123,pro=price_456", { starter: "price_123", pro: "price_456" }],
    [" starter = price_123 , , pro:price_456 ", { starter: "price_123", pro: "price_456" }],
    ["a:b=c", { "a:b": "c" }],
    ['{"starter":"price_test_starter","pro":"price_test_pro"}', { starter: "price_test_starter", pro: "price_test_pro" }],
  ])("GIVEN %j THEN the app's plans are %j", (text, plans) => {
    expect(parseProductPriceMap(text)).toEqual({ ok: true, plans });
  });

  it.each([
    ["starter", 'has entry 1 without "=" (expected plan=price)'],
    ["starter=price_1,pro", 'has entry 2 without "=" (expected plan=price)'],
    ["=price_1", "has an entry without a plan code"],
    ["starter=", 'has no price id for plan "starter"'],
    ["starter=price_1,starter=price_2", 'names plan "starter" twice'],
    [" , ", "has no plan=price entry"],
    ["{}", "has no plan=price entry"],
    ['["price_1"]', "is JSON but not an object of plan codes to price ids"],
    ["42", "is JSON but not an object of plan codes to price ids"],
    ['"starter=price_1"', "is JSON but not an object of plan codes to price ids"],
    ['{"starter":1}', 'gives plan "starter" a number instead of a price id string'],
    ['{"starter":null}', 'gives plan "starter" a null instead of a price id string'],
    ['{" ":"price_1"}', "has an entry without a plan code"],
  ])("GIVEN %j THEN it is refused: it %s", (text, reason) => {
    expect(parseProductPriceMap(text)).toEqual({ ok: false, reason });
  });
});
