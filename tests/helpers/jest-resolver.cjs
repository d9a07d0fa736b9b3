/**
 * Jest's resolver: its own, plus one fallback. The tests run as CommonJS (tests/helpers/swc-transform.cjs), so Jest
 * resolves package exports with the "require" condition. Some ESM-only packages (unicorn-magic, which execa loads)
 * offer only "import" entries; Node's ESM loader, which runs asc for real, picks those. When a package has no entry
 * for "require", this resolves it as an import would, and the transform compiles what it finds.
 */
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    const conditions = options.conditions ?? [];
    if (conditions.includes("import")) throw error;
    return options.defaultResolver(request, {
      ...options,
      conditions: [...conditions.filter((c) => c !== "require"), "import"],
    });
  }
};
