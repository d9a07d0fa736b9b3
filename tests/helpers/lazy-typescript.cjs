// See src/preview/lazy-module.cjs.
const path = require("node:path");
const { lazyModule } = require("../../src/preview/lazy-module.cjs");
module.exports = lazyModule(() => require(path.join(__dirname, "../../node_modules/typescript/lib/typescript.js")));
