// What bin/asc.js does before anything loads the AWS SDK: asc doctor reports an old Node.js once, with the fix
// (src/cli/lib/doctor-checks.ts), so the SDK's own per-process notice stays off in tests too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
