export * from "./types.js";
export * from "./catalog.js";
export * from "./derive.js";
export * from "./public-surface.js";
export * from "./writable-paths.js";
